import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/types.ts';
import { auditEvents } from './tables.ts';
import { GENESIS_HASH, chainHash } from './chain.ts';

export type VerifyResult =
  | { ok: true; events: number; headHash: string }
  | { ok: false; events: number; brokenAt: { seq: number; id: string | null; reason: string } };

/** Walks the whole chain in order; names the first event whose hash or sequence does not fit. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, expectedSeq - 1)).orderBy(asc(auditEvents.seq)).limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return { ok: false, events: count, brokenAt: { seq: expectedSeq, id: null, reason: `event ${expectedSeq} is missing (next present is ${row.seq})` } };
      }
      if (row.prevHash !== prevHash) {
        return { ok: false, events: count, brokenAt: { seq: row.seq, id: row.id, reason: 'prev_hash does not match the previous event' } };
      }
      const expected = chainHash(prevHash, row);
      if (expected !== row.hash) {
        return { ok: false, events: count, brokenAt: { seq: row.seq, id: row.id, reason: 'content does not match its hash (edited)' } };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
  }
  return { ok: true, events: count, headHash: prevHash };
}
