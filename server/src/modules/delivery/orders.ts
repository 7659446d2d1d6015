import { randomInt } from 'node:crypto';
import { assertCan, scopesOf } from '../../platform/auth/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { newId, pageOf } from '../../platform/db/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { bundleDeliveringResultOf, evaluationCaseFacts } from '../cases/index.ts';
import { deliveryPermissions as P } from './policy.ts';
import { addressRepo, orderRepo, type OrderRow } from './repository.ts';
import { nowOf, ownerOf, pickupDigest, presentOrder } from './shared.ts';

export interface OrderInput {
  caseNo: string;
  direction: 'materials_in' | 'result_out';
  method: 'post' | 'pickup';
  addressId?: string;
  carrier?: string;
  trackingNumber?: string;
}

/** A post order's recipient, copied (sealed and masked) from an address of the owner's book; null when the book has no such address. */
export async function recipientFromBook(t: TxCtx, owner: { kind: 'person' | 'entity'; id: string }, addressId: string): Promise<Partial<OrderRow> | null> {
  const a = await addressRepo.find(t.tx, owner, addressId);
  if (!a) return null;
  return {
    recipientName: a.recipientName,
    phoneSealed: a.phoneSealed,
    phoneMasked: a.phoneMasked,
    addressSealed: a.addressSealed,
    addressMasked: a.addressMasked,
  };
}

/**
 * A new order's pickup: with a `place`, a fresh 6-digit code (answered once; the row keeps only its
 * keyed digest) and the order awaiting pickup there; without one, no code and the order just created.
 */
export function orderPickup(t: Pick<Ctx, 'config'>, orderId: string, place: string | null) {
  const pickupCode = place !== null ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
  return {
    pickupCode,
    columns: {
      pickupCodeDigest: pickupCode ? pickupDigest(t, orderId, pickupCode) : null,
      pickupPlace: pickupCode ? place : null,
      status: pickupCode ? ('awaiting_pickup' as const) : ('created' as const),
    },
  };
}

/** Writes a new order, created and updated now, with its `delivery.order.create` audit event. */
export async function insertOrder(
  t: TxCtx,
  row: Omit<Parameters<typeof orderRepo.insert>[1], 'createdAt' | 'updatedAt'> & { id: string },
  audit: Pick<Parameters<TxCtx['audit']>[0], 'summary' | 'scope'>,
): Promise<OrderRow> {
  const now = nowOf(t);
  const created = await orderRepo.insert(t.tx, { ...row, createdAt: now, updatedAt: now });
  await t.audit({ action: 'delivery.order.create', objectType: 'delivery_order', objectId: row.id, ...audit });
  return created;
}

/**
 * The applicant arranges a delivery for their case: materials in by post (their carrier and
 * tracking number), or the result out by post (to an address of their book) or to pick up at the
 * department's window (a 6-digit pickup code, shown once in this answer; only its keyed digest is kept).
 */
export async function createOrder(ctx: Ctx, input: OrderInput) {
  const owner = ownerOf(ctx);
  const facts = await evaluationCaseFacts(ctx, input.caseNo);
  if (!facts.isApplicant) throw new AppError('delivery.not_applicant');
  if (input.direction === 'materials_in' && (input.method !== 'post' || !input.carrier || !input.trackingNumber))
    throw invalid([{ field: input.method !== 'post' ? 'method' : !input.carrier ? 'carrier' : 'trackingNumber', code: 'required_for_materials_in' }]);
  if (input.direction === 'result_out' && input.method === 'post' && !input.addressId) throw invalid([{ field: 'addressId', code: 'required' }]);
  // A child of a 一件事 application that asked for one delivery comes with the others (docs/life-events.md).
  const bundleNo = input.direction === 'result_out' ? await bundleDeliveringResultOf(ctx, facts.caseNo) : null;
  if (bundleNo) throw new AppError('delivery.bundle_delivers_once', { extra: { bundleNo } });
  return transact(ctx, async (t) => {
    if ((await orderRepo.byCase(t.tx, facts.caseNo)).some((o) => o.direction === input.direction)) throw new AppError('delivery.order_exists');
    const id = newId();
    let recipient: Partial<OrderRow> = {};
    if (input.direction === 'result_out' && input.method === 'post') {
      const found = await recipientFromBook(t, owner, input.addressId!);
      if (!found) throw invalid([{ field: 'addressId', code: 'not_found' }]);
      recipient = found;
    }
    const pickup = orderPickup(t, id, input.method === 'pickup' ? `${facts.departmentName} 办事窗口` : null);
    const row = await insertOrder(
      t,
      {
        id,
        caseNo: facts.caseNo,
        itemName: facts.itemName,
        departmentId: facts.departmentId,
        regionPath: facts.regionPath,
        applicantKind: owner.kind,
        applicantId: owner.id,
        direction: input.direction,
        method: input.method,
        carrier: input.direction === 'materials_in' ? input.carrier! : null,
        trackingNumber: input.direction === 'materials_in' ? input.trackingNumber! : null,
        ...recipient,
        ...pickup.columns,
      },
      { summary: { text: `${facts.caseNo} ${input.direction} ${input.method}` } },
    );
    return { ...presentOrder(row), pickupCode: pickup.pickupCode };
  });
}

/** My delivery orders (latest 50), optionally of one case. */
export async function myOrders(ctx: Ctx, caseNo?: string) {
  return (await orderRepo.mine(ctx.database.db, ownerOf(ctx), caseNo)).map((o) => presentOrder(o));
}

/** The delivery orders of the cases in the clerk's scope (region subtree and department of the grant). */
export async function listOrders(ctx: Ctx, q: { page: number; pageSize: number; q?: string; status?: string }) {
  assertCan(ctx.actor, P.handle);
  const s = scopesOf(ctx.actor, P.handle);
  const { rows, total } = await orderRepo.page(ctx.database.db, { ...q, scopes: s.all ? 'all' : s.scopes });
  return pageOf(
    rows.map((o) => presentOrder(o)),
    total,
    q,
  );
}

/** An order a clerk acts on, locked: the clerk's grant must cover the case's region and department. */
export async function orderForStaff(t: Ctx, id: string): Promise<OrderRow> {
  const row = await orderRepo.find(t.database.db, id, true);
  if (!row) throw notFound('delivery_order', id);
  assertCan(t.actor, P.handle, { regionPath: row.regionPath, departmentId: row.departmentId });
  return row;
}

/**
 * 签收 of a case, for other modules (the cases module has no place for it): the case's delivery
 * orders with their status and, once signed, when and how. Read as the platform: callers check who may see the case.
 */
export async function deliveryOfCase(ctx: Ctx, caseNo: string) {
  return (await orderRepo.byCase(ctx.database.db, caseNo)).map((o) => ({
    direction: o.direction,
    method: o.method,
    status: o.status,
    signedAt: o.signedAt?.toISOString() ?? null,
    signMethod: o.signMethod,
  }));
}
