import { and, asc, gt, gte, inArray, isNull, eq, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import { caseActions, cases, certificates } from './tables.ts';

/** The actions e-supervision's rules look at (补正, 不予受理/不予许可, decisions, 特别程序, issue). */
const ruleActions = ['accept', 'request_correction', 'refuse', 'deny', 'approve', 'start_special_procedure', 'issue'];

export interface CaseRuleAction {
  seq: number;
  action: string;
  stepKey: string;
  actorId: string | null;
  actorName: string;
  /** The role the staff actor acted through, and the role the step asked for (null: not staff, or recorded before the columns). */
  actorRole: string | null;
  stepRole: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** What the e-supervision rules read of one case: where it was handled, how it ended, and its relevant actions in order. */
export interface CaseRuleFacts {
  id: string;
  caseNo: string;
  implementationCode: string;
  guideVersion: number;
  itemName: string;
  departmentId: string;
  departmentName: string;
  regionPath: string;
  status: string;
  outcome: string | null;
  workflowCode: string;
  workflowVersion: number;
  submittedAt: string;
  concludedOn: string | null;
  actions: CaseRuleAction[];
}

/**
 * 电子监察 rules: the cases changed since `updatedSince`, a page in id order after `afterId`, each
 * with its actions that the rules look at. Whoever asks (a job of the supervision module evaluates
 * them; it checks its own permission when it shows a hit). Two queries per page.
 */
export async function caseRuleFacts(ctx: Ctx, q: { updatedSince: Date; afterId?: string; limit: number }): Promise<CaseRuleFacts[]> {
  const db = ctx.database.db;
  const rows = await db
    .select({
      id: cases.id,
      caseNo: cases.caseNo,
      implementationCode: cases.implementationCode,
      guideVersion: cases.guideVersion,
      itemName: cases.itemName,
      departmentId: sql<string>`${cases.departmentId}::text`,
      departmentName: cases.departmentName,
      regionPath: cases.regionPath,
      status: cases.status,
      outcome: cases.outcome,
      workflowCode: cases.workflowCode,
      workflowVersion: cases.workflowVersion,
      submittedAt: cases.submittedAt,
      concludedOn: cases.concludedOn,
    })
    .from(cases)
    .where(and(gte(cases.updatedAt, q.updatedSince), q.afterId ? gt(cases.id, q.afterId) : undefined))
    .orderBy(asc(cases.id))
    .limit(q.limit);
  if (rows.length === 0) return [];
  const actions = await db
    .select()
    .from(caseActions)
    .where(
      and(
        inArray(
          caseActions.caseId,
          rows.map((r) => r.id),
        ),
        inArray(caseActions.action, ruleActions),
      ),
    )
    .orderBy(asc(caseActions.caseId), asc(caseActions.seq));
  const byCase = new Map<string, CaseRuleAction[]>();
  for (const a of actions) {
    const list = byCase.get(a.caseId) ?? [];
    list.push({
      seq: a.seq,
      action: a.action,
      stepKey: a.stepKey,
      actorId: a.actorId,
      actorName: a.actorName,
      actorRole: a.actorRole,
      stepRole: a.stepRole,
      occurredAt: a.occurredAt.toISOString(),
      payload: a.payload,
    });
    byCase.set(a.caseId, list);
  }
  return rows.map((r) => ({ ...r, submittedAt: r.submittedAt.toISOString(), actions: byCase.get(r.id) ?? [] }));
}

/** A result (electronic certificate) whose case is missing or was never approved: 体外循环. */
export interface OrphanResultFact {
  identifier: string;
  name: string;
  caseNo: string;
  caseFound: boolean;
  caseOutcome: string | null;
  /** The case's region and unit when the case is found. */
  regionPath: string | null;
  departmentName: string | null;
  itemName: string | null;
  issuerDepartmentId: string;
  issuedAt: string;
}

/** Certificates issued since `issuedSince` with no case behind them, or behind a case that was not approved. */
export async function orphanResultFacts(ctx: Ctx, q: { issuedSince: Date; limit: number }): Promise<OrphanResultFact[]> {
  const rows = await ctx.database.db
    .select({
      identifier: certificates.identifier,
      name: certificates.name,
      caseNo: certificates.caseNo,
      caseId: cases.id,
      caseOutcome: cases.outcome,
      regionPath: cases.regionPath,
      departmentName: cases.departmentName,
      itemName: cases.itemName,
      issuerDepartmentId: sql<string>`${certificates.issuerDepartmentId}::text`,
      issuedAt: certificates.issuedAt,
    })
    .from(certificates)
    .leftJoin(cases, eq(cases.id, certificates.caseId))
    .where(and(gte(certificates.issuedAt, q.issuedSince), or(isNull(cases.id), sql`${cases.outcome} is distinct from 'approved'`)))
    .orderBy(asc(certificates.issuedAt))
    .limit(q.limit);
  return rows.map(({ caseId, issuedAt, ...r }) => ({ ...r, caseFound: caseId !== null, issuedAt: issuedAt.toISOString() }));
}
