import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, like, notInArray, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { searchItems } from '../catalog/index.ts';
import { countStatements, newId } from '../../platform/db/index.ts';
import { calendarOverrides } from '../../platform/calendar/tables.ts';
import { refreshCaseLights } from './service.ts';
import { TERMINAL } from './case-state.ts';
import { cases } from './tables.ts';

let t: TestApp;
const COPIES = 150;
const BATCH = 40;
let foodCode: string;
const cookies: Record<string, string> = {};
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);

async function call(
  user: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, payload: payload as object, headers: { cookie: cookies[user]!, ...headers } });
}
async function upload(data: Buffer, name: string): Promise<string> {
  const res = await call('citizen1', 'POST', `/api/cases/uploads?name=${encodeURIComponent(name)}`, data, { 'content-type': 'application/octet-stream' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function submit() {
  const res = await call('citizen1', 'POST', '/api/cases', {
    implementationCode: foodCode,
    formData: {
      legalRepresentative: '张明',
      premises: '示范市明湖区湖滨路 8 号',
      businessForm: '小餐饮',
      areaSqm: 60,
      safetyManager: '张明',
      contactPhone: '13800001111',
    },
    materials: [
      { name: '食品经营许可申请书', fileIds: [await upload(pdf, '申请书.pdf')] },
      { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload(png, '布局图.png')] },
      { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
    ],
    delivery: 'pickup',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { caseNo: string };
}

/** Copies a case and its log `n` times (case numbers `<caseNo>-<i>`), with a wrong cached light and due dates. */
async function clone(caseNo: string, n: number) {
  const db = t.database.db;
  await db.execute(sql`
    INSERT INTO cases SELECT (jsonb_populate_record(NULL::cases, to_jsonb(c) || jsonb_build_object(
      'id', md5(c.id::text || g)::uuid, 'case_no', c.case_no || '-' || g, 'light', NULL, 'due_date', '2000-01-01', 'step_due_date', '2000-01-01', 'supply_by', '2000-01-01'))).*
    FROM cases c, generate_series(1, ${n}) g WHERE c.case_no = ${caseNo}`);
  await db.execute(sql`
    INSERT INTO case_actions SELECT (jsonb_populate_record(NULL::case_actions, to_jsonb(a) || jsonb_build_object(
      'id', md5(a.id::text || g)::uuid, 'case_id', md5(a.case_id::text || g)::uuid))).*
    FROM case_actions a JOIN cases c ON c.id = a.case_id, generate_series(1, ${n}) g WHERE c.case_no = ${caseNo}`);
}

const cacheOf = async (caseNo: string) => {
  const [row] = await t.database.db
    .select({ light: cases.light, dueDate: cases.dueDate, stepDueDate: cases.stepDueDate, supplyBy: cases.supplyBy })
    .from(cases)
    .where(eq(cases.caseNo, caseNo));
  return row!;
};

beforeAll(async () => {
  t = await createTestApp();
  const page = await searchItems(t.ctx, { q: '食品经营许可', region: '990100', page: 1, pageSize: 50 } as never);
  foodCode = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find(
    (i) => i.name === '食品经营许可' && i.regionCode === '990100',
  )!.implementationCode;
});
afterAll(() => t.close());

describe('cases.lights.refresh with many open cases', () => {
  it('recomputes every open case from its own log, in batches, and rewrites only the rows that changed', async () => {
    // Two cases at different steps (so a log read for the wrong case would give other dates), 150
    // copies each, refreshed in batches of 40: several batches, a last one part-full, and a batch
    // holding copies of both (the data is sized for a busy 2-core machine, not the timeout).
    const waiting = await submit();
    const reviewing = await submit();
    const accepted = await call('scjg.clerk', 'POST', `/api/cases/${reviewing.caseNo}/actions/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    const expected = { [waiting.caseNo]: await cacheOf(waiting.caseNo), [reviewing.caseNo]: await cacheOf(reviewing.caseNo) };
    expect(expected[waiting.caseNo]!.stepDueDate).not.toBe(expected[reviewing.caseNo]!.stepDueDate);
    await clone(waiting.caseNo, COPIES);
    await clone(reviewing.caseNo, COPIES);

    // Every copy is put right, nothing else moves.
    // Forced: the copies were written outside the action path, on a day the demo seed already refreshed.
    const changed = await refreshCaseLights(t.ctx, { batchSize: BATCH, force: true });
    expect(changed).toBe(2 * COPIES);
    for (const original of [waiting.caseNo, reviewing.caseNo]) {
      const copies = await t.database.db
        .select({ light: cases.light, dueDate: cases.dueDate, stepDueDate: cases.stepDueDate, supplyBy: cases.supplyBy })
        .from(cases)
        .where(like(cases.caseNo, `${original}-%`));
      expect(copies).toHaveLength(COPIES);
      expect(new Set(copies.map((c) => JSON.stringify(c)))).toEqual(new Set([JSON.stringify(expected[original])]));
    }

    // Nothing changed since: nothing rewritten.
    expect(await refreshCaseLights(t.ctx, { batchSize: BATCH, force: true })).toBe(0);

    // After the due date, every open case turns red.
    const late = t.calendar.addWorkingDays(expected[waiting.caseNo]!.dueDate, 1).date;
    const turned = await refreshCaseLights(t.ctx, { today: late, batchSize: BATCH });
    expect(turned).toBeGreaterThanOrEqual(2 * COPIES + 2);
    const lights = await t.database.db
      .select({ light: cases.light, n: sql<number>`count(*)::int` })
      .from(cases)
      .where(like(cases.caseNo, `${foodCode}%-%`))
      .groupBy(cases.light);
    expect(lights).toEqual([{ light: 'red', n: 2 * COPIES }]);
  });
});

describe('cases.lights.refresh when nothing it depends on changed', () => {
  it('reads one row and stops; another day, a calendar override or another yellow threshold runs it in full again', async () => {
    const c = await submit();
    await refreshCaseLights(t.ctx, { force: true });
    const right = await cacheOf(c.caseNo);
    // A light written outside the action path (what only a forced refresh is for) shows whether a run recomputed.
    const spoil = () => t.database.db.update(cases).set({ light: 'red', dueDate: '2000-01-01' }).where(eq(cases.caseNo, c.caseNo));
    const [{ open }] = (await t.database.db
      .select({ open: sql<number>`count(*)::int` })
      .from(cases)
      .where(notInArray(cases.status, [...TERMINAL]))) as [{ open: number }];
    const run = async (ctx = t.ctx, today?: string) => {
      await t.calendar.reload(); // the calendar's own reload is not the refresh's
      return countStatements(t.database, () => refreshCaseLights(ctx, { today }));
    };

    await spoil();
    const same = await run();
    expect(same).toMatchObject({ value: 0, statements: 1 });
    expect((await cacheOf(c.caseNo)).light).toBe('red');

    // The next day: every open case is read again (a batch of 200, its logs, and the mark twice).
    const next = t.calendar.addWorkingDays(t.calendar.today(), 1).date;
    const nextDay = await run(t.ctx, next);
    expect(nextDay.statements).toBeGreaterThanOrEqual(2 * Math.ceil(open / 200) + 2);
    expect((await cacheOf(c.caseNo)).dueDate).toBe(right.dueDate);
    expect((await run(t.ctx, next)).statements).toBe(1);

    // An override entered in the calendar (here or in another process, read within 30 s).
    await spoil();
    await t.database.db.insert(calendarOverrides).values({ id: newId(), date: `${Number(next.slice(0, 4)) + 2}-03-02`, kind: 'holiday', name: '测试调休' });
    expect((await run(t.ctx, next)).statements).toBeGreaterThan(1);
    expect((await cacheOf(c.caseNo)).dueDate).toBe(right.dueDate);
    expect((await run(t.ctx, next)).statements).toBe(1);

    // Another yellow threshold in the installation's settings.
    await spoil();
    const stricter = { ...t.ctx, config: { ...t.ctx.config, CASES_YELLOW_DAYS: t.ctx.config.CASES_YELLOW_DAYS + 3 } };
    expect((await run(stricter, next)).statements).toBeGreaterThan(1);
    expect((await cacheOf(c.caseNo)).dueDate).toBe(right.dueDate);
    expect((await run(stricter, next)).statements).toBe(1);
  });
});
