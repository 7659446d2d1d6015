// One light per case: the to-do list, the case list and the case page give the same answer (issue 15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { cases as casesTable } from './tables.ts';
import { casesApi, implementationOf } from './cases-test-kit.ts';

let t: TestApp;
let foodCode: string;
beforeAll(async () => {
  t = await createTestApp();
  foodCode = await implementationOf(t, '食品经营许可', '990100');
});
afterAll(() => t.close());
const { call, submit, act } = casesApi(() => ({ t, foodCode }));

type Summary = { caseNo: string; light: string | null; paused: boolean };

/** The light of `caseNo` in the staff case list, the to-do list (when it is there) and on its page. */
async function lightsOf(caseNo: string) {
  const list = (await call('scjg.clerk', 'GET', `/api/cases?q=${caseNo}&pageSize=100`)).json().items as Summary[];
  const todo = (await call('scjg.clerk', 'GET', `/api/workbench/todo?q=${caseNo}&pageSize=100`)).json().items as Summary[];
  const page = (await call('scjg.clerk', 'GET', `/api/cases/${caseNo}`)).json() as Summary;
  const inList = list.find((c) => c.caseNo === caseNo);
  const inTodo = todo.find((c) => c.caseNo === caseNo);
  return {
    list: inList && { light: inList.light, paused: inList.paused },
    todo: inTodo && { light: inTodo.light, paused: inTodo.paused },
    page: { light: page.light, paused: page.paused },
  };
}

async function setDue(caseNo: string, dueDate: string) {
  await t.database.db.update(casesTable).set({ dueDate }).where(eq(casesTable.caseNo, caseNo));
}

describe('a case has one light', () => {
  it('green, yellow and red: the lists and the case page agree', async () => {
    const c = await submit();
    const fresh = await lightsOf(c.caseNo);
    expect(fresh.page).toEqual({ light: 'green', paused: false });
    expect(fresh.list).toEqual(fresh.page);
    expect(fresh.todo).toEqual(fresh.page);

    // Due today (the cached due date as an action or the refresh leaves it): yellow everywhere.
    await setDue(c.caseNo, t.calendar.today());
    const dueToday = await lightsOf(c.caseNo);
    expect(dueToday.page).toEqual({ light: 'yellow', paused: false });
    expect(dueToday.list).toEqual(dueToday.page);
    expect(dueToday.todo).toEqual(dueToday.page);

    // Past due: red everywhere, and the 超期 filter finds it.
    await setDue(c.caseNo, '2020-01-06');
    const overdue = await lightsOf(c.caseNo);
    expect(overdue.page).toEqual({ light: 'red', paused: false });
    expect(overdue.list).toEqual(overdue.page);
    expect(overdue.todo).toEqual(overdue.page);
  });

  it('a paused case and an ended one: the same answer on the list and the page', async () => {
    const paused = await submit();
    const r = await act('scjg.clerk', paused.caseNo, 'request_correction', { version: paused.version, items: [{ material: '申请书', problem: '未签字' }] });
    expect(r.statusCode, r.body).toBe(200);
    const p = await lightsOf(paused.caseNo);
    expect(p.page.paused).toBe(true);
    expect(p.list).toEqual(p.page);

    const ended = await submit();
    const refused = await act('scjg.clerk', ended.caseNo, 'refuse', {
      version: ended.version,
      reason: '不属于本机关职权范围',
      legalBasis: '《行政许可法》第三十二条',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    const e = await lightsOf(ended.caseNo);
    expect(e.page).toEqual({ light: null, paused: false });
    expect(e.list).toEqual(e.page);
  });
});

describe('the to-do list filters and sorts', () => {
  it('assigned=me lists only the cases I took; sort=-submitted puts the newest first; q finds a case number', async () => {
    const a = await submit();
    const b = await submit();
    const claimed = await act('scjg.clerk', a.caseNo, 'claim', { version: a.version });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const mine = (await call('scjg.clerk', 'GET', '/api/workbench/todo?assigned=me&pageSize=100')).json().items as Summary[];
    expect(mine.map((c) => c.caseNo)).toContain(a.caseNo);
    expect(mine.map((c) => c.caseNo)).not.toContain(b.caseNo);
    const newest = (await call('scjg.clerk', 'GET', '/api/workbench/todo?sort=-submitted&pageSize=100')).json().items as { submittedAt: string }[];
    expect(newest.map((c) => c.submittedAt)).toEqual([...newest.map((c) => c.submittedAt)].sort().reverse());
    const found = (await call('scjg.clerk', 'GET', `/api/workbench/todo?q=${b.caseNo}`)).json().items as Summary[];
    expect(found.map((c) => c.caseNo)).toEqual([b.caseNo]);
  });
});
