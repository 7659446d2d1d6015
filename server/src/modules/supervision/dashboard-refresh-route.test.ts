// 领导驾驶舱 立即刷新 (POST /api/workbench/dashboard/refresh): an evaluation made today shows on the
// dashboard only after a refresh (the rows are pre-aggregated); the supervisor over the city refreshes
// now, audited; others are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/index.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function call(user: string | null, method: 'GET' | 'POST', url: string, payload?: unknown) {
  if (user) cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, payload: payload as object, headers: user ? { cookie: cookies[user] } : {} });
}

describe('refresh the leaders view now', () => {
  it('shows an evaluation made today after the refresh, audited', async () => {
    const today = t.ctx.calendar.today();
    const evaluationsToday = async () =>
      ((await call('supervisor', 'GET', `/api/workbench/dashboard?from=${today}&to=${today}`)).json() as { totals: { evaluations: number } }).totals
        .evaluations;
    const before = await evaluationsToday();
    // 刘桂芳 rates her concluded window case through the demo SMS link (signed out).
    const rated = await call(null, 'POST', '/api/public/evaluation/demo-sms-evaluate-0001', { level: 1, tags: ['materials_beyond_guide'] });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(await evaluationsToday()).toBe(before);

    // The calendar due for its reload: the recount reloads it (a recount nested in another
    // transaction waited forever for PGlite's one connection; found by journey 12).
    (t.calendar as unknown as { loadedAt: number }).loadedAt = 0;
    const res = await call('supervisor', 'POST', '/api/workbench/dashboard/refresh');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ to: today });
    expect(await evaluationsToday()).toBe(before + 1);
    const audited = await t.ctx.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'supervision.dashboard.refresh'));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ objectType: 'supervision_dashboard' });
  });

  it('is refused without the permission (403) and signed out (401), problem+json', async () => {
    const unit = await call('scjg.approver', 'POST', '/api/workbench/dashboard/refresh');
    expect(unit.statusCode).toBe(403);
    expect(unit.headers['content-type']).toContain('application/problem+json');
    expect((await call(null, 'POST', '/api/workbench/dashboard/refresh')).statusCode).toBe(401);
  });
});
