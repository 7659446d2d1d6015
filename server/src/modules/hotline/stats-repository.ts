import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { rawRows, type Executor } from '../../platform/db/index.ts';
import { ticketScopeSql } from './repository.ts';
import { ROLLUP_WITH_DELTAS } from './rollup-repository.ts';
import { hotlineDailyStats, hotlineTickets } from './tables.ts';

// The statistics' queries: the same figures from the daily rollup (with its unfolded deltas) or from the tickets.

export interface Raw {
  key: string | null;
  label: string | null;
  tickets: number;
  signed: number;
  signed_on_time: number;
  concluded: number;
  concluded_on_time: number;
  extended: number;
  returned: number;
  followed: number;
  solved: number;
  satisfaction: number | null;
}

const rawAggregates = sql`
  count(*)::int as tickets,
  count(*) filter (where signed_at is not null)::int as signed,
  count(*) filter (where signed_late = false)::int as signed_on_time,
  count(*) filter (where concluded_at is not null)::int as concluded,
  count(*) filter (where concluded_late = false)::int as concluded_on_time,
  count(*) filter (where extension_count > 0)::int as extended,
  count(*) filter (where return_count > 0)::int as returned,
  count(*) filter (where solved is not null)::int as followed,
  count(*) filter (where solved)::int as solved,
  avg(satisfaction)::float8 as satisfaction`;

const rollupAggregates = sql`
  coalesce(sum(tickets), 0)::int as tickets,
  coalesce(sum(signed), 0)::int as signed,
  coalesce(sum(signed_on_time), 0)::int as signed_on_time,
  coalesce(sum(concluded), 0)::int as concluded,
  coalesce(sum(concluded_on_time), 0)::int as concluded_on_time,
  coalesce(sum(extended), 0)::int as extended,
  coalesce(sum(returned), 0)::int as returned,
  coalesce(sum(followed), 0)::int as followed,
  coalesce(sum(solved), 0)::int as solved,
  (sum(satisfaction_sum)::float8 / nullif(sum(satisfaction_n), 0)) as satisfaction`;

/** Where the figures come from: the daily rollup (default, what the page reads) or the tickets themselves. */
export type StatsSource = 'rollup' | 'raw';

const sources = {
  raw: {
    table: sql`hotline_tickets`,
    aggregates: rawAggregates,
    groupKeys: {
      unit: [sql`coalesce(unit_department_id::text, unit_region_code)`, sql`max(unit_name)`],
      category: [sql`category_id::text`, sql`null::text`],
      region: [sql`district_code`, sql`null::text`],
      street: [sql`street_code`, sql`null::text`],
      day: [sql`intake_date::text`, sql`null::text`],
    },
    category: sql`category_id::text`,
    hasCategory: sql`category_id is not null`,
  },
  rollup: {
    table: ROLLUP_WITH_DELTAS,
    aggregates: rollupAggregates,
    groupKeys: {
      unit: [sql`unit_key`, sql`max(unit_name)`],
      category: [sql`nullif(category_key, '')`, sql`null::text`],
      region: [sql`nullif(district_key, '')`, sql`null::text`],
      street: [sql`nullif(street_key, '')`, sql`null::text`],
      day: [sql`day::text`, sql`null::text`],
    },
    category: sql`category_key`,
    hasCategory: sql`category_key <> ''`,
  },
} as const;

export type GroupBy = keyof (typeof sources)['raw']['groupKeys'];

export interface StatsWindow {
  from: string;
  to: string;
  district?: string;
  /** The reader's scope (see ticketScopeSql). */
  scope: { all: boolean; scopes: { regionPath: string; departmentId: string | null }[] };
}

function whereOf(source: StatsSource, w: StatsWindow): SQL {
  const { all, scopes: s } = w.scope;
  if (source === 'raw') {
    return (
      and(
        gte(hotlineTickets.intakeDate, w.from),
        lte(hotlineTickets.intakeDate, w.to),
        ticketScopeSql(all, s),
        w.district ? eq(hotlineTickets.districtCode, w.district) : undefined,
      ) ?? sql`true`
    );
  }
  const d = hotlineDailyStats;
  return (
    and(
      gte(d.day, w.from),
      lte(d.day, w.to),
      ticketScopeSql(all, s, { path: d.unitRegionPath, department: d.unitDepartmentId }),
      w.district ? eq(d.districtKey, w.district) : undefined,
    ) ?? sql`true`
  );
}

export const statsRepo = {
  /** The totals, the figures per group, and tickets per category in the window and in the window before it. */
  async figures(db: Executor, source: StatsSource, groupBy: GroupBy, window: StatsWindow, previous: StatsWindow) {
    const src = sources[source];
    const where = whereOf(source, window);
    const prevWhere = whereOf(source, previous);
    const [key, label] = src.groupKeys[groupBy];
    const perCategory = (w: SQL) =>
      rawRows<{ key: string; n: number }>(
        db,
        sql`select ${src.category} as key, ${source === 'raw' ? sql`count(*)` : sql`sum(tickets)`}::int as n from ${src.table} where ${w} and ${src.hasCategory} group by 1`,
      );
    const [[totals], rows, current, before] = await Promise.all([
      rawRows<Raw>(db, sql`select null as key, null as label, ${src.aggregates} from ${src.table} where ${where}`),
      rawRows<Raw>(
        db,
        sql`select ${key} as key, ${label} as label, ${src.aggregates} from ${src.table} where ${where} group by 1 having ${source === 'raw' ? sql`true` : sql`sum(tickets) > 0`} order by 1`,
      ),
      perCategory(where),
      perCategory(prevWhere),
    ]);
    return { totals: totals!, rows, current, before };
  },
};
