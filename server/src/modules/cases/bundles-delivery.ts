import { asActor, onDomainEvent, transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, invalid, notFound, registerErrors } from '../../platform/errors.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { openPersonal, sealPersonal } from '../../platform/crypto/index.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { getLifeEvent } from '../catalog/index.ts';
import { actOnCase } from './actions/act.ts';
import { bundleRepo, type BundleRow, type MemberRow } from './bundles-repository.ts';
import { notifyApplicant } from './notify.ts';

/**
 * One delivery of a 一件事 application's results (docs/life-events.md). The applicant asks for it at
 * submit or later on the parent: post to an address of their book, or pickup at the lead
 * department's window. Once every member has been issued or has ended, the parent gets ONE result
 * order of the delivery module carrying every issued child's result; when it is signed for (the
 * carrier, a clerk, or the pickup code), the platform takes `deliver` on every child still waiting
 * for delivery (each audited, in the same transaction), so they and the parent conclude.
 */

registerErrors({
  'cases.bundle_delivery_arranged': {
    status: 409,
    zh: '“一件事”结果已统一安排送达，不能再更改送达方式',
    en: 'The results of this application are already on their way; the delivery can no longer be changed',
  },
  'cases.bundle_not_in_progress': { status: 409, zh: '该“一件事”申请已办结', en: 'This life-event application has ended' },
  'cases.bundle_delivery_unavailable': { status: 503, zh: '寄递服务暂不可用', en: 'The delivery service is not available' },
});

export type ResultDeliveryChoice = { method: 'post'; addressId: string } | { method: 'pickup' };

/** The bundle's order as the delivery module shows it (masked recipient). */
export interface BundleDeliveryOrder {
  id: string;
  method: 'post' | 'pickup';
  status: string;
  carrier: string | null;
  trackingNumber: string | null;
  recipientName: string | null;
  address: string | null;
  pickupPlace: string | null;
  signedAt: string | null;
  contents: { caseNo: string; itemName: string; resultName: string; certificateIdentifier: string | null }[];
}

/**
 * The seam to the delivery module (it imports cases, so cases cannot import it): delivery puts its
 * service functions in place at start-up (delivery/bundle.ts), as payments does for fees.
 */
export interface BundleDeliverySource {
  /** Is the address in the applicant's book? */
  hasAddress(t: TxCtx, owner: { kind: 'person' | 'entity'; id: string }, addressId: string): Promise<boolean>;
  /** Creates the one result order of the application (`caseNo` = its YJS number); null when the address is no longer in the book. */
  createOrder(
    t: TxCtx,
    input: {
      bundleNo: string;
      name: string;
      departmentId: string;
      departmentName: string;
      regionPath: string;
      applicant: { kind: 'person' | 'entity'; id: string };
      choice: ResultDeliveryChoice;
      contents: BundleDeliveryOrder['contents'];
    },
  ): Promise<{ order: BundleDeliveryOrder; pickupCode: string | null } | null>;
  /** The application's result order. */
  orderOf(ctx: Ctx, bundleNo: string): Promise<BundleDeliveryOrder | null>;
}
let source: BundleDeliverySource | null = null;

export function setBundleDeliverySource(s: BundleDeliverySource | null): () => void {
  const before = source;
  source = s;
  return () => {
    source = before;
  };
}
function delivery(): BundleDeliverySource {
  if (!source) throw new AppError('cases.bundle_delivery_unavailable');
  return source;
}

const owner = (b: Pick<BundleRow, 'applicantKind' | 'applicantId'>) => ({ kind: b.applicantKind, id: b.applicantId });

/** Checks a choice before it is kept: a post goes to an address of the applicant's own book (so not for a walk-in filed at a window). */
export async function checkDeliveryChoice(t: TxCtx, b: Pick<BundleRow, 'applicantKind' | 'applicantId' | 'channel'>, c: ResultDeliveryChoice) {
  if (c.method !== 'post') return;
  if (b.channel === 'window') throw invalid([{ field: 'resultDelivery.method', code: 'post_needs_own_address_book' }]);
  if (!(await delivery().hasAddress(t, owner(b), c.addressId))) throw invalid([{ field: 'resultDelivery.addressId', code: 'not_found' }]);
}

/** Members whose result is issued and waits for delivery (the bundle's order carries these). */
export const awaitingDelivery = (members: MemberRow[]) => members.filter((m) => m.status === 'filed' && m.issuedOn !== null);

/**
 * Arranges the one delivery when the applicant asked for it and every member has been issued or
 * has ended: the order carries every issued child's result; the applicant is told once (with the
 * pickup code, also kept sealed on the parent for its page). Nothing to deliver (every member ended
 * without one): no order. An address gone from the book: no order, the applicant chooses again.
 * Returns what happened, for the caller's audit.
 */
export async function arrangeDeliveryIfReady(t: TxCtx, b: BundleRow, members: MemberRow[], today: string): Promise<string | null> {
  if (!b.deliveryMethod || b.deliveryOrderId) return null;
  const ended = ['concluded', 'refused', 'stopped', 'start_failed'];
  if (!members.every((m) => ended.includes(m.status) || (m.status === 'filed' && m.issuedOn))) return null;
  const pending = awaitingDelivery(members);
  const first = b.resultsReadyOn === null;
  b.resultsReadyOn ??= today;
  if (!pending.length) {
    await bundleRepo.update(t.tx, b.id, { resultsReadyOn: b.resultsReadyOn, deliveryNote: 'nothing_to_deliver' });
    return 'nothing_to_deliver';
  }
  const doc = await getLifeEvent(t, b.lifeEventCode, b.lifeEventVersion);
  const choice: ResultDeliveryChoice = b.deliveryMethod === 'post' ? { method: 'post', addressId: b.deliveryAddressId! } : { method: 'pickup' };
  const contents = pending.map((m) => {
    const own = m.attached.find((a) => a.from === m.memberKey);
    return { caseNo: m.caseNo!, itemName: m.itemName, resultName: own?.resultName ?? m.itemName, certificateIdentifier: own?.certificateIdentifier ?? null };
  });
  const made = await delivery().createOrder(t, {
    bundleNo: b.bundleNo,
    name: b.name,
    departmentId: doc.leadDepartmentId,
    departmentName: doc.departmentName,
    regionPath: doc.regionPath,
    applicant: owner(b),
    choice,
    contents,
  });
  const note = made ? null : 'address_missing';
  b.deliveryOrderId = made?.order.id ?? null;
  await bundleRepo.update(t.tx, b.id, {
    resultsReadyOn: b.resultsReadyOn,
    deliveryOrderId: b.deliveryOrderId,
    deliveryNote: note,
    deliveryPickupSealed: made?.pickupCode ? sealPersonal(t.config.secrets.dataKey, made.pickupCode) : null,
  });
  if (first || made)
    await notifyApplicant(t, owner(b), 'cases.bundle_results_ready', {
      bundleNo: b.bundleNo,
      name: b.name,
      results: contents.map((c) => c.resultName),
      method: b.deliveryMethod,
      ...(made?.pickupCode ? { pickupCode: made.pickupCode, pickupPlace: made.order.pickupPlace } : {}),
      ...(made ? {} : { chooseAgain: true }),
    });
  return made ? `order:${made.order.id}` : 'address_missing';
}

/**
 * The applicant asks (or changes how) the results come together, while no order is arranged. If
 * every member is already issued or ended, the order is made at once. Audited `case_bundle.choose_delivery`.
 */
export async function chooseBundleDelivery(ctx: Ctx, bundleNo: string, choice: ResultDeliveryChoice): Promise<void> {
  await transact(ctx, async (t) => {
    const found = await bundleRepo.byNo(t.tx, bundleNo);
    const a = t.actor;
    const mine = found && (a.kind === 'person' || a.kind === 'entity') && a.kind === found.applicantKind && a.subjectId === found.applicantId;
    if (!found || !mine) throw notFound('life event application', bundleNo);
    const b = (await bundleRepo.byId(t.tx, found.id, true))!;
    if (b.status !== 'in_progress') throw new AppError('cases.bundle_not_in_progress');
    if (b.deliveryOrderId) throw new AppError('cases.bundle_delivery_arranged');
    await checkDeliveryChoice(t, b, choice);
    b.deliveryMethod = choice.method;
    b.deliveryAddressId = choice.method === 'post' ? choice.addressId : null;
    await bundleRepo.update(t.tx, b.id, {
      deliveryMethod: b.deliveryMethod,
      deliveryAddressId: b.deliveryAddressId,
      deliveryNote: null,
      version: b.version + 1,
      updatedAt: t.now?.() ?? new Date(),
    });
    const members = await bundleRepo.members(t.tx, [b.id]);
    const arranged = await arrangeDeliveryIfReady(t, b, members, shanghaiDate(t.now?.() ?? new Date()));
    t.audit({ action: 'case_bundle.choose_delivery', objectType: 'case_bundle', objectId: bundleNo, summary: { method: choice.method, arranged } });
  });
}

/**
 * 签收 of the bundle's order: every child whose result waits for delivery is delivered by the
 * platform (its `deliver`, audited as a case action), so it concludes and, with the last, the parent.
 */
async function onOrderSigned(t: TxCtx, e: { caseNo: string; direction: string; method?: string; carrier?: string | null; trackingNumber?: string | null }) {
  if (e.direction !== 'result_out' || !e.caseNo.startsWith('YJS')) return;
  const b = await bundleRepo.byNo(t.tx, e.caseNo);
  if (!b?.deliveryOrderId) return;
  const pending = awaitingDelivery(await bundleRepo.members(t.tx, [b.id]));
  await bundleRepo.update(t.tx, b.id, { deliveryPickupSealed: null });
  const system = asActor(t, systemActor);
  const payload =
    b.deliveryMethod === 'post'
      ? { method: 'post', carrier: e.carrier || '一件事统一寄递', trackingNumber: e.trackingNumber || b.bundleNo }
      : { method: 'pickup' };
  const delivered: string[] = [];
  const failed: string[] = [];
  for (const m of pending) {
    // Each in a savepoint: a child that can no longer be delivered is noted; the sign-for stands.
    const outcome = await actOnCase(system, m.caseNo!, 'deliver', payload).then(
      () => null,
      (err: unknown) => {
        if (err instanceof AppError) return err.code;
        throw err;
      },
    );
    if (outcome) {
      failed.push(m.caseNo!);
      await bundleRepo.updateMember(t.tx, b.id, m.memberKey, { note: `deliver_failed:${outcome}` });
    } else delivered.push(m.caseNo!);
  }
  t.audit({ action: 'case_bundle.delivered', objectType: 'case_bundle', objectId: b.bundleNo, summary: { order: b.deliveryOrderId, delivered, failed } });
}

/** The parent's delivery as its page shows it: how, the order (with the pickup code for the applicant until picked up). */
export async function bundleDeliveryView(ctx: Ctx, b: BundleRow, isApplicant: boolean) {
  if (!b.deliveryMethod) return null;
  const order = b.deliveryOrderId ? await delivery().orderOf(ctx, b.bundleNo) : null;
  return {
    method: b.deliveryMethod,
    resultsReadyOn: b.resultsReadyOn,
    note: b.deliveryNote,
    pickupCode: isApplicant && b.deliveryPickupSealed ? openPersonal(ctx.config.secrets.dataKey, b.deliveryPickupSealed) : null,
    order,
  };
}

export function subscribeBundleDelivery(): void {
  onDomainEvent('delivery.order.signed', onOrderSigned);
}
