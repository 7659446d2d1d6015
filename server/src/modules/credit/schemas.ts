import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { creditMeasures } from './measures.ts';
import { checkStages, creditLists, listStatuses, recordKinds, recordSources, repairStatuses, subjectKinds } from './tables.ts';
import { listActions } from './workflow.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

export const RecordListQuery = pageQuerySchema.extend({
  source: z.enum(recordSources).optional(),
  kind: z.enum(recordKinds).optional(),
});

export const CreditRecord = z.object({
  id: z.string().uuid(),
  subjectKind: z.enum(subjectKinds),
  uscc: z.string().nullable(),
  subjectName: z.string(),
  idMasked: z.string().nullable().describe("a person's ID number, masked"),
  source: z.enum(recordSources),
  sourceRef: z.string(),
  kind: z.enum(recordKinds),
  title: z.string(),
  legalBasis: z.string(),
  decidedOn: z.string(),
  validUntil: z.string().nullable(),
  departmentName: z.string(),
  disclosureDue: z.string().nullable().describe('双公示: 7 working days after the decision'),
  disclosureDueEstimated: z.boolean(),
  publishedOn: z.string().nullable(),
  repairedOn: z.string().nullable(),
  disclosure: z.enum(['not_required', 'pending', 'due_soon', 'late', 'published', 'withdrawn']),
});

export const DisclosureBoard = z.object({ today: z.string(), late: z.number().int(), dueSoon: z.number().int(), items: z.array(CreditRecord) });

export const RecordImportRow = z.object({
  subjectKind: z.enum(subjectKinds),
  uscc: z.string().optional(),
  idNumber: z.string().optional(),
  name: text(200),
  kind: z.enum(recordKinds),
  title: text(500),
  legalBasis: text(500),
  decidedOn: date,
  validUntil: date.optional(),
  department: text(200),
  sourceRef: text(100),
});

export const ListImportRow = z.object({
  list: z.enum(['abnormal_operation', 'judgment_defaulter']),
  subjectKind: z.enum(subjectKinds),
  uscc: z.string().optional(),
  idNumber: z.string().optional(),
  name: text(200),
  reason: text(1000),
  legalBasis: text(500),
  validFrom: date,
  validUntil: date.optional(),
  authority: text(200),
});

export const ImportReport = z.object({ imported: z.number().int(), skipped: z.number().int() });
export const BadRow = z.object({ row: z.number().int(), field: z.string(), code: z.string() });

export const EntryListQuery = pageQuerySchema.extend({ list: z.enum(creditLists).optional(), status: z.enum(listStatuses).optional() });

export const ListEntry = z.object({
  id: z.string().uuid(),
  list: z.enum(creditLists),
  subjectKind: z.enum(subjectKinds),
  uscc: z.string().nullable(),
  subjectName: z.string(),
  idMasked: z.string().nullable(),
  reason: z.string(),
  legalBasis: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  authority: z.string(),
  status: z.enum(listStatuses),
  noticeServedOn: z.string().nullable(),
  objectionDue: z.string().nullable(),
  objection: z.string().nullable(),
  objectionDecision: z.string().nullable(),
  removalReason: z.string().nullable(),
  recordId: z.string().nullable().describe('the record the listing rests on'),
  allowedActions: z.array(z.enum(listActions)),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const EntryCreate = z
  .object({
    list: z.enum(['honor', 'dishonesty']),
    subjectKind: z.enum(subjectKinds),
    uscc: z.string().max(18).optional(),
    idNumber: z.string().max(18).optional().describe('used to compute the digest; never stored'),
    name: text(200),
    reason: text(1000),
    legalBasis: text(500),
    validFrom: date,
    validUntil: date.optional(),
    recordId: z.string().uuid().optional().describe("the subject's record the listing rests on (a penalty): repairing it ends the listing"),
  })
  .refine((v) => v.validUntil === undefined || v.validUntil >= v.validFrom, { path: ['validUntil'], message: 'before_valid_from' });

export const EntryActionParams = z.object({ id: z.string().uuid(), action: z.enum(listActions) });
export const EntryActionBody = z.object({
  version: z.number().int().optional(),
  note: z.string().max(2000).optional().describe('objection decision or removal reason'),
  objection: z.string().max(4000).optional().describe("the subject's objection (陈述申辩), as received"),
});

export const MeasureRule = z.object({ list: z.enum(creditLists), measure: z.enum(creditMeasures), legalBasis: z.string() });
export const CreditCheckView = z.object({
  caseNo: z.string(),
  stage: z.enum(checkStages),
  lists: z.array(z.string()),
  measures: z.array(z.string()),
  checkedAt: z.string(),
});

export const RepairCreate = z.object({
  recordId: z.string().uuid(),
  statement: text(2000),
  evidence: text(4000).describe('how the correction is proven (documents, file references)'),
});
export const RepairDecision = z.object({ decision: z.enum(['repaired', 'refused']), note: text(2000) });
export const RepairListQuery = pageQuerySchema.extend({ status: z.enum(repairStatuses).optional() });
export const Repair = z.object({
  id: z.string().uuid(),
  recordId: z.string().uuid(),
  subjectKind: z.enum(subjectKinds),
  uscc: z.string().nullable(),
  statement: z.string(),
  evidence: z.string(),
  appliedOn: z.string(),
  dueOn: z.string(),
  dueEstimated: z.boolean(),
  status: z.enum(repairStatuses),
  decisionNote: z.string().nullable(),
  decidedOn: z.string().nullable(),
});
export const MyCreditFile = z.object({
  records: z.array(CreditRecord),
  repairs: z.array(Repair),
  entries: z.array(ListEntry).describe('the lists you are on or were notified of (a notice you may object to while its objection period runs)'),
});
export const ObjectionBody = z.object({ objection: text(4000).describe('your statement and defence (陈述申辩)') });

export const DisclosureQuery = pageQuerySchema.pick({ page: true, pageSize: true }).extend({ kind: z.enum(['licence', 'penalty']).optional() });
export const Disclosure = z.object({
  id: z.string().uuid(),
  kind: z.enum(['licence', 'penalty']),
  subjectName: z.string().describe("an entity's name, or a person's surname followed by *"),
  uscc: z.string().nullable(),
  title: z.string(),
  legalBasis: z.string(),
  decidedOn: z.string(),
  validUntil: z.string().nullable(),
  departmentName: z.string(),
  publishedOn: z.string(),
});
export const PublicCredit = z.object({
  uscc: z.string(),
  name: z.string().nullable(),
  lists: z.array(
    z.object({
      list: z.enum(creditLists),
      reason: z.string(),
      legalBasis: z.string(),
      validFrom: z.string(),
      validUntil: z.string().nullable(),
      authority: z.string(),
    }),
  ),
  measures: z.array(z.enum(creditMeasures)),
  disclosures: z.array(Disclosure),
});

export const DisclosureAlerts = z.object({
  latest: z
    .object({
      day: z.string().describe('the working day the digest was sent for'),
      sentAt: z.string(),
      items: z.number().int().describe("decisions in the credit office's digest"),
      late: z.number().int(),
      dueSoon: z.number().int(),
      units: z.array(z.object({ unitName: z.string(), role: z.enum(['office', 'decider']), items: z.number().int() })),
    })
    .nullable()
    .describe('the last day a 双公示 deadline digest was sent; null before the first'),
});
