import { createHash } from 'node:crypto';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { refreshRepo } from './history-repository.ts';

/**
 * Update history (更新记录) of the open datasets: each refresh records when, how many rows, and what
 * changed since the previous one (rows added and removed, counted on a SHA-256 digest of each public
 * row, so an edited row counts once as removed and once as added). Only redacted rows are hashed.
 */
const hash = (s: string) => createHash('sha256').update(s).digest('hex');

function canonical(row: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((k) => [k, row[k]]),
  );
}

export interface RefreshOutcome {
  datasetId: string;
  at: string;
  rowCount: number;
  added: number;
  removed: number;
  changed: boolean;
}

/** Records one refresh of a dataset from its public rows (audited; one transaction). */
export async function recordRefresh(ctx: Ctx, datasetId: string, rows: Record<string, unknown>[]): Promise<RefreshOutcome> {
  const at = ctx.now?.() ?? new Date();
  const digests = rows.map((r) => hash(canonical(r)).slice(0, 24)).sort();
  const digest = hash(digests.join('\n'));
  return transact(ctx, async (t) => {
    const previous = await refreshRepo.latest(t.tx, datasetId);
    const before = new Map<string, number>();
    for (const d of previous?.rowDigests ?? []) before.set(d, (before.get(d) ?? 0) + 1);
    let added = 0;
    for (const d of digests) {
      const n = before.get(d) ?? 0;
      if (n > 0) before.set(d, n - 1);
      else added++;
    }
    const removed = [...before.values()].reduce((a, b) => a + b, 0);
    const changed = !previous || previous.digest !== digest;
    await refreshRepo.insert(t.tx, { id: newId(), datasetId, at, rowCount: rows.length, added, removed, changed, digest, rowDigests: digests });
    t.audit({
      action: 'open_data.dataset.refresh',
      objectType: 'open_dataset',
      objectId: datasetId,
      summary: { rowCount: rows.length, added, removed, changed },
    });
    return { datasetId, at: at.toISOString(), rowCount: rows.length, added, removed, changed };
  });
}

/** The newest refreshes of a dataset (public: counts and times only). */
export async function historyOf(ctx: Ctx, datasetId: string, limit = 30) {
  const rows = await refreshRepo.history(ctx.database.db, datasetId, limit);
  return rows.map((r) => ({ at: r.at.toISOString(), rowCount: r.rowCount, added: r.added, removed: r.removed, changed: r.changed }));
}

export const latestRefreshes = (ctx: Ctx) => refreshRepo.latestOfAll(ctx.database.db);
