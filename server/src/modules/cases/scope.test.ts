/**
 * Issue 11 §2: workflows, bindings and 容缺 lists belong to a scope, and case actions go through
 * `can()` (cases.case.handle + the step's role, in the case's department and region) by one
 * function, `mayTake`, that decides both what is offered and what the action path accepts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { asActor, transact, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { searchItems } from '../catalog/index.ts';
import { demoCity, demoDepartmentId } from '../org/index.ts';
import { actOnCase, bindWorkflow, getCase, saveWorkflow, submitCase, uploadMaterial } from './service.ts';
import { caseActionRules } from './policy.ts';
import { allowedActionsByStatus, type CaseAction } from './workflow/engine.ts';
import { defaultWorkflow } from './workflow/definition.ts';

let t: TestApp;
const cookies: Record<string, string> = {};
const CITY_PATH = `${demoCity.province.code}/${demoCity.city.code}`;
const MH_PATH = `${CITY_PATH}/990102`;
// 食品经营许可 at the city and at two district branches; 企业设立登记 for the binding tests.
let cityFood: string;
let mhFood: string;
let dlFood: string;
let cityReg: string;
let mhReg: string;
let dlReg: string;

async function call(user: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  if (user) cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, payload: payload as object, headers: user ? { cookie: cookies[user]! } : {} });
}
async function implementationOf(name: string, region: string) {
  const page = await searchItems(t.ctx, { q: name, region, page: 1, pageSize: 50 } as never);
  const found = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find((i) => i.name === name && i.regionCode === region);
  if (!found) throw new Error(`no ${name} in ${region}`);
  return found.implementationCode;
}

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
/** A complete online application for 食品经营许可 (any branch) by a demo citizen, through the service. */
async function submitFood(user: string, implementationCode: string) {
  const ctx = await t.as(user);
  const up = async () => (await uploadMaterial(ctx, pdf, 'a.pdf')).id;
  return submitCase(ctx, {
    implementationCode,
    formData: {
      legalRepresentative: '张明',
      premises: '示范市湖滨路 8 号',
      businessForm: '小餐饮',
      areaSqm: 60,
      safetyManager: '张明',
      contactPhone: '13800001111',
    },
    materials: [
      { name: '食品经营许可申请书', fileIds: [await up()] },
      { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await up()] },
      { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', fileIds: [], commitment: true },
    ],
    delivery: 'pickup',
  });
}
async function actAs(user: string, caseNo: string, action: CaseAction, body: Record<string, unknown> = {}) {
  return actOnCase(await t.as(user), caseNo, action, body);
}

/** "Clerk accepts and approves": the two-step workflow of the example. */
const clerkOnly = (code: string, owner?: unknown) => ({
  code,
  version: 1,
  name: { zh: '窗口受理即决定', en: 'The clerk accepts and decides' },
  steps: [
    { key: 'accept', kind: 'accept', name: { zh: '受理', en: 'Acceptance' }, role: 'window_clerk', share: 50 },
    { key: 'decide', kind: 'decide', name: { zh: '决定', en: 'Decision' }, role: 'window_clerk', share: 50 },
  ],
  ...(owner ? { owner } : {}),
});

beforeAll(async () => {
  t = await createTestApp();
  [cityFood, mhFood, dlFood] = [
    await implementationOf('食品经营许可', '990100'),
    await implementationOf('食品经营许可', '990102'),
    await implementationOf('食品经营许可', '990103'),
  ];
  [cityReg, mhReg, dlReg] = [
    await implementationOf('企业设立登记', '990100'),
    await implementationOf('企业设立登记', '990102'),
    await implementationOf('企业设立登记', '990103'),
  ];
});
afterAll(() => t.close());

describe('workflows and bindings belong to a scope', () => {
  it('a district IT admin may not save a new version of the city-wide default workflow', async () => {
    const res = await call('mh.admin', 'POST', '/api/admin/workflows', { ...defaultWorkflow, name: { zh: '明湖区改的通用流程', en: 'Changed by 明湖区' } });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe('auth.out_of_scope');
    const dflt = (await call('it.admin', 'GET', '/api/admin/workflows/default')).json();
    expect(dflt).toMatchObject({ version: 1, name: defaultWorkflow.name, owner: { regionPath: '', departmentId: null } });
  });

  it('a district IT admin may not bind a workflow to a 东岭区 item or a city item; a 东岭区 case still needs a reviewer and an approver', async () => {
    const made = await call('mh.admin', 'POST', '/api/admin/workflows', clerkOnly('mh-clerk-only'));
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().owner).toEqual({ regionPath: MH_PATH, departmentId: null });
    for (const code of [dlFood, cityFood, dlReg, cityReg]) {
      const res = await call('mh.admin', 'PUT', `/api/admin/workflows/bindings/${code}`, { workflowCode: 'mh-clerk-only' });
      expect(res.statusCode, `${code}: ${res.body}`).toBe(403);
      expect(res.json().code).toBe('auth.out_of_scope');
    }
    const c = await submitFood('citizen2', dlFood);
    expect(c.step.key).toBe('accept');
    const accepted = await actAs('dl.scjg.clerk', c.caseNo, 'accept');
    expect(accepted).toMatchObject({ status: 'under_review', step: { key: 'review', role: 'reviewer' }, allowedActions: [] });
    await expect(actAs('dl.scjg.clerk', c.caseNo, 'approve')).rejects.toMatchObject({ code: 'cases.not_your_step' });
  });

  it('only the owner scope (or a scope above it) changes a workflow, and an item is bound only to a workflow its scope may use', async () => {
    // 东岭区 cannot change 明湖区's workflow, nor make one for 明湖区 or for the city.
    expect((await call('dl.admin', 'POST', '/api/admin/workflows', clerkOnly('mh-clerk-only'))).statusCode).toBe(403);
    expect((await call('dl.admin', 'POST', '/api/admin/workflows', clerkOnly('dl-for-mh', { regionPath: MH_PATH }))).statusCode).toBe(403);
    expect((await call('mh.admin', 'POST', '/api/admin/workflows', clerkOnly('mh-for-city', { regionPath: CITY_PATH }))).statusCode).toBe(403);
    // A department-bound IT admin may not claim the whole region either (no such demo account: see the service test below).
    // The owner may, and the owner stays.
    const v2 = await call('mh.admin', 'POST', '/api/admin/workflows', {
      ...clerkOnly('mh-clerk-only'),
      name: { zh: '明湖区两步（修订）', en: 'Two steps (rev.)' },
    });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, owner: { regionPath: MH_PATH, departmentId: null } });
    const moved = await call('mh.admin', 'POST', '/api/admin/workflows', clerkOnly('mh-clerk-only', { regionPath: CITY_PATH }));
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors).toEqual([expect.objectContaining({ field: 'owner', code: 'cannot_change' })]);
    // The city's IT admin covers 明湖区, but a 明湖区 workflow is not for a city or 东岭区 item.
    for (const code of [cityReg, dlReg]) {
      const res = await call('it.admin', 'PUT', `/api/admin/workflows/bindings/${code}`, { workflowCode: 'mh-clerk-only' });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'workflowCode', code: 'outside_owner_scope' })]);
    }
    // Inside 明湖区 it is 明湖区's business.
    expect((await call('mh.admin', 'PUT', `/api/admin/workflows/bindings/${mhReg}`, { workflowCode: 'mh-clerk-only' })).statusCode).toBe(204);
    // A city workflow may be used anywhere in the city; the built-in default everywhere.
    const city = await call('it.admin', 'POST', '/api/admin/workflows', clerkOnly('city-two-step'));
    expect(city.statusCode, city.body).toBe(201);
    expect(city.json().owner).toEqual({ regionPath: CITY_PATH, departmentId: null });
    expect((await call('mh.admin', 'PUT', `/api/admin/workflows/bindings/${mhReg}`, { workflowCode: 'city-two-step' })).statusCode).toBe(204);
    expect((await call('mh.admin', 'PUT', `/api/admin/workflows/bindings/${mhReg}`, { workflowCode: 'default' })).statusCode).toBe(204);
    // An unknown item or workflow: 404.
    expect((await call('it.admin', 'PUT', `/api/admin/workflows/bindings/${cityReg}`, { workflowCode: 'nope' })).statusCode).toBe(404);
    expect((await call('it.admin', 'PUT', '/api/admin/workflows/bindings/00000000000000000000000000000000', { workflowCode: 'default' })).statusCode).toBe(404);
  });

  it('a department-bound manager may own a workflow for the department only', async () => {
    const scjg = demoDepartmentId('scjg', '990100');
    const deptAdmin: Actor = {
      id: null,
      kind: 'staff',
      name: '部门流程管理员',
      subjectId: undefined,
      grants: [{ role: 'custom', permissions: ['cases.workflow.manage'], departmentId: scjg, regionPath: CITY_PATH }],
    };
    const ctx: Ctx = asActor(t.ctx, deptAdmin);
    await expect(saveWorkflow(ctx, clerkOnly('scjg-region', { regionPath: CITY_PATH }))).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    const mine = await saveWorkflow(ctx, clerkOnly('scjg-only'));
    expect(mine.owner).toEqual({ regionPath: CITY_PATH, departmentId: scjg });
    await bindWorkflow(ctx, cityFood, 'scjg-only');
    // Another department's item of the city: out of scope.
    const rsjItem = await implementationOf('灵活就业人员参保登记', '990100');
    await expect(bindWorkflow(ctx, rsjItem, 'scjg-only')).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    await bindWorkflow(ctx, cityFood, 'default');
    // The city-wide default: not with a department-bound grant, even at the city; the city's IT admin (a city-wide grant) may.
    await expect(saveWorkflow(ctx, { ...defaultWorkflow })).rejects.toMatchObject({ code: 'auth.out_of_scope' });
    const v2 = await call('it.admin', 'POST', '/api/admin/workflows', { ...defaultWorkflow });
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, owner: { regionPath: '', departmentId: null } });
  });

  it('容缺 lists: read by those who read or configure the item’s cases, set only in the item’s scope', async () => {
    expect((await call('scjg.clerk', 'GET', `/api/admin/deferrals/${cityFood}`)).statusCode).toBe(200);
    expect((await call('it.admin', 'GET', `/api/admin/deferrals/${cityFood}`)).statusCode).toBe(200);
    for (const [user, code] of [
      ['rsj.clerk', cityFood],
      ['mh.admin', cityFood],
      ['dl.scjg.clerk', mhFood],
      ['citizen1', cityFood],
    ] as const) {
      const res = await call(user, 'GET', `/api/admin/deferrals/${code}`);
      expect(res.statusCode, `${user} ${res.body}`).toBe(403);
    }
    expect((await call(null, 'GET', `/api/admin/deferrals/${cityFood}`)).statusCode).toBe(401);
    const layout = '与食品经营相适应的主要设备设施布局、操作流程等文件';
    expect((await call('mh.admin', 'PUT', `/api/admin/deferrals/${dlFood}`, { materials: [layout] })).statusCode).toBe(403);
    expect((await call('mh.admin', 'PUT', `/api/admin/deferrals/${cityFood}`, { materials: [layout] })).statusCode).toBe(403);
    const ok = await call('mh.admin', 'PUT', `/api/admin/deferrals/${mhFood}`, { materials: [layout] });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});

describe('case actions go through can()', () => {
  it('a grant of the step’s role without cases.case.handle may not act (nor is it offered anything)', async () => {
    const c = await submitFood('citizen1', cityFood);
    const scjg = demoDepartmentId('scjg', '990100');
    const roleOnly: Actor = {
      id: null,
      kind: 'staff',
      name: '无办理权限',
      subjectId: '00000000-0000-4000-8000-0000000000aa',
      grants: [{ role: 'window_clerk', permissions: ['cases.case.read'], departmentId: scjg, regionPath: CITY_PATH }],
    };
    const ctx = asActor(t.ctx, roleOnly);
    expect((await getCase(ctx, c.caseNo)).allowedActions).toEqual([]);
    await expect(actOnCase(ctx, c.caseNo, 'accept', {})).rejects.toMatchObject({ code: 'cases.not_your_step' });
    const withHandle = asActor(t.ctx, { ...roleOnly, grants: [{ ...roleOnly.grants[0]!, permissions: ['cases.case.read', 'cases.case.handle'] }] });
    expect((await getCase(withHandle, c.caseNo)).allowedActions).toContain('accept');
  });

  it('refuses staff of the wrong department, the wrong district or a lower role', async () => {
    const city = await submitFood('citizen1', cityFood);
    const mh = await submitFood('citizen1', mhFood);
    // Wrong department (人社局 clerk) and wrong district (东岭区 clerk): the case is not theirs to see.
    await expect(actAs('rsj.clerk', city.caseNo, 'accept')).rejects.toMatchObject({ code: 'resource.not_found' });
    await expect(actAs('dl.scjg.clerk', mh.caseNo, 'accept')).rejects.toMatchObject({ code: 'resource.not_found' });
    // The city bureau's clerk is bound to the city bureau, not to 明湖区's branch.
    await expect(actAs('scjg.clerk', mh.caseNo, 'accept')).rejects.toMatchObject({ code: 'resource.not_found' });
    // Readers of the case who do not hold the step's role: 403.
    await expect(actAs('supervisor', city.caseNo, 'accept')).rejects.toMatchObject({ code: 'cases.not_your_step' });
    await expect(actAs('scjg.reviewer', city.caseNo, 'accept')).rejects.toMatchObject({ code: 'cases.not_your_step' });
    // A lower role at the decision: the clerk may not approve.
    await actAs('scjg.clerk', city.caseNo, 'accept');
    await actAs('scjg.reviewer', city.caseNo, 'approve');
    await expect(actAs('scjg.clerk', city.caseNo, 'approve')).rejects.toMatchObject({ code: 'cases.not_your_step' });
    await expect(actAs('scjg.reviewer', city.caseNo, 'approve')).rejects.toMatchObject({ code: 'cases.not_your_step' });
    expect((await actAs('scjg.approver', city.caseNo, 'approve')).status).toBe('pending_issue');
    // The right district's clerk does act.
    expect((await actAs('mh.scjg.clerk', mh.caseNo, 'accept')).status).toBe('under_review');
  });
});

describe('what a case offers each actor is exactly what the action path lets them do', () => {
  const actors = ['citizen1', 'citizen2', 'scjg.clerk', 'scjg.reviewer', 'scjg.approver', 'window.clerk', 'mh.scjg.clerk', 'rsj.clerk', 'supervisor'];
  const refusals = ['resource.not_found', 'cases.not_your_step', 'workflow.action_not_allowed', 'cases.materials_pending', 'cases.already_claimed'];
  class Rollback extends Error {}
  /** Cases at each stage of the default workflow (the city's food licence; 明湖区's for the district clerk). */
  const stages: [string, () => Promise<string>][] = [
    ['pending_acceptance', async () => (await submitFood('citizen1', cityFood)).caseNo],
    ['pending_acceptance at 明湖区', async () => (await submitFood('citizen1', mhFood)).caseNo],
    [
      'awaiting_correction',
      async () => {
        const { caseNo } = await submitFood('citizen1', cityFood);
        await actAs('scjg.clerk', caseNo, 'request_correction', { items: [{ material: '食品经营许可申请书', problem: '未签字' }] });
        return caseNo;
      },
    ],
    [
      'under_review',
      async () => {
        const { caseNo } = await submitFood('citizen1', cityFood);
        await actAs('scjg.clerk', caseNo, 'accept');
        return caseNo;
      },
    ],
    [
      'pending_decision, claimed by the approver',
      async () => {
        const { caseNo } = await submitFood('citizen1', cityFood);
        await actAs('scjg.clerk', caseNo, 'accept');
        await actAs('scjg.reviewer', caseNo, 'approve');
        await actAs('scjg.approver', caseNo, 'claim');
        return caseNo;
      },
    ],
    [
      'pending_issue',
      async () => {
        const { caseNo } = await submitFood('citizen1', cityFood);
        await actAs('scjg.clerk', caseNo, 'accept');
        await actAs('scjg.reviewer', caseNo, 'approve');
        await actAs('scjg.approver', caseNo, 'approve');
        return caseNo;
      },
    ],
  ];

  it.each(stages)('%s', async (_label, make) => {
    const caseNo = await make();
    await t.calendar.reload();
    // Inside the savepoint the calendar must not reload through another connection.
    const calendar = Object.assign(Object.create(t.calendar) as typeof t.calendar, { refresh: async () => {} });
    const status = (await getCase(t.ctx, caseNo)).status;
    // Actions the status does not know are refused to everyone with 409 (the HTTP tests show it); try the rest.
    const tried = (allowedActionsByStatus[status] as readonly CaseAction[]).filter((a) => caseActionRules[a].by !== 'system');
    let offeredToSomeone = 0;
    for (const user of actors) {
      const ctx: Ctx = { ...(await t.as(user)), calendar };
      const offered = await getCase(ctx, caseNo).then(
        (v) => v.allowedActions as CaseAction[],
        (e: unknown) => (e instanceof AppError && e.code === 'resource.not_found' ? [] : Promise.reject(e)),
      );
      const passed: CaseAction[] = [];
      for (const action of tried) {
        // An empty body: an action the actor may take gets at worst a 400 for its payload; the savepoint undoes the rest.
        const outcome = await transact(ctx, async (tx) => {
          await actOnCase(tx, caseNo, action, {});
          throw new Rollback();
        }).catch((e: unknown) => {
          if (e instanceof Rollback) return 'passed';
          if (e instanceof AppError) return refusals.includes(e.code) ? 'refused' : 'passed';
          throw e;
        });
        if (outcome === 'passed') passed.push(action);
      }
      expect(new Set(passed), user).toEqual(new Set(offered));
      offeredToSomeone += offered.length;
    }
    expect(offeredToSomeone).toBeGreaterThan(0);
  });
});
