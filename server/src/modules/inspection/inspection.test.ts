import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like, ne, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoDepartmentId, demoId } from '../org/index.ts';
import { completeUscc } from '../../platform/validators.ts';
import { outboxMessages } from '../../platform/outbox/index.ts';
import { onDomainEvent } from '../../platform/context.ts';
import { verifyDraw, runDraw } from './draw.ts';
import {
  inspectionAssignments,
  inspectionDrawInputs,
  inspectionDrawPools,
  inspectionEntities,
  inspectionInspectors,
  inspectionResults,
  inspectionTasks,
} from './tables.ts';
import { drawCommand } from './cli.ts';
import { warnDisclosureDue } from './disclosure.ts';
import { compactDrawInputs, compactPendingDrawInputs, publicDrawInputs } from './draw-inputs.ts';

let env: TestApp;
const scjg = demoDepartmentId('scjg', '990100');
const wjw = demoDepartmentId('wjw', '990100');
const events: unknown[] = [];
onDomainEvent('inspection.result.recorded', async (_t, p) => {
  events.push(p);
});

beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => {
  await env.close();
});

async function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, user?: string, payload?: unknown, headers: Record<string, string> = {}) {
  const cookie = user ? await env.login(user) : undefined;
  const res = await env.app.inject({ method, url, payload: payload as never, headers: { ...(cookie ? { cookie } : {}), ...headers } });
  return { status: res.statusCode, body: res.body ? (res.headers['content-type']?.toString().includes('json') ? res.json() : res.body) : null };
}

describe('demo data', () => {
  it('has tasks in every state, a joint task with inspectors from both departments, and a disclosed re-runnable draw', async () => {
    const tasks = await env.database.db.select().from(inspectionTasks);
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(['planned', 'in_progress', 'drawn', 'disclosed']));
    const joint = tasks.find((t) => t.departmentIds.length === 2)!;
    const rows = await env.database.db.select().from(inspectionAssignments).where(eq(inspectionAssignments.taskId, joint.id));
    const depts = new Map((await env.database.db.select().from(inspectionInspectors)).map((i) => [i.id, i.departmentId]));
    expect(rows.length).toBe(10);
    for (const a of rows) expect(new Set(a.inspectorIds.map((k) => depts.get(k)))).toEqual(new Set([scjg, wjw]));

    const pub = await call('GET', '/api/public/inspection/tasks');
    expect(pub.status).toBe(200);
    expect(pub.body.items).toHaveLength(1);
    const task = pub.body.items[0];
    expect(task.results.length).toBe(12);
    expect(JSON.stringify(task)).not.toMatch(/吴执法|郑执法|notes|绝对化/);

    const draw = await call('GET', `/api/public/inspection/draws/${task.drawId}`);
    expect(draw.status).toBe(200);
    expect(draw.body.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(draw.body.selected).toHaveLength(12);
    // 双随机一公开: the draw names who inspects (name and department), nothing else personal.
    const drawn = draw.body.selected[0].inspectors[0];
    expect(Object.keys(drawn).sort()).toEqual(['department', 'key', 'name']);
    expect(drawn.name).toMatch(/\S/);
    expect(JSON.stringify(draw.body)).not.toMatch(/certificateNo|staffId|phone/);
    const inputs = await call('GET', `/api/public/inspection/draws/${task.drawId}/inputs`);
    expect(inputs.status).toBe(200);
    expect(JSON.stringify(inputs.body)).not.toMatch(/吴执法|certificate|"name"|"address"/);
    // Anyone re-runs the draw from what is published, and gets the same selection.
    expect(verifyDraw(inputs.body, { commitment: draw.body.commitment, hashes: draw.body.hashes }).matches).toBe(true);
    expect(runDraw(inputs.body).selected.map((s) => s.uscc)).toEqual(draw.body.selected.map((s: { uscc: string }) => s.uscc));
    expect(await drawCommand(env.ctx, ['verify', task.drawId])).toBe(0);
    // From a downloaded file; one changed risk level makes it a mismatch.
    const dir = mkdtempSync(path.join(tmpdir(), 'draw-'));
    writeFileSync(path.join(dir, 'inputs.json'), JSON.stringify(inputs.body));
    expect(await drawCommand(env.ctx, ['verify', path.join(dir, 'inputs.json')])).toBe(0);
    expect(typeof inputs.body.entities).toBe('string');
    const tampered = {
      ...inputs.body,
      entities: (inputs.body.entities as string).replace(/\|(low|medium|high)\|/, (_m, r) => (r === 'high' ? '|low|' : '|high|')),
    };
    writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(tampered));
    expect(await drawCommand(env.ctx, ['verify', path.join(dir, 'tampered.json')])).toBe(1);
    // The stored gzip is sent as it is to a client that takes gzip.
    const gz = await env.app.inject({ method: 'GET', url: `/api/public/inspection/draws/${task.drawId}/inputs`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8')).hashes).toEqual(draw.body.hashes);
  });

  it('holds a few thousand entities with valid USCCs', async () => {
    const rows = await env.database.db.select({ uscc: inspectionEntities.uscc }).from(inspectionEntities);
    expect(rows.length).toBeGreaterThanOrEqual(3000);
  });
});

describe('lists and directories', () => {
  it('edits and retires an item of your own department only', async () => {
    const id = demoId('inspection-item', 'SC-02');
    expect((await call('PATCH', `/api/workbench/inspection/items/${id}`, 'wjw.inspector', { name: '改名' })).status).toBe(403);
    const r = await call('PATCH', `/api/workbench/inspection/items/${id}`, 'scjg.inspection', { legalBasis: '《中华人民共和国广告法》第四十九条、第五十五条' });
    expect(r.status).toBe(200);
    expect(r.body.legalBasis).toContain('第五十五条');
  });

  it("lists an inspector's declared relations with the entity name", async () => {
    const rel = await call('GET', `/api/workbench/inspection/inspectors/${demoId('inspector', 'scjg.inspector1')}/relations`, 'scjg.inspection');
    expect(rel.status).toBe(200);
    expect(rel.body).toHaveLength(1);
    expect(rel.body[0].entityName).toMatch(/示范市/);
  });
});

describe('plan, draw, void, record, disclose', () => {
  let taskId: string;
  let firstDraw: string;

  it('plans a task (department-scoped) and refuses to draw before the commitment', async () => {
    const plans = await call('GET', '/api/workbench/inspection/plans', 'scjg.inspection');
    const planId = plans.body[0].id;
    const body = {
      title: '测试任务',
      itemIds: [demoId('inspection-item', 'SC-01')],
      departmentIds: [scjg],
      scope: { industries: ['餐饮'] },
      count: 30,
      dueDate: '2026-12-31',
    };
    expect((await call('POST', `/api/workbench/inspection/plans/${planId}/tasks`, 'wjw.inspector', { ...body, departmentIds: [scjg] })).status).toBe(403);
    expect((await call('POST', `/api/workbench/inspection/plans/${planId}/tasks`, 'scjg.inspection', { ...body, inspectorsPerEntity: 1 })).status).toBe(400);
    const created = await call('POST', `/api/workbench/inspection/plans/${planId}/tasks`, 'scjg.inspection', body);
    expect(created.status).toBe(201);
    taskId = created.body.id;
    const early = await call('POST', `/api/workbench/inspection/tasks/${taskId}/draw`, 'scjg.inspection');
    expect(early.body.code).toBe('inspection.not_committed');
  });

  it('draws once; a second draw is refused until a supervisor voids the first with a reason', async () => {
    const c = await call('POST', `/api/workbench/inspection/tasks/${taskId}/commitment`, 'scjg.inspection');
    expect(c.status).toBe(201);
    expect(c.body.seed).toBeNull();
    const d = await call('POST', `/api/workbench/inspection/tasks/${taskId}/draw`, 'scjg.inspection');
    expect(d.status).toBe(201);
    expect(d.body.selectedCount).toBe(30);
    firstDraw = d.body.id;
    expect((await call('POST', `/api/workbench/inspection/tasks/${taskId}/commitment`, 'scjg.inspection')).body.code).toBe('inspection.already_drawn');
    expect((await call('POST', `/api/workbench/inspection/tasks/${taskId}/draw`, 'scjg.inspection')).body.code).toBe('inspection.already_drawn');
    expect((await call('POST', `/api/workbench/inspection/draws/${firstDraw}/void`, 'scjg.inspection', { reason: '名录库数据有误' })).status).toBe(403);
    const v = await call('POST', `/api/workbench/inspection/draws/${firstDraw}/void`, 'supervisor', { reason: '名录库导入数据有误，需重新抽取' });
    expect(v.status).toBe(200);
    expect(v.body.status).toBe('voided');
    await call('POST', `/api/workbench/inspection/tasks/${taskId}/commitment`, 'scjg.inspection');
    const d2 = await call('POST', `/api/workbench/inspection/tasks/${taskId}/draw`, 'scjg.inspection');
    expect(d2.status).toBe(201);
    expect(d2.body.seq).toBe(2);
    const all = await call('GET', `/api/workbench/inspection/tasks/${taskId}/draws`, 'scjg.inspection');
    expect(all.body.map((x: { status: string }) => x.status)).toEqual(['voided', 'drawn']);
    const pub = await call('GET', `/api/public/inspection/draws/${d2.body.id}`);
    expect(pub.body.otherDraws).toEqual([{ id: firstDraw, seq: 1, status: 'voided' }]);
  });

  it('keeps recusal pairs inside the pool only, and serves the same inputs before and after they are compacted', async () => {
    const db = env.database.db;
    const insp = demoId('inspector', 'scjg.inspector2');
    const [inPool] = await db
      .select()
      .from(inspectionEntities)
      .where(and(eq(inspectionEntities.industry, '餐饮'), eq(inspectionEntities.active, true)))
      .limit(1);
    const [outside] = await db.select().from(inspectionEntities).where(ne(inspectionEntities.industry, '餐饮')).limit(1);
    for (const e of [inPool!, outside!])
      expect(
        (await call('POST', `/api/workbench/inspection/inspectors/${insp}/relations`, 'scjg.inspection', { uscc: e.uscc, relation: '近亲属' })).status,
      ).toBe(201);
    const plans = await call('GET', '/api/workbench/inspection/plans', 'scjg.inspection');
    const task = await call('POST', `/api/workbench/inspection/plans/${plans.body[0].id}/tasks`, 'scjg.inspection', {
      title: '回避与公开输入',
      itemIds: [demoId('inspection-item', 'SC-01')],
      departmentIds: [scjg],
      scope: { industries: ['餐饮'] },
      count: 5,
      dueDate: '2026-12-31',
    });
    await call('POST', `/api/workbench/inspection/tasks/${task.body.id}/commitment`, 'scjg.inspection');
    const d = await call('POST', `/api/workbench/inspection/tasks/${task.body.id}/draw`, 'scjg.inspection');
    expect(d.status).toBe(201);
    const drawId: string = d.body.id;
    const doc = await publicDrawInputs(env.ctx, drawId);
    const related = doc.exclusions.filter((x) => x.inspectorKey === insp && x.reason === 'relation').map((x) => x.uscc);
    expect(related).toContain(inPool!.uscc);
    expect(related).not.toContain(outside!.uscc);
    expect(verifyDraw(doc, { commitment: d.body.commitment, hashes: d.body.hashes }).matches).toBe(true);
    // The pool is written in the draw's transaction and folded into the gzip document after commit.
    const pools = () => db.select().from(inspectionDrawPools).where(eq(inspectionDrawPools.drawId, drawId));
    for (let i = 0; i < 200 && (await pools()).length > 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await pools()).toHaveLength(0);
    expect(await publicDrawInputs(env.ctx, drawId)).toEqual(doc);
    // As the draw's transaction leaves it (document without entities, pool beside it): the same
    // document, sent plain or gzipped, and compacted on demand.
    const { entities, ...head } = doc;
    await db
      .update(inspectionDrawInputs)
      .set({ inputsGz: gzipSync(JSON.stringify(head)) })
      .where(eq(inspectionDrawInputs.drawId, drawId));
    await db.insert(inspectionDrawPools).values({ drawId, entities: entities as string });
    // Another draw's pool, not yet compacted, changes nothing here.
    const other = '00000000-0000-4000-8000-00000000abcd';
    await db.insert(inspectionDrawPools).values({ drawId: other, entities: 'E|X|990000|low|A\n' });
    expect(await publicDrawInputs(env.ctx, drawId)).toEqual(doc);
    const url = `/api/public/inspection/draws/${drawId}/inputs`;
    expect(JSON.parse((await env.app.inject({ method: 'GET', url })).body)).toEqual(doc);
    const gz = await env.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(doc);
    // The hourly job compacts what the drawing process left (the other pool has no draw: left alone).
    expect(await compactPendingDrawInputs(env.ctx, 0)).toBeGreaterThanOrEqual(1);
    expect(await pools()).toHaveLength(0);
    await compactDrawInputs(env.ctx, drawId); // nothing left to do
    expect(await publicDrawInputs(env.ctx, drawId)).toEqual(doc);
    expect(await db.select().from(inspectionDrawPools).where(eq(inspectionDrawPools.drawId, other))).toHaveLength(1);
    await db.delete(inspectionDrawPools).where(eq(inspectionDrawPools.drawId, other));
  });

  it('draws from exactly the active entities under the scope region, read in parts once the directory has statistics', async () => {
    const db = env.database.db;
    await db.execute(sql`ANALYZE inspection_entities`); // pg_stats: the pool is then read in USCC ranges
    const plans = await call('GET', '/api/workbench/inspection/plans', 'scjg.inspection');
    const task = await call('POST', `/api/workbench/inspection/plans/${plans.body[0].id}/tasks`, 'scjg.inspection', {
      title: '明湖区抽查',
      itemIds: [demoId('inspection-item', 'SC-01')],
      departmentIds: [scjg],
      scope: { regionCodes: ['990102'] },
      count: 3,
      dueDate: '2026-12-31',
    });
    await call('POST', `/api/workbench/inspection/tasks/${task.body.id}/commitment`, 'scjg.inspection');
    const d = await call('POST', `/api/workbench/inspection/tasks/${task.body.id}/draw`, 'scjg.inspection');
    expect(d.status).toBe(201);
    const doc = await publicDrawInputs(env.ctx, d.body.id);
    const drawn = (doc.entities as string).match(/^E\|[^|]+/gm)!.map((l) => l.slice(2));
    const expected = await db
      .select({ uscc: inspectionEntities.uscc })
      .from(inspectionEntities)
      .where(and(eq(inspectionEntities.active, true), like(inspectionEntities.regionPath, '990000/990100/990102/%')))
      .orderBy(inspectionEntities.uscc);
    expect(expected.length).toBeGreaterThan(100);
    expect(drawn).toEqual(expected.map((e) => e.uscc));
    expect(d.body.poolSize).toBe(expected.length);
    expect(verifyDraw(doc, { commitment: d.body.commitment, hashes: d.body.hashes }).matches).toBe(true);
  });

  it('shows the task with its drawn entities (names, inspectors) to its manager and to the supervisor, both draws kept', async () => {
    for (const user of ['scjg.inspection', 'supervisor']) {
      const t = await call('GET', `/api/workbench/inspection/tasks/${taskId}`, user);
      expect(t.status).toBe(200);
      expect(t.body.items.map((i: { code: string }) => i.code)).toEqual(['SC-01']);
      expect(t.body.departments[0].id).toBe(scjg);
      const live = await call('GET', `/api/workbench/inspection/tasks/${taskId}/assignments?pageSize=10`, user);
      expect(live.body.total).toBe(30);
      expect(live.body.items[0].entityName).not.toBe('');
      expect(live.body.items[0].inspectors.length).toBe(2);
      const old = await call('GET', `/api/workbench/inspection/tasks/${taskId}/assignments?pageSize=10&drawId=${firstDraw}`, user);
      expect(old.body.total).toBe(30);
      expect((await call('GET', `/api/workbench/inspection/tasks?pageSize=100`, user)).body.items.map((x: { id: string }) => x.id)).toContain(taskId);
    }
    expect((await call('GET', `/api/workbench/inspection/tasks/${taskId}`, 'wjw.inspector')).status).toBe(403);
    expect((await call('GET', `/api/workbench/inspection/tasks/${taskId}`, 'scjg.inspector1')).status).toBe(403);
  });

  it('lets only an assigned inspector record a result; the disclosure due date is in working days; an event is published', async () => {
    const me = demoId('inspector', 'scjg.inspector1');
    const rows = await env.database.db
      .select()
      .from(inspectionAssignments)
      .where(and(eq(inspectionAssignments.taskId, taskId), eq(inspectionAssignments.active, true)));
    const mine = rows.find((r) => r.inspectorIds.includes(me));
    const notMine = rows.find((r) => !r.inspectorIds.includes(me))!;
    const result = { outcome: 'problems_found', inspectedOn: '2026-09-30', followUp: 'order_to_correct', notes: '后厨未落实生熟分开' };
    expect((await call('POST', `/api/workbench/inspection/assignments/${notMine.id}/result`, 'scjg.inspector1', result)).body.code).toBe(
      'inspection.not_assigned',
    );
    // 60 places over about 20 inspectors, handed out round-robin: everyone is drawn at least once.
    expect(mine).toBeDefined();
    const listed = await call('GET', '/api/workbench/inspection/my-assignments?pageSize=100', 'scjg.inspector1');
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(mine!.id);
    const r = await call('POST', `/api/workbench/inspection/assignments/${mine!.id}/result`, 'scjg.inspector1', result);
    expect(r.status).toBe(201);
    // 2026-09-30 + 20 working days: the National Day week (10-01..10-08) does not count.
    expect(r.body.disclosureDue).toBe(env.calendar.addWorkingDays('2026-09-30', 20, '990000/990100').date);
    expect(r.body.disclosureDue > '2026-10-28').toBe(true);
    expect(events.some((e) => (e as { taskId: string }).taskId === taskId)).toBe(true);
    // The planner is warned before the disclosure deadline passes.
    expect(await warnDisclosureDue(env.ctx, 10_000)).toBeGreaterThan(0);
    const warned = await env.database.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'inspection.disclosure_due'));
    expect(warned.length).toBeGreaterThan(0);
    expect(await warnDisclosureDue(env.ctx, 10_000)).toBe(0);
    const res = await env.database.db.select().from(inspectionResults).where(eq(inspectionResults.taskId, taskId));
    expect(res).toHaveLength(1);
  });
});

describe('entity directory import', () => {
  const header = '统一社会信用代码,名称,类型,行业,区划代码,地址,风险等级,信用等级\n';
  const good = (i: number) =>
    `${completeUscc(`91990103MA9${String(i).padStart(6, '0')}`)},示范市测试${i}有限公司,有限责任公司,餐饮,990103,示范市东岭区东岭路${i}号,high,C\n`;

  it('rejects the whole file and reports every bad row', async () => {
    const bad = `${completeUscc('91990103MA9000001').slice(0, 17)}0`;
    const csv =
      header +
      good(1) +
      `${bad},坏代码公司,有限责任公司,餐饮,990103,地址一号,low,A\n` +
      good(2) +
      `${completeUscc('91990103MA9000003')},,有限责任公司,餐饮,999999,地址,low,A\n`;
    const r = await call('POST', '/api/workbench/inspection/entities/import', 'scjg.inspection', csv, { 'content-type': 'text/csv' });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('inspection.import_invalid');
    expect(r.body.badRows).toEqual(
      expect.arrayContaining([
        { row: 3, field: 'uscc', code: 'uscc' },
        { row: 5, field: 'name', code: 'required' },
      ]),
    );
    const [row] = await env.database.db
      .select()
      .from(inspectionEntities)
      .where(eq(inspectionEntities.uscc, completeUscc('91990103MA9000001')));
    expect(row).toBeUndefined();
  });

  it('imports a good CSV and an xlsx, upserting by USCC', async () => {
    const r = await call('POST', '/api/workbench/inspection/entities/import', 'scjg.inspection', header + good(1) + good(2), { 'content-type': 'text/csv' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ imported: 2, created: 2, updated: 0 });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    ws.addRow(header.trim().split(','));
    ws.addRow(good(2).trim().split(','));
    ws.addRow(good(3).trim().split(','));
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await call('POST', '/api/workbench/inspection/entities/import', 'scjg.inspection', buf, {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(x.status).toBe(200);
    expect(x.body).toEqual({ imported: 2, created: 1, updated: 1 });
  });
});
