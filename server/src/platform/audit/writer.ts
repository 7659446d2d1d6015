import type { Tx } from '../db/types.ts';
import { FastInsert, sendWith, type Deferred } from '../db/deferred.ts';
import { newId } from '../db/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { auditEvents } from './tables.ts';

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

/**
 * Appends events at the end of a transaction, unsealed: each row takes its seq from
 * `audit_next_seq()` (the column default) and gets its hash later from the sealer (seal.ts), so
 * concurrent transactions never wait on each other here (decision 0006). The row still commits or
 * rolls back with the change it records.
 */
export async function appendAuditEvents(
  tx: Tx,
  actor: Actor,
  meta: { requestId: string | null; ip: string | null },
  inputs: AuditInput[],
  /** Inserts to send in the same statement (data-modifying CTEs before the audit insert): one round trip for all. */
  alongside: Deferred[] = [],
): Promise<void> {
  if (inputs.length === 0) {
    if (alongside.length) await sendWith(tx, alongside.slice(0, -1), alongside.at(-1)!);
    return;
  }
  const home = homeScopeOf(actor);
  const occurredAt = new Date();
  const rows = inputs.map((input) => {
    const scope = input.scope ? { regionPath: input.scope.regionPath, departmentId: input.scope.departmentId ?? null } : home;
    return {
      id: newId(),
      occurredAt,
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
  });
  // Written as text, not through Drizzle's builder (FastInsert: the audit row is one of a write's widest).
  await sendWith(tx, alongside, new FastInsert(auditEvents, rows));
}
