import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { creditReports as reports } from './tables.ts';

export type ReportRow = typeof reports.$inferSelect;

/** Issued credit reports, found by the digest of their verification code. */
export const reportRepo = {
  async insert(db: Executor, row: typeof reports.$inferInsert): Promise<void> {
    await db.insert(reports).values(row);
  },
  async byCodeDigest(db: Executor, digest: string): Promise<ReportRow | undefined> {
    const [row] = await db.select().from(reports).where(eq(reports.codeDigest, digest)).limit(1);
    return row;
  },
};
