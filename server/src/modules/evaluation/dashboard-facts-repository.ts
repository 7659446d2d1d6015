import { and, between, count, eq, sql, sum } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { evaluations } from './tables.ts';

/**
 * One day's 好差评 of one (department, item, region, window): evaluations rated that day that stand (an
 * accepted appeal annuls one), of which satisfied (levels 3–5, 基本满意 and better, as the public
 * summary counts) and bad (1–2), with the sum of their levels.
 */
export interface EvaluationDayFact {
  day: string;
  departmentId: string;
  departmentName: string;
  implementationCode: string;
  itemName: string;
  regionPath: string;
  /** The window rated ('' for none), and its label. */
  windowId: string;
  windowLabel: string;
  evaluations: number;
  satisfied: number;
  bad: number;
  levelSum: number;
}

/**
 * 领导驾驶舱: the day facts of the evaluations rated in [from, to], whoever asks (the supervision
 * module aggregates them and checks its own permission when it shows them). One grouped query.
 */
export async function evaluationDayFacts(ctx: Ctx, range: { from: string; to: string }): Promise<EvaluationDayFact[]> {
  const e = evaluations;
  return ctx.database.db
    .select({
      day: e.ratedOn,
      departmentId: sql<string>`${e.departmentId}::text`,
      departmentName: sql<string>`min(${e.departmentName})`,
      implementationCode: e.implementationCode,
      itemName: sql<string>`min(${e.itemName})`,
      regionPath: e.regionPath,
      windowId: sql<string>`coalesce(${e.windowId}::text, '')`,
      windowLabel: sql<string>`coalesce(min(${e.windowLabel}), '')`,
      evaluations: count(),
      satisfied: sql<number>`count(*) filter (where ${e.level} >= 3)`.mapWith(Number),
      bad: sql<number>`count(*) filter (where ${e.level} <= 2)`.mapWith(Number),
      levelSum: sum(e.level).mapWith(Number),
    })
    .from(e)
    .where(and(between(e.ratedOn, range.from, range.to), eq(e.annulled, false)))
    .groupBy(e.ratedOn, e.departmentId, e.implementationCode, e.regionPath, e.windowId)
    .orderBy(e.ratedOn);
}
