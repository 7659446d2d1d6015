import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { supervisionMonthlyReports as r } from './tables.ts';

export type MonthlyReportRow = typeof r.$inferSelect;

/** The SQL of the stored monthly reports of 领导驾驶舱. */
export const monthlyReportRepo = {
  async find(db: Executor, month: string, regionCode: string): Promise<MonthlyReportRow | undefined> {
    const [row] = await db
      .select()
      .from(r)
      .where(and(eq(r.month, month), eq(r.regionCode, regionCode)));
    return row;
  },
  /** Replaces the month's report of the region (a rerun regenerates it). */
  async upsert(db: Executor, row: MonthlyReportRow): Promise<void> {
    await db
      .insert(r)
      .values(row)
      .onConflictDoUpdate({
        target: [r.month, r.regionCode],
        set: { fileId: row.fileId, size: row.size, generatedAt: row.generatedAt, regionName: row.regionName },
      });
  },
  async listOf(db: Executor, regionCodes: string[]): Promise<MonthlyReportRow[]> {
    if (regionCodes.length === 0) return [];
    return db.select().from(r).where(inArray(r.regionCode, regionCodes)).orderBy(desc(r.month), r.regionCode).limit(120);
  },
};
