import type { Generator, Scenario, ServerFigure } from '../types.ts';
import { sequentialLatency } from '../lib.ts';
import { demoDepartmentUscc } from '../../server/src/modules/org/seed.ts';
import { demoBaseCode, demoCatalog } from '../../server/src/modules/catalog/seed.ts';

/**
 * Catalog search and the guide page at 20,000 implementations: `generate` adds 20,000 synthetic
 * published implementations (`yiwang catalog bench-data`, ~515k search terms) to the demo catalog
 * before the scenarios run. The target: search p95 < 30 ms (one user, sequential requests).
 */
const IMPLEMENTATIONS = Number(process.env.CATALOG_BENCH_IMPLEMENTATIONS ?? 20_000);
export const generate: Generator[] = [
  { name: `catalog: ${IMPLEMENTATIONS} implementations`, args: ['catalog', 'bench-data', '--implementations', String(IMPLEMENTATIONS)] },
];

const food = demoCatalog.find((s) => s.name === '食品经营许可')!;
const foodCode = `${demoDepartmentUscc('scjg', '990100')}3${demoBaseCode(food)}`;
const q = (s: string) => encodeURIComponent(s);

const scenarios: Scenario[] = [
  { name: 'GET /api/catalog/items?q=食品经营 (Chinese)', baseline: 'query', path: `/api/catalog/items?q=${q('食品经营')}` },
  { name: 'GET /api/catalog/items?q=spjy (initials)', baseline: 'query', path: '/api/catalog/items?q=spjy' },
  { name: 'GET /api/catalog/items?q=许可 (common word)', baseline: 'query', path: `/api/catalog/items?q=${q('许可')}` },
  { name: 'GET /api/catalog/items (browse by popularity, filtered)', baseline: 'query', path: '/api/catalog/items?subject=entity&flags=do-online' },
  { name: 'GET /api/catalog/items/{code} (guide page)', baseline: 'query', path: `/api/catalog/items/${foodCode}` },
];
export default scenarios;

/** The queries of the p95 figure: Chinese, full pinyin, initials, codes, common words, two words, filters. */
const searchQueries = [
  q('食品经营'),
  q('结婚登记'),
  q('餐饮经营许可'),
  'shipinjingying',
  'jiehun',
  'canyin',
  'spjy',
  'yyzz',
  'xk',
  foodCode,
  demoBaseCode(food),
  q('许可'),
  q('登记'),
  q('许可 食品经营'),
  `${q('许可')}&subject=entity&flags=do-online`,
];

export const serverFigures: ServerFigure[] = [
  {
    name: `catalog search p95, ${searchQueries.length} queries cycled (one user)`,
    async measure({ baseUrl }) {
      const urls = searchQueries.map((s) => `${baseUrl}/api/catalog/items?q=${s}`);
      const l = await sequentialLatency(urls, { n: 300, warmup: 30 });
      return { value: `p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms (n=${l.n})`, target: 'p95 < 30 ms', ok: l.p95 < 30, data: { ...l } };
    },
  },
  {
    name: 'catalog guide page p95 (one user)',
    async measure({ baseUrl }) {
      const l = await sequentialLatency([`${baseUrl}/api/catalog/items/${foodCode}`], { n: 200, warmup: 20 });
      return { value: `p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms (n=${l.n})`, data: { ...l } };
    },
  },
];
