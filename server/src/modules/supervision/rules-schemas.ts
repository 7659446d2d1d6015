import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { ruleHitStatuses, ruleSeverities } from './tables.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const RuleView = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  enabled: z.boolean(),
  threshold: z.number().int().nullable().describe('null: the rule has none'),
  thresholdMeaning: bilingual.nullable(),
  severity: z.enum(ruleSeverities),
  evaluable: z.boolean().describe('false: the data the rule needs does not exist yet (see `reason`); it stays off'),
  reason: bilingual.nullable(),
  openHits: z.number().int().describe('open hits of this rule the reader may see'),
  mayEdit: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type RuleView = z.infer<typeof RuleView>;

export const RuleUpdate = z.object({
  enabled: z.boolean().optional(),
  threshold: z.number().int().min(0).max(10_000).optional(),
  severity: z.enum(ruleSeverities).optional(),
  version: z.number().int().describe('the version you read (optimistic locking)'),
});

export const HitListQuery = pageQuerySchema.extend({
  rule: z.string().max(64).optional(),
  status: z.enum(ruleHitStatuses).optional(),
  departmentId: z.string().max(64).optional(),
  caseNo: z.string().max(64).optional(),
});

export const HitView = z.object({
  id: z.string(),
  ruleCode: z.string(),
  ruleNameZh: z.string(),
  ruleNameEn: z.string(),
  caseNo: z.string().nullable(),
  itemName: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  severity: z.enum(ruleSeverities),
  evidence: z.record(z.string(), z.unknown()).describe('what was found: the case number, counts, dates, names'),
  status: z.enum(ruleHitStatuses),
  foundAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  version: z.number().int(),
});
export type HitView = z.infer<typeof HitView>;

export const HitDecision = z.object({
  reason: z.string().trim().min(4).max(2000).describe('why the hit is confirmed or dismissed'),
  version: z.number().int(),
});
