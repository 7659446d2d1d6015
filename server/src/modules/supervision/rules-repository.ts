import { and, asc, count, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { sqlRegionWithin } from '../../platform/auth/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { supervisionRuleHits as hits, supervisionRules as rules } from './rules-tables.ts';

export type RuleRow = typeof rules.$inferSelect;
export type RuleInsert = typeof rules.$inferInsert;
export type HitRow = typeof hits.$inferSelect;
export type HitInsert = typeof hits.$inferInsert;

/** 'all', or the scopes (region subtree, and department when bound) of the reader's grants. */
export type HitVisibility = 'all' | { regionPath: string; departmentId: string | null }[];

function visible(v: HitVisibility): SQL {
  if (v === 'all') return sql`true`;
  if (v.length === 0) return sql`false`;
  return or(...v.map((s) => and(sqlRegionWithin(hits.regionPath, s.regionPath), s.departmentId ? eq(hits.departmentId, s.departmentId) : undefined)!))!;
}

export const rulesRepo = {
  async all(db: Executor) {
    return db.select().from(rules).orderBy(asc(rules.code));
  },
  /** Adds the rules of the code missing from the table (never changes an existing one). */
  async insertMissing(db: Executor, rows: RuleInsert[]) {
    if (rows.length === 0) return [];
    return db.insert(rules).values(rows).onConflictDoNothing().returning();
  },
  async lock(db: Executor, code: string) {
    const [row] = await db.select().from(rules).where(eq(rules.code, code)).for('update');
    return row;
  },
  async update(db: Executor, code: string, version: number, patch: Partial<RuleInsert>) {
    const [row] = await db
      .update(rules)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(rules.code, code), eq(rules.version, version)))
      .returning();
    return row;
  },
  async setOwner(db: Executor, ownerRegionPath: string) {
    await db.update(rules).set({ ownerRegionPath }).where(eq(rules.ownerRegionPath, ''));
  },
};

export const hitsRepo = {
  /** One hit per rule × subject: a subject found again is left as it is. Returns the new hits. */
  async insertNew(db: Executor, rows: HitInsert[]) {
    if (rows.length === 0) return [];
    return db
      .insert(hits)
      .values(rows)
      .onConflictDoNothing({ target: [hits.ruleCode, hits.subjectKey] })
      .returning({ id: hits.id, ruleCode: hits.ruleCode });
  },
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(hits).where(eq(hits.id, id));
    return row;
  },
  async lock(db: Executor, id: string) {
    const [row] = await db.select().from(hits).where(eq(hits.id, id)).for('update');
    return row;
  },
  async update(db: Executor, id: string, version: number, patch: Partial<HitInsert>) {
    const [row] = await db
      .update(hits)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(hits.id, id), eq(hits.version, version)))
      .returning();
    return row;
  },
  async openCountsByRule(db: Executor, v: HitVisibility) {
    return db
      .select({ ruleCode: hits.ruleCode, n: count() })
      .from(hits)
      .where(and(visible(v), eq(hits.status, 'open')))
      .groupBy(hits.ruleCode);
  },
  async list(
    db: Executor,
    v: HitVisibility,
    f: { ruleCode?: string; status?: HitRow['status']; departmentId?: string; caseNo?: string },
    q: { page: number; pageSize: number },
  ) {
    const where = and(
      visible(v),
      f.ruleCode ? eq(hits.ruleCode, f.ruleCode) : undefined,
      f.status ? eq(hits.status, f.status) : undefined,
      f.departmentId ? eq(hits.departmentId, f.departmentId) : undefined,
      f.caseNo ? eq(hits.caseNo, f.caseNo) : undefined,
    );
    // Open ones first, the most severe first, newest first.
    const openFirst = sql`case ${hits.status} when 'open' then 0 else 1 end`;
    const severe = sql`case ${hits.severity} when 'high' then 0 when 'medium' then 1 else 2 end`;
    const [rows, [total]] = await Promise.all([
      db.select().from(hits).where(where).orderBy(openFirst, severe, desc(hits.foundAt), asc(hits.id)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(hits).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};
