import type { Scenario, ServerFigureContext } from '../types.ts';

/** The first item of a signed-in list, for a detail scenario. */
async function firstOf(ctx: ServerFigureContext, user: string, listPath: string, pick: (item: Record<string, unknown>) => string): Promise<string> {
  const res = await fetch(`${ctx.baseUrl}${listPath}`, { headers: { cookie: await ctx.cookie(user) } });
  const body = (await res.json()) as { items?: Record<string, unknown>[] };
  const first = body.items?.[0];
  if (!res.ok || !first) throw new Error(`${listPath} as ${user} gave ${res.status} and no item`);
  return pick(first);
}

/**
 * The signed-in reads issue 12 names, each beside the bare one-row query (target ≥ 0.5×): who am I,
 * a staff page of 20, a case, a hotline ticket list (the to-do list is in cases.ts).
 */
const scenarios: Scenario[] = [
  { name: 'GET /healthz', baseline: 'route', path: '/healthz' },
  { name: 'GET /api/auth/me (staff, signed in)', baseline: 'query', path: '/api/auth/me', as: 'scjg.clerk', goal: 'read' },
  { name: 'GET /api/admin/staff (page of 20, signed in)', baseline: 'query', path: '/api/admin/staff?page=1&pageSize=20', as: 'admin', goal: 'read' },
  {
    name: 'GET /api/cases/{caseNo} (a case, market regulation clerk)',
    baseline: 'query',
    goal: 'read',
    path: '/api/cases/{caseNo}',
    as: 'scjg.clerk',
    resolvePath: async (ctx) => `/api/cases/${encodeURIComponent(await firstOf(ctx, 'scjg.clerk', '/api/cases?page=1&pageSize=1', (c) => String(c.caseNo)))}`,
  },
  {
    name: 'GET /api/workbench/hotline/tickets (page of 20, operator)',
    baseline: 'query',
    path: '/api/workbench/hotline/tickets?page=1&pageSize=20',
    as: 'rx.operator',
    goal: 'read',
  },
];
export default scenarios;
