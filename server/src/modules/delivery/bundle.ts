import type { Ctx, TxCtx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import type { BundleDeliverySource } from '../cases/index.ts';
import { addressRepo, orderRepo, type OrderRow } from './repository.ts';
import { insertOrder, orderPickup, recipientFromBook } from './orders.ts';
import { presentOrder } from './shared.ts';

/**
 * One delivery of a 一件事 application (docs/life-events.md, "One delivery"): the cases module asks,
 * through the seam it exports (`setBundleDeliverySource`), for one result order carrying every
 * child's result once all are issued. The order is an ordinary result order whose `caseNo` is the
 * application's YJS number, handled by the lead department's clerks like any other (status, carrier
 * webhook, pickup code); its 签收 is the usual `delivery.order.signed`, which the cases module hears.
 */

type Created = NonNullable<Awaited<ReturnType<BundleDeliverySource['createOrder']>>>;

function bundleOrderView(o: OrderRow) {
  const v = presentOrder(o);
  return {
    id: v.id,
    method: v.method,
    status: v.status,
    carrier: v.carrier,
    trackingNumber: v.trackingNumber,
    recipientName: v.recipientName,
    address: v.address,
    pickupPlace: v.pickupPlace,
    signedAt: v.signedAt,
    contents: o.contents ?? [],
  };
}

export const bundleDelivery: BundleDeliverySource = {
  async hasAddress(t, owner, addressId) {
    return (await addressRepo.find(t.tx, owner, addressId)) !== undefined;
  },

  async createOrder(t: TxCtx, input): Promise<Created | null> {
    const id = newId();
    let recipient: Partial<OrderRow> = {};
    if (input.choice.method === 'post') {
      const found = await recipientFromBook(t, input.applicant, input.choice.addressId);
      if (!found) return null;
      recipient = found;
    }
    const pickup = orderPickup(t, id, input.choice.method === 'pickup' ? `${input.departmentName} 一件事窗口` : null);
    const row = await insertOrder(
      t,
      {
        id,
        caseNo: input.bundleNo,
        itemName: input.name,
        departmentId: input.departmentId,
        regionPath: input.regionPath,
        applicantKind: input.applicant.kind,
        applicantId: input.applicant.id,
        direction: 'result_out',
        method: input.choice.method,
        ...recipient,
        ...pickup.columns,
        contents: input.contents,
      },
      {
        summary: { text: `${input.bundleNo} result_out ${input.choice.method}`, contents: input.contents.map((c) => c.caseNo) },
        scope: { regionPath: input.regionPath, departmentId: input.departmentId },
      },
    );
    return { order: bundleOrderView(row), pickupCode: pickup.pickupCode };
  },

  async orderOf(ctx: Ctx, bundleNo: string) {
    const row = (await orderRepo.byCase(ctx.database.db, bundleNo)).find((o) => o.direction === 'result_out');
    return row ? bundleOrderView(row) : null;
  },
};
