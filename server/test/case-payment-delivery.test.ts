/**
 * A case waits for payment where its item's payment rule says so (cases/payment-wait.ts), with the
 * statutory clock paused or not as the rule says, and resumes on the payment's notice (payments).
 * Dates are frozen (ctx.now) around 中秋 and 国庆 2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../src/platform/audit/tables.ts';
import { createTestApp, type TestApp } from './harness.ts';
import type { Actor } from '../src/platform/auth/index.ts';
import type { Ctx } from '../src/platform/context.ts';
import { newId } from '../src/platform/db/index.ts';
import { actOnCase, findCaseFacts, getCase } from '../src/modules/cases/index.ts';
import { setPaymentRule } from '../src/modules/cases/payment-wait.ts';
import { receiveCallback } from '../src/modules/payments/callbacks.ts';
import { signSimulated } from '../src/modules/payments/gateway.ts';
import { casePaymentStatus } from '../src/modules/payments/index.ts';
import { issueOrder, payOrder } from '../src/modules/payments/orders.ts';
import { tradeRepo } from '../src/modules/payments/repository.ts';
import { demoFeeCase } from '../src/modules/payments/seed.ts';
import { foodCaseKit } from './food-case-kit.ts';

let env: TestApp;
let admin: Ctx;
let citizen: Ctx;
/** Staff holding every step's role everywhere (the demo has no 自然资源局 staff). */
let staff: Ctx;
const kit = foodCaseKit(() => env);

/** 10:00 in Shanghai on a civil date. */
const on = <C extends Ctx>(ctx: C, day: string): C => ({
  ...ctx,
  now: () => new Date(`${day}T10:00:00+08:00`),
  calendar: Object.assign(Object.create(ctx.calendar) as Ctx['calendar'], { today: () => day }),
});

/** The payment's notice from the simulated gateway, delivered on `day`. */
async function payOn(caseNo: string, day: string) {
  const order = await issueOrder(on(citizen, day), caseNo, 'applicant');
  await payOrder(on(citizen, day), order.orderNo);
  const trade = (await tradeRepo.byOrder(env.ctx.database.db, order.orderNo))!;
  const event = signSimulated(env.ctx, {
    eventId: `EV-${trade.tradeNo}`,
    orderNo: order.orderNo,
    kind: 'paid',
    tradeNo: trade.tradeNo,
    amountFen: trade.amountFen,
    occurredAt: new Date(`${day}T10:00:00+08:00`).toISOString(),
  });
  return receiveCallback(on(env.ctx, day), 'simulated', event);
}

/** Accepted, reviewed and approved on `day`: the case enters the issue step. */
async function toIssue(caseNo: string, day: string) {
  await actOnCase(on(staff, day), caseNo, 'accept', {});
  await actOnCase(on(staff, day), caseNo, 'approve', {});
  return actOnCase(on(staff, day), caseNo, 'approve', {});
}

beforeAll(async () => {
  env = await createTestApp();
  admin = await env.as('admin');
  citizen = await env.as('citizen2');
  const roles = ['window_clerk', 'reviewer', 'approver'];
  const id = newId();
  const actor: Actor = {
    id,
    subjectId: id,
    kind: 'staff',
    name: '测试窗口',
    grants: roles.map((role) => ({ role, permissions: ['cases.case.read', 'cases.case.handle'], departmentId: null, regionPath: '' })),
  };
  staff = { ...env.ctx, actor };
});
afterAll(() => env.close());

describe('a case waiting for payment', () => {
  it('waits before issue with the clock paused across 中秋 and 国庆; the payment notice resumes it and the due date moves by the paused working days', async () => {
    const caseNo = (await demoFeeCase(on(env.ctx, '2026-09-21'), '不动产抵押登记', 'citizen2'))!;
    const code = (await getCase(admin, caseNo)).implementationCode;
    await setPaymentRule(admin, code, { beforeStep: 'issue', pauseClock: true, legalBasis: '《不动产登记暂行条例实施细则》：登记费缴清后发证' });
    const before = await getCase(on(admin, '2026-09-22'), caseNo);
    const waiting = await toIssue(caseNo, '2026-09-22');
    expect(waiting).toMatchObject({ status: 'awaiting_payment', allowedActions: [] });
    expect(waiting.timeline.at(-1)).toMatchObject({ action: 'await_payment', details: { pauseClock: true, amountFen: 55000 } });
    // The order was issued by the platform as the case started waiting.
    expect(await casePaymentStatus(env.ctx, caseNo)).toMatchObject({ status: 'unpaid', amountFen: 55000 });
    const stopped = await getCase(on(admin, '2026-09-22'), caseNo);
    // Nobody issues the result while it waits.
    await expect(actOnCase(on(staff, '2026-09-23'), caseNo, 'issue', {})).rejects.toMatchObject({ code: 'workflow.action_not_allowed' });
    // Weeks later (after 国庆) the days left have not moved.
    const later = await getCase(on(admin, '2026-10-09'), caseNo);
    expect(later.status).toBe('awaiting_payment');
    expect(later.deadlines!.case).toMatchObject({ paused: true, daysLeft: stopped.deadlines!.case.daysLeft });
    // The applicant sees it too (the portal's pay button reads the status).
    expect((await getCase(on(citizen, '2026-10-09'), caseNo)).status).toBe('awaiting_payment');

    expect(await payOn(caseNo, '2026-10-09')).toMatchObject({ result: 'applied', orderStatus: 'paid' });
    const resumed = await getCase(on(admin, '2026-10-09'), caseNo);
    expect(resumed.status).toBe('pending_issue');
    expect(resumed.timeline.at(-1)).toMatchObject({ action: 'payment_received' });
    const region = (await findCaseFacts(env.ctx, caseNo))!.regionPath;
    // (Sep 22, Oct 9]: Sep 23, 24, 28, 29, 30, Oct 8, 9 — 中秋 (Sep 25) and 国庆 (Oct 1–7) do not count.
    const paused = env.ctx.calendar.workingDaysBetween('2026-09-22', '2026-10-09', region).days;
    expect(paused).toBe(7);
    expect(resumed.deadlines!.case.paused).toBe(false);
    expect(resumed.deadlines!.case.pausedDays).toBe(before.deadlines!.case.pausedDays + paused);
    expect(resumed.deadlines!.case.dueDate).toBe(env.ctx.calendar.addWorkingDays(before.deadlines!.case.dueDate, paused, region).date);
    expect(resumed.deadlines!.case.daysLeft).toBe(stopped.deadlines!.case.daysLeft);
    // Paid: the result is issued, and the case never waits again.
    expect((await actOnCase(on(staff, '2026-10-09'), caseNo, 'issue', {})).status).toBe('pending_delivery');
  });

  it('waits without pausing the clock when the rule says so (before acceptance)', async () => {
    const first = (await demoFeeCase(on(env.ctx, '2026-09-21'), '不动产抵押登记', 'citizen2'))!;
    const code = (await getCase(admin, first)).implementationCode;
    await setPaymentRule(admin, code, { beforeStep: 'accept', pauseClock: false, legalBasis: '（测试）受理前缴费，缴费期间计入办理时限' });
    const caseNo = (await demoFeeCase(on(env.ctx, '2026-09-21'), '不动产抵押登记', 'citizen2'))!;
    const waiting = await getCase(on(admin, '2026-09-21'), caseNo);
    expect(waiting).toMatchObject({ status: 'awaiting_payment' });
    expect(waiting.timeline.at(-1)).toMatchObject({ action: 'await_payment', details: { pauseClock: false } });
    expect(waiting.deadlines!.case.paused).toBe(false);
    const later = await getCase(on(admin, '2026-10-09'), caseNo);
    expect(later.deadlines!.case.dueDate).toBe(waiting.deadlines!.case.dueDate);
    expect(later.deadlines!.case.daysLeft).toBe(waiting.deadlines!.case.daysLeft - 7 - 1); // Sep 22 … Oct 9: 8 working days passed
    await payOn(caseNo, '2026-10-09');
    const resumed = await getCase(on(admin, '2026-10-09'), caseNo);
    expect(resumed).toMatchObject({ status: 'pending_acceptance' });
    expect(resumed.deadlines!.case).toMatchObject({ dueDate: waiting.deadlines!.case.dueDate, pausedDays: 0 });
    await setPaymentRule(admin, code, null);
  });

  it('no fee, no wait: an item without fees enters issue as usual even with a rule', async () => {
    const caseNo = await kit.openCase();
    const code = (await getCase(admin, caseNo)).implementationCode;
    await setPaymentRule(admin, code, { beforeStep: 'issue', pauseClock: true, legalBasis: '（测试）' });
    const reviewed = await kit.call('scjg.reviewer', 'POST', `/api/cases/${caseNo}/actions/approve`, {});
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    const decided = await kit.call('scjg.approver', 'POST', `/api/cases/${caseNo}/actions/approve`, {});
    expect(decided.json()).toMatchObject({ status: 'pending_issue' });
    expect(await casePaymentStatus(env.ctx, caseNo)).toBeNull();
    await setPaymentRule(admin, code, null);
  });

  it('the rule: read in scope, set by who configures workflows, audited', async () => {
    const caseNo = await kit.openCase();
    const code = (await getCase(admin, caseNo)).implementationCode;
    const put = await kit.call('scjg.clerk', 'PUT', `/api/admin/payment-rules/${code}`, { beforeStep: 'issue', pauseClock: true, legalBasis: 'x' });
    expect(put.statusCode).toBe(403);
    const read = await kit.call('scjg.clerk', 'GET', `/api/admin/payment-rules/${code}`);
    expect(read.json()).toEqual({ implementationCode: code, rule: null });
    const bad = await kit.call('admin', 'PUT', `/api/admin/payment-rules/${code}`, { beforeStep: 'later', pauseClock: true, legalBasis: '' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('sign-for recorded on the case', () => {
  it("a pickup handed over at the window for its code: the case's timeline shows the sign-for, audited", async () => {
    const list = await kit.call('window.clerk', 'GET', '/api/workbench/delivery/orders?status=awaiting_pickup');
    expect(list.statusCode, list.body).toBe(200);
    const order = (list.json().items as { id: string; caseNo: string; method: string }[]).find((o) => o.method === 'pickup')!;
    const handed = await kit.call('window.clerk', 'POST', `/api/workbench/delivery/orders/${order.id}/hand-over`, { code: '246810' });
    expect(handed.statusCode, handed.body).toBe(200);
    const view = (await kit.call('citizen1', 'GET', `/api/cases/${order.caseNo}`)).json();
    expect(view.timeline.at(-1)).toMatchObject({ action: 'sign_for', details: { direction: 'result_out', method: 'pickup_code' } });
    const audit = await env.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectId, order.caseNo), eq(auditEvents.action, 'case.sign_for')));
    expect(audit).toHaveLength(1);
  });
});
