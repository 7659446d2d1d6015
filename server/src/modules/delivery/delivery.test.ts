/** 双向寄递: the carrier webhook (bad signature, replay, out of order), the manual fallback's scope, the pickup code once, and sign-for recorded. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { onDomainEvent, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { demoDepartmentId } from '../org/index.ts';
import { myAddresses } from './addresses.ts';
import { receiveCarrierEvent, signCarrierEvent, SIM_CARRIER, type CarrierEvent } from './carrier.ts';
import { handOver, manualStatus } from './handle.ts';
import { deliveryOfCase } from './index.ts';
import { listOrders, myOrders } from './orders.ts';
import { orderRepo } from './repository.ts';
import { DEMO_PICKUP_CODE } from './seed.ts';
import { pickupDigest } from './shared.ts';

let env: TestEnv;
let clerk: Ctx;
const signed: string[] = [];
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
};

/** An order of a 市场监管局 (city) case, inserted as the applicant's request would leave it. */
async function order(over: Partial<Parameters<typeof orderRepo.insert>[1]> = {}) {
  const now = new Date();
  const id = newId();
  return orderRepo.insert(env.database.db, {
    id,
    caseNo: `T${id.slice(-10)}`,
    itemName: '食品经营许可',
    departmentId: demoDepartmentId('scjg', '990100'),
    regionPath: '990000/990100',
    applicantKind: 'person',
    applicantId: newId(),
    direction: 'result_out',
    method: 'post',
    carrier: SIM_CARRIER,
    trackingNumber: `SIM${id.slice(-12)}`,
    status: 'created',
    createdAt: now,
    updatedAt: now,
    ...over,
  });
}
const event = (trackingNumber: string, status: CarrierEvent['status'], occurredAt: string): CarrierEvent => ({
  eventId: newId(),
  trackingNumber,
  status,
  occurredAt,
});
const send = (e: CarrierEvent, signature = signCarrierEvent(env.ctx, SIM_CARRIER, e)) => receiveCarrierEvent(env.ctx, SIM_CARRIER, e, signature);

beforeAll(async () => {
  env = await createTestEnv();
  clerk = await env.as('scjg.clerk');
  onDomainEvent('delivery.order.signed', async (_t, e) => {
    signed.push(e.caseNo);
  });
});
afterAll(() => env.close());

describe('delivery', () => {
  it('the demo: citizen1 has a masked default address, a result in transit and one waiting at a window', async () => {
    const citizen = await env.as('citizen1');
    const [address] = await myAddresses(citizen);
    expect(address).toMatchObject({ isDefault: true, phone: '138****1111', recipientName: '张*' });
    expect(address!.address).not.toContain('湖滨路');
    const mine = await myOrders(citizen);
    expect(mine.map((o) => o.status).sort()).toEqual(['awaiting_pickup', 'in_transit']);
  });

  it('the webhook refuses a bad signature, answers a replay without change, and never moves an order back', async () => {
    const o = await order();
    const first = event(o.trackingNumber!, 'in_transit', '2026-03-02T10:00:00+08:00');
    expect(await refusal(send(first, 'a'.repeat(64)))).toBe('delivery.bad_signature');
    expect(await refusal(send({ ...first, status: 'signed' }, signCarrierEvent(env.ctx, SIM_CARRIER, first)))).toBe('delivery.bad_signature');
    expect(await send(first)).toEqual({ outcome: 'applied' });
    expect(await send(first)).toEqual({ outcome: 'duplicate' });
    // signed arrives before out_for_delivery (skipping it); the late out_for_delivery and an older collected change nothing
    expect(await send(event(o.trackingNumber!, 'signed', '2026-03-03T15:00:00+08:00'))).toEqual({ outcome: 'applied' });
    expect(await send(event(o.trackingNumber!, 'out_for_delivery', '2026-03-03T09:00:00+08:00'))).toEqual({ outcome: 'stale' });
    expect(await send(event(o.trackingNumber!, 'collected', '2026-03-01T09:00:00+08:00'))).toEqual({ outcome: 'stale' });
    const after = (await orderRepo.find(env.database.db, o.id))!;
    expect(after).toMatchObject({ status: 'signed', signMethod: 'carrier' });
    expect(after.signedAt!.toISOString()).toBe('2026-03-03T07:00:00.000Z');
    expect(signed).toContain(o.caseNo);
  });

  it('the manual fallback is for clerks of the case department and region only, forward only, and records sign-for', async () => {
    const o = await order({ carrier: null, trackingNumber: null });
    expect(await refusal(manualStatus(await env.as('dl.scjg.clerk'), o.id, { status: 'collected', note: '邮局揽收' }))).toBe('auth.out_of_scope');
    expect(await refusal(manualStatus(await env.as('rsj.clerk'), o.id, { status: 'collected', note: '邮局揽收' }))).toBe('auth.out_of_scope');
    const collected = await manualStatus(clerk, o.id, { status: 'collected', carrier: 'EMS', trackingNumber: '1100998877665', note: '邮局揽收' });
    expect(collected).toMatchObject({ status: 'collected', carrier: 'EMS', trackingNumber: '1100998877665' });
    expect((await listOrders(clerk, { page: 1, pageSize: 100, q: o.caseNo })).items.map((i) => i.id)).toEqual([o.id]);
    expect((await listOrders(await env.as('dl.scjg.clerk'), { page: 1, pageSize: 100, q: o.caseNo })).total).toBe(0);
    await manualStatus(clerk, o.id, { status: 'signed', note: '电话确认已签收', signedBy: '张明' });
    expect(await refusal(manualStatus(clerk, o.id, { status: 'in_transit', note: '误操作' }))).toBe('workflow.action_not_allowed');
    expect(await deliveryOfCase(env.ctx, o.caseNo)).toEqual([expect.objectContaining({ status: 'signed', signMethod: 'manual' })]);
  });

  it('a pickup code hands the result over once; wrong codes are counted', async () => {
    const o = await order({ method: 'pickup', carrier: null, trackingNumber: null, status: 'awaiting_pickup' });
    await orderRepo.update(env.database.db, o.id, { pickupCodeDigest: pickupDigest(env.ctx, o.id, '135790') });
    expect(await refusal(handOver(clerk, o.id, { code: '000000' }))).toBe('delivery.pickup_code_wrong');
    expect((await orderRepo.find(env.database.db, o.id))!.pickupAttempts).toBe(1);
    expect(await handOver(clerk, o.id, { code: '135790', signedBy: '张明' })).toMatchObject({ status: 'signed', signMethod: 'pickup_code' });
    expect(await refusal(handOver(clerk, o.id, { code: '135790' }))).toBe('workflow.action_not_allowed');
    expect(signed).toContain(o.caseNo);
    expect(DEMO_PICKUP_CODE).toMatch(/^\d{6}$/);
  });
});
