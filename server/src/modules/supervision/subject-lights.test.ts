// 电子监察 beyond cases (issue 17): the hotline tickets' and the rectifications' lights, each bar
// equal to the list behind it, and 督办 of a late rectification answered by its unit or escalated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { rectificationLightCounts } from '../evaluation/index.ts';
import { lightRectifications } from './lights.ts';
import { issueRectificationUrge } from './issue-rectification-urge.ts';
import { answerUrge } from './answer-urge.ts';
import { escalateOverdueUrges } from './escalate-urges.ts';
import { getUrge } from './urge-lists.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
let rectificationId: string;
beforeAll(async () => {
  t = await createTestApp();
  // The refused 企业注销登记's, rated two days ago (green); the demo's late ones (seed-late.ts) are red and yellow.
  const res = await call('scjg.approver', 'GET', '/api/workbench/rectifications?scope=unit&status=open');
  rectificationId = (res.json() as { items: { id: string; evaluation: { itemName: string } }[] }).items.find(
    (r) => r.evaluation.itemName === '企业注销登记',
  )!.id;
});
afterAll(() => t.close());

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, payload: payload as object, headers: { cookie: cookies[user] } });
}

/** The demo rectification's unit owes it for 15 working days: 60 days on, it is red. */
const later = (ctx: Awaited<ReturnType<TestApp['as']>>, days = 60) => ({ ...ctx, now: () => new Date(Date.now() + days * 86_400_000) });

describe('lights of tickets and rectifications', () => {
  it('each ticket bar equals the total of the tickets listed behind it', async () => {
    const bars = (await call('supervisor', 'GET', '/api/supervision/ticket-lights')).json() as {
      unit: string;
      unitName: string;
      green: number;
      yellow: number;
      red: number;
      total: number;
    }[];
    expect(bars.length).toBeGreaterThan(0);
    for (const bar of bars) {
      expect(bar.green + bar.yellow + bar.red).toBe(bar.total);
      for (const light of ['green', 'yellow', 'red'] as const) {
        const res = await call('supervisor', 'GET', `/api/supervision/ticket-lights/tickets?unit=${encodeURIComponent(bar.unit)}&light=${light}&pageSize=100`);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as { total: number; items: { light: string; unitName: string }[] };
        expect(page.total, `${bar.unitName} ${light}`).toBe(bar[light]);
        expect(page.items.every((i) => i.light === light && i.unitName === bar.unitName)).toBe(true);
      }
    }
    // Without the hotline's read permission (a citizen): 403.
    expect((await call('citizen1', 'GET', '/api/supervision/ticket-lights')).statusCode).toBe(403);
  });

  it('each rectification bar equals the list behind it, today and when the demo one is overdue', async () => {
    const sup = await t.as('supervisor');
    for (const ctx of [sup, later(sup)]) {
      const bars = await rectificationLightCounts(ctx);
      expect(bars.length).toBeGreaterThan(0);
      for (const bar of bars)
        for (const light of ['green', 'yellow', 'red'] as const) {
          const page = await lightRectifications(ctx, { departmentId: bar.departmentId, light, page: 1, pageSize: 100 });
          expect(page.total).toBe(bar[light]);
          expect(page.items.every((i) => i.light === light)).toBe(true);
        }
    }
    const late = await lightRectifications(later(sup), {
      departmentId: (await rectificationLightCounts(sup))[0]!.departmentId,
      light: 'red',
      page: 1,
      pageSize: 20,
    });
    expect(late.items.map((i) => i.id)).toContain(rectificationId);
    const res = await call('supervisor', 'GET', '/api/supervision/rectification-lights');
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('督办 of a rectification', () => {
  it('is refused while the rectification is green (HTTP 409, problem+json)', async () => {
    const res = await call('supervisor', 'POST', '/api/supervision/rectification-urges', { rectificationId, message: '请抓紧整改并答复。' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('supervision.case_not_late');
  });

  it('on an overdue one: the unit answers; unanswered past its limit it is escalated', async () => {
    const sup = later(await t.as('supervisor'));
    const urge = await issueRectificationUrge(sup, { rectificationId, message: '差评整改已超期，请说明原因并于期限内完成整改。', answerDays: 3 });
    expect(urge).toMatchObject({ subjectType: 'rectification', rectificationId, caseLight: 'red', status: 'open' });
    await expect(issueRectificationUrge(sup, { rectificationId, message: '再次督办，请尽快答复。', answerDays: 3 })).rejects.toMatchObject({
      code: 'supervision.urge_open',
    });
    const page = await lightRectifications(sup, { departmentId: urge.departmentId, light: 'red', page: 1, pageSize: 20 });
    expect(page.items.find((i) => i.id === rectificationId)?.urge?.id).toBe(urge.id);
    // Another bureau's clerk does not see it; a district supervisor may not urge a city bureau.
    await expect(getUrge(await t.as('zjj.approver'), urge.id)).rejects.toMatchObject({ code: 'resource.not_found' });
    // Ten days on, unanswered: escalated once to the supervising office; the unit still answers, late.
    const escalated = await escalateOverdueUrges(later(await t.as('supervisor'), 75));
    expect(escalated).toContain(urge.id);
    const approver = later(await t.as('scjg.approver'), 75);
    const seen = await getUrge(approver, urge.id);
    expect(seen).toMatchObject({ status: 'escalated', mayAnswer: true });
    const answered = await answerUrge(approver, urge.id, { answer: '已回访申请人并落实整改措施，整改报告已提交。', version: seen.version });
    expect(answered).toMatchObject({ status: 'answered', answeredLate: true });
  });
});
