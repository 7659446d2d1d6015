import type { Scenario } from '../types.ts';
import { demoDepartmentUscc } from '../../server/src/modules/org/seed.ts';
import { demoBaseCode, demoCatalog } from '../../server/src/modules/catalog/seed.ts';

/**
 * Catalog search and guide pages on the demo catalog. For the 20,000-implementation figure run
 * `CATALOG_BENCH_IMPLEMENTATIONS=20000 npm run bench` (the demo seed then adds synthetic published
 * implementations; first start takes minutes).
 */
const food = demoCatalog.find((s) => s.name === '食品经营许可')!;
const foodCode = `${demoDepartmentUscc('scjg', '990100')}3${demoBaseCode(food)}`;
const q = (s: string) => encodeURIComponent(s);

const scenarios: Scenario[] = [
  { name: 'GET /api/catalog/items?q=食品经营 (Chinese)', baseline: 'query', path: `/api/catalog/items?q=${q('食品经营')}` },
  { name: 'GET /api/catalog/items?q=spjy (initials)', baseline: 'query', path: '/api/catalog/items?q=spjy' },
  { name: 'GET /api/catalog/items?q=许可 (common word)', baseline: 'query', path: `/api/catalog/items?q=${q('许可')}` },
  { name: 'GET /api/catalog/items (browse by popularity)', baseline: 'query', path: '/api/catalog/items?subject=entity&flags=do-online' },
  { name: 'GET /api/catalog/items/{code} (guide page)', baseline: 'query', path: `/api/catalog/items/${foodCode}` },
];
export default scenarios;
