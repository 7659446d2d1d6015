import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { creditDisclosureAlerts as alerts } from './tables.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type AlertInsert = typeof alerts.$inferInsert;

/** 双公示 deadline digests sent (one per day × unit). */
export const alertRepo = {
  /** Records a digest; undefined when the unit was told that day already (nothing written). */
  async insertOnce(db: Executor, row: AlertInsert): Promise<AlertRow | undefined> {
    const [alert] = await db.insert(alerts).values(row).onConflictDoNothing().returning();
    return alert;
  },
  /** The digests of the last day one was sent. */
  async latestDay(db: Executor): Promise<AlertRow[]> {
    const [last] = await db.select({ day: alerts.day }).from(alerts).orderBy(desc(alerts.day)).limit(1);
    if (!last) return [];
    return db.select().from(alerts).where(eq(alerts.day, last.day)).orderBy(alerts.role, alerts.unitName);
  },
};
