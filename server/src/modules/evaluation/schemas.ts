import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { rectificationStatuses } from './tables.ts';
import { rectificationActions } from './workflow.ts';

/** 非常不满意 1 … 非常满意 5 (DOMAIN §5); 1–2 are bad reviews. */
export const Level = z.number().int().min(1).max(5).describe('1 非常不满意, 2 不满意, 3 基本满意, 4 满意, 5 非常满意');

/** The national dimensions: online (网上评价) and on site (现场评价). */
export const onlineDimensions = ['overall', 'efficiency', 'guideAccuracy', 'convenience', 'usability'] as const;
export const onSiteDimensions = ['overall', 'efficiency', 'serviceLevel', 'attitude'] as const;

/** What went wrong, starting with what dominates real complaints. */
export const evaluationTags = [
  'overdue_without_reason',
  'conditions_beyond_guide',
  'materials_beyond_guide',
  'repeated_visits',
  'guide_unclear',
  'poor_attitude',
  'platform_problem',
  'other',
] as const;

export const OnlineDimensions = z
  .object({
    overall: Level.optional(),
    efficiency: Level.optional().describe('办事效率'),
    guideAccuracy: Level.optional().describe('办事指南准确性'),
    convenience: Level.optional().describe('办事便捷程度'),
    usability: Level.optional().describe('平台易用性'),
  })
  .strict();

export const EvaluationCreate = z.object({
  level: Level,
  dimensions: OnlineDimensions.default({}),
  tags: z.array(z.enum(evaluationTags)).max(evaluationTags.length).default([]),
  comment: z.string().trim().max(500).optional(),
});
export type EvaluationCreate = z.infer<typeof EvaluationCreate>;

const Appeal = z.object({
  reason: z.string(),
  at: z.string(),
  by: z.string(),
  decision: z.enum(['accepted', 'rejected']).nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
});

export const Rectification = z.object({
  id: z.string().uuid(),
  caseNo: z.string(),
  status: z.enum(rectificationStatuses),
  departmentId: z.string().uuid(),
  departmentName: z.string(),
  openedOn: z.string(),
  dueOn: z.string(),
  dueEstimated: z.boolean(),
  light: z.enum(['green', 'yellow', 'red']).nullable().describe('while the unit owes the rectification (open or appealed)'),
  followUp: z.object({ at: z.string(), reached: z.boolean(), note: z.string(), by: z.string() }).nullable(),
  measures: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  reviewerLevel: z.number().int().nullable(),
  reviewerComment: z.string().nullable(),
  ratedAt: z.string().nullable(),
  appeal: Appeal.nullable(),
  allowedActions: z.array(z.enum(rectificationActions)).describe('what the caller may do now'),
  version: z.number().int(),
});
export type Rectification = z.infer<typeof Rectification>;

export const Evaluation = z.object({
  id: z.string().uuid(),
  caseNo: z.string(),
  mode: z.enum(['online', 'on_site']),
  level: z.number().int(),
  dimensions: z.record(z.string(), z.number().int()),
  tags: z.array(z.string()),
  comment: z.string().nullable(),
  itemName: z.string(),
  departmentName: z.string(),
  ratedOn: z.string(),
  annulled: z.boolean(),
  rectification: Rectification.nullable(),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const CaseEvaluation = z.object({
  caseNo: z.string(),
  mayEvaluate: z.boolean().describe('the caller is the applicant, the case has concluded and has no evaluation yet'),
  mayRateRectification: z.boolean(),
  evaluation: Evaluation.nullable(),
});

export const RectificationListItem = Rectification.extend({
  evaluation: z.object({ level: z.number().int(), tags: z.array(z.string()), comment: z.string().nullable(), itemName: z.string(), ratedOn: z.string() }),
});

export const RectificationListQuery = pageQuerySchema.extend({
  status: z.enum(rectificationStatuses).optional(),
  scope: z.enum(['unit', 'appeals']).default('unit').describe('appeals: those waiting for or decided by the supervising office'),
});

export const FollowUpBody = z.object({
  reached: z.boolean().describe('the reviewer was reached by phone'),
  note: z.string().trim().min(1).max(2000),
  version: z.number().int(),
});
export const SubmitBody = z.object({ measures: z.string().trim().min(1).max(4000), version: z.number().int() });
export const AppealBody = z.object({ reason: z.string().trim().min(1).max(2000), version: z.number().int() });
export const DecisionBody = z.object({ decision: z.enum(['accepted', 'rejected']), reason: z.string().trim().min(1).max(2000), version: z.number().int() });
export const RectificationRating = z.object({ level: Level, comment: z.string().trim().max(500).optional() });

export const SummaryRow = z.object({
  key: z.string().describe('department id, implementation code or window id'),
  name: z.string().describe("the department's, item's or window's name (a window: service center, number, name)"),
  departmentName: z.string().describe("'' for a window (it serves several departments)"),
  total: z.number().int(),
  levels: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
  average: z.number(),
  satisfaction: z.number().describe('share of 基本满意 or better (levels 3–5), 0–1'),
});
export const Summary = z.object({
  asOf: z.string(),
  total: z.number().int(),
  satisfaction: z.number(),
  departments: z.array(SummaryRow),
  items: z.array(SummaryRow),
  windows: z.array(SummaryRow).describe('per service window: the evaluations that record one (on-site visits, and online ratings of cases filed at a window)'),
});
export type Summary = z.infer<typeof Summary>;

export const PublicBadReview = z.object({
  id: z.string().uuid(),
  ratedOn: z.string(),
  departmentName: z.string(),
  itemName: z.string(),
  level: z.number().int(),
  tags: z.array(z.string()),
  comment: z.string().nullable().describe('digits that could identify someone are masked'),
  rectification: z
    .object({
      status: z.enum(rectificationStatuses),
      dueOn: z.string(),
      measures: z.string().nullable(),
      submittedOn: z.string().nullable(),
      reviewerLevel: z.number().int().nullable(),
    })
    .nullable(),
});

export const StaffEvaluation = z.object({
  id: z.string().uuid(),
  caseNo: z.string(),
  itemName: z.string(),
  departmentName: z.string(),
  level: z.number().int(),
  dimensions: z.record(z.string(), z.number().int()),
  tags: z.array(z.string()),
  comment: z.string().nullable(),
  ratedOn: z.string(),
  annulled: z.boolean(),
});

export const Setting = z.object({ regionPath: z.string(), rectificationDays: z.number().int() });
export const SettingPut = z.object({ rectificationDays: z.number().int().min(1).max(60) });

export const OnSiteDimensions = z
  .object({
    overall: Level.optional(),
    efficiency: Level.optional().describe('办事效率'),
    serviceLevel: Level.optional().describe('服务水平'),
    attitude: Level.optional().describe('服务态度'),
  })
  .strict();

/** Rating by a one-time link: the online dimensions (SMS link) or the on-site ones (a window visit); the service checks which. */
export const TokenEvaluationCreate = EvaluationCreate.extend({
  dimensions: z
    .object({ ...OnlineDimensions.shape, ...OnSiteDimensions.shape })
    .strict()
    .default({})
    .describe('sms: overall, efficiency, guideAccuracy, convenience, usability; visit: overall, efficiency, serviceLevel, attitude'),
});
export type TokenEvaluationCreate = z.infer<typeof TokenEvaluationCreate>;

export const TokenView = z.object({
  kind: z.enum(['sms', 'visit']).describe('sms: the online evaluation of the case; visit: an on-site evaluation of one window visit'),
  caseNo: z.string(),
  itemName: z.string(),
  departmentName: z.string(),
  dimensions: z.array(z.string()).describe('the dimensions to ask, overall first'),
  expiresAt: z.string(),
});
export const TokenParam = z.object({ token: z.string().min(16).max(100) });
