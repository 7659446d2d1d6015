import type { Generator, Scenario, ServerFigure } from '../types.ts';
import { completeUscc } from '../../server/src/platform/validators.ts';
import { demoCity, demoDepartmentId, demoId } from '../../server/src/modules/org/seed.ts';

/**
 * Random inspections (docs/inspection.md): a draw over 1,000,000 entities and 5,000 inspectors with
 * recusal (target < 2 s on PostgreSQL, end to end through the API: create task → commit → draw), and
 * the CSV import rate of 100,000 entities. The pool is made by `yiwang inspection bench-data`.
 */
export const generate: Generator[] = [
  { name: 'inspection: 1,000,000 entities, 5,000 inspectors', args: ['inspection', 'bench-data', '--entities', '1000000', '--inspectors', '5000'] },
];

const CITY = demoCity.city.code;
const MANAGER = 'scjg.inspection';

async function api(baseUrl: string, cookie: string, method: string, path: string, body?: unknown, contentType = 'application/json') {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': contentType } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

let runs = 0;

export const serverFigures: ServerFigure[] = [
  {
    name: 'inspection: draw over 1M entities / 5k inspectors (create → commit → draw)',
    async measure({ engine, baseUrl, cookie }) {
      const c = await cookie(MANAGER);
      const plans = (await api(baseUrl, c, 'GET', '/api/workbench/inspection/plans')) as { id: string }[];
      const scjg = demoDepartmentId('scjg', CITY);
      const t0 = performance.now();
      const task = await api(baseUrl, c, 'POST', `/api/workbench/inspection/plans/${plans[0]!.id}/tasks`, {
        title: `bench draw ${++runs}`,
        itemIds: [demoId('inspection-item', 'SC-01')],
        departmentIds: [scjg],
        scope: {},
        count: null,
        proportionPercent: 1,
        inspectorsPerEntity: 2,
        riskWeights: { low: 1, medium: 2, high: 4 },
        creditWeights: { A: 1, B: 1, C: 2, D: 4 },
        recentTasks: 3,
        dueDate: '2026-12-31',
        disclosureWorkingDays: 20,
      });
      const t1 = performance.now();
      await api(baseUrl, c, 'POST', `/api/workbench/inspection/tasks/${task.id}/commitment`);
      const t2 = performance.now();
      const draw = await api(baseUrl, c, 'POST', `/api/workbench/inspection/tasks/${task.id}/draw`);
      const t3 = performance.now();
      // The disclosed inputs, as a browser or `draw verify` downloads them (stored gzip, sent as is).
      // fetch decompresses on the way: the size sent is the Content-Length (the stored gzip).
      const res = await fetch(`${baseUrl}/api/public/inspection/draws/${draw.id}/inputs`, { headers: { 'accept-encoding': 'gzip' } });
      const plain = (await res.arrayBuffer()).byteLength;
      const gz = Number(res.headers.get('content-length') ?? plain);
      const t4 = performance.now();
      const ms = Math.round(t3 - t0);
      return {
        value: `${ms} ms (pool ${draw.poolSize}, ${draw.selectedCount} drawn; create ${Math.round(t1 - t0)} + commit ${Math.round(t2 - t1)} + draw ${Math.round(t3 - t2)} ms; inputs ${(gz / 2 ** 20).toFixed(1)} MB gzip (${(plain / 2 ** 20).toFixed(1)} MB JSON) in ${Math.round(t4 - t3)} ms)`,
        target: engine === 'postgres' ? '< 2000 ms' : undefined,
        ok: engine === 'postgres' ? ms < 2000 : undefined,
        data: {
          ms,
          createMs: Math.round(t1 - t0),
          commitMs: Math.round(t2 - t1),
          drawMs: Math.round(t3 - t2),
          inputsMs: Math.round(t4 - t3),
          inputsGzBytes: gz,
          inputsJsonBytes: plain,
          poolSize: draw.poolSize,
          selected: draw.selectedCount,
        },
      };
    },
  },
  {
    name: 'inspection: CSV import of 100,000 entities (rows/s)',
    async measure({ baseUrl, cookie }) {
      const c = await cookie(MANAGER);
      const n = 100_000;
      const districts = demoCity.districts;
      const lines = ['统一社会信用代码,名称,类型,行业,区划代码,地址,风险等级,信用等级'];
      for (let i = 0; i < n; i++) {
        const d = districts[i % 3]!;
        const street = `${d.code}${String((i % 3) + 1).padStart(3, '0')}`;
        lines.push(
          `${completeUscc(`94${d.code}CT${String(i).padStart(7, '0')}`)},示范市导入样本${i}号有限公司,有限责任公司,零售,${street},示范市${d.name}导入路${i}号,${['low', 'medium', 'high'][i % 3]},${'ABCD'[i % 4]}`,
        );
      }
      const csv = `${lines.join('\n')}\n`;
      const t0 = performance.now();
      const r = await api(baseUrl, c, 'POST', '/api/workbench/inspection/entities/import', csv, 'text/csv');
      const s = (performance.now() - t0) / 1000;
      if (r.imported !== n) throw new Error(`imported ${r.imported} of ${n}`);
      return {
        value: `${Math.round(n / s)} rows/s (${n} rows in ${s.toFixed(1)} s, ${(csv.length / 2 ** 20).toFixed(1)} MB)`,
        data: { rows: n, seconds: Math.round(s * 10) / 10, rowsPerSecond: Math.round(n / s) },
      };
    },
  },
];

/** Request rates of the public disclosure pages. */
const scenarios: Scenario[] = [
  { name: 'GET /api/public/inspection/tasks (disclosed results)', baseline: 'query', path: '/api/public/inspection/tasks?page=1&pageSize=20' },
];
export default scenarios;
