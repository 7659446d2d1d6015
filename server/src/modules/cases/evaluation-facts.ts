import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { mayRead } from './case-state.ts';
import { isApplicantOf } from './policy.ts';
import { caseRepo } from './repository.ts';

/**
 * What the evaluation module (好差评) needs to know about a case, read for an actor who may read
 * it (404 otherwise, like `getCase`): where it was handled, whose it is, whether and when it ended,
 * and the staff accounts that acted on it (a staff member sees the evaluations of the cases they
 * handled). `isApplicant` tells whether the actor is the case's applicant (or acts for the applicant
 * enterprise): only they evaluate it online.
 */
export interface EvaluationCaseFacts {
  caseNo: string;
  status: string;
  concludedOn: string | null;
  dueDate: string;
  implementationCode: string;
  itemName: string;
  departmentId: string;
  departmentName: string;
  regionPath: string;
  channel: 'online' | 'window';
  /** The service window the case was filed at, and its label (null: filed online, or no window named). */
  windowId: string | null;
  windowLabel: string | null;
  applicantKind: 'person' | 'entity';
  applicantId: string;
  isApplicant: boolean;
  /** Account ids of the staff who filed the case or acted on it. */
  staffAccountIds: string[];
}

export async function evaluationCaseFacts(ctx: Ctx, caseNo: string): Promise<EvaluationCaseFacts> {
  const db = ctx.database.db;
  const row = await caseRepo.byNo(db, caseNo);
  if (!row || !(ctx.actor.kind === 'system' || mayRead(ctx.actor, row))) throw notFound('case', caseNo);
  const actions = await caseRepo.actions(db, row.id);
  const staff = new Set<string>();
  if (row.channel === 'window' && row.filedBy) staff.add(row.filedBy);
  for (const a of actions) if (a.actorKind === 'staff' && a.actorId) staff.add(a.actorId);
  return {
    caseNo: row.caseNo,
    status: row.status,
    concludedOn: row.concludedOn,
    dueDate: row.dueDate,
    implementationCode: row.implementationCode,
    itemName: row.itemName,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    regionPath: row.regionPath,
    channel: row.channel,
    windowId: row.windowId,
    windowLabel: row.windowLabel,
    applicantKind: row.applicantKind,
    applicantId: row.applicantId,
    isApplicant: isApplicantOf(ctx.actor, row),
    staffAccountIds: [...staff],
  };
}
