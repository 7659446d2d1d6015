/**
 * `yiwang evaluation bench-data --evaluations 1000000 [--days 365]`: bulk 好差评 for `npm run bench`
 * (bench/scenarios/dashboard.ts). One INSERT … SELECT generate_series per 200,000 rows; ids are
 * md5('evaluation-bench-' || n) and existing rows are kept, so a rerun adds nothing. Online
 * evaluations of synthetic case numbers (EVB…, unique as the online index requires), spread over the
 * published demo implementations and the last `days` days; levels 1 3 %, 2 2 %, 3 5 %, 4 20 %, 5 70 %.
 */
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { wholeNumberOption } from '../../platform/cli-args.ts';
import { getApplicableVersion, searchItems } from '../catalog/index.ts';

async function profiles(ctx: Ctx) {
  const out: { n: number; code: string; item: string; dept_id: string; dept: string; region_path: string }[] = [];
  for (let page = 1; ; page++) {
    const res = await searchItems(ctx, { page, pageSize: 100 } as never);
    const items = res.items as { implementationCode: string; departmentName: string; state: string }[];
    for (const i of items) {
      if (i.state !== 'published') continue;
      const a = await getApplicableVersion(ctx, i.implementationCode).catch(() => undefined);
      if (a) out.push({ n: out.length, code: a.implementationCode, item: a.name, dept_id: a.departmentId, dept: i.departmentName, region_path: a.regionPath });
    }
    if (items.length < 100 || out.length >= 400) break;
  }
  return out;
}

export async function generateBenchEvaluations(
  ctx: Ctx,
  opts: { evaluations: number; days: number },
): Promise<{ evaluations: number; implementations: number }> {
  const list = await profiles(ctx);
  if (list.length === 0) throw new Error('no published implementations: seed the demo data first');
  const today = shanghaiDate(new Date());
  const r = '((g.i::bigint * 7919) % 100)';
  await ctx.database.db.transaction(async (db) => {
    await db.execute(
      sql`CREATE TEMP TABLE evaluation_bench_profiles (n int PRIMARY KEY, code text, item text, dept_id uuid, dept text, region_path text) ON COMMIT DROP`,
    );
    await db.execute(
      sql`INSERT INTO evaluation_bench_profiles SELECT * FROM json_to_recordset(${JSON.stringify(list)}::json) AS x(n int, code text, item text, dept_id uuid, dept text, region_path text)`,
    );
    for (let from = 0; from < opts.evaluations; from += 200_000) {
      const to = Math.min(opts.evaluations, from + 200_000) - 1;
      await db.execute(
        sql.raw(`
        INSERT INTO evaluations (id, case_no, mode, department_id, department_name, region_path, implementation_code, item_name, rater_kind, rater_id,
          level, dimensions, tags, staff_account_ids, rated_on, created_at)
        SELECT md5('evaluation-bench-' || x.i)::uuid, 'EVB' || lpad(x.i::text, 10, '0'), 'online', p.dept_id, p.dept, p.region_path, p.code, p.item,
          'person', md5('cases-bench-applicant-' || (x.i % 50000))::uuid, x.level, jsonb_build_object('overall', x.level), '[]'::jsonb, '[]'::jsonb,
          to_char(x.day, 'YYYY-MM-DD'), (x.day::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Shanghai'
        FROM (SELECT g.i, CASE WHEN ${r} < 3 THEN 1 WHEN ${r} < 5 THEN 2 WHEN ${r} < 10 THEN 3 WHEN ${r} < 30 THEN 4 ELSE 5 END AS level,
                '${today}'::date - ((g.i / ${list.length}) % ${opts.days}) AS day FROM generate_series(${from}, ${to}) AS g(i)) AS x
        JOIN evaluation_bench_profiles p ON p.n = x.i % ${list.length}
        ON CONFLICT DO NOTHING`),
      );
    }
  });
  await ctx.database.db.execute(sql`VACUUM ANALYZE evaluations`);
  return { evaluations: opts.evaluations, implementations: list.length };
}

/** `yiwang evaluation bench-data --evaluations N [--days D]` */
export async function evaluationCommand(ctx: Ctx, args: string[]): Promise<number> {
  if (args[0] !== 'bench-data') {
    process.stderr.write('Usage: yiwang evaluation bench-data [--evaluations 1000000] [--days 365]\n');
    return 2;
  }
  const started = Date.now();
  const r = await generateBenchEvaluations(ctx, { evaluations: wholeNumberOption(args, 'evaluations', 1_000_000), days: wholeNumberOption(args, 'days', 365) });
  process.stdout.write(
    `evaluation: ${r.evaluations} bench evaluations over ${r.implementations} implementations in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}
