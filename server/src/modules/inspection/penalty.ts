import { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { findDepartments } from '../org/index.ts';
import { resultWithEntity } from './decision-repository.ts';
import { resultRepo } from './result-repository.ts';
import { taskForManager } from './tasks-service.ts';

declare module '../../platform/context.ts' {
  interface DomainEvents {
    /**
     * 行政处罚决定 on a random-inspection result: the credit module files it as a penalty record of the
     * entity (双公示), in the same transaction; a document number filed before is refused there (409).
     */
    'inspection.penalty.decided': {
      resultId: string;
      uscc: string;
      entityName: string;
      documentNo: string;
      facts: string;
      penalty: string;
      legalBasis: string;
      decidedOn: string;
      validUntil: string | null;
      serious: boolean;
      departmentName: string;
      regionPath: string;
    };
  }
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const PenaltyCreate = z
  .object({
    documentNo: z.string().trim().min(2).max(60).describe('行政处罚决定书文号 (unique)'),
    facts: z.string().trim().min(2).max(1000).describe('违法事实'),
    penalty: z.string().trim().min(2).max(500).describe('处罚内容 (warning, fine, suspension…)'),
    legalBasis: z.string().trim().min(2).max(500),
    decidedOn: date,
    validUntil: date.optional().describe('end of the publication period of the penalty'),
    serious: z.boolean().default(false).describe('严重违法: grounds for the credit office to propose the dishonesty list'),
  })
  .refine((v) => v.validUntil === undefined || v.validUntil >= v.decidedOn, { path: ['validUntil'], message: 'before_decided_on' });

export const PenaltyDecision = z.object({
  resultId: z.string().uuid(),
  uscc: z.string(),
  entityName: z.string(),
  documentNo: z.string(),
  facts: z.string(),
  penalty: z.string(),
  legalBasis: z.string(),
  decidedOn: z.string(),
  validUntil: z.string().nullable(),
  serious: z.boolean(),
  departmentName: z.string(),
});

/**
 * The department that ran the inspection decides a penalty on what it found (the case transferred to
 * enforcement): a manager of the task's lead department (`inspection.plan.manage` in the task's scope;
 * 403 otherwise). Refused (400) for a result without problems, a decision before the inspection or in
 * the future. Audited here (`inspection.penalty.decide`); the credit module files the penalty record
 * (双公示 due 7 working days after the decision) on the event, in the same transaction; the result keeps
 * the document number and date (the task's results show them).
 */
export async function decidePenalty(ctx: Ctx, resultId: string, input: z.infer<typeof PenaltyCreate>) {
  const row = await resultWithEntity(ctx.database.db, resultId);
  if (!row) throw notFound('inspection_result', resultId);
  const task = await taskForManager(ctx, row.taskId);
  await ctx.calendar.refresh();
  const inspectedOn = String(row.inspectedOn);
  const fields: FieldError[] = [];
  if (row.outcome !== 'problems_found') fields.push({ field: 'resultId', code: 'no_problems_found' });
  if (input.decidedOn < inspectedOn) fields.push({ field: 'decidedOn', code: 'before_inspection' });
  if (input.decidedOn > ctx.calendar.today()) fields.push({ field: 'decidedOn', code: 'in_the_future' });
  if (fields.length) throw new AppError('request.invalid', { fields });
  const [lead] = await findDepartments(ctx, [task.leadDepartmentId]);
  const decision = {
    resultId,
    uscc: row.uscc,
    entityName: row.entityName,
    documentNo: input.documentNo,
    facts: input.facts,
    penalty: input.penalty,
    legalBasis: input.legalBasis,
    decidedOn: input.decidedOn,
    validUntil: input.validUntil ?? null,
    serious: input.serious,
    departmentName: lead?.name ?? '',
  };
  return transact(ctx, async (t) => {
    t.audit({
      action: 'inspection.penalty.decide',
      objectType: 'inspection_result',
      objectId: resultId,
      summary: { documentNo: input.documentNo, uscc: row.uscc, serious: input.serious, decidedOn: input.decidedOn },
    });
    await t.publish('inspection.penalty.decided', { ...decision, regionPath: task.regionPath });
    // The task's results say it after a reload (the page shows the document number, not the button).
    await resultRepo.setPenalty(t.tx, resultId, input.documentNo, input.decidedOn);
    return decision;
  });
}
