import { and, asc, count, desc, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { rawRows, type Database, type Executor } from '../../platform/db/index.ts';
import { EntityPool } from './entity-pool.ts';
import {
  inspectionAssignments as assignments,
  inspectionDrawPools as drawPools,
  inspectionDraws as draws,
  inspectionEntities as entities,
  inspectionInspectors as inspectors,
  inspectionTasks as tasks,
  type TaskScope,
} from './tables.ts';
import { tasksOfDepartments } from './task-repository.ts';
import { sqlRegionWithinAny } from '../../platform/auth/index.ts';

// The draws of tasks, and the draw's bulk SQL: the pool read as canonical text by index-only scans,
// the recusal pairs found by joins, every assignment written in one statement.

export type DrawRow = typeof draws.$inferSelect;
export type DrawInsert = typeof draws.$inferInsert;

export const drawRepo = {
  async find(db: Executor, id: string): Promise<DrawRow | undefined> {
    const [row] = await db.select().from(draws).where(eq(draws.id, id));
    return row;
  },
  async lock(db: Executor, id: string): Promise<DrawRow | undefined> {
    const [row] = await db.select().from(draws).where(eq(draws.id, id)).for('update');
    return row;
  },
  async committedOfTask(db: Executor, taskId: string): Promise<DrawRow | undefined> {
    const [row] = await db
      .select()
      .from(draws)
      .where(and(eq(draws.taskId, taskId), eq(draws.status, 'committed')));
    return row;
  },
  async countOfTask(db: Executor, taskId: string): Promise<number> {
    const [row] = await db.select({ n: count() }).from(draws).where(eq(draws.taskId, taskId));
    return row?.n ?? 0;
  },
  ofTask(db: Executor, taskId: string): Promise<DrawRow[]> {
    return db.select().from(draws).where(eq(draws.taskId, taskId)).orderBy(asc(draws.seq));
  },
  /** The task's other draws, in order (the public draw page links them). */
  othersOfTask(db: Executor, taskId: string, drawId: string) {
    return db
      .select({ id: draws.id, seq: draws.seq, status: draws.status })
      .from(draws)
      .where(and(eq(draws.taskId, taskId), ne(draws.id, drawId)))
      .orderBy(asc(draws.seq));
  },
  /** The drawn (live) draw of each of these tasks. */
  drawnOfTasks(db: Executor, taskIds: string[]): Promise<{ id: string; taskId: string }[]> {
    return db
      .select({ id: draws.id, taskId: draws.taskId })
      .from(draws)
      .where(and(inArray(draws.taskId, taskIds), eq(draws.status, 'drawn')));
  },
  /** The last `limit` drawn (not voided) draws of other tasks that share a department with these. */
  async recentOfDepartments(db: Executor, exceptTaskId: string, departmentIds: string[], limit: number): Promise<string[]> {
    const rows = await db
      .select({ id: draws.id })
      .from(draws)
      .innerJoin(tasks, eq(tasks.id, draws.taskId))
      .where(and(eq(draws.status, 'drawn'), ne(draws.taskId, exceptTaskId), tasksOfDepartments(departmentIds)))
      .orderBy(desc(draws.drawnAt))
      .limit(limit);
    return rows.map((r) => r.id);
  },
  async insert(db: Executor, row: DrawInsert): Promise<void> {
    await db.insert(draws).values(row);
  },
  async update(db: Executor, id: string, patch: Partial<DrawInsert>): Promise<void> {
    await db.update(draws).set(patch).where(eq(draws.id, id));
  },
  /** All the draw's assignments in one statement, entity names joined in the database. */
  async insertAssignments(db: Executor, drawId: string, taskId: string, rows: { id: string; seq: number; uscc: string; k: string[] }[]): Promise<void> {
    await db.execute(sql`
      INSERT INTO ${assignments} (id, draw_id, task_id, seq, uscc, entity_name, inspector_ids)
      SELECT x.id, ${drawId}::uuid, ${taskId}::uuid, x.seq, x.uscc, coalesce(e.name, x.uscc), x.k
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(id uuid, seq int, uscc text, k jsonb)
      LEFT JOIN ${entities} e ON e.uscc = x.uscc`);
  },
};

/**
 * The pool filter of a task (its region subtrees `roots`, never empty, and the scope's industries and
 * levels), on the entity columns (for joins) or on the draw line (index-only scan).
 */
export function poolFilter(roots: string[], scope: TaskScope): { columns: SQL; line: SQL } {
  const columns = and(
    eq(entities.active, true),
    sqlRegionWithinAny(entities.regionPath, roots),
    scope.industries?.length ? inArray(entities.industry, scope.industries) : undefined,
    scope.riskLevels?.length ? inArray(entities.riskLevel, scope.riskLevels) : undefined,
    scope.creditLevels?.length ? inArray(sql`coalesce(${entities.computedCreditLevel}, ${entities.creditLevel})`, scope.creditLevels) : undefined,
  )!;
  // The same filter on the columns of inspection_entities_draw_idx only (draw_line, industry, active).
  const field = (n: number) => sql`split_part(${entities.drawLine}, '|', ${sql.raw(String(n))})`;
  const list = (xs: string[]) =>
    sql.join(
      xs.map((x) => sql`${x}`),
      sql`, `,
    );
  const line = and(
    eq(entities.active, true),
    // path under r: only the region path holds a "/", so "|r/" can only be its start (strpos is a
    // fraction of split_part's cost over a million lines); path = r is checked exactly.
    or(...roots.map((r) => sql`(strpos(${entities.drawLine}, ${`|${r}/`}) > 0 OR (strpos(${entities.drawLine}, ${`|${r}|`}) > 0 AND ${field(3)} = ${r}))`)),
    scope.industries?.length ? inArray(entities.industry, scope.industries) : undefined,
    scope.riskLevels?.length ? sql`${field(4)} IN (${list(scope.riskLevels)})` : undefined,
    scope.creditLevels?.length ? sql`left(${field(5)}, 1) IN (${list(scope.creditLevels)})` : undefined,
  )!;
  return { columns, line };
}

/** Parts a pool is read in (consecutive USCC ranges), so that parsing one overlaps reading the next. */
const POOL_PARTS = 8;

/**
 * Where to cut the pool into parts: draw lines taken from the column's histogram (pg_stats), or
 * none (one part) when there are no statistics yet. Any values are correct cuts; the statistics
 * only make the parts about even.
 */
async function poolCuts(db: Executor): Promise<string[]> {
  const [row] = await rawRows<{ bounds: string[] | null }>(
    db,
    sql`SELECT histogram_bounds::text::text[] AS bounds FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'inspection_entities' AND attname = 'draw_line'`,
  );
  const bounds = row?.bounds ?? [];
  if (bounds.length < POOL_PARTS * 2) return [];
  return [...new Set(Array.from({ length: POOL_PARTS - 1 }, (_, j) => bounds[Math.round(((j + 1) * (bounds.length - 1)) / POOL_PARTS)]!))];
}

/**
 * The entity pool as canonical text, in USCC order, read by index-only scans of
 * inspection_entities_draw_idx and aggregated in the database: one value per part (USCC range), no
 * row objects. Each part's statement also stores it as part of the draw's pool
 * (inspection_draw_pools), so the text never travels back. The next part's statement is sent as
 * soon as a part arrives, before that part is hashed and parsed here: the database reads one while
 * this process works on the other, and the connection never has two queries queued.
 */
export async function readPool(db: Executor, kind: Database['kind'], filter: SQL, drawId: string): Promise<EntityPool> {
  const isPg = kind === 'postgres';
  // The planner underestimates the split_part filters and would sort; the index gives the order.
  // The one-row CTE is kept in memory (work_mem), and the stored text is compressed with lz4 where
  // the server has it (several times faster than the default pglz).
  const names = ['enable_sort', 'enable_seqscan', 'work_mem', ...(isPg ? ['jit', 'max_parallel_workers_per_gather', 'default_toast_compression'] : [])];
  const set = (values: string[]) =>
    db.execute(sql.raw(`SELECT ${names.map((k, i) => `set_config('${k}', '${values[i]!.replace(/'/g, "''")}', true)`).join(', ')}`));
  // Restored afterwards to what they were (for the rest of the transaction).
  const [before] = await rawRows<Record<string, string> & { lz4?: boolean }>(
    db,
    sql.raw(
      `SELECT ${names.map((k) => `current_setting('${k}') AS ${k}`).join(', ')}${isPg ? `, (SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression') AS lz4` : ''}`,
    ),
  );
  const cuts = await poolCuts(db);
  await set(['off', 'off', '64MB', ...(isPg ? ['off', '0', before!.lz4 ? 'lz4' : before!.default_toast_compression!] : [])]);
  const part = (i: number) => {
    const range = and(i > 0 ? sql`${entities.drawLine} >= ${cuts[i - 1]}` : undefined, i < cuts.length ? sql`${entities.drawLine} < ${cuts[i]}` : undefined);
    return rawRows<{ lines: string }>(
      db,
      sql`WITH p AS MATERIALIZED (
            SELECT coalesce(string_agg(l, ''), '') AS lines FROM (SELECT ${entities.drawLine} AS l FROM ${entities} WHERE ${and(filter, range)} ORDER BY ${entities.drawLine}) s),
          stored AS (INSERT INTO ${drawPools} (draw_id, part, entities) SELECT ${drawId}::uuid, ${i}, lines FROM p)
          SELECT lines FROM p`,
    ).then(([row]) => row?.lines ?? '');
  };
  const builder = EntityPool.builder();
  let pending = part(0);
  for (let i = 0; i <= cuts.length; i++) {
    const text = await pending;
    if (i < cuts.length) pending = part(i + 1); // sent now: the connection is idle again
    builder.add(text);
  }
  await set(names.map((k) => before![k]!));
  return builder.finish();
}

/**
 * The pools for a task as they are now: filtered, with recusal pairs. Inspector keys are directory
 * ids. The pool is stored with the draw as it is read (readPool).

/** Same-address recusal: inspectors (of those with an address) and pool entities at one address key. */
export function sameAddressPairs(db: Executor, inspectorIds: string[], poolColumns: SQL): Promise<{ k: string; uscc: string }[]> {
  return db
    .select({ k: inspectors.id, uscc: entities.uscc })
    .from(inspectors)
    .innerJoin(entities, eq(entities.addressKey, inspectors.addressKey))
    .where(and(inArray(inspectors.id, inspectorIds), poolColumns));
}
