// What staff and the public see across cases: the to-do list, traffic lights, progress lookup, e-supervision counts and public disclosure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoIdNumber } from '../identity/index.ts';
import { refreshCaseLights } from './service.ts';
import { cases as casesTable } from './tables.ts';
import { casesApi, implementationOf } from './cases-test-kit.ts';

let t: TestApp;
let foodCode: string; // 食品经营许可, city market regulation bureau
beforeAll(async () => {
  t = await createTestApp();
  foodCode = await implementationOf(t, '食品经营许可', '990100');
});
afterAll(() => t.close());
const { call, submit, act } = casesApi(() => ({ t, foodCode }));

describe('to-do list, lights and progress lookup', () => {
  it('shows each role its step, most urgent first, paged', async () => {
    const c = await submit();
    const clerk = (await call('scjg.clerk', 'GET', '/api/workbench/todo?pageSize=100')).json();
    expect(clerk.items.map((i: { caseNo: string }) => i.caseNo)).toContain(c.caseNo);
    const dues = clerk.items.map((i: { dueDate: string }) => i.dueDate);
    expect(dues).toEqual([...dues].sort());
    const reviewer = (await call('scjg.reviewer', 'GET', '/api/workbench/todo?pageSize=100')).json();
    expect(reviewer.items.map((i: { caseNo: string }) => i.caseNo)).not.toContain(c.caseNo);
    await act('scjg.clerk', c.caseNo, 'accept');
    const reviewer2 = (await call('scjg.reviewer', 'GET', '/api/workbench/todo?pageSize=100')).json();
    expect(reviewer2.items.map((i: { caseNo: string }) => i.caseNo)).toContain(c.caseNo);
    expect((await call('scjg.clerk', 'GET', '/api/workbench/todo?pageSize=1')).json()).toMatchObject({ page: 1, pageSize: 1 });
    expect((await call('citizen1', 'GET', '/api/workbench/todo')).statusCode).toBe(403);
  });

  it('the scheduled refresh turns lights yellow near the due date and red after it', async () => {
    const c = await submit();
    const due = c.deadlines.case.dueDate as string;
    const ctx = t.ctx;
    await refreshCaseLights(ctx, { today: due });
    expect((await t.database.db.select().from(casesTable).where(eq(casesTable.caseNo, c.caseNo)))[0]!.light).toBe('yellow');
    await refreshCaseLights(ctx, { today: t.calendar.addWorkingDays(due, 1).date });
    expect((await t.database.db.select().from(casesTable).where(eq(casesTable.caseNo, c.caseNo)))[0]!.light).toBe('red');
  });

  it('progress by case number and name or last 4 of the ID number, without signing in; wrong guesses throttled', async () => {
    const c = await submit();
    const ok = await call(null, 'GET', `/api/public/progress?caseNo=${c.caseNo}&name=${encodeURIComponent('张明')}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ caseNo: c.caseNo, status: 'pending_acceptance', itemName: '食品经营许可' });
    expect(JSON.stringify(ok.json())).not.toContain('张明');
    const tail = demoIdNumber(0).slice(-4);
    expect((await call(null, 'GET', `/api/public/progress?caseNo=${c.caseNo}&name=${tail}`)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await call(null, 'GET', `/api/public/progress?caseNo=${c.caseNo}&name=guess${i}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', `/api/public/progress?caseNo=${c.caseNo}&name=${encodeURIComponent('张明')}`)).statusCode).toBe(429);
  });
});

describe('e-supervision counts and public disclosure', () => {
  it('counts open cases per department by light, within the reader’s scope', async () => {
    await submit();
    const res = await call('scjg.approver', 'GET', '/api/supervision/lights');
    expect(res.statusCode).toBe(200);
    const rows = res.json() as { departmentName: string; green: number; yellow: number; red: number; paused: number; total: number }[];
    expect(rows.map((r) => r.departmentName)).toEqual(['示范市市场监督管理局']);
    expect(rows[0]!.total).toBeGreaterThan(0);
    expect(rows[0]!.green + rows[0]!.yellow + rows[0]!.red + rows[0]!.paused).toBe(rows[0]!.total);
    expect((await call('citizen1', 'GET', '/api/supervision/lights')).statusCode).toBe(403);
  });

  it('lists concluded cases publicly without naming the person', async () => {
    const c = await submit();
    await act('scjg.clerk', c.caseNo, 'refuse', { reason: '不属于本机关职权范围', legalBasis: '《行政许可法》第三十二条' });
    const res = await call(null, 'GET', `/api/public/cases?q=${c.caseNo}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ caseNo: c.caseNo, applicant: '个人', result: '不予受理', itemName: '食品经营许可' })]);
    expect(res.body).not.toContain('张');
  });
});
