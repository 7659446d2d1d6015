/**
 * `yiwang cases bench-data --cases 1000000 [--days 365]`: bulk cases for `npm run bench`
 * (bench/scenarios/cases.ts). One INSERT … SELECT generate_series per 200,000 cases (and one for
 * their action logs), so a million take seconds on PostgreSQL. Idempotent: ids are
 * md5('cases-bench-' || n); existing rows are kept.
 *
 * Cases are spread over the published demo implementations (default workflow) and the last `days`
 * days. Their logs are consistent with their status (the state is the fold of the log): 2 % wait
 * for acceptance, 2 % are under review (accepted), 1 % wait for the decision, 1 % for issue; the
 * rest were withdrawn before acceptance (one action) — a simplification that keeps the action table
 * near the case count. Serial numbers start at 9000, and each day's case_serials row is moved past
 * them, so the day's real submits never meet them (they go on at 1, or after the generated ones).
 */
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { getApplicableVersion, searchItems } from '../catalog/index.ts';
import { wholeNumberOption } from '../../platform/cli-args.ts';
import { refreshCaseLights } from './supervision.ts';

interface Profile {
  n: number;
  code: string;
  impl_id: string;
  item: string;
  version: number;
  dept_id: string;
  dept: string;
  region_path: string;
  promised: number;
  statutory: number;
  result: string;
  result_type: string;
}

async function profiles(ctx: Ctx): Promise<Profile[]> {
  const out: Profile[] = [];
  for (let page = 1; ; page++) {
    const res = await searchItems(ctx, { page, pageSize: 100 } as never);
    const items = res.items as { implementationCode: string; departmentName: string; state: string }[];
    for (const i of items) {
      if (i.state !== 'published') continue;
      const a = await getApplicableVersion(ctx, i.implementationCode).catch(() => undefined);
      if (!a) continue;
      const g = a.guide as { promisedLimitDays: number; statutoryLimitDays: number; result: { name: string; type: string } };
      out.push({
        n: out.length,
        code: a.implementationCode,
        impl_id: a.implementationId,
        item: a.name,
        version: a.version,
        dept_id: a.departmentId,
        dept: i.departmentName,
        region_path: a.regionPath,
        promised: Math.max(1, g.promisedLimitDays),
        statutory: g.statutoryLimitDays,
        result: g.result.name,
        result_type: g.result.type,
      });
    }
    if (items.length < 100 || out.length >= 400) break;
  }
  return out;
}

export async function generateBenchCases(ctx: Ctx, opts: { cases: number; days: number }): Promise<{ cases: number; implementations: number; lights: number }> {
  const list = await profiles(ctx);
  if (list.length === 0) throw new Error('no published implementations: seed the demo data first');
  const perSlot = Math.ceil(opts.cases / (list.length * opts.days));
  if (perSlot > 999) throw new Error('too many cases per implementation and day: raise --days');
  const today = shanghaiDate(new Date());
  await ctx.database.db.transaction(async (db) => {
    await db.execute(
      sql`CREATE TEMP TABLE cases_bench_profiles (n int PRIMARY KEY, code text, impl_id uuid, item text, version int, dept_id uuid, dept text, region_path text, promised int, statutory int, result text, result_type text) ON COMMIT DROP`,
    );
    await db.execute(
      sql`INSERT INTO cases_bench_profiles SELECT * FROM json_to_recordset(${JSON.stringify(list)}::json) AS x(n int, code text, impl_id uuid, item text, version int, dept_id uuid, dept text, region_path text, promised int, statutory int, result text, result_type text)`,
    );
    for (let from = 0; from < opts.cases; from += 200_000) {
      const to = Math.min(opts.cases, from + 200_000) - 1;
      await db.execute(sql.raw(casesSql(from, to, list.length, opts.days, today)));
      await db.execute(sql.raw(actionsSql(from, to)));
    }
    await db.execute(sql.raw(serialsSql(opts.cases, list.length, opts.days, today)));
  });
  // The generated lights are approximate: put them right now, as the server's first refresh would
  // (the server's refresh then finds today's mark and reads nothing while the bench measures), and
  // before the VACUUM, so its rewritten rows leave no dead ones behind for autovacuum to chase then.
  const lights = await refreshCaseLights(ctx, { force: true });
  // VACUUM sets the visibility map, so the to-do list's count is an index-only scan at once.
  await ctx.database.db.execute(sql`VACUUM ANALYZE cases`);
  await ctx.database.db.execute(sql`VACUUM ANALYZE case_actions`);
  return { cases: opts.cases, implementations: list.length, lights };
}

/** Status by r = (i * 7919) % 100 (numbers of actions in its log: 0, 1, 2, 3 and 1 for withdrawn). */
const R = '((x.i::bigint * 7919) % 100)';
const statusOf = (r: string) =>
  `(CASE WHEN ${r} < 2 THEN 'pending_acceptance' WHEN ${r} < 4 THEN 'under_review' WHEN ${r} < 5 THEN 'pending_decision' WHEN ${r} < 6 THEN 'pending_issue' ELSE 'withdrawn' END)`;

function casesSql(from: number, to: number, profiles: number, days: number, today: string): string {
  return `
    INSERT INTO cases (id, case_no, implementation_code, implementation_id, item_name, guide_version, department_id, department_name, region_path,
      workflow_code, workflow_version, applicant_kind, applicant_id, applicant_name, applicant_code_tail, channel, filed_by, form_data, materials,
      delivery_preference, result_name, result_type, submitted_at, submitted_on, promised_days, statutory_days,
      status, step_key, step_role, assignee_id, outcome, due_date, due_estimated, step_due_date, paused, light, concluded_on, supply_by, version, updated_at)
    SELECT md5('cases-bench-' || x.i)::uuid,
      p.code || to_char(x.day, 'YYYYMMDD') || lpad((9000 + x.i / (${profiles * days}))::text, 4, '0'),
      p.code, p.impl_id, p.item, p.version, p.dept_id, p.dept, p.region_path, 'default', 1,
      CASE WHEN x.i % 3 = 0 THEN 'entity' ELSE 'person' END, md5('cases-bench-applicant-' || (x.i % 50000))::uuid,
      '样本申请人' || (x.i % 50000), lpad((x.i % 10000)::text, 4, '0'), CASE WHEN x.i % 4 = 0 THEN 'window' ELSE 'online' END, NULL,
      '{}'::jsonb, '[]'::jsonb, 'electronic', p.result, p.result_type,
      (x.day::timestamp + interval '9 hours' + (x.i % 28800) * interval '1 second') AT TIME ZONE 'Asia/Shanghai', to_char(x.day, 'YYYY-MM-DD'), p.promised, p.statutory,
      x.status,
      CASE x.status WHEN 'under_review' THEN 'review' WHEN 'pending_decision' THEN 'decide' WHEN 'pending_issue' THEN 'issue' ELSE 'accept' END,
      CASE x.status WHEN 'under_review' THEN 'reviewer' WHEN 'pending_decision' THEN 'approver' ELSE 'window_clerk' END,
      NULL, CASE x.status WHEN 'pending_issue' THEN 'approved' WHEN 'withdrawn' THEN 'withdrawn' END,
      to_char(x.day + (p.promised * 7 / 5 + 1), 'YYYY-MM-DD'), false, to_char(x.day + (p.promised * 7 / 10 + 1), 'YYYY-MM-DD'), false,
      CASE WHEN x.status = 'withdrawn' THEN NULL WHEN x.day + (p.promised * 7 / 5 + 1) < '${today}'::date THEN 'red' WHEN x.day + (p.promised * 7 / 5 + 1) < '${today}'::date + 3 THEN 'yellow' ELSE 'green' END,
      CASE WHEN x.status = 'withdrawn' THEN to_char(x.day, 'YYYY-MM-DD') END, NULL,
      CASE x.status WHEN 'under_review' THEN 1 WHEN 'pending_decision' THEN 2 WHEN 'pending_issue' THEN 3 WHEN 'withdrawn' THEN 1 ELSE 0 END,
      now()
    FROM (SELECT g.i, ${statusOf(R.replaceAll('x.i', 'g.i'))} AS status, '${today}'::date - ((g.i / ${profiles}) % ${days}) AS day FROM generate_series(${from}, ${to}) AS g(i)) AS x
    JOIN cases_bench_profiles p ON p.n = x.i % ${profiles}
    ON CONFLICT DO NOTHING`;
}

/** Each generated (implementation, day): its serials counter at least at the last generated serial. */
function serialsSql(n: number, profiles: number, days: number, today: string): string {
  return `
    INSERT INTO case_serials (implementation_code, day, last)
    SELECT p.code, to_char(x.day, 'YYYY-MM-DD'), max(9000 + x.i / (${profiles * days}))
    FROM (SELECT g.i, '${today}'::date - ((g.i / ${profiles}) % ${days}) AS day FROM generate_series(0, ${n - 1}) AS g(i)) AS x
    JOIN cases_bench_profiles p ON p.n = x.i % ${profiles}
    GROUP BY 1, 2
    ON CONFLICT (implementation_code, day) DO UPDATE SET last = GREATEST(case_serials.last, excluded.last)`;
}

function actionsSql(from: number, to: number): string {
  return `
    INSERT INTO case_actions (id, case_id, seq, action, step_key, actor_id, actor_kind, actor_name, occurred_at, occurred_on, payload)
    SELECT md5('cases-bench-action-' || c.i || '-' || s.seq)::uuid, md5('cases-bench-' || c.i)::uuid, s.seq,
      CASE WHEN c.status = 'withdrawn' THEN 'withdraw' WHEN s.seq = 1 THEN 'accept' ELSE 'approve' END,
      CASE WHEN c.status = 'withdrawn' OR s.seq = 1 THEN 'accept' WHEN s.seq = 2 THEN 'review' ELSE 'decide' END,
      NULL, CASE WHEN c.status = 'withdrawn' THEN 'person' ELSE 'staff' END, CASE WHEN c.status = 'withdrawn' THEN '样本申请人' ELSE '样本工作人员' END,
      k.submitted_at + s.seq * interval '1 hour', k.submitted_on,
      CASE WHEN c.status = 'withdrawn' THEN '{"reason":"样本：申请人撤回"}'::jsonb ELSE '{}'::jsonb END
    FROM (SELECT g.i, ${statusOf(R.replaceAll('x.i', 'g.i'))} AS status FROM generate_series(${from}, ${to}) AS g(i)) AS c
    JOIN cases k ON k.id = md5('cases-bench-' || c.i)::uuid
    CROSS JOIN LATERAL generate_series(1, CASE c.status WHEN 'under_review' THEN 1 WHEN 'pending_decision' THEN 2 WHEN 'pending_issue' THEN 3 WHEN 'withdrawn' THEN 1 ELSE 0 END) AS s(seq)
    ON CONFLICT DO NOTHING`;
}

/** `yiwang cases bench-data --cases N [--days D]`, `yiwang cases refresh-lights` */
export async function casesCommand(ctx: Ctx, args: string[]): Promise<number> {
  const opt = (name: string, fallback: number) => wholeNumberOption(args, name, fallback);
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  if (args[0] === 'refresh-lights') {
    const changed = await refreshCaseLights(ctx, { force: true });
    process.stdout.write(`cases: lights and due dates of the open cases recomputed, ${changed} changed, in ${seconds()} s\n`);
    return 0;
  }
  if (args[0] !== 'bench-data') {
    process.stderr.write('Usage: yiwang cases bench-data [--cases 1000000] [--days 365]\n       yiwang cases refresh-lights\n');
    return 2;
  }
  const r = await generateBenchCases(ctx, { cases: opt('cases', 1_000_000), days: opt('days', 365) });
  process.stdout.write(`cases: ${r.cases} bench cases over ${r.implementations} implementations (${r.lights} lights put right) in ${seconds()} s\n`);
  return 0;
}
