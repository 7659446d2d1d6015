import { and, asc, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { changeRows } from './rollup-repository.ts';
import type { TicketRow } from './repository.ts';
import { hotlineDailyStatsDelta, hotlineTickets, urgingOpenSql, urgingWatchSql } from './tables.ts';

/**
 * The urging job's reads and writes (issue 12: at 1,000,000 tickets the job used to load every open
 * ticket, 190,000 rows and 700 MB, and write each change in a transaction of its own).
 *
 * `timeStateSql` is urging.ts `timeStateAt` in SQL; urging.test.ts checks that they agree on every
 * combination. The job selects the tickets where it differs from what is stored, in pages, and the
 * JavaScript still decides each one.
 */

/** The ticket columns (or, for bench-data, the expressions) the time state is computed from. */
export interface TimeColumns {
  status: SQL;
  signedAt: SQL;
  signDueAt: SQL;
  dueDate: SQL;
  dueAt: SQL;
  urgeDueDate: SQL;
}

const c = (name: string) => sql.raw(name);
export const ticketTimeColumns: TimeColumns = {
  status: c('status'),
  signedAt: c('signed_at'),
  signDueAt: c('sign_due_at'),
  dueDate: c('due_date'),
  dueAt: c('due_at'),
  urgeDueDate: c('urge_due_date'),
};

/**
 * The state and misses of urging.ts `timeStateAt` as SQL expressions, at `now` (a timestamptz) on
 * `today` (its Asia/Shanghai date).
 */
export function timeStateSql(t: TimeColumns, now: SQL, today: SQL): { state: SQL; misses: SQL } {
  const signOverdue = sql`(${t.signedAt} IS NULL AND ${t.signDueAt} IS NOT NULL AND ${t.status} = 'dispatched' AND ${t.signDueAt} < ${now})`;
  const dueOverdue = sql`(CASE WHEN ${t.dueAt} IS NOT NULL THEN ${t.dueAt} < ${now} ELSE ${t.dueDate} IS NOT NULL AND ${t.dueDate} < ${today} END)`;
  const dueNear = sql`(CASE WHEN ${t.dueAt} IS NOT NULL THEN ${t.dueAt} < ${now} + interval '1 hour' ELSE ${t.dueDate} IS NOT NULL AND ${t.dueDate} = ${today} END)`;
  const signNear = sql`(${t.status} = 'dispatched' AND ${t.signDueAt} IS NOT NULL AND ${t.signDueAt} < ${now} + interval '30 minutes')`;
  return {
    state: sql`(CASE WHEN ${signOverdue} OR ${dueOverdue} THEN 'overdue' WHEN ${dueNear} OR ${signNear} THEN 'near' ELSE 'ok' END)`,
    misses: sql`(CASE WHEN ${dueOverdue} THEN CASE WHEN ${t.urgeDueDate} IS NOT NULL AND ${t.urgeDueDate} < ${today} THEN 2 ELSE 1 END ELSE 0 END)`,
  };
}

/**
 * Where to look, each a walk over one partial index (tables.ts). Every open ticket whose state must
 * change is in one of them (urging.test.ts):
 * - `ok`, due by tomorrow: a stored ok can only become near or overdue by its due date (then due today,
 *   or within the hour: by tomorrow, as `due_date` is the day of `due_at`) or by its sign limit
 *   (dispatched: the watch list);
 * - `overdue`, due today or later: an overdue can only become ok or near when its due date has not
 *   passed (or by its sign limit — overdue without a first miss: the watch list); a further miss
 *   needs no first miss yet or an urge (the watch list);
 * - the watch list: the few others (see urgingWatchSql).
 * The tickets past due and already marked — the backlog of a whole city — are in none of them.
 */
export const urgingRanges = ['ok', 'overdue', 'watch'] as const;
export type UrgingRange = (typeof urgingRanges)[number];

export interface UrgingAt {
  now: Date;
  today: string;
  /** The Asia/Shanghai date an hour after `now`. */
  inAnHour: string;
}

/** Where the last page ended: `due_date` and id for the two ranges, id for the watch list. */
export type UrgingKey = { dueDate: string | null; id: string };

/** One page of open tickets in `range` whose stored state differs from `timeStateSql` at `at`, after `after`, in the range's index order. */
export async function urgingCandidates(db: Executor, range: UrgingRange, at: UrgingAt, after: UrgingKey | undefined, limit: number): Promise<TicketRow[]> {
  const now = sql`${at.now.toISOString()}::timestamptz`;
  const today = sql`${at.today}::date`;
  const { state, misses } = timeStateSql(ticketTimeColumns, now, today);
  const differs = sql`(${state} <> time_state OR ${misses} > miss_count)`;
  const t = hotlineTickets;
  const where =
    range === 'watch'
      ? and(sql.raw(urgingWatchSql), after ? sql`id > ${after.id}::uuid` : undefined)
      : and(
          range === 'ok' ? sql`time_state = 'ok' AND due_date <= ${at.inAnHour}::date` : sql`time_state = 'overdue' AND due_date >= ${today}`,
          after ? sql`(due_date, id) > (${after.dueDate}::date, ${after.id}::uuid)` : undefined,
        );
  return db
    .select(getTableColumns(t))
    .from(t)
    .where(and(sql.raw(urgingOpenSql), where, differs))
    .orderBy(...(range === 'watch' ? [asc(t.id)] : [asc(t.dueDate), asc(t.id)]))
    .limit(limit);
}

/** Tickets by id, locked for the transaction (one statement, the same text for any number). */
export async function lockTickets(db: Executor, ids: string[]): Promise<TicketRow[]> {
  if (!ids.length) return [];
  return db
    .select()
    .from(hotlineTickets)
    .where(sql`${hotlineTickets.id} = ANY(${`{${ids.join(',')}}`}::uuid[])`)
    .for('update');
}

export interface TimeStatePatch {
  timeState: TicketRow['timeState'];
  missCount: number;
  escalatedAt?: Date;
  escalatedToDepartmentId?: string | null;
}

/**
 * The urging job's changes of one page in one statement, each at the version it was read at (as
 * ticketRepo.update); the daily statistics follow (a time state counts in none of them, so no delta).
 */
export async function saveTimeStates(db: Executor, changes: { before: TicketRow; patch: TimeStatePatch }[]) {
  if (!changes.length) return;
  const rows = changes.map(({ before, patch }) => ({
    id: before.id,
    version: before.version,
    time_state: patch.timeState,
    miss_count: patch.missCount,
    escalate: patch.escalatedAt !== undefined,
    escalated_at: patch.escalatedAt?.toISOString() ?? null,
    escalated_to: patch.escalatedToDepartmentId ?? null,
  }));
  await db.execute(sql`UPDATE hotline_tickets t SET time_state = v.time_state, miss_count = v.miss_count,
    escalated_at = CASE WHEN v.escalate THEN v.escalated_at ELSE t.escalated_at END,
    escalated_to_department_id = CASE WHEN v.escalate THEN v.escalated_to ELSE t.escalated_to_department_id END,
    version = t.version + 1, updated_at = ${new Date().toISOString()}::timestamptz
    FROM json_to_recordset(${JSON.stringify(rows)}::json)
      AS v(id uuid, version int, time_state text, miss_count int, escalate boolean, escalated_at timestamptz, escalated_to uuid)
    WHERE t.id = v.id AND t.version = v.version`);
  const deltas = changes.flatMap(({ before, patch }) => changeRows(before, { ...before, ...patch }));
  if (deltas.length) await db.insert(hotlineDailyStatsDelta).values(deltas);
}
