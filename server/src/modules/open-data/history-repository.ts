import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { rawRows } from '../../platform/db/index.ts';
import { openDataRefreshes } from './tables.ts';

export type RefreshRow = typeof openDataRefreshes.$inferSelect;
export type RefreshSummary = Omit<RefreshRow, 'rowDigests'>;

const summary = {
  id: openDataRefreshes.id,
  datasetId: openDataRefreshes.datasetId,
  at: openDataRefreshes.at,
  rowCount: openDataRefreshes.rowCount,
  added: openDataRefreshes.added,
  removed: openDataRefreshes.removed,
  changed: openDataRefreshes.changed,
  digest: openDataRefreshes.digest,
};

export const refreshRepo = {
  async latest(db: Executor, datasetId: string): Promise<RefreshRow | undefined> {
    const [row] = await db.select().from(openDataRefreshes).where(eq(openDataRefreshes.datasetId, datasetId)).orderBy(desc(openDataRefreshes.at)).limit(1);
    return row;
  },
  async insert(db: Executor, row: RefreshRow) {
    await db.insert(openDataRefreshes).values(row);
  },
  /** The newest refreshes of one dataset, without the row digests. */
  async history(db: Executor, datasetId: string, limit: number): Promise<RefreshSummary[]> {
    return db.select(summary).from(openDataRefreshes).where(eq(openDataRefreshes.datasetId, datasetId)).orderBy(desc(openDataRefreshes.at)).limit(limit);
  },
  /** The latest refresh of every dataset (one statement). */
  async latestOfAll(db: Executor): Promise<Map<string, { at: Date; rowCount: number; refreshes: number }>> {
    const rows = await rawRows<{ datasetId: string; at: string | Date; rowCount: number; refreshes: number }>(
      db,
      sql`select distinct on (dataset_id) dataset_id as "datasetId", at, row_count as "rowCount",
            count(*) over (partition by dataset_id)::int as refreshes
          from ${openDataRefreshes} order by dataset_id, at desc`,
    );
    return new Map(rows.map((r) => [r.datasetId, { at: new Date(r.at), rowCount: Number(r.rowCount), refreshes: Number(r.refreshes) }]));
  },
};
