import { systemActor } from '../../platform/auth/actor.ts';
import { asActor, transact, type Ctx } from '../../platform/context.ts';
import { listCases } from '../cases/index.ts';
import { actorForUsername } from '../identity/index.ts';
import { addAddress } from './addresses.ts';
import { simulateCarrierStep } from './carrier.ts';
import { createOrder } from './orders.ts';
import { orderRepo } from './repository.ts';
import { pickupDigest } from './shared.ts';

/** The demo pickup code of 张明's result waiting at the window (docs/delivery.md; a real code is random and shown once). */
export const DEMO_PICKUP_CODE = '246810';

/**
 * 张明 (citizen1) keeps a default address; one of his decided cases is posted to it and the
 * simulated carrier has collected it and has it in transit; another case's result is to be picked
 * up at the department's window with the code 246810.
 */
export async function seedDeliveryDemo(ctx: Ctx): Promise<void> {
  const citizen = asActor(ctx, await actorForUsername(ctx, 'citizen1'));
  const address = await addAddress(citizen, {
    recipientName: '张明',
    phone: '13800001111',
    regionCode: '990102001',
    address: '示范市明湖区湖滨街道湖滨路 8 号',
    isDefault: true,
  });
  const cases = (await listCases(citizen, { page: 1, pageSize: 100, mine: '1' })).items;
  const decided = ['concluded', 'pending_delivery', 'pending_issue'];
  const posted = cases.find((c) => decided.includes(c.status));
  const pickup = cases.find((c) => c !== posted && !['refused', 'denied', 'withdrawn', 'correction_expired'].includes(c.status));
  const system = asActor(ctx, systemActor);
  if (posted) {
    const order = await createOrder(citizen, { caseNo: posted.caseNo, direction: 'result_out', method: 'post', addressId: address.id });
    await simulateCarrierStep(system, order.id); // collected
    await simulateCarrierStep(system, order.id); // in transit
  }
  if (pickup) {
    const order = await createOrder(citizen, { caseNo: pickup.caseNo, direction: 'result_out', method: 'pickup' });
    await transact(system, async (t) => {
      await orderRepo.update(t.tx, order.id, { pickupCodeDigest: pickupDigest(t, order.id, DEMO_PICKUP_CODE) });
      await t.audit({ action: 'delivery.order.demo_code', objectType: 'delivery_order', objectId: order.id, summary: { text: '演示取件码' } });
    });
  }
}
