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
  /**
   * Where the event belongs: the changed or read object's region (and department). Without it the
   * event takes the acting staff member's home scope (see `homeScopeOf`); other actors' events
   * without a scope are visible only under a root grant.
   */
  scope?: { regionPath: string; departmentId?: string | null };
}

/**
 * A staff member's home scope: the deepest region containing all their grants, and their
 * department when every grant is bound to the same one. Others (citizens, system, anonymous): none.
 */
export function homeScopeOf(actor: Actor): { regionPath: string | null; departmentId: string | null } {
  if (actor.kind !== 'staff' || actor.grants.length === 0) return { regionPath: null, departmentId: null };
  const paths = actor.grants.map((g) => (g.regionPath === '' ? [] : g.regionPath.split('/')));
  const common: string[] = [];
  for (let i = 0; paths.every((p) => i < p.length && p[i] === paths[0]![i]); i++) common.push(paths[0]![i]!);
  const dept = actor.grants[0]!.departmentId;
  return { regionPath: common.join('/'), departmentId: dept && actor.grants.every((g) => g.departmentId === dept) ? dept : null };
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
  const home = homeScopeOf(actor);
  for (const input of inputs) {
    const scope = input.scope ? { regionPath: input.scope.regionPath, departmentId: input.scope.departmentId ?? null } : home;
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
      regionPath: scope.regionPath,
      departmentId: scope.departmentId,
    };
    const hash = chainHash(prevHash, fields);
    rows.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  await tx.insert(auditEvents).values(rows);
}
