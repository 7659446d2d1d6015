// The e-supervision routes through app.inject: the bars and the cases behind each agree, and a
// supervisor urges a red case that its unit answers (issue 17).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { submitCase } from '../cases/index.ts';
import { foodApplication, foodImplementation } from './supervision-test-kit.ts';

let t: TestApp;
let foodCode: string;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  foodCode = await foodImplementation(t);
});
afterAll(() => t.close());

async function call(
  user: string | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  if (user) cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, payload: payload as object, headers: { ...(user ? { cookie: cookies[user] } : {}), ...headers } });
}

type Bar = { departmentId: string; departmentName: string; green: number; yellow: number; red: number; paused: number; total: number };

/** A case submitted in January 2025: red on any day this test runs. */
async function redCase(): Promise<string> {
  cookies.citizen1 ??= await t.login('citizen1');
  const ctx = { ...(await t.as('citizen1')), now: () => new Date('2025-01-06T10:00:00+08:00') };
  return (await submitCase(ctx, (await foodApplication(t, foodCode, cookies.citizen1)) as never)).caseNo;
}

describe('e-supervision lights', () => {
  it('each bar equals the total of the cases listed behind it', async () => {
    await redCase();
    const bars = (await call('supervisor', 'GET', '/api/supervision/lights')).json() as Bar[];
    expect(bars.length).toBeGreaterThan(1);
    for (const bar of bars) {
      expect(bar.green + bar.yellow + bar.red + bar.paused).toBe(bar.total);
      for (const light of ['green', 'yellow', 'red', 'paused'] as const) {
        const res = await call('supervisor', 'GET', `/api/supervision/lights/cases?departmentId=${bar.departmentId}&light=${light}&pageSize=100`);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as { total: number; items: { light: string | null; paused: boolean; departmentName: string }[] };
        expect(page.total, `${bar.departmentName} ${light}`).toBe(bar[light]);
        for (const c of page.items) {
          expect(c.departmentName).toBe(bar.departmentName);
          if (light === 'paused') expect(c.paused).toBe(true);
          else expect([c.light, c.paused]).toEqual([light, false]);
        }
      }
    }
  });

  it('reads only within the reader’s scope', async () => {
    const bars = (await call('scjg.approver', 'GET', '/api/supervision/lights')).json() as Bar[];
    expect(bars.map((b) => b.departmentName)).toEqual(['示范市市场监督管理局']);
    const other = ((await call('supervisor', 'GET', '/api/supervision/lights')).json() as Bar[]).find((b) => b.departmentName !== '示范市市场监督管理局')!;
    const res = await call('scjg.approver', 'GET', `/api/supervision/lights/cases?departmentId=${other.departmentId}&light=red`);
    expect(res.json().total).toBe(0);
    expect((await call('citizen1', 'GET', '/api/supervision/lights')).statusCode).toBe(403);
  });
});

describe('督办 over HTTP', () => {
  it('the supervisor urges a red case from its bar; the unit sees it on the case and answers', async () => {
    const caseNo = await redCase();
    const bar = ((await call('supervisor', 'GET', '/api/supervision/lights')).json() as Bar[]).find((b) => b.departmentName === '示范市市场监督管理局')!;
    const behind = (await call('supervisor', 'GET', `/api/supervision/lights/cases?departmentId=${bar.departmentId}&light=red&pageSize=100`)).json();
    expect(behind.items.find((c: { caseNo: string }) => c.caseNo === caseNo)).toMatchObject({ urge: null, stepName: expect.any(String) });

    const issued = await call(
      'supervisor',
      'POST',
      '/api/supervision/urges',
      { caseNo, message: '请说明超期原因并尽快办结', answerDays: 2 },
      { 'idempotency-key': `urge-${caseNo}` },
    );
    expect(issued.statusCode, issued.body).toBe(201);
    const urge = issued.json();
    expect(urge).toMatchObject({ caseNo, status: 'open', caseLight: 'red', answerDays: 2, mayAnswer: false });
    const again = await call(
      'supervisor',
      'POST',
      '/api/supervision/urges',
      { caseNo, message: '请说明超期原因并尽快办结', answerDays: 2 },
      { 'accept-language': 'en' },
    );
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.json()).toMatchObject({ code: 'supervision.urge_open', title: expect.stringContaining('already has an urge') });

    const marked = (await call('supervisor', 'GET', `/api/supervision/lights/cases?departmentId=${bar.departmentId}&light=red&pageSize=100`)).json();
    expect(marked.items.find((c: { caseNo: string }) => c.caseNo === caseNo).urge).toMatchObject({ id: urge.id, status: 'open' });

    // The unit: on the case page (urges of the case) and in its list of urges to answer.
    const onCase = (await call('scjg.clerk', 'GET', `/api/supervision/urges?caseNo=${caseNo}`)).json();
    expect(onCase.items).toEqual([expect.objectContaining({ id: urge.id, mayAnswer: true })]);
    const toAnswer = (await call('scjg.clerk', 'GET', '/api/supervision/urges?box=to-answer&status=open&pageSize=100')).json();
    expect(toAnswer.items.map((u: { id: string }) => u.id)).toContain(urge.id);
    // Another unit neither sees nor answers it; a citizen is refused.
    expect((await call('rsj.clerk', 'GET', `/api/supervision/urges/${urge.id}`)).statusCode).toBe(404);
    expect((await call('rsj.clerk', 'POST', `/api/supervision/urges/${urge.id}/answer`, { answer: '不是我们的办件', version: urge.version })).statusCode).toBe(
      404,
    );
    expect((await call('citizen1', 'GET', '/api/supervision/urges')).statusCode).toBe(403);

    const bad = await call('scjg.clerk', 'POST', `/api/supervision/urges/${urge.id}/answer`, { answer: '', version: urge.version });
    expect(bad.statusCode).toBe(400);
    const answered = await call('scjg.clerk', 'POST', `/api/supervision/urges/${urge.id}/answer`, {
      answer: '已补齐审查意见，今日报批',
      version: urge.version,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answer: '已补齐审查意见，今日报批' });
    expect((await call('supervisor', 'GET', `/api/supervision/urges/${urge.id}`)).json()).toMatchObject({ status: 'answered' });
  });

  it('refuses to urge a case that is not late, in zh and en', async () => {
    cookies.citizen1 ??= await t.login('citizen1');
    const fresh = await call('citizen1', 'POST', '/api/cases', await foodApplication(t, foodCode, cookies.citizen1));
    expect(fresh.statusCode, fresh.body).toBe(201);
    const res = await call('supervisor', 'POST', '/api/supervision/urges', { caseNo: fresh.json().caseNo, message: '请抓紧办理此件', answerDays: 3 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'supervision.case_not_late', title: expect.stringContaining('黄灯') });
    expect(
      (await call('scjg.clerk', 'POST', '/api/supervision/urges', { caseNo: fresh.json().caseNo, message: '请抓紧办理此件', answerDays: 3 })).statusCode,
    ).toBe(403);
  });

  it('the demo data holds one open and one answered urge', async () => {
    const all = (await call('supervisor', 'GET', '/api/supervision/urges?pageSize=100')).json() as { items: { status: string; issuedByName: string }[] };
    expect(all.items.some((u) => u.status === 'open')).toBe(true);
    expect(all.items.some((u) => u.status === 'answered')).toBe(true);
    expect((await call('zjj.approver', 'GET', '/api/supervision/urges?box=to-answer&status=open')).json().total).toBeGreaterThan(0);
    expect((await call('scjg.reviewer', 'GET', '/api/supervision/urges?box=to-answer&status=answered')).json().total).toBeGreaterThan(0);
  });
});
