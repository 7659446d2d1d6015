import type { Ctx } from '../../platform/context.ts';
import { allowedListActions } from './workflow.ts';
import type { CheckRow, EntryRow, RecordRow, RepairRow } from './repository.ts';
import { publicName } from './subjects.ts';

export const nowOf = (ctx: Ctx): Date => ctx.now?.() ?? new Date();

/** Where a 双公示 decision stands on `today`. */
function disclosureOf(r: RecordRow, today: string, soon: string) {
  if (!r.disclose) return 'not_required' as const;
  if (r.repairedOn) return 'withdrawn' as const;
  if (r.publishedOn) return 'published' as const;
  if (r.disclosureDue && r.disclosureDue < today) return 'late' as const;
  if (r.disclosureDue && r.disclosureDue <= soon) return 'due_soon' as const;
  return 'pending' as const;
}

/** A record for staff (the person's ID number masked; the digest never leaves the server). */
export function presentRecord(r: RecordRow, today: string, soon: string) {
  return {
    id: r.id,
    subjectKind: r.subjectKind,
    uscc: r.subjectKind === 'entity' ? r.subjectKey : null,
    subjectName: r.subjectName,
    idMasked: r.idMasked,
    source: r.source,
    sourceRef: r.sourceRef,
    kind: r.kind,
    title: r.title,
    legalBasis: r.legalBasis,
    decidedOn: r.decidedOn,
    validUntil: r.validUntil,
    departmentName: r.departmentName,
    disclosureDue: r.disclosureDue,
    disclosureDueEstimated: r.disclosureDueEstimated,
    publishedOn: r.publishedOn,
    repairedOn: r.repairedOn,
    disclosure: disclosureOf(r, today, soon),
  };
}

/** A published 双公示 decision: the legally required fields only; a person by the masked surname, no ID number. */
export function presentDisclosure(r: RecordRow) {
  return {
    id: r.id,
    kind: r.kind as 'licence' | 'penalty',
    subjectName: publicName(r.subjectKind, r.subjectName),
    uscc: r.subjectKind === 'entity' ? r.subjectKey : null,
    title: r.title,
    legalBasis: r.legalBasis,
    decidedOn: r.decidedOn,
    validUntil: r.validUntil,
    departmentName: r.departmentName,
    publishedOn: r.publishedOn!,
  };
}

export function presentEntry(e: EntryRow) {
  return {
    id: e.id,
    list: e.list,
    subjectKind: e.subjectKind,
    uscc: e.subjectKind === 'entity' ? e.subjectKey : null,
    subjectName: e.subjectName,
    idMasked: e.idMasked,
    reason: e.reason,
    legalBasis: e.legalBasis,
    validFrom: e.validFrom,
    validUntil: e.validUntil,
    authority: e.authority,
    status: e.status,
    noticeServedOn: e.noticeServedOn,
    objectionDue: e.objectionDue,
    objection: e.objection,
    objectionDecision: e.objectionDecision,
    removalReason: e.removalReason,
    recordId: e.recordId,
    allowedActions: e.authority === 'office' ? allowedListActions(e.status) : [],
    version: e.version,
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function presentRepair(r: RepairRow) {
  return {
    id: r.id,
    recordId: r.recordId,
    subjectKind: r.subjectKind,
    uscc: r.subjectKind === 'entity' ? r.subjectKey : null,
    statement: r.statement,
    evidence: r.evidence,
    appliedOn: r.appliedOn,
    dueOn: r.dueOn,
    dueEstimated: r.dueEstimated,
    status: r.status,
    decisionNote: r.decisionNote,
    decidedOn: r.decidedOn,
  };
}

export function presentCheck(c: CheckRow) {
  return { caseNo: c.caseNo, stage: c.stage, lists: c.lists, measures: c.measures, checkedAt: c.checkedAt.toISOString() };
}
