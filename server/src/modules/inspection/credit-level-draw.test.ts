import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { completeUscc } from '../../platform/validators.ts';
import { demoDepartmentId, demoId } from '../org/index.ts';
import { EntityPool } from './entity-pool.ts';
import { defaultRiskWeights } from './draw-types.ts';
import { publicDrawInputs } from './draw-inputs.ts';
import { inspectionEntities } from './tables.ts';

// The draw weights an entity by the credit level credit computes from its file (docs/credit.md,
// "Credit levels"); the imported letter counts only for an entity credit holds no file of.
let env: TestApp;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(() => env.close());

async function call(method: 'GET' | 'POST', url: string, user?: string, payload?: unknown, headers: Record<string, string> = {}) {
  const cookie = user ? await env.login(user) : undefined;
  const res = await env.app.inject({ method, url, payload: payload as never, headers: { ...(cookie ? { cookie } : {}), ...headers } });
  return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body };
}

/**
 * The entity pool a draw stored, read through the module's own reader: the pool rows are compacted
 * into one document right after the draw's commit (off its critical path), so reading the rows
 * raced with it (they may or may not still be there).
 */
async function poolText(drawId: string): Promise<string> {
  const doc = await publicDrawInputs(env.ctx, drawId);
  return typeof doc.entities === 'string' ? doc.entities : doc.entities.map((e) => `E|${e.uscc}|${e.regionPath}|${e.riskLevel}|${e.creditLevel}\n`).join('');
}

/** 西江建设 (enterprise2): on the dishonesty list in the demo credit file. */
const dishonest = completeUscc('91990104MA0000002');
/** An entity credit has no file of. */
const clean = completeUscc('91990104MA9CRED01');

describe('the inspection draw weights by the computed credit level', () => {
  it('holds the credit demo companies in the demo directory, and a draw over 建筑施工 weights 西江建设 as D', async () => {
    const db = env.database.db;
    const honor = completeUscc('91990102MA0000001');
    const [minghu] = await db.select().from(inspectionEntities).where(eq(inspectionEntities.uscc, honor));
    expect(minghu).toMatchObject({ name: '示范市明湖餐饮管理有限公司', industry: '餐饮', creditLevel: 'B' });
    // Before any draw (nothing stored yet) the directory shows what credit computes today beside the imported letter.
    const directory = await call('GET', `/api/workbench/inspection/entities?q=${dishonest}`, 'scjg.inspection');
    expect(directory.body.items).toEqual([expect.objectContaining({ uscc: dishonest, creditLevel: 'B', computedCreditLevel: 'D' })]);
    const plans = await call('GET', '/api/workbench/inspection/plans', 'scjg.inspection');
    const task = await call('POST', `/api/workbench/inspection/plans/${plans.body[0].id}/tasks`, 'scjg.inspection', {
      title: '建筑施工信用抽查',
      itemIds: [demoId('inspection-item', 'SC-03')],
      departmentIds: [demoDepartmentId('scjg', '990100')],
      scope: { industries: ['建筑施工'] },
      count: 1,
      dueDate: '2026-12-31',
    });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    expect((await call('POST', `/api/workbench/inspection/tasks/${task.body.id}/commitment`, 'scjg.inspection')).status).toBe(201);
    const draw = await call('POST', `/api/workbench/inspection/tasks/${task.body.id}/draw`, 'scjg.inspection');
    expect(draw.status, JSON.stringify(draw.body)).toBe(201);
    expect(await poolText(draw.body.id)).toBe(`E|${dishonest}|990000/990100/990104/990104002|low|D\n`);
  });

  it('gives a dishonesty-listed entity imported as A the weight of D, and keeps the imported letter for an entity without a file', async () => {
    const csv =
      '统一社会信用代码,名称,类型,行业,区划代码,地址,风险等级,信用等级\n' +
      `${dishonest},示范市西江建设工程有限公司,有限责任公司,信用测试业,990104,示范市西江区建设路1号,low,A\n` +
      `${clean},示范市信用测试有限公司,有限责任公司,信用测试业,990104,示范市西江区建设路2号,low,A\n`;
    const imp = await call('POST', '/api/workbench/inspection/entities/import', 'scjg.inspection', csv, { 'content-type': 'text/csv' });
    expect(imp.status, JSON.stringify(imp.body)).toBe(200);

    const plans = await call('GET', '/api/workbench/inspection/plans', 'scjg.inspection');
    const creditWeights = { A: 1, B: 2, C: 5, D: 100 };
    const task = await call('POST', `/api/workbench/inspection/plans/${plans.body[0].id}/tasks`, 'scjg.inspection', {
      title: '信用分级抽查',
      itemIds: [demoId('inspection-item', 'SC-01')],
      departmentIds: [demoDepartmentId('scjg', '990100')],
      scope: { industries: ['信用测试业'] },
      count: 1,
      creditWeights,
      dueDate: '2026-12-31',
    });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    expect((await call('POST', `/api/workbench/inspection/tasks/${task.body.id}/commitment`, 'scjg.inspection')).status).toBe(201);
    const draw = await call('POST', `/api/workbench/inspection/tasks/${task.body.id}/draw`, 'scjg.inspection');
    expect(draw.status, JSON.stringify(draw.body)).toBe(201);

    const db = env.database.db;
    const rows = await db.select().from(inspectionEntities).where(eq(inspectionEntities.industry, '信用测试业')).orderBy(asc(inspectionEntities.uscc));
    const byUscc = new Map(rows.map((r) => [r.uscc, r]));
    // The imported letter is kept; the computed level is beside it.
    expect(byUscc.get(dishonest)).toMatchObject({ creditLevel: 'A', computedCreditLevel: 'D' });
    expect(byUscc.get(clean)).toMatchObject({ creditLevel: 'A', computedCreditLevel: null });

    // The pool the draw stored (and hashed) carries D for the listed entity, A (imported) for the other.
    const text = await poolText(draw.body.id);
    expect(text).toContain(`E|${dishonest}|990000/990100/990104|low|D\n`);
    expect(text).toContain(`E|${clean}|990000/990100/990104|low|A\n`);
    const pool = EntityPool.fromText(text);
    const weights = pool.weights({ riskWeights: defaultRiskWeights, creditWeights } as never);
    expect(weights[pool.indexOf(dishonest)]).toBe(100);
    expect(weights[pool.indexOf(clean)]).toBe(1);

    // The directory shows both: the imported letter and the level credit computes today (null: no file).
    const page = await call('GET', '/api/workbench/inspection/entities?industry=%E4%BF%A1%E7%94%A8%E6%B5%8B%E8%AF%95%E4%B8%9A&pageSize=100', 'scjg.inspection');
    expect(page.status).toBe(200);
    const listed = new Map((page.body.items as { uscc: string; creditLevel: string; computedCreditLevel: string | null }[]).map((e) => [e.uscc, e]));
    expect(listed.get(dishonest)).toMatchObject({ creditLevel: 'A', computedCreditLevel: 'D' });
    expect(listed.get(clean)).toMatchObject({ creditLevel: 'A', computedCreditLevel: null });
  });
});
