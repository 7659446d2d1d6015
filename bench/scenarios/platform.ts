import type { Scenario } from '../types.ts';

const scenarios: Scenario[] = [
  { name: 'GET /healthz', baseline: 'route', path: '/healthz' },
  { name: 'GET /api/admin/staff (page of 20, signed in)', baseline: 'query', path: '/api/admin/staff?page=1&pageSize=20', as: 'admin' },
];
export default scenarios;
