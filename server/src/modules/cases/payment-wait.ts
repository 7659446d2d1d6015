import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asActor, onDomainEvent, transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { assertCan, can, systemActor } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import { getApplicableVersion } from '../catalog/index.ts';
import { actOnCase } from './actions/act.ts';
import { casePermissions } from './policy.ts';
import { present } from './present.ts';
import { caseRepo, type CaseRow } from './repository.ts';
import { paymentRuleRepo, type PaymentRuleRow } from './payment-wait-repository.ts';
import type { CaseView } from './schemas.ts';
import { loadWorkflow } from './workflows.ts';
import { statusAtStep } from './workflow/engine.ts';

/**
 * 缴费等待 (issue 16): where the law makes a case wait for its fees. An implementation's payment rule
 * (`case_payment_rules`) names the step kind the case waits before (`accept`: before acceptance,
 * `issue`: before the result is issued, …), whether the statutory clock pauses while it waits, and
 * the legal basis. When a case enters that step and its fees are unpaid, the platform takes the
 * system action `await_payment` (status `awaiting_payment`; a `payment` pause when the rule says so,
 * counted like a correction's); the payments module's `payments.order.paid` event takes
 * `payment_received`, which puts the case back at its step and closes the pause.
 */

/** What the payments module says of a case's fees when it reaches the rule's step. */
export interface PaymentDue {
  /** `none`: no fee in force for the case (or none with a fixed amount): it does not wait. */
  status: 'paid' | 'unpaid' | 'none';
  orderNo: string | null;
  amountFen: number | null;
}
export type PaymentDueSource = (t: TxCtx, caseNo: string) => Promise<PaymentDue>;

const noFees: PaymentDueSource = async () => ({ status: 'none', orderNo: null, amountFen: null });
let source: PaymentDueSource = noFees;

/**
 * The seam to the payments module (it imports cases, so cases cannot import it): payments puts its
 * answer in place at start-up (an unpaid order, issuing one from the fees in force if the case has
 * none). Without it nothing is due and no case waits. Returns a function restoring the previous one.
 */
export function setPaymentDueSource(fn: PaymentDueSource | null): () => void {
  const previous = source;
  source = fn ?? noFees;
  return () => {
    source = previous;
  };
}

declare module '../../platform/context.ts' {
  interface DomainEvents {
    /** An order turned paid (published by the payments module in the transaction of the gateway's notice). */
    'payments.order.paid': { orderNo: string; caseNo: string; amountFen: number; paidAt: string };
  }
}

/**
 * Called in the transaction of an action (act.ts) or a submit (submit.ts), after it: when the case
 * now stands at the step its item's payment rule names and its fees are unpaid, it waits for them.
 * Returns the case as `t.actor` sees it when it started waiting, else null (nothing changed).
 */
export async function waitForPaymentIfDue(
  t: TxCtx,
  row: Pick<CaseRow, 'caseNo' | 'status' | 'stepKey' | 'implementationCode' | 'workflowCode' | 'workflowVersion'>,
): Promise<CaseView | null> {
  const rule = await paymentRuleRepo.get(t.tx, row.implementationCode);
  if (!rule) return null;
  const def = await loadWorkflow(t, row.workflowCode, row.workflowVersion);
  const step = def.steps.find((s) => s.key === row.stepKey);
  // Only a case standing at the rule's step, not paused or ended.
  if (!step || step.kind !== rule.beforeStep || row.status !== statusAtStep[step.kind]) return null;
  const current = await caseRepo.byNo(t.tx, row.caseNo);
  if (!current) return null;
  // Paid once is paid: a case resumed by a payment never waits again.
  const log = await caseRepo.actions(t.tx, current.id);
  if (log.some((a) => a.action === 'payment_received')) return null;
  const due = await source(t, row.caseNo);
  if (due.status !== 'unpaid') return null;
  await actOnCase(asActor(t, systemActor), row.caseNo, 'await_payment', {
    orderNo: due.orderNo,
    amountFen: due.amountFen,
    pauseClock: rule.pauseClock,
    legalBasis: rule.legalBasis,
  });
  const after = (await caseRepo.byNo(t.tx, row.caseNo))!;
  return present(t, after, await caseRepo.actions(t.tx, after.id), def);
}

/** The payment's notice resumes a waiting case (the system action `payment_received`, in the notice's transaction). */
export function subscribePaymentWait(): void {
  onDomainEvent('payments.order.paid', async (t, e) => {
    const row = await caseRepo.byNo(t.tx, e.caseNo);
    if (row?.status !== 'awaiting_payment') return;
    await actOnCase(asActor(t, systemActor), e.caseNo, 'payment_received', { orderNo: e.orderNo });
  });
}

// ---------- the rule, per implementation ----------

export const PaymentRuleView = z.object({
  implementationCode: z.string(),
  rule: z
    .object({
      beforeStep: z.enum(['accept', 'review', 'decide', 'issue', 'deliver']),
      pauseClock: z.boolean(),
      legalBasis: z.string(),
    })
    .nullable()
    .describe('null: cases of the item never wait for payment'),
});
export const PaymentRuleUpdate = z.object({
  beforeStep: z
    .enum(['accept', 'review', 'decide', 'issue', 'deliver'])
    .describe('the kind of step the case waits before: accept = before acceptance, issue = before the result is issued'),
  pauseClock: z.boolean().describe('whether the statutory time limit stands still while the case waits for payment'),
  legalBasis: z.string().trim().min(1).max(1000).describe('the article that makes the fee due at that point (and says whether the time counts)'),
});

const viewOf = (implementationCode: string, r: PaymentRuleRow | undefined) => ({
  implementationCode,
  rule: r ? { beforeStep: r.beforeStep, pauseClock: r.pauseClock, legalBasis: r.legalBasis } : null,
});

async function scopeOf(ctx: Ctx, implementationCode: string) {
  const impl = await getApplicableVersion(ctx, implementationCode);
  return { regionPath: impl.regionPath, departmentId: impl.departmentId };
}

/** Read by staff who may read or configure the item's cases in its scope (403 `auth.out_of_scope` otherwise). */
export async function getPaymentRule(ctx: Ctx, implementationCode: string) {
  const scope = await scopeOf(ctx, implementationCode);
  if (!can(ctx.actor, casePermissions.read, scope) && !can(ctx.actor, casePermissions.workflows, scope))
    throw new AppError('auth.out_of_scope', { extra: { permission: casePermissions.read } });
  return viewOf(implementationCode, await paymentRuleRepo.get(ctx.database.db, implementationCode));
}

/** Sets (`rule`) or removes (null) the payment rule (`cases.workflow.manage` in the item's scope); audited. Cases already waiting keep waiting. */
export async function setPaymentRule(ctx: Ctx, implementationCode: string, rule: z.infer<typeof PaymentRuleUpdate> | null) {
  return transact(ctx, async (t) => {
    assertCan(t.actor, casePermissions.workflows, await scopeOf(t, implementationCode));
    if (rule) await paymentRuleRepo.set(t.tx, { implementationCode, ...rule, updatedBy: t.actor.id });
    else if (!(await paymentRuleRepo.delete(t.tx, implementationCode))) return viewOf(implementationCode, undefined);
    t.audit({
      action: rule ? 'case_payment_rule.set' : 'case_payment_rule.delete',
      objectType: 'implementation',
      objectId: implementationCode,
      summary: { rule },
    });
    return viewOf(implementationCode, await paymentRuleRepo.get(t.tx, implementationCode));
  });
}

export const paymentWaitRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['cases'];
  const params = z.object({ implementationCode: z.string().max(36) });
  app.get(
    '/api/admin/payment-rules/:implementationCode',
    {
      config: { auth: 'staff' },
      schema: {
        tags,
        summary: '缴费规则 of an implementation: whether its cases wait for payment, before which step, and whether the clock pauses',
        params,
        response: { 200: PaymentRuleView },
      },
    },
    (req) => getPaymentRule(req.ctx, req.params.implementationCode),
  );
  app.put(
    '/api/admin/payment-rules/:implementationCode',
    {
      config: { permission: casePermissions.workflows },
      schema: {
        tags,
        summary: 'Set the 缴费规则 (the legal basis says where the fee is due and whether the time counts)',
        params,
        body: PaymentRuleUpdate,
        response: { 200: PaymentRuleView },
      },
    },
    (req) => setPaymentRule(req.ctx, req.params.implementationCode, req.body),
  );
  app.delete(
    '/api/admin/payment-rules/:implementationCode',
    {
      config: { permission: casePermissions.workflows },
      schema: { tags, summary: 'Remove the 缴费规则: new cases of the item no longer wait for payment', params, response: { 200: PaymentRuleView } },
    },
    (req) => setPaymentRule(req.ctx, req.params.implementationCode, null),
  );
};
