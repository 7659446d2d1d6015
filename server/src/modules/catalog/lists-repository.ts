import { and, asc, count, eq, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { rawRows, type Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { catalogFees, catalogGuideVersions, catalogIntermediaries, catalogPowers } from './tables.ts';

/**
 * Data access for the three lists (收费目录, 权责清单, 中介服务清单): one table each, the same
 * lifecycle columns (code, retired_at, retire_reason, version), so one set of queries serves all three.
 */
export type FeeRow = typeof catalogFees.$inferSelect;
export type PowerRow = typeof catalogPowers.$inferSelect;
export type IntermediaryRow = typeof catalogIntermediaries.$inferSelect;
export interface ListRows {
  fees: FeeRow;
  powers: PowerRow;
  intermediaries: IntermediaryRow;
}
export type ListName = keyof ListRows;
export type EntryStatus = 'active' | 'retired' | 'all';

interface ListTable {
  table: PgTable;
  id: PgColumn;
  code: PgColumn;
  retiredAt: PgColumn;
  /** Searched anywhere in the text (q). */
  contains: PgColumn[];
}

const tables: Record<ListName, ListTable> = {
  fees: {
    table: catalogFees,
    id: catalogFees.id,
    code: catalogFees.code,
    retiredAt: catalogFees.retiredAt,
    contains: [catalogFees.name, catalogFees.basis, catalogFees.collectingDepartmentName],
  },
  powers: {
    table: catalogPowers,
    id: catalogPowers.id,
    code: catalogPowers.code,
    retiredAt: catalogPowers.retiredAt,
    contains: [catalogPowers.name, catalogPowers.departmentName, catalogPowers.powerType],
  },
  intermediaries: {
    table: catalogIntermediaries,
    id: catalogIntermediaries.id,
    code: catalogIntermediaries.code,
    retiredAt: catalogIntermediaries.retiredAt,
    contains: [catalogIntermediaries.name, catalogIntermediaries.requiredFor, catalogIntermediaries.departmentName],
  },
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function whereOf(t: ListTable, q: { q?: string; status: EntryStatus }): SQL | undefined {
  const status = q.status === 'active' ? isNull(t.retiredAt) : q.status === 'retired' ? isNotNull(t.retiredAt) : undefined;
  if (!q.q) return status;
  const e = escapeLike(q.q);
  // The code matches by prefix (as typed and upper-cased), the texts anywhere.
  return and(status, or(...t.contains.map((c) => like(c, `%${e}%`)), like(t.code, `${e.toUpperCase()}%`), like(t.code, `${e}%`)));
}

/** One page of a list in code order, with the total. */
export async function pageEntries<L extends ListName>(
  db: Executor,
  list: L,
  q: { q?: string; status: EntryStatus; page: number; pageSize: number },
): Promise<{ rows: ListRows[L][]; total: number }> {
  const t = tables[list];
  const where = whereOf(t, q);
  const [rows, [total]] = await Promise.all([
    db.select().from(t.table).where(where).orderBy(asc(t.code)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(t.table).where(where),
  ]);
  return { rows: rows as ListRows[L][], total: total?.n ?? 0 };
}

/** Every entry of a list (retired ones too), in code order: the xlsx export and import. */
export async function allEntries<L extends ListName>(db: Executor, list: L): Promise<ListRows[L][]> {
  const t = tables[list];
  return (await db.select().from(t.table).orderBy(asc(t.code))) as ListRows[L][];
}

/** The entry with this code, locked for the rest of the transaction. */
export async function lockEntry<L extends ListName>(db: Executor, list: L, code: string): Promise<ListRows[L] | undefined> {
  const t = tables[list];
  const [row] = await db.select().from(t.table).where(eq(t.code, code)).for('update');
  return row as ListRows[L] | undefined;
}

export async function codeTaken(db: Executor, list: ListName, code: string): Promise<boolean> {
  const t = tables[list];
  return (await db.select({ id: t.id }).from(t.table).where(eq(t.code, code))).length > 0;
}

export async function insertEntry<L extends ListName>(
  db: Executor,
  list: L,
  row: Omit<ListRows[L], 'retiredAt' | 'retireReason' | 'version' | 'createdAt' | 'updatedAt'>,
): Promise<ListRows[L]> {
  const [saved] = await db
    .insert(tables[list].table)
    .values(row as never)
    .returning();
  return saved as ListRows[L];
}

/** Writes changed fields with the next version. */
export async function updateEntry<L extends ListName>(db: Executor, list: L, id: string, set: Partial<ListRows[L]>, version: number): Promise<ListRows[L]> {
  const t = tables[list];
  const [saved] = await db
    .update(t.table)
    .set({ ...set, version, updatedAt: new Date() } as never)
    .where(eq(t.id, id))
    .returning();
  return saved as ListRows[L];
}

/** The fees with these codes (a guide's citations). */
export async function feesByCode(db: Executor, codes: string[]): Promise<FeeRow[]> {
  if (codes.length === 0) return [];
  return db.select().from(catalogFees).where(inArray(catalogFees.code, codes));
}

/**
 * How many implementations cite each fee in their published version and in a working (draft or
 * submitted) one: one grouped query over the guides' fee arrays.
 */
export async function feeCitationCounts(db: Executor, codes: string[]): Promise<{ code: string; working: boolean; n: number }[]> {
  if (codes.length === 0) return [];
  const v = catalogGuideVersions;
  const rows = await rawRows<{ code: string; working: boolean; n: number | string }>(
    db,
    sql`SELECT f->>'feeCode' AS code, ${v.status} <> 'published' AS working, count(DISTINCT ${v.implementationId}) AS n
        FROM ${v} CROSS JOIN LATERAL jsonb_array_elements(${v.guide}->'fees') AS f
        WHERE ${inArray(v.status, ['published', 'draft', 'submitted'])} AND f->>'feeCode' IN (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )})
        GROUP BY 1, 2`,
  );
  return rows.map((r) => ({ code: r.code, working: r.working, n: Number(r.n) }));
}
