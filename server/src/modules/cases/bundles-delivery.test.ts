// 一件事, one delivery of every result: the applicant asks for it at submit (pickup) or later (post);
// the dependant starts at its prerequisite's issue with the certificate attached; the one order is
// made only when every member is issued or ended (a refused member leaves one order for the others);
// a clerk cannot deliver a child on its own; signing for the order delivers every child (the
// platform's deliver, audited) and concludes the parent; one message when all are ready, one at the end.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { outboxMessages } from '../../platform/outbox/index.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { getLifeEvent, getLifeEventForWorkbench, publishLifeEvent, saveLifeEventDraft, type LifeEventDocument } from '../catalog/index.ts';
import { demoDepartmentId } from '../org/index.ts';
import { casesTestFile } from './cases-test-kit.ts';
import { cases } from './tables.ts';

const kit = casesTestFile();
const { call, act, advance, lifeEventApplication } = kit;

/** Publishes a test bundle of the licence and the food permit: `chain` (the permit waits for the licence) or independent. */
async function publishPair(code: string, chain: boolean) {
  const admin = await kit.t.as('admin');
  const def = (await getLifeEventForWorkbench(admin, 'open-restaurant')).working.definition;
  const keep = new Set(['licence', 'foodPermit']);
  const members = def.members
    .filter((m) => keep.has(m.key))
    .map((m) => ({
      ...m,
      dependsOn: chain ? m.dependsOn.filter((k) => keep.has(k)) : [],
      onRefusedStop: chain ? m.onRefusedStop.filter((k) => keep.has(k)) : [],
    }));
  const definition = {
    ...def,
    name: chain ? '测试：执照后食品许可' : '测试：执照与食品许可并行',
    members,
    sharedFields: def.sharedFields.map((f) => ({ ...f, members: f.members.filter((x) => keep.has(x.member)) })).filter((f) => f.members.length > 1),
    materialsFromResults: chain ? def.materialsFromResults.filter((r) => keep.has(r.member)) : [],
  };
  const saved = await saveLifeEventDraft(admin, code, { departmentId: demoDepartmentId('zwfw', '990100'), definition });
  expect(saved.issues).toEqual([]);
  await publishLifeEvent(admin, code);
}

beforeAll(async () => {
  await publishPair('test-chain', true);
  await publishPair('test-pair', false);
});

const application = async (doc: LifeEventDocument, extra: Record<string, unknown> = {}) => ({ ...(await lifeEventApplication(doc, 'enterprise1')), ...extra });

/** 受理 → 审查 → 决定 → 出件 of a market-bureau case (no delivery: the bundle delivers). */
const issue = (caseNo: string) => advance(caseNo, 'issue');

const view = async (no: string, user = 'enterprise1') => (await call(user, 'GET', `/api/life-events/applications/${no}`)).json();
const member = (b: { members: { key: string }[] }, k: string) => b.members.find((m) => m.key === k) as unknown as Record<string, unknown> & { caseNo: string };
const messages = (template: string) =>
  kit.t.database.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.template, template), eq(outboxMessages.channel, 'site')));

describe('one delivery of a 一件事 application’s results', () => {
  it('pickup: the permit starts at the licence’s issue; one order when both are issued; the code at the window concludes everything', async () => {
    const doc = await getLifeEvent(kit.t.ctx, 'test-chain');
    const res = await call('enterprise1', 'POST', '/api/life-events/test-chain/applications', await application(doc, { resultDelivery: { method: 'pickup' } }));
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    expect(b.delivery).toMatchObject({ method: 'pickup', order: null, pickupCode: null });
    const licence = member(b, 'licence').caseNo;
    // The licence's result comes with the bundle: an order of its own is refused.
    const own = await call('enterprise1', 'POST', '/api/delivery/orders', { caseNo: licence, direction: 'result_out', method: 'pickup' });
    expect(own.statusCode).toBe(409);
    expect(own.json()).toMatchObject({ code: 'delivery.bundle_delivers_once', bundleNo: b.bundleNo });

    await issue(licence);
    const mid = await view(b.bundleNo);
    expect(member(mid, 'licence')).toMatchObject({ status: 'filed', caseStatus: 'pending_delivery', issuedOn: expect.any(String) });
    const cert = (member(mid, 'licence').attached as { certificateIdentifier: string }[])[0]!.certificateIdentifier;
    expect(cert).toBeTruthy();
    // The permit is filed at the licence's issue, the licence from the wallet as its material.
    expect(member(mid, 'foodPermit')).toMatchObject({ status: 'filed', attached: [expect.objectContaining({ from: 'licence', certificateIdentifier: cert })] });
    const [permitRow] = await kit.t.database.db
      .select()
      .from(cases)
      .where(eq(cases.caseNo, member(mid, 'foodPermit').caseNo));
    expect(permitRow!.materials.find((x) => x.name === '营业执照')).toMatchObject({ provision: 'wallet', certificateIdentifier: cert });
    // Not every result is in: no order yet; the clerk may not deliver the licence on its own.
    expect(mid.delivery).toMatchObject({ method: 'pickup', order: null, resultsReadyOn: null });
    const alone = await act('scjg.clerk', licence, 'deliver', { method: 'pickup' });
    expect(alone.statusCode).toBe(409);
    expect(alone.json()).toMatchObject({ code: 'cases.bundle_delivers_once', bundleNo: b.bundleNo });

    await issue(member(mid, 'foodPermit').caseNo);
    const ready = await view(b.bundleNo);
    const order = ready.delivery.order;
    expect(order).toMatchObject({ method: 'pickup', status: 'awaiting_pickup', pickupPlace: expect.stringContaining('政务服务') });
    expect(order.contents.map((c: { caseNo: string }) => c.caseNo).sort()).toEqual([licence, member(mid, 'foodPermit').caseNo].sort());
    expect(ready.delivery.pickupCode).toMatch(/^\d{6}$/);
    // The code is the applicant's: staff who may read a child see the order, not the code.
    expect((await view(b.bundleNo, 'scjg.clerk')).delivery.pickupCode).toBeNull();
    const ready1 = (await messages('cases.bundle_results_ready')).filter((m) => m.params.bundleNo === b.bundleNo);
    expect(ready1).toHaveLength(1);
    expect(ready1[0]!.params).toMatchObject({ pickupCode: ready.delivery.pickupCode, method: 'pickup' });

    // The lead department's window hands the results over for the code.
    const wrong = await call('window.clerk', 'POST', `/api/workbench/delivery/orders/${order.id}/hand-over`, {
      code: ready.delivery.pickupCode === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).not.toBe(200);
    const handed = await call('window.clerk', 'POST', `/api/workbench/delivery/orders/${order.id}/hand-over`, { code: ready.delivery.pickupCode });
    expect(handed.statusCode, handed.body).toBe(200);
    const done = await view(b.bundleNo);
    expect(done).toMatchObject({ status: 'concluded', concludedOn: expect.any(String) });
    expect(done.members.map((m: { status: string; caseStatus: string }) => [m.status, m.caseStatus])).toEqual([
      ['concluded', 'concluded'],
      ['concluded', 'concluded'],
    ]);
    expect(done.delivery).toMatchObject({ pickupCode: null, order: { status: 'signed', signedAt: expect.any(String) } });
    // Each child's deliver is the platform's, on the one timeline and audited.
    const delivers = done.timeline.filter((x: { action: string }) => x.action === 'deliver');
    expect(delivers.map((x: { actorName: string }) => x.actorName)).toEqual(['system', 'system']);
    const audited = await kit.t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'case.deliver'));
    for (const no of [licence, member(mid, 'foodPermit').caseNo]) expect(audited.some((a) => a.objectId === no && a.actorKind === 'system')).toBe(true);
    const concluded = (await messages('cases.bundle_concluded')).filter((m) => m.params.bundleNo === b.bundleNo);
    expect(concluded).toHaveLength(1);
    expect(concluded[0]!.params).toMatchObject({ status: 'concluded', concluded: 2, members: 2 });
  });

  it('post, chosen later: a refused member leaves one order for the issued one; the carrier’s sign-for concludes the parent', async () => {
    const address = await call('enterprise1', 'POST', '/api/delivery/addresses', {
      recipientName: '王建国',
      phone: '13800001111',
      regionCode: '990102',
      address: '示范市明湖区湖滨路 8 号',
    });
    expect(address.statusCode, address.body).toBe(201);
    const doc = await getLifeEvent(kit.t.ctx, 'test-pair');
    const b = (await call('enterprise1', 'POST', '/api/life-events/test-pair/applications', await application(doc))).json();
    expect(b.delivery).toBeNull();
    expect(b.members.map((m: { status: string }) => m.status)).toEqual(['filed', 'filed']);
    const url = `/api/life-events/applications/${b.bundleNo}/delivery`;
    // Only the applicant chooses, and only an address of their own book.
    expect((await call('enterprise2', 'PUT', url, { method: 'pickup' })).statusCode).toBe(404);
    const foreign = await call('enterprise1', 'PUT', url, { method: 'post', addressId: '01a24d73-0000-7000-8000-000000000000' });
    expect(foreign.statusCode).toBe(400);
    const chosen = await call('enterprise1', 'PUT', url, { method: 'post', addressId: address.json().id });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json().delivery).toMatchObject({ method: 'post', order: null });

    const refused = await act('scjg.clerk', member(b, 'licence').caseNo, 'refuse', {
      reason: '名称与已登记企业近似',
      legalBasis: '《企业名称登记管理规定》第十一条',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect((await view(b.bundleNo)).delivery.order).toBeNull();

    const permit = member(b, 'foodPermit').caseNo;
    await issue(permit);
    const ready = await view(b.bundleNo);
    expect(ready.delivery.order).toMatchObject({
      method: 'post',
      status: 'created',
      recipientName: '王*国',
      contents: [expect.objectContaining({ caseNo: permit })],
    });
    expect(ready.delivery.order.contents).toHaveLength(1);
    expect(ready.delivery.pickupCode).toBeNull();
    // Arranged: no longer changed.
    const again = await call('enterprise1', 'PUT', url, { method: 'pickup' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('cases.bundle_delivery_arranged');

    // The simulated carrier takes it to 签收 through the signed webhook.
    for (let i = 0; i < 4; i++) {
      const step = await call('window.clerk', 'POST', `/api/workbench/delivery/orders/${ready.delivery.order.id}/simulate`);
      expect(step.statusCode, step.body).toBe(200);
    }
    const done = await view(b.bundleNo);
    expect(done).toMatchObject({ status: 'partially_concluded' });
    expect(Object.fromEntries(done.members.map((m: { key: string; status: string }) => [m.key, m.status]))).toEqual({
      licence: 'refused',
      foodPermit: 'concluded',
    });
    expect(done.delivery.order).toMatchObject({ status: 'signed', carrier: 'sim', trackingNumber: expect.stringMatching(/^SIM/) });
    const deliver = done.timeline.find((x: { action: string; caseNo: string }) => x.action === 'deliver' && x.caseNo === permit);
    expect(deliver).toBeTruthy();
    const concluded = (await messages('cases.bundle_concluded')).filter((m) => m.params.bundleNo === b.bundleNo);
    expect(concluded).toHaveLength(1);
    expect(concluded[0]!.params).toMatchObject({ status: 'partially_concluded', concluded: 1, members: 2 });
  });

  it('without one delivery, each child is delivered on its own as before', async () => {
    const doc = await getLifeEvent(kit.t.ctx, 'test-pair');
    const b = (await call('enterprise1', 'POST', '/api/life-events/test-pair/applications', await application(doc))).json();
    await issue(member(b, 'licence').caseNo);
    const res = await act('scjg.clerk', member(b, 'licence').caseNo, 'deliver', { method: 'pickup' });
    expect(res.statusCode, res.body).toBe(200);
    expect(member(await view(b.bundleNo), 'licence')).toMatchObject({ status: 'concluded' });
  });
});
