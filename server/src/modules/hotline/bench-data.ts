/**
 * `yiwang hotline bench-data --tickets 1000000 [--days 365]`: bulk tickets for `npm run bench`
 * (bench/scenarios/hotline.ts). One INSERT … SELECT generate_series per 250,000 tickets, so a million
 * take seconds on PostgreSQL. Idempotent: ticket ids are md5('hotline-bench-' || n), existing rows are kept.
 *
 * The tickets are spread over the last `days` days, the demo city's nine streets and the fifteen demo
 * leaf categories, held (as the demo seed does) by the street office for territorial categories and
 * by the district branch or city department for functional ones; statuses, late signs and conclusions,
 * extensions, returns and follow-ups in proportions like the demo data. No events are written.
 * The open tickets' time state and misses are those the urging job gives them at generation time
 * (urging-repository.ts `timeStateSql`), so the job finds nothing to change afterwards.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/calendar/engine.ts';
import { demoCity, demoDepartmentId, demoDepartments, demoId } from '../org/index.ts';
import { demoCategories } from './seed.ts';
import { rebuildDailyStats } from './rollup-repository.ts';
import { timeStateSql, ticketTimeColumns } from './urging-repository.ts';
import { urgingOpenSql } from './tables.ts';
import { wholeNumberOption } from '../../platform/cli-args.ts';

const CITY = demoCity.city.code;
const cityPath = `${demoCity.province.code}/${CITY}`;
const branchKinds = ['scjg', 'rsj', 'zjj', 'zwfw'];
const RXZX = demoDepartmentId('rxzx', CITY);

interface Profile {
  n: number;
  category_id: string;
  kind: string;
  district_code: string;
  street_code: string;
  region_path: string;
  unit_department_id: string | null;
  unit_region_code: string;
  unit_region_path: string;
  unit_level: string;
  unit_name: string;
  title: string;
  address: string;
}

/** Category × street combinations with the unit that would hold such a ticket. */
export function profiles(): Profile[] {
  const parents = new Set(demoCategories.map((c) => c[2]).filter(Boolean));
  const leaves = demoCategories.filter((c) => !parents.has(c[0]) && !c[6]);
  const out: Profile[] = [];
  for (const [code, name, , routing, kind] of leaves) {
    for (const d of demoCity.districts) {
      d.streets.forEach((street, s) => {
        const streetCode = `${d.code}${String(s + 1).padStart(3, '0')}`;
        const dPath = `${cityPath}/${d.code}`;
        const unit =
          routing === 'department' && kind
            ? branchKinds.includes(kind)
              ? {
                  unit_department_id: demoDepartmentId(kind, d.code),
                  unit_region_code: d.code,
                  unit_region_path: dPath,
                  unit_level: 'district',
                  unit_name: `${d.name}${demoDepartments.find((x) => x[0] === kind)?.[2] ?? kind}`,
                }
              : {
                  unit_department_id: demoDepartmentId(kind, CITY),
                  unit_region_code: CITY,
                  unit_region_path: cityPath,
                  unit_level: 'city',
                  unit_name: demoDepartments.find((x) => x[0] === kind)?.[1] ?? kind,
                }
            : {
                unit_department_id: null,
                unit_region_code: streetCode,
                unit_region_path: `${dPath}/${streetCode}`,
                unit_level: 'street',
                unit_name: `${street}办事处`,
              };
        out.push({
          n: out.length,
          category_id: demoId('hotline-category', code),
          kind: code === 'zw.bszx' || code === 'sb.sbjf' ? 'inquiry' : code === 'zf.lstd' || code === 'jt.gj' ? 'suggestion' : 'complaint',
          district_code: d.code,
          street_code: streetCode,
          region_path: `${dPath}/${streetCode}`,
          ...unit,
          title: `${name}（样本）`,
          address: `示范市${d.name}${street}样本路`,
        });
      });
    }
  }
  return out;
}

export async function generateBenchTickets(ctx: Ctx, opts: { tickets: number; days: number; now?: Date }): Promise<{ tickets: number }> {
  const now = opts.now ?? new Date();
  const list = profiles();
  await ctx.database.db.transaction(async (db) => {
    await db.execute(
      sql`CREATE TEMP TABLE hotline_bench_profiles (n int PRIMARY KEY, category_id uuid, kind text, district_code text, street_code text, region_path text, unit_department_id uuid, unit_region_code text, unit_region_path text, unit_level text, unit_name text, title text, address text) ON COMMIT DROP`,
    );
    await db.execute(
      sql`INSERT INTO hotline_bench_profiles SELECT * FROM json_to_recordset(${JSON.stringify(list)}::json) AS x(n int, category_id uuid, kind text, district_code text, street_code text, region_path text, unit_department_id uuid, unit_region_code text, unit_region_path text, unit_level text, unit_name text, title text, address text)`,
    );
    for (let from = 0; from < opts.tickets; from += 250_000) {
      const to = Math.min(opts.tickets, from + 250_000) - 1;
      await db.execute(insertSql(from, to, now, opts.days));
    }
    // Bulk rows bypass the repository: the daily statistics are rebuilt from the tickets.
    await rebuildDailyStats(db);
  });
  await ctx.database.db.execute(sql`ANALYZE hotline_tickets`);
  await ctx.database.db.execute(sql`ANALYZE hotline_daily_stats`);
  return { tickets: opts.tickets };
}

/** The INSERT … SELECT for tickets `from`..`to` (only numbers and fixed strings: built as one statement). */
function insertSql(from: number, to: number, now: Date, days: number): SQL {
  const today = shanghaiDate(now);
  // The time state as the urging job computes it, over the generated columns (no due_at, no urge).
  const at = timeStateSql(
    { ...ticketTimeColumns, dueAt: sql`NULL::timestamptz`, urgeDueDate: sql`NULL::date` },
    sql.raw(`'${now.toISOString()}'::timestamptz`),
    sql.raw(`'${today}'::date`),
  );
  const st = `(CASE WHEN x.r < 60 THEN 'closed' WHEN x.r < 70 THEN 'concluded' WHEN x.r < 76 THEN 'replied' WHEN x.r < 86 THEN 'signed' WHEN x.r < 91 THEN 'dispatched' WHEN x.r < 94 THEN 'new' WHEN x.r < 96 THEN 'returned' WHEN x.r < 98 THEN 'extension_requested' ELSE 'referred' END)`;
  const rows = `
    SELECT md5('hotline-bench-' || x.i)::uuid, 'RXB' || lpad(x.i::text, 10, '0'),
      (ARRAY['phone','phone','phone','web','open311'])[x.i % 5 + 1], CASE WHEN x.i % 17 = 0 THEN 'report' ELSE p.kind END,
      CASE WHEN x.i % 23 = 0 THEN 'urgent' ELSE 'normal' END, p.category_id, p.title, p.title || '，样本工单 ' || x.i, p.address,
      p.street_code, p.region_path, p.district_code, p.street_code, '138****' || lpad((x.i % 10000)::text, 4, '0'), x.i % 17 = 0,
      x.status,
      CASE WHEN x.status IN ('new','referred') THEN '${RXZX}'::uuid ELSE p.unit_department_id END,
      CASE WHEN x.status IN ('new','referred') THEN '${CITY}' ELSE p.unit_region_code END,
      CASE WHEN x.status IN ('new','referred') THEN '${cityPath}' ELSE p.unit_region_path END,
      CASE WHEN x.status IN ('new','referred') THEN 'center' ELSE p.unit_level END,
      CASE WHEN x.status IN ('new','referred') THEN '示范市12345政务服务便民热线中心' ELSE p.unit_name END,
      CASE WHEN x.status NOT IN ('new','referred') THEN x.created + interval '1 hour' END AS sign_due_at,
      CASE WHEN x.status IN ('signed','extension_requested','replied','concluded','closed') THEN x.created + CASE WHEN x.i % 10 = 0 THEN interval '1 day' ELSE interval '40 minutes' END END AS signed_at,
      CASE WHEN x.status IN ('signed','extension_requested','replied','concluded','closed') THEN x.i % 10 = 0 END,
      CASE WHEN x.status <> 'referred' THEN x.day + 13 END AS due_date,
      CASE WHEN x.status IN ('replied','concluded','closed') THEN x.created + CASE WHEN x.i % 8 = 0 THEN interval '20 days' ELSE interval '3 days' END END,
      CASE WHEN x.status IN ('concluded','closed') THEN x.created + CASE WHEN x.i % 8 = 0 THEN interval '20 days 1 hour' ELSE interval '3 days 1 hour' END END,
      CASE WHEN x.status IN ('concluded','closed') THEN x.i % 8 = 0 END,
      CASE WHEN x.status IN ('closed','referred') THEN x.created + interval '4 days' END,
      CASE WHEN x.status = 'returned' OR x.i % 19 = 0 THEN 1 ELSE 0 END,
      CASE WHEN x.i % 16 = 0 THEN 1 ELSE 0 END,
      CASE WHEN x.status = 'closed' THEN x.i % 6 <> 0 END,
      CASE WHEN x.status = 'closed' THEN CASE WHEN x.i % 6 = 0 THEN 1 + x.i % 2 ELSE 3 + x.i % 3 END END,
      CASE WHEN x.status = 'closed' THEN x.created + interval '4 days' END,
      'bench' || x.i,
      CASE WHEN x.status = 'referred' THEN '相关机关' END,
      x.day, x.created, x.created
    FROM (
      SELECT g.i, (g.i * 7919) % 100 AS r, ${st.replaceAll('x.r', '((g.i * 7919) % 100)')} AS status,
        ('${today}'::date - (g.i % ${days})::int) AS day,
        ('${today}'::date - (g.i % ${days})::int)::timestamp AT TIME ZONE 'Asia/Shanghai' + ((g.i % 480) + 540) * interval '1 minute' AS created
      FROM generate_series(${from}::bigint, ${to}::bigint) AS g(i)
    ) x
    JOIN hotline_bench_profiles p ON p.n = (x.i / ${days}) % ${profiles().length}`;
  return sql`
    INSERT INTO hotline_tickets (id, number, channel, kind, urgency, category_id, title, text, address, region_code, region_path, district_code, street_code,
      caller_phone_masked, confidential, status, unit_department_id, unit_region_code, unit_region_path, unit_level, unit_name,
      sign_due_at, signed_at, signed_late, due_date, replied_at, concluded_at, concluded_late, closed_at, return_count, extension_count,
      solved, satisfaction, followed_up_at, token, referred_to, intake_date, created_at, updated_at, time_state, miss_count)
    SELECT s.*, CASE WHEN ${sql.raw(urgingOpenSql)} THEN ${at.state} ELSE 'ok' END, CASE WHEN ${sql.raw(urgingOpenSql)} THEN ${at.misses} ELSE 0 END
    FROM (${sql.raw(rows)}) s
    ON CONFLICT (id) DO NOTHING`;
}

/** CLI entry: `hotline bench-data --tickets N [--days D]`. */
export async function hotlineCommand(ctx: Ctx, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'bench-data') {
    process.stderr.write('Usage: yiwang hotline bench-data [--tickets 1000000] [--days 365]\n');
    return 2;
  }
  const opt = (name: string, fallback: number) => wholeNumberOption(rest, name, fallback, 1);
  const t0 = performance.now();
  const out = await generateBenchTickets(ctx, { tickets: opt('tickets', 1_000_000), days: opt('days', 365) });
  process.stdout.write(`hotline bench-data: ${out.tickets} tickets in ${Math.round(performance.now() - t0)} ms\n`);
  return 0;
}
