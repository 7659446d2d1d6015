import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { outboxMessages } from '../../platform/outbox/index.ts';
import { searchItems } from '../catalog/index.ts';
import { setCreditCheck } from './credit.ts';
import { expireOverdueCases, refreshCaseLights } from './service.ts';
import { caseActions, cases as casesTable } from './tables.ts';

let t: TestApp;
let foodCode: string;
const cookies: Record<string, string> = {};
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const LAYOUT = '与食品经营相适应的主要设备设施布局、操作流程等文件';
const RULES = '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度';

async function call(user: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
  if (user) cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, payload: payload as object, headers: user ? { cookie: cookies[user]! } : {} });
}
async function upload(user: string): Promise<string> {
  cookies[user] ??= await t.login(user);
  return (
    await t.app.inject({
      method: 'POST',
      url: '/api/cases/uploads?name=a.pdf',
      payload: pdf,
      headers: { cookie: cookies[user]!, 'content-type': 'application/octet-stream' },
    })
  ).json().id;
}
const act = (user: string, caseNo: string, action: string, body: Record<string, unknown> = {}) =>
  call(user, 'POST', `/api/cases/${caseNo}/actions/${action}`, body);
const formData = {
  legalRepresentative: '张明',
  premises: '示范市明湖区湖滨路 8 号',
  businessForm: '小餐饮',
  areaSqm: 60,
  safetyManager: '张明',
  contactPhone: '13800001111',
};

/** 食品经营许可 by citizen1; without the layout document (on the 容缺 list) unless `full`. */
async function submit(opts: { full?: boolean; commitment?: boolean } = {}) {
  const materials: Record<string, unknown>[] = [
    { name: '食品经营许可申请书', fileIds: [await upload('citizen1')] },
    { name: RULES, ...(opts.commitment === false ? { fileIds: [await upload('citizen1')] } : { commitment: true }) },
  ];
  if (opts.full) materials.push({ name: LAYOUT, fileIds: [await upload('citizen1')] });
  return call('citizen1', 'POST', '/api/cases', { implementationCode: foodCode, formData, materials });
}

beforeAll(async () => {
  t = await createTestApp();
  const page = await searchItems(t.ctx, { q: '食品经营许可', region: '990100', page: 1, pageSize: 50 } as never);
  foodCode = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find(
    (i) => i.name === '食品经营许可' && i.regionCode === '990100',
  )!.implementationCode;
});
afterAll(() => t.close());

describe('容缺受理: accepting with pending materials', () => {
  it('the 容缺 list is configured per implementation (materials of the guide, never government-issued ones)', async () => {
    expect((await call('scjg.clerk', 'GET', `/api/admin/deferrals/${foodCode}`)).json().materials).toEqual([LAYOUT, '食品安全管理人员健康证明']);
    const bad = await call('it.admin', 'PUT', `/api/admin/deferrals/${foodCode}`, { materials: ['不存在的材料', '营业执照'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ field: 'materials.0', code: 'unknown_material' }),
      expect.objectContaining({ field: 'materials.1', code: 'government_material' }),
    ]);
    expect((await call('scjg.clerk', 'PUT', `/api/admin/deferrals/${foodCode}`, { materials: [LAYOUT] })).statusCode).toBe(403);
    const ok = await call('it.admin', 'PUT', `/api/admin/deferrals/${foodCode}`, { materials: [LAYOUT, '食品安全管理人员健康证明'] });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('submitted without a 容缺 material; accepted with it pending; no result until the applicant supplies it', async () => {
    const res = await submit();
    expect(res.statusCode, res.body).toBe(201);
    const no = res.json().caseNo;
    expect(res.json().materials.find((m: { name: string }) => m.name === LAYOUT)).toMatchObject({ provision: 'missing', required: true });
    // The clerk must list it (or ask for a correction); only materials on the list may be pending.
    const unlisted = await act('scjg.clerk', no, 'accept');
    expect(unlisted.statusCode).toBe(400);
    expect(unlisted.json()).toMatchObject({ code: 'cases.materials_missing', errors: [{ field: 'pendingMaterials', code: 'missing_not_listed' }] });
    const wrong = await act('scjg.clerk', no, 'accept', { pendingMaterials: ['食品经营许可申请书'], supplyBy: '2099-01-01' });
    expect(wrong.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'pendingMaterials.0:not_deferrable',
      'pendingMaterials:missing_not_listed',
      'supplyBy:beyond_due_date',
    ]);
    const accepted = await act('scjg.clerk', no, 'accept', { pendingMaterials: [LAYOUT] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'under_review', pendingMaterials: [LAYOUT], supplyBy: accepted.json().deadlines.case.dueDate });
    expect(accepted.json().materials.find((m: { name: string }) => m.name === LAYOUT).provision).toBe('pending');
    // The applicant is told what to supply by when (one notice), and may supply it.
    const mine = (await call('citizen1', 'GET', `/api/cases/${no}`)).json();
    expect(mine.allowedActions).toEqual(expect.arrayContaining(['supplement_materials']));
    expect(mine.timeline.find((e: { action: string }) => e.action === 'accept').details).toMatchObject({ pendingMaterials: [LAYOUT] });
    const note = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'cases.accepted'));
    expect(note.find((n) => (n.params as { caseNo: string }).caseNo === no)!.params).toMatchObject({ pendingMaterials: [LAYOUT] });

    await act('scjg.reviewer', no, 'approve');
    await act('scjg.approver', no, 'approve');
    const early = await act('scjg.clerk', no, 'issue');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'cases.materials_pending', pendingMaterials: [LAYOUT] });
    expect(
      (await act('citizen1', no, 'supplement_materials', { materials: [{ name: '食品经营许可申请书', fileIds: [await upload('citizen1')] }] })).json().errors,
    ).toEqual([expect.objectContaining({ code: 'not_pending' })]);
    expect((await act('citizen2', no, 'supplement_materials', { materials: [{ name: LAYOUT, fileIds: [await upload('citizen2')] }] })).statusCode).toBe(404);
    const fileId = await upload('citizen1');
    const supplied = await act('citizen1', no, 'supplement_materials', { materials: [{ name: LAYOUT, fileIds: [fileId] }] });
    expect(supplied.statusCode, supplied.body).toBe(200);
    expect(supplied.json()).toMatchObject({ pendingMaterials: [], supplyBy: null });
    expect(supplied.json().materials.find((m: { name: string }) => m.name === LAYOUT)).toMatchObject({ provision: 'upload', fileIds: [fileId] });
    expect((await call('scjg.clerk', 'GET', `/api/cases/${no}/files/${fileId}`)).statusCode).toBe(200);
    expect((await act('scjg.clerk', no, 'issue')).json().status).toBe('pending_delivery');
  });

  it('refused to an applicant on a dishonesty list (credit seam stubbed): no 容缺, no 告知承诺', async () => {
    const honest = (await submit()).json().caseNo;
    const restore = setCreditCheck(async (_ctx, who) => ({ dishonest: who.kind === 'person', source: 'stub' }));
    try {
      const res = await submit();
      expect(res.statusCode).toBe(400);
      expect(
        res
          .json()
          .errors.map((e: { code: string }) => e.code)
          .sort(),
      ).toEqual(['commitment_refused_credit', 'required']);
      const refused = await act('scjg.clerk', honest, 'accept', { pendingMaterials: [LAYOUT] });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'cases.deferral_refused', source: 'stub' });
      // Everything provided: a dishonest applicant still applies normally.
      expect((await submit({ full: true, commitment: false })).statusCode).toBe(201);
    } finally {
      restore();
    }
  });
});

describe('claiming from the to-do list', () => {
  it('assigns the case to the claimant; another holder of the role is told it is taken and no longer sees it', async () => {
    const no = (await submit({ full: true })).json().caseNo;
    const todoOf = async (user: string) =>
      ((await call(user, 'GET', '/api/workbench/todo?pageSize=100')).json().items as { caseNo: string }[]).map((i) => i.caseNo);
    expect(await todoOf('window.clerk')).toContain(no);
    const claimed = await act('scjg.clerk', no, 'claim');
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json().assigneeId).not.toBeNull();
    expect(claimed.json().allowedActions).not.toContain('claim');
    const again = await act('window.clerk', no, 'claim');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'cases.already_claimed', mine: false });
    expect((await act('window.clerk', no, 'accept')).json().code).toBe('cases.not_your_step');
    expect(await todoOf('window.clerk')).not.toContain(no);
    expect(await todoOf('scjg.clerk')).toContain(no);
    expect((await act('scjg.reviewer', no, 'claim')).statusCode).toBe(409);
    // The next step is open to its role again.
    await act('scjg.clerk', no, 'accept');
    expect((await act('scjg.reviewer', no, 'claim')).statusCode).toBe(200);
  });

  it('two claim at once: one wins, the other gets a 409', async () => {
    const no = (await submit({ full: true })).json().caseNo;
    const results = await Promise.all([act('scjg.clerk', no, 'claim'), act('window.clerk', no, 'claim')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(['cases.already_claimed', 'resource.stale']).toContain(results.find((r) => r.statusCode === 409)!.json().code);
    const actions = await t.database.db
      .select()
      .from(caseActions)
      .innerJoin(casesTable, eq(caseActions.caseId, casesTable.id))
      .where(eq(casesTable.caseNo, no));
    expect(actions.map((a) => a.case_actions.action)).toEqual(['claim']);
  });
});

describe('a correction not supplied in time', () => {
  it('ends the case after CASES_CORRECTION_DAYS working days (counted across 国庆 2026), notifies the applicant, and spares cases still in time', async () => {
    const no = (await submit({ full: true })).json().caseNo;
    await act('scjg.clerk', no, 'request_correction', { items: [{ material: '食品经营许可申请书', problem: '未加盖公章' }] });
    const other = (await submit({ full: true })).json().caseNo;
    await act('scjg.clerk', other, 'request_correction', { items: [{ material: '食品经营许可申请书', problem: '缺少签名' }] });
    // Move the first request back to Thursday 2026-09-24: 30 working days from there skip 中秋 (Fri Sep 25) and
    // 国庆 (Oct 1–7) and count the make-up Saturday Oct 10: Thursday Nov 12 (weekdays alone would give Nov 5).
    const [row] = await t.database.db.select().from(casesTable).where(eq(casesTable.caseNo, no));
    await t.database.db
      .update(caseActions)
      .set({ occurredOn: '2026-09-24' })
      .where(and(eq(caseActions.caseId, row!.id), eq(caseActions.action, 'request_correction')));
    // Forced: the log was edited outside the action path, and today's refresh has already run.
    await refreshCaseLights(t.ctx, { force: true });
    const [moved] = await t.database.db.select().from(casesTable).where(eq(casesTable.caseNo, no));
    const expected = t.ctx.calendar.addWorkingDays('2026-09-24', 30, row!.regionPath).date;
    expect(moved!.supplyBy).toBe(expected);
    expect(expected).toBe('2026-11-12');
    expect((await call('citizen1', 'GET', `/api/cases/${no}`)).json().supplyBy).toBe('2026-11-12');

    expect(await expireOverdueCases(t.ctx, '2026-11-12')).not.toContain(no);
    const ended = await expireOverdueCases(t.ctx, '2026-11-13');
    expect(ended).toContain(no);
    expect(ended).not.toContain(other);
    const view = (await call('citizen1', 'GET', `/api/cases/${no}`)).json();
    expect(view).toMatchObject({ status: 'correction_expired', allowedActions: [], supplyBy: null });
    expect(view.timeline.at(-1)).toMatchObject({ action: 'expire', details: { reason: 'correction', due: '2026-11-12' } });
    const notes = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'cases.expired'));
    expect(notes.some((n) => (n.params as { caseNo: string }).caseNo === no)).toBe(true);
    expect(
      await t.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.objectId, no), eq(auditEvents.action, 'case.expire'))),
    ).toHaveLength(1);
    // Nobody can expire a case through the API.
    expect((await call('scjg.clerk', 'POST', `/api/cases/${other}/actions/expire`, { reason: 'correction', due: '2026-01-01' })).statusCode).toBe(404);
  });
});
