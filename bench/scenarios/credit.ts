/**
 * Credit check latency inside a submit (issue 18, docs/credit.md): every case submit checks the
 * applicant's credit (lists in force → measures) and records the check in the submit's transaction.
 * The figure: sequential case submits (citizen1, 灵活就业人员参保登记 as in writes.ts) on the demo
 * data first — the baseline — then the same after 1,000,000 credit records and 50,000 list entries
 * were added by set-based SQL (generate_series; 200,000 entities, one record in 20 a person's),
 * and the check itself (`creditCheck` of 西江建设, on the dishonesty list) called in process against
 * the same database. PostgreSQL only: the server holds the PGlite data directory alone.
 * CREDIT_BENCH_RECORDS changes the count (e.g. 20000 for a smoke run).
 */
import pg from 'pg';
import { openSystemContext } from '../system-context.ts';
import type { Scenario, ServerFigure, ServerFigureContext } from '../types.ts';
import { completeUscc } from '../../server/src/platform/validators.ts';
import { findLegalEntityByUscc } from '../../server/src/modules/identity/index.ts';
import { creditCheck } from '../../server/src/modules/credit/index.ts';

const RECORDS = Number(process.env.CREDIT_BENCH_RECORDS ?? 1_000_000);
const ENTRIES = Math.round(RECORDS / 20);
const SUBMITS = Number(process.env.CREDIT_BENCH_SUBMITS ?? 150);

const scenarios: Scenario[] = [];
export default scenarios;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};
const stats = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 50), p99: pct(xs, 99), max: pct(xs, 100) });

async function submitBody(ctx: ServerFigureContext) {
  const res = (await (await fetch(`${ctx.baseUrl}/api/catalog/items?q=${encodeURIComponent('灵活就业人员参保登记')}&region=990100&pageSize=50`)).json()) as {
    items: { name: string; regionCode: string; implementationCode: string }[];
  };
  const code = res.items.find((i) => i.name === '灵活就业人员参保登记' && i.regionCode === '990100')!.implementationCode;
  const put = await fetch(`${ctx.baseUrl}/api/admin/deferrals/${code}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: await ctx.cookie('it.admin') },
    body: JSON.stringify({ materials: ['灵活就业人员参保登记表'] }),
  });
  if (!put.ok) throw new Error(`deferral list: ${put.status} ${await put.text()}`);
  return JSON.stringify({
    implementationCode: code,
    formData: {
      insurances: 'pension_and_medical',
      baseLevel: 60,
      startMonth: '2026-12-01',
      contactPhone: '13800001111',
      contactAddress: '示范市明湖区湖滨街道湖滨路 8 号',
    },
  });
}

/** `n` sequential submits (after 10 unmeasured ones): milliseconds each. */
async function submits(ctx: ServerFigureContext, body: string, n: number): Promise<number[]> {
  const headers = { 'content-type': 'application/json', cookie: await ctx.cookie('citizen1') };
  const times: number[] = [];
  for (let i = 0; i < n + 10; i++) {
    const t0 = performance.now();
    const res = await fetch(`${ctx.baseUrl}/api/cases`, { method: 'POST', headers, body });
    await res.arrayBuffer();
    if (res.status !== 201) throw new Error(`submit: ${res.status}`);
    if (i >= 10) times.push(performance.now() - t0);
  }
  return times;
}

/** 1,000,000 records and 50,000 list entries, set-based (one statement each), then VACUUM (ANALYZE) and a checkpoint (the writes' after-effects are not measured as the check's). */
async function generate(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const t0 = performance.now();
  try {
    await client.query(
      `
      INSERT INTO credit_records (id, subject_kind, subject_key, subject_name, id_masked, source, source_ref, kind, title, legal_basis,
        decided_on, valid_until, department_name, region_path, disclose, disclosure_due, published_on, created_at)
      SELECT gen_random_uuid(),
        CASE WHEN g % 20 = 0 THEN 'person' ELSE 'entity' END,
        CASE WHEN g % 20 = 0 THEN md5('person' || (g % 50000)) ELSE 'BENCH' || lpad((g % 200000)::text, 13, '0') END,
        '压测主体' || (g % 200000), NULL, 'import', 'BENCH-' || g,
        (ARRAY['licence','penalty','inspection','complaint','commitment_breach','other'])[1 + g % 6],
        '压测记录', '《行政处罚法》', (date '2026-11-30' - (g % 1500))::text, NULL, '示范市市场监督管理局', '990000/990100',
        g % 6 < 2, (date '2026-11-30' - (g % 1500) + 9)::text, CASE WHEN g % 6 < 2 THEN (date '2026-11-30' - (g % 1500) + 5)::text END, now()
      FROM generate_series(1, $1::int) g
      ON CONFLICT DO NOTHING`,
      [RECORDS],
    );
    await client.query(
      `
      INSERT INTO credit_list_entries (id, list, subject_kind, subject_key, subject_name, reason, legal_basis, valid_from, authority, status, region_path, created_at, updated_at)
      SELECT gen_random_uuid(), (ARRAY['honor','dishonesty','abnormal_operation','judgment_defaulter'])[1 + g % 4], 'entity',
        'BENCH' || lpad((g * 3 % 200000)::text, 13, '0'), '压测主体', '压测', '压测依据', '2026-01-01', 'office',
        CASE WHEN g % 5 = 0 THEN 'removed' ELSE 'listed' END, '990000/990100', now(), now()
      FROM generate_series(1, $1::int) g`,
      [ENTRIES],
    );
    await client.query('VACUUM (ANALYZE) credit_records, credit_list_entries');
    await client.query('CHECKPOINT');
  } finally {
    await client.end();
  }
  return Math.round(performance.now() - t0);
}

/** The check alone, in process: 西江建设 (dishonesty list) as the cases module asks at acceptance, 200 sequential calls after 20. */
async function checkAlone(databaseUrl: string) {
  const { ctx: c, database } = await openSystemContext(databaseUrl, 2);
  try {
    const entity = (await findLegalEntityByUscc(c, completeUscc('91990104MA0000002')))!;
    const times: number[] = [];
    for (let i = 0; i < 220; i++) {
      const t0 = performance.now();
      const found = await creditCheck(c, { kind: 'entity', id: entity.id });
      if (i >= 20) times.push(performance.now() - t0);
      if (!found.dishonest) throw new Error('西江建设 should be on the dishonesty list');
    }
    return stats(times);
  } finally {
    await database.close();
  }
}

export const serverFigures: ServerFigure[] = [
  {
    name: `credit: check inside a case submit, sequential, with ${RECORDS.toLocaleString('en')} credit records`,
    async measure(ctx) {
      if (ctx.engine !== 'postgres' || !ctx.databaseUrl) return { value: 'measured on PostgreSQL only (the server holds the PGlite directory)' };
      const body = await submitBody(ctx);
      const before = stats(await submits(ctx, body, SUBMITS));
      const checkBefore = await checkAlone(ctx.databaseUrl);
      const generatedMs = await generate(ctx.databaseUrl);
      const after = stats(await submits(ctx, body, SUBMITS));
      const checkAfter = await checkAlone(ctx.databaseUrl);
      return {
        value:
          `submit p50 ${after.p50} ms, p99 ${after.p99} ms with ${RECORDS.toLocaleString('en')} records and ${ENTRIES.toLocaleString('en')} list entries ` +
          `(baseline, demo data: p50 ${before.p50} ms, p99 ${before.p99} ms; ${after.n} submits each); ` +
          `the check alone (in process) p50 ${checkAfter.p50} ms, p99 ${checkAfter.p99} ms (baseline p50 ${checkBefore.p50} ms, p99 ${checkBefore.p99} ms); rows made in ${(generatedMs / 1000).toFixed(1)} s`,
        data: { before, after, checkBefore, checkAfter, records: RECORDS, entries: ENTRIES, generatedMs },
      };
    },
  },
];
