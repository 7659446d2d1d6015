import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { hotlineDailyStatsDelta, type hotlineTickets } from './tables.ts';

type TicketLike = Partial<typeof hotlineTickets.$inferSelect> &
  Pick<typeof hotlineTickets.$inferSelect, 'intakeDate' | 'unitRegionCode' | 'unitRegionPath' | 'unitName'>;

const counters = [
  'tickets',
  'signed',
  'signedOnTime',
  'concluded',
  'concludedOnTime',
  'extended',
  'returned',
  'followed',
  'solved',
  'satisfactionSum',
  'satisfactionN',
] as const;
type Counters = Record<(typeof counters)[number], number>;

interface Contribution {
  key: {
    day: string;
    unitKey: string;
    unitDepartmentId: string | null;
    unitRegionPath: string;
    unitName: string;
    categoryKey: string;
    districtKey: string;
    streetKey: string;
  };
  counts: Counters;
}

/** What one ticket adds to the daily rollup (the same definitions as the raw statistics in stats.ts). */
export function contribution(t: TicketLike): Contribution {
  return {
    key: {
      day: t.intakeDate,
      unitKey: t.unitDepartmentId ?? t.unitRegionCode,
      unitDepartmentId: t.unitDepartmentId ?? null,
      unitRegionPath: t.unitRegionPath,
      unitName: t.unitName,
      categoryKey: t.categoryId ?? '',
      districtKey: t.districtCode ?? '',
      streetKey: t.streetCode ?? '',
    },
    counts: {
      tickets: 1,
      signed: t.signedAt ? 1 : 0,
      signedOnTime: t.signedLate === false ? 1 : 0,
      concluded: t.concludedAt ? 1 : 0,
      concludedOnTime: t.concludedLate === false ? 1 : 0,
      extended: (t.extensionCount ?? 0) > 0 ? 1 : 0,
      returned: (t.returnCount ?? 0) > 0 ? 1 : 0,
      followed: t.solved === true || t.solved === false ? 1 : 0,
      solved: t.solved === true ? 1 : 0,
      satisfactionSum: t.satisfaction ?? 0,
      satisfactionN: t.satisfaction === null || t.satisfaction === undefined ? 0 : 1,
    },
  };
}

const sameKey = (a: Contribution['key'], b: Contribution['key']) =>
  a.day === b.day &&
  a.unitKey === b.unitKey &&
  a.categoryKey === b.categoryKey &&
  a.districtKey === b.districtKey &&
  a.streetKey === b.streetKey &&
  a.unitName === b.unitName &&
  a.unitRegionPath === b.unitRegionPath;

const deltaRow = (c: Contribution, sign: 1 | -1) => ({ ...c.key, ...(Object.fromEntries(counters.map((k) => [k, c.counts[k] * sign])) as Counters) });

/** The delta rows of a ticket change: its old contribution out, the new one in; none when the figures did not change. */
export function changeRows(before: TicketLike | undefined, after: TicketLike | undefined): (typeof hotlineDailyStatsDelta.$inferInsert)[] {
  const b = before ? contribution(before) : undefined;
  const a = after ? contribution(after) : undefined;
  if (a && b && sameKey(a.key, b.key)) {
    const diff = Object.fromEntries(counters.map((k) => [k, a.counts[k] - b.counts[k]])) as Counters;
    return counters.every((k) => diff[k] === 0) ? [] : [deltaRow({ key: a.key, counts: diff }, 1)];
  }
  return [...(b ? [deltaRow(b, -1)] : []), ...(a ? [deltaRow(a, 1)] : [])];
}

/**
 * Keeps the rollup in step with a ticket change (call inside the transaction that makes it),
 * appended to the deltas (one insert, no row shared with other transactions).
 */
export async function applyChange(db: Executor, before: TicketLike | undefined, after: TicketLike | undefined) {
  const rows = changeRows(before, after);
  if (rows.length) await db.insert(hotlineDailyStatsDelta).values(rows);
}

const keyColumns = ['day', 'unit_key', 'category_key', 'district_key', 'street_key'];
const countColumns = [
  'tickets',
  'signed',
  'signed_on_time',
  'concluded',
  'concluded_on_time',
  'extended',
  'returned',
  'followed',
  'solved',
  'satisfaction_sum',
  'satisfaction_n',
];

/**
 * Folds the committed deltas into hotline_daily_stats, in one statement (the deltas it moves are
 * deleted in the same statement, so a reader summing both tables never counts one twice or misses one).
 */
export const FOLD_SQL = `WITH moved AS (DELETE FROM hotline_daily_stats_delta RETURNING *)
INSERT INTO hotline_daily_stats (${keyColumns.join(', ')}, unit_department_id, unit_region_path, unit_name, ${countColumns.join(', ')})
SELECT ${keyColumns.join(', ')}, unit_department_id, max(unit_region_path), max(unit_name), ${countColumns.map((c) => `sum(${c})`).join(', ')}
FROM moved GROUP BY ${keyColumns.join(', ')}, unit_department_id
ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET unit_name = excluded.unit_name, unit_region_path = excluded.unit_region_path,
${countColumns.map((c) => `${c} = hotline_daily_stats.${c} + excluded.${c}`).join(', ')}`;

export async function foldDailyStats(db: Executor) {
  await db.execute(sql.raw(FOLD_SQL));
}

/** What the statistics read: the folded rollup and the deltas not yet folded, as one relation named like the rollup. */
export const ROLLUP_WITH_DELTAS = sql.raw(
  `(SELECT day, unit_key, unit_department_id, unit_region_path, unit_name, category_key, district_key, street_key, ${countColumns.join(', ')} FROM hotline_daily_stats
  UNION ALL SELECT day, unit_key, unit_department_id, unit_region_path, unit_name, category_key, district_key, street_key, ${countColumns.join(', ')} FROM hotline_daily_stats_delta) AS hotline_daily_stats`,
);

/** Rebuilds the whole rollup from the tickets (bulk data, repair); the migration backfills the same way. */
export async function rebuildDailyStats(db: Executor) {
  await db.execute(sql`DELETE FROM hotline_daily_stats`);
  await db.execute(sql`DELETE FROM hotline_daily_stats_delta`);
  await db.execute(sql.raw(REBUILD_SQL));
}

export const REBUILD_SQL = `INSERT INTO hotline_daily_stats (day, unit_key, unit_department_id, unit_region_path, unit_name, category_key, district_key, street_key,
  tickets, signed, signed_on_time, concluded, concluded_on_time, extended, returned, followed, solved, satisfaction_sum, satisfaction_n)
SELECT intake_date, coalesce(unit_department_id::text, unit_region_code), unit_department_id, max(unit_region_path), max(unit_name),
  coalesce(category_id::text, ''), coalesce(district_code, ''), coalesce(street_code, ''),
  count(*), count(*) FILTER (WHERE signed_at IS NOT NULL), count(*) FILTER (WHERE signed_late = false),
  count(*) FILTER (WHERE concluded_at IS NOT NULL), count(*) FILTER (WHERE concluded_late = false),
  count(*) FILTER (WHERE extension_count > 0), count(*) FILTER (WHERE return_count > 0),
  count(*) FILTER (WHERE solved IS NOT NULL), count(*) FILTER (WHERE solved), coalesce(sum(satisfaction), 0), count(satisfaction)
FROM hotline_tickets
GROUP BY intake_date, coalesce(unit_department_id::text, unit_region_code), unit_department_id, coalesce(category_id::text, ''), coalesce(district_code, ''), coalesce(street_code, '')`;
