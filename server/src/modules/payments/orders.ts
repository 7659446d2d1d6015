import { assertCan, scopesOf, systemActor } from '../../platform/auth/index.ts';
import { asActor, transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findCaseFacts, getCase, type PaymentDue } from '../cases/index.ts';
import { feeEntries, getPublishedGuide } from '../catalog/index.ts';
import { unitFen } from './amounts.ts';
import { simulatePayment } from './gateway.ts';
import { paymentPermissions as P } from './policy.ts';
import { orderRepo, tradeRepo } from './repository.ts';
import { isPayer, newOrderNo, nowOf, presentOrder, readableOrder, todayOf } from './shared.ts';
import type { OrderLine } from './tables.ts';

/**
 * 开具缴费单: the case's order, built only from the fee-catalog entries its guide cites that are in
 * force today (a fee cited but retired or expired since is not charged), one of each, amounts in fen.
 * The applicant opening their payment page, or the case's department, issue it; a case with an
 * unpaid or paid order gets that one back.
 */
export async function issueOrder(ctx: Ctx, caseNo: string, as: 'applicant' | 'staff') {
  const view = await getCase(ctx, caseNo); // 404 for anyone who may not read the case
  const facts = (await findCaseFacts(ctx, caseNo))!;
  const applicant = { applicantKind: view.applicant.kind, applicantId: view.applicant.id };
  if (as === 'applicant' && !isPayer(ctx, applicant)) throw notFound('case', caseNo);
  if (as === 'staff') assertCan(ctx.actor, P.issue, { regionPath: facts.regionPath, departmentId: facts.departmentId });
  const existing = await orderRepo.liveForCase(ctx.database.db, view.caseNo);
  if (existing) return presentOrder(existing);
  if (!facts.open) throw new AppError('payments.not_payable');
  const { guide } = await getPublishedGuide(ctx, view.implementationCode, view.guideVersion);
  const codes = guide.fees.map((f) => f.feeCode);
  const entries = (await feeEntries(ctx, codes, todayOf(ctx))).filter((f) => f.inForce);
  if (entries.length === 0) throw new AppError('payments.no_fees');
  const lines: OrderLine[] = entries.map((f) => {
    const unit = unitFen(f.standard);
    if (unit === null) throw new AppError('payments.fee_not_fixed', { extra: { feeCode: f.code } });
    return { feeCode: f.code, name: f.name, kind: f.kind, standard: f.standard, unitFen: unit, quantity: 1, amountFen: unit };
  });
  return transact(ctx, async (t) => {
    const again = await orderRepo.liveForCase(t.tx, view.caseNo);
    if (again) return presentOrder(again);
    const at = nowOf(t);
    const row = await orderRepo.insert(t.tx, {
      id: newId(),
      orderNo: newOrderNo(at),
      caseNo: view.caseNo,
      implementationCode: view.implementationCode,
      itemName: view.itemName,
      departmentId: facts.departmentId,
      departmentName: facts.departmentName,
      regionPath: facts.regionPath,
      ...applicant,
      payerName: view.applicant.name,
      lines,
      amountFen: lines.reduce((s, l) => s + l.amountFen, 0),
      status: 'unpaid',
      createdAt: at,
      updatedAt: at,
    });
    t.audit({
      action: 'payments.order.issue',
      objectType: 'payment_order',
      objectId: row.orderNo,
      summary: { caseNo: row.caseNo, amountFen: row.amountFen, fees: lines.map((l) => l.feeCode) },
    });
    return presentOrder(row);
  });
}

export async function getOrder(ctx: Ctx, orderNo: string) {
  return presentOrder(await readableOrder(ctx, ctx.database.db, orderNo));
}

/** The signed-in applicant's orders (newest first, at most 100). */
export async function myOrders(ctx: Ctx) {
  const a = ctx.actor;
  if ((a.kind !== 'person' && a.kind !== 'entity') || !a.subjectId) throw new AppError('auth.forbidden');
  return (await orderRepo.listForApplicant(ctx.database.db, a.kind, a.subjectId)).map(presentOrder);
}

/** Staff: the orders of their region and department. */
export async function listOrders(ctx: Ctx, q: { page: number; pageSize: number; q?: string; status?: string }) {
  if (ctx.actor.kind !== 'staff') throw new AppError('auth.forbidden');
  const { items, total } = await orderRepo.listScoped(ctx.database.db, scopesOf(ctx.actor, P.read), q);
  return pageOf(items.map(presentOrder), total, q);
}

/**
 * 支付 through the simulated gateway (demo): the payer confirms, the gateway records the trade and
 * sends its signed callback asynchronously; the order turns paid when the callback arrives.
 */
export async function payOrder(ctx: Ctx, orderNo: string) {
  return transact(ctx, async (t) => {
    const row = await readableOrder(t, t.tx, orderNo, true);
    if (!isPayer(t, row)) throw new AppError('auth.forbidden');
    if (row.status !== 'unpaid') throw new AppError('payments.not_payable');
    // Paid already, the gateway's notice still on its way: never take the money twice.
    if (await tradeRepo.byOrder(t.tx, row.orderNo)) return presentOrder(row);
    const at = nowOf(t);
    const tradeNo = await simulatePayment(t.tx, t, row, at);
    const updated = await orderRepo.update(t.tx, row.id, { gateway: 'simulated', updatedAt: at });
    t.audit({ action: 'payments.order.pay', objectType: 'payment_order', objectId: row.orderNo, summary: { gateway: 'simulated', tradeNo } });
    return presentOrder(updated);
  });
}

/**
 * For other modules (the case's page, a workflow that waits for payment): the case's current order's
 * status, or null when it has none. No permission check: callers show it only to whom may read the case.
 */
export async function casePaymentStatus(ctx: Ctx, caseNo: string): Promise<{ orderNo: string; status: string; amountFen: number } | null> {
  const o = await orderRepo.liveForCase(ctx.database.db, caseNo);
  return o ? { orderNo: o.orderNo, status: o.status, amountFen: o.amountFen } : null;
}

/**
 * The cases module's question when a case reaches the step its item's payment rule names (set with
 * `setPaymentDueSource`): is the case's fee paid? With no order yet, the platform issues it now from
 * the fees in force (audited as the system), so the applicant finds it on the case and on /payments.
 * No fee in force, or one without a fixed amount (nobody could issue the order): nothing is due.
 */
export async function paymentDueForCase(t: TxCtx, caseNo: string): Promise<PaymentDue> {
  const live = await orderRepo.liveForCase(t.tx, caseNo);
  if (live) return { status: live.status === 'unpaid' ? 'unpaid' : 'paid', orderNo: live.orderNo, amountFen: live.amountFen };
  try {
    const order = await issueOrder(asActor(t, systemActor), caseNo, 'staff');
    return { status: order.status === 'unpaid' ? 'unpaid' : 'paid', orderNo: order.orderNo, amountFen: order.amountFen };
  } catch (e) {
    if (e instanceof AppError && (e.code === 'payments.no_fees' || e.code === 'payments.fee_not_fixed')) {
      if (e.code === 'payments.fee_not_fixed') t.log.warn({ caseNo }, 'payments: a fee without a fixed amount; the case does not wait for payment');
      return { status: 'none', orderNo: null, amountFen: null };
    }
    throw e;
  }
}
