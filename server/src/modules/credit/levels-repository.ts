import { sql } from 'drizzle-orm';
import { rawRows, type Executor } from '../../platform/db/index.ts';
import { creditLevelRules as rules, creditListEntries, creditRecords } from './tables.ts';

export type LevelRuleRow = typeof rules.$inferSelect;

/** The stored credit level rules (a few dozen rows at most). */
export const levelRuleRepo = {
  all(db: Executor): Promise<LevelRuleRow[]> {
    return db.select().from(rules);
  },
  /** Serialises rule edits (the thresholds are checked together). */
  async lockAll(db: Executor): Promise<void> {
    await db.execute(sql`LOCK TABLE ${rules} IN SHARE ROW EXCLUSIVE MODE`);
  },
  /**
   * The score of every entity credit holds a file of (a record or a list entry), one set-based
   * statement: base + points of its records in force (not repaired, not expired) + of its lists today.
   * `usccs`: only these entities (a page of a directory), else every one.
   */
  entityScores(
    db: Executor,
    today: string,
    base: number,
    record: Map<string, number>,
    list: Map<string, number>,
    usccs?: string[],
  ): Promise<{ uscc: string; score: number }[]> {
    const points = (m: Map<string, number>) =>
      m.size
        ? sql.join(
            [...m].map(([k, v]) => sql`(${k}::text, ${v}::int)`),
            sql`, `,
          )
        : sql`(NULL::text, 0)`;
    const only = (column: string) =>
      usccs
        ? sql` AND ${sql.raw(column)} IN (${sql.join(
            usccs.map((u) => sql`${u}`),
            sql`, `,
          )})`
        : sql``;
    return rawRows<{ uscc: string; score: number }>(
      db,
      sql`WITH rp(k, p) AS (VALUES ${points(record)}), lp(k, p) AS (VALUES ${points(list)}),
      rec AS (
        SELECT r.subject_key AS uscc,
               coalesce(sum(rp.p) FILTER (WHERE r.repaired_on IS NULL AND (r.valid_until IS NULL OR r.valid_until >= ${today})), 0) AS pts
        FROM ${creditRecords} r LEFT JOIN rp ON rp.k = r.kind
        WHERE r.subject_kind = 'entity'${only('r.subject_key')} GROUP BY r.subject_key),
      lst AS (
        SELECT e.uscc, coalesce(sum(lp.p), 0) AS pts FROM (
          SELECT DISTINCT subject_key AS uscc, list FROM ${creditListEntries}
          WHERE subject_kind = 'entity' AND status IN ('listed', 'removal_proposed') AND valid_from <= ${today} AND (valid_until IS NULL OR valid_until >= ${today})${only('subject_key')}
        ) e LEFT JOIN lp ON lp.k = e.list GROUP BY e.uscc)
      SELECT coalesce(rec.uscc, lst.uscc) AS uscc, (${base} + coalesce(rec.pts, 0) + coalesce(lst.pts, 0))::int AS score
      FROM rec FULL JOIN lst ON lst.uscc = rec.uscc`,
    );
  },
  async upsert(db: Executor, row: typeof rules.$inferInsert): Promise<LevelRuleRow> {
    const [saved] = await db
      .insert(rules)
      .values(row)
      .onConflictDoUpdate({
        target: [rules.regionPath, rules.factorKind, rules.factor],
        set: { points: row.points, note: row.note, version: row.version, updatedBy: row.updatedBy, updatedAt: row.updatedAt },
      })
      .returning();
    return saved!;
  },
};
