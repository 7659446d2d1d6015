import { desc, sql } from 'drizzle-orm';
import type { Tx } from '../db/types.ts';
import { newId } from '../db/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { auditEvents } from './tables.ts';
import { GENESIS_HASH, chainHash, type ChainedFields } from './chain.ts';

export interface AuditInput {
  action: string;
  objectType: string;
  objectId: string;
  /** What changed: { before, after } summaries, or what was read. Never raw personal data. */
  summary?: Record<string, unknown>;
}

const AUDIT_LOCK_KEY = 7_020_345; // arbitrary constant: the advisory lock that orders the chain

/**
 * Appends events at the end of a transaction. The advisory lock serialises writers across all
 * server processes for the instant between reading the chain head and committing.
 */
export async function appendAuditEvents(
  tx: Tx,
  actor: Actor,
  meta: { requestId: string | null; ip: string | null },
  inputs: AuditInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [head] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const rows = [];
  for (const input of inputs) {
    seq += 1;
    const fields: ChainedFields = {
      seq,
      id: newId(),
      occurredAt: new Date(),
      actorId: actor.id,
      actorKind: actor.kind,
      actorName: actor.name,
      action: input.action,
      objectType: input.objectType,
      objectId: input.objectId,
      summary: input.summary ?? {},
      requestId: meta.requestId,
      ip: meta.ip,
    };
    const hash = chainHash(prevHash, fields);
    rows.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  await tx.insert(auditEvents).values(rows);
}
