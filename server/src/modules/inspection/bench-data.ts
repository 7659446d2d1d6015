/**
 * `yiwang inspection bench-data --entities 1000000 --inspectors 5000`: bulk data for `npm run bench`
 * (bench/scenarios/inspection.ts). Entities and inspectors are made by INSERT … SELECT
 * generate_series, so a million rows take seconds, not minutes. Idempotent: existing rows are kept.
 *
 * - Entities: USCC `93` + district code + `BN` + 7-digit counter + check character (valid), in the
 *   demo city's streets, eight industries, risk and credit levels spread like the demo data; 100,000
 *   distinct addresses (about ten entities each), with their real address keys.
 * - Inspectors: 80% 市场监管 and 20% 卫健委 of the demo city, one in five district-scoped; one in fifty
 *   lives at an entity address (same-address recusal) and each declares two relations (recusal).
 */
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { demoCity, demoDepartmentId } from '../org/index.ts';
import { addressKey } from './entities-service.ts';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ADDRESSES = 100_000;
const industries = ['餐饮', '食品销售', '零售', '制造', '住宿', '美容美发', '医疗机构', '广告'];
const roads = ['湖滨路', '望湖大道', '青石桥街', '东岭路', '桂园路', '长丰大道', '西江路', '渡口街', '白沙路'];

function prefixSum(prefix: string): number {
  let s = 0;
  for (let i = 0; i < prefix.length; i++) s += USCC_CHARS.indexOf(prefix[i]!) * USCC_WEIGHTS[i]!;
  return s;
}

export async function generateBenchData(
  ctx: Ctx,
  opts: { entities: number; inspectors: number },
): Promise<{ entities: number; inspectors: number; relations: number }> {
  const counts = await fill(ctx, opts);
  // The draw reads the pool by an index-only scan: set the visibility map now rather than waiting
  // for autovacuum (VACUUM cannot run inside the transaction).
  await ctx.database.db.execute(sql`VACUUM (ANALYZE) inspection_entities`);
  return counts;
}

function fill(ctx: Ctx, opts: { entities: number; inspectors: number }): Promise<{ entities: number; inspectors: number; relations: number }> {
  return ctx.database.db.transaction(async (db) => {
    const CITY = demoCity.city.code;
    const cityPath = `${demoCity.province.code}/${CITY}`;
    const districts = demoCity.districts.map((d) => d.code);
    const sums = districts.map((d) => prefixSum(`93${d}BN`));
    // Position weights of the 7-digit counter (characters 11 to 17).
    const w = USCC_WEIGHTS.slice(10, 17);
    const digit = (k: number) => `((g.i / ${10 ** (6 - k)}) % 10) * ${w[k]}`;
    const counterSum = Array.from({ length: 7 }, (_, k) => digit(k)).join(' + ');

    const addresses = Array.from({ length: ADDRESSES }, (_, n) => {
      const d = demoCity.districts[n % 3]!;
      const address = `示范市${d.name}${roads[n % roads.length]}${1 + (Math.floor(n / 27) % 3000)}号${1 + (n % 27)}栋`;
      return { n, address, key: addressKey(address) };
    });

    await db.execute(sql`CREATE TEMP TABLE bench_addresses (n int PRIMARY KEY, address text, key text) ON COMMIT DROP`);
    for (let i = 0; i < addresses.length; i += 20_000) {
      await db.execute(
        sql`INSERT INTO bench_addresses SELECT * FROM json_to_recordset(${JSON.stringify(addresses.slice(i, i + 20_000))}::json) AS x(n int, address text, key text)`,
      );
    }
    const chars = USCC_CHARS;
    const streetPath = sql.raw(
      `'${cityPath}/' || (ARRAY['${districts.join("','")}'])[g.i % 3 + 1] || '/' || (ARRAY['${districts.join("','")}'])[g.i % 3 + 1] || lpad(((g.i / 3) % 3 + 1)::text, 3, '0')`,
    );
    const usccOf = (v: string) =>
      `'93' || (ARRAY['${districts.join("','")}'])[${v} % 3 + 1] || 'BN' || lpad(${v}::text, 7, '0') || substr('${chars}', ((31 - (((ARRAY[${sums.join(',')}])[${v} % 3 + 1] + ${counterSum.replaceAll('g.i', v)}) % 31)) % 31)::int + 1, 1)`;
    const usccExpr = sql.raw(usccOf('g.i'));
    for (let from = 0; from < opts.entities; from += 250_000) {
      const to = Math.min(opts.entities, from + 250_000) - 1;
      await db.execute(sql`
      INSERT INTO inspection_entities (uscc, name, entity_type, industry, region_code, region_path, address, address_key, risk_level, credit_level, source)
      SELECT ${usccExpr}, '示范市样本' || g.i || '号商贸有限公司', CASE WHEN g.i % 5 = 0 THEN '个体工商户' ELSE '有限责任公司' END,
        (ARRAY['${sql.raw(industries.join("','"))}'])[(g.i * 7) % 8 + 1],
        split_part(${streetPath}, '/', 4), ${streetPath}, a.address, a.key,
        CASE WHEN (g.i * 7919) % 10 < 6 THEN 'low' WHEN (g.i * 7919) % 10 < 9 THEN 'medium' ELSE 'high' END,
        CASE WHEN (g.i * 104729) % 20 < 8 THEN 'A' WHEN (g.i * 104729) % 20 < 16 THEN 'B' WHEN (g.i * 104729) % 20 < 19 THEN 'C' ELSE 'D' END,
        'bench'
      FROM generate_series(${from}::bigint, ${to}::bigint) AS g(i)
      JOIN bench_addresses a ON a.n = g.i % ${ADDRESSES}
      ON CONFLICT (uscc) DO NOTHING`);
    }

    const scjg = demoDepartmentId('scjg', CITY);
    const wjw = demoDepartmentId('wjw', CITY);
    await db.execute(sql`
    INSERT INTO inspection_inspectors (id, name, certificate_no, department_id, region_code, region_path, qualifications, available, address_key)
    SELECT md5('bench-inspector-' || g.i)::uuid, '样本检查员' || g.i, 'BN' || lpad(g.i::text, 7, '0'),
      CASE WHEN g.i % 5 = 4 THEN ${wjw}::uuid ELSE ${scjg}::uuid END,
      CASE WHEN g.i % 5 = 3 THEN (ARRAY['${sql.raw(districts.join("','"))}'])[g.i % 3 + 1] ELSE ${CITY} END,
      CASE WHEN g.i % 5 = 3 THEN ${cityPath} || '/' || (ARRAY['${sql.raw(districts.join("','"))}'])[g.i % 3 + 1] ELSE ${cityPath} END,
      '[]'::jsonb, true,
      CASE WHEN g.i % 50 = 0 THEN (SELECT key FROM bench_addresses WHERE n = (g.i * 31) % ${ADDRESSES}) END
    FROM generate_series(0, ${opts.inspectors - 1}) AS g(i)
    ON CONFLICT DO NOTHING`);
    const n = Math.max(1, opts.entities);
    await db.execute(sql`
    INSERT INTO inspection_relations (id, inspector_id, uscc, relation)
    SELECT md5('bench-relation-' || g.i || '-' || r.k)::uuid, md5('bench-inspector-' || g.i)::uuid, e.uscc, '近亲属在该企业任职'
    FROM generate_series(0, ${opts.inspectors - 1}) AS g(i)
    CROSS JOIN (VALUES (1), (2)) AS r(k)
    JOIN inspection_entities e ON e.uscc = (
      SELECT ${sql.raw(usccOf('x.i'))} FROM (SELECT ((g.i * 7927 + r.k * 104723) % ${n})::bigint AS i) AS x)
    ON CONFLICT DO NOTHING`);
    await db.execute(sql`ANALYZE inspection_entities`);
    await db.execute(sql`ANALYZE inspection_inspectors`);
    const count = async (table: string) =>
      Number(((await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n);
    return { entities: await count('inspection_entities'), inspectors: await count('inspection_inspectors'), relations: await count('inspection_relations') };
  });
}
