import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { outboxMessages } from '../../platform/outbox/index.ts';
import { foodCaseKit } from '../../../test/food-case-kit.ts';
import { demoId } from '../org/index.ts';
import { evaluations, evaluationTokens } from './tables.ts';
import { DEMO_TOKENS } from './tokens.ts';

let t: TestApp;
const kit = foodCaseKit(() => t);
const { call } = kit;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The token in the SMS that invited the applicant to rate the case. */
async function smsToken(caseNo: string): Promise<string> {
  const rows = await t.ctx.database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.channel, 'sms'), eq(outboxMessages.template, 'evaluation.invite')));
  const sms = rows.find((r) => r.params.caseNo === caseNo);
  expect(sms, 'an SMS invitation').toBeDefined();
  expect(sms!.recipientKind).toBe('person');
  const m = /\/evaluate\/([A-Za-z0-9_-]+)/.exec(String(sms!.params.text));
  expect(String(sms!.params.text)).toContain('已办结，欢迎评价');
  return m![1]!;
}

describe('evaluation by one-time link', () => {
  it('a concluded case sends the applicant an SMS link that rates it once, without signing in; only its digest is stored', async () => {
    const caseNo = await kit.concludedCase();
    const token = await smsToken(caseNo);
    const stored = await t.ctx.database.db.select().from(evaluationTokens).where(eq(evaluationTokens.caseNo, caseNo));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).not.toContain(token);
    expect(stored[0]!.expiresAt.getTime() - stored[0]!.createdAt.getTime()).toBe(30 * 86_400_000);

    const view = await call(null, 'GET', `/api/public/evaluation/${token}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json()).toMatchObject({
      kind: 'sms',
      caseNo,
      itemName: '食品经营许可',
      dimensions: ['overall', 'efficiency', 'guideAccuracy', 'convenience', 'usability'],
    });
    expect((await call(null, 'POST', `/api/public/evaluation/${token}`, { level: 4, dimensions: { attitude: 4 } })).statusCode).toBe(400);
    const staff = await call('scjg.clerk', 'POST', `/api/public/evaluation/${token}`, { level: 5 }, { 'accept-language': 'en' });
    expect(staff.statusCode).toBe(403);
    expect(staff.json()).toMatchObject({ code: 'evaluation.staff_session' });

    const made = await call(null, 'POST', `/api/public/evaluation/${token}`, { level: 4, dimensions: { efficiency: 5 } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ mode: 'online', level: 4, dimensions: { overall: 4, efficiency: 5 } });
    // Spent: the link is gone, and the case has its one online evaluation.
    for (const method of ['GET', 'POST'] as const) {
      const again = await call(null, method, `/api/public/evaluation/${token}`, method === 'POST' ? { level: 5 } : undefined, { 'accept-language': 'zh-CN' });
      expect(again.statusCode).toBe(404);
      expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await call('citizen1', 'GET', `/api/cases/${caseNo}/evaluation`)).json()).toMatchObject({ mayEvaluate: false, evaluation: { level: 4 } });
    expect((await call('citizen1', 'POST', `/api/cases/${caseNo}/evaluation`, { level: 5 })).statusCode).toBe(409);
    const [audit] = await t.ctx.database.db
      .execute(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'evaluation.create' AND summary->>'via' = 'sms'`)
      .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    expect(audit!.n).toBeGreaterThanOrEqual(1);
  });

  it('an expired or unknown token is a 404 problem; a link after an evaluation in the portal answers 409', async () => {
    const caseNo = await kit.concludedCase();
    const token = await smsToken(caseNo);
    expect((await call('citizen1', 'POST', `/api/cases/${caseNo}/evaluation`, { level: 5 })).statusCode).toBe(201);
    const late = await call(null, 'POST', `/api/public/evaluation/${token}`, { level: 3 }, { 'accept-language': 'en' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'evaluation.already_evaluated' });

    await t.ctx.database.db
      .update(evaluationTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(evaluationTokens.caseNo, caseNo));
    const expired = await call(null, 'GET', `/api/public/evaluation/${token}`, undefined, { 'accept-language': 'en' });
    expect(expired.statusCode).toBe(404);
    expect(expired.json()).toMatchObject({ code: 'resource.not_found', title: 'The resource was not found' });
    const unknown = await call(null, 'POST', `/api/public/evaluation/${'x'.repeat(32)}`, { level: 5 }, { 'accept-language': 'zh-CN' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'resource.not_found', title: '找不到请求的资源' });
  });

  it('a window visit: the clerk opens a code the citizen rates on site, once; the clerk cannot submit it', async () => {
    const caseNo = await kit.openCase();
    expect((await call('citizen1', 'POST', `/api/workbench/cases/${caseNo}/visit-evaluation`)).statusCode).toBe(403);
    expect((await call('rsj.clerk', 'POST', `/api/workbench/cases/${caseNo}/visit-evaluation`)).statusCode).toBe(404);
    // An online case has no filing window: the clerk names the counter's; it must serve the bureau (C01 serves social security only).
    const noWindow = await call('scjg.clerk', 'POST', `/api/workbench/cases/${caseNo}/visit-evaluation`);
    expect(noWindow.statusCode).toBe(400);
    expect(noWindow.body).toContain('windowId');
    const wrong = await call('scjg.clerk', 'POST', `/api/workbench/cases/${caseNo}/visit-evaluation`, { windowId: demoId('window', 'city:C01') });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('not_serving_department');
    const opened = await call('scjg.clerk', 'POST', `/api/workbench/cases/${caseNo}/visit-evaluation`, { windowId: demoId('window', 'city:A03') });
    expect(opened.statusCode, opened.body).toBe(201);
    expect(opened.json().window).toEqual({ id: demoId('window', 'city:A03'), label: '示范市市民之家（市政务服务中心） A03 企业开办专窗' });
    const { token, url, qrSvg } = opened.json();
    expect(url).toMatch(new RegExp(`/evaluate/${token}$`));
    // The QR code of the link for the citizen's phone: an SVG image.
    expect(qrSvg).toMatch(/^<svg[^>]*viewBox/);
    expect((await call(null, 'GET', `/api/public/evaluation/${token}`)).json()).toMatchObject({
      kind: 'visit',
      dimensions: ['overall', 'efficiency', 'serviceLevel', 'attitude'],
    });
    const byClerk = await call('scjg.clerk', 'POST', `/api/public/evaluation/${token}`, { level: 5 }, { 'accept-language': 'zh-CN' });
    expect(byClerk.statusCode).toBe(403);
    expect(byClerk.json()).toMatchObject({ code: 'evaluation.staff_session' });
    expect((await call(null, 'POST', `/api/public/evaluation/${token}`, { level: 5, dimensions: { guideAccuracy: 5 } })).statusCode).toBe(400);
    const made = await call(null, 'POST', `/api/public/evaluation/${token}`, { level: 5, dimensions: { serviceLevel: 5, attitude: 4 } });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ mode: 'on_site', dimensions: { overall: 5, serviceLevel: 5, attitude: 4 } });
    // The evaluation records the visit's window.
    const [row] = await t.database.db.select().from(evaluations).where(eq(evaluations.id, made.json().id));
    expect([row!.windowId, row!.windowLabel]).toEqual([demoId('window', 'city:A03'), '示范市市民之家（市政务服务中心） A03 企业开办专窗']);
    expect((await call(null, 'POST', `/api/public/evaluation/${token}`, { level: 5 })).statusCode).toBe(404);
    // The on-site rating is not the case's online evaluation: the applicant may still rate it online once it concludes.
    expect((await call('citizen1', 'GET', `/api/cases/${caseNo}/evaluation`)).json()).toMatchObject({ evaluation: null });
  });

  it("the demo links (docs/evaluation.md) open 刘桂芳's concluded window case", async () => {
    const sms = await call(null, 'GET', `/api/public/evaluation/${DEMO_TOKENS.sms}`);
    expect(sms.statusCode, sms.body).toBe(200);
    expect(sms.json()).toMatchObject({ kind: 'sms' });
    const visit = await call(null, 'GET', `/api/public/evaluation/${DEMO_TOKENS.visit}`);
    expect(visit.json()).toMatchObject({ kind: 'visit', caseNo: sms.json().caseNo });
    // The demo visit code is the counter's where her case was filed (A01).
    const [code] = await t.database.db
      .select()
      .from(evaluationTokens)
      .where(and(eq(evaluationTokens.kind, 'visit'), eq(evaluationTokens.caseNo, sms.json().caseNo)));
    expect(code?.windowLabel).toBe('示范市市民之家（市政务服务中心） A01 综合受理窗口 1');
    expect(sms.json()).toMatchObject({ itemName: '食品经营许可' });
  });
});
