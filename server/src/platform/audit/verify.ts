import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/types.ts';
import { auditEvents } from './tables.ts';
import { GENESIS_HASH, chainHash } from './chain.ts';

export type VerifyResult =
  | { ok: true; events: number; unsealed: number; headHash: string }
  | { ok: false; events: number; unsealed: number; brokenAt: { seq: number; id: string | null; reason: string } };

type Broken = { seq: number; id: string | null; reason: string };

/**
 * Walks the whole chain in seq order; names the first sealed event whose hash, predecessor or
 * sequence does not fit. Events not yet sealed (decision 0006) are counted in `unsealed`: they are
 * not protected yet. Events written before decision 0006 are numbered 1, 2, … without gaps and
 * carry no prev_seq; those sealed after it may skip seqs (rolled-back transactions) and name the
 * event sealed before them, so a deleted one is still named.
 */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let lastSeen = 0;
  let count = 0;
  let unsealed = 0;
  let firstUnsealed: { seq: number; id: string } | null = null;
  let sealedAfterDecision = false;
  const broken = (brokenAt: Broken): VerifyResult => ({ ok: false, events: count, unsealed, brokenAt });
  for (;;) {
    const rows = await db.select().from(auditEvents).where(gt(auditEvents.seq, lastSeen)).orderBy(asc(auditEvents.seq)).limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      lastSeen = row.seq;
      if (row.hash === null) {
        unsealed += 1;
        firstUnsealed ??= { seq: row.seq, id: row.id };
        continue;
      }
      if (firstUnsealed) {
        return broken({ ...firstUnsealed, reason: `not sealed, yet event ${row.seq} after it is: inserted after its successors were sealed` });
      }
      if (row.prevSeq === null) {
        if (sealedAfterDecision) return broken({ seq: row.seq, id: row.id, reason: 'prev_seq is missing (edited)' });
        if (row.seq !== prevSeq + 1) return broken({ seq: prevSeq + 1, id: null, reason: `event ${prevSeq + 1} is missing (next present is ${row.seq})` });
      } else {
        sealedAfterDecision = true;
        if (row.prevSeq > prevSeq) {
          const more = row.prevSeq > prevSeq + 1 ? `; events ${prevSeq + 1}–${row.prevSeq - 1} may be missing too` : '';
          return broken({ seq: row.prevSeq, id: null, reason: `event ${row.prevSeq} is missing (event ${row.seq} was sealed after it${more})` });
        }
        if (row.prevSeq < prevSeq)
          return broken({
            seq: prevSeq,
            id: null,
            reason: `event ${prevSeq} is not in the chain (event ${row.seq} was sealed after event ${row.prevSeq}): inserted`,
          });
      }
      if (row.prevHash !== prevHash) return broken({ seq: row.seq, id: row.id, reason: 'prev_hash does not match the previous event' });
      if (chainHash(prevHash, row) !== row.hash) return broken({ seq: row.seq, id: row.id, reason: 'content does not match its hash (edited)' });
      prevHash = row.hash;
      prevSeq = row.seq;
      count += 1;
    }
  }
  return { ok: true, events: count, unsealed, headHash: prevHash };
}
