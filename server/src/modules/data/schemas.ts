import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { accessOutcomes, resourceStatuses, sensitivityClasses, shareStatuses, sharingTypes, subjectKinds, updateFrequencies } from './tables.ts';

export const ResourceField = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/)
    .describe('field code, e.g. `marital_status`'),
  label: z.string().trim().min(1).max(60),
  sensitivity: z.enum(sensitivityClasses).describe('public, internal, sensitive (personal), restricted'),
});

const resourceBody = {
  name: z.string().trim().min(2).max(100),
  description: z.string().trim().max(2000).default(''),
  subjectKind: z.enum(subjectKinds).describe('whose data: a person (ID number) or a legal entity (USCC)'),
  fields: z
    .array(ResourceField)
    .min(1)
    .max(60)
    .refine((f) => new Set(f.map((x) => x.name)).size === f.length, { message: 'duplicate field names' }),
  sharingType: z.enum(sharingTypes),
  open: z.boolean().default(false),
  updateFrequency: z.enum(updateFrequencies),
  sourceSystem: z.string().trim().min(1).max(100),
  connector: z.string().trim().min(1).max(60).describe('the adapter that answers queries, e.g. `sim.household`'),
};

export const ResourceCreate = z.object({
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{2,59}$/)
    .describe('catalog code, unique'),
  departmentId: z.string().uuid(),
  ...resourceBody,
});
export const ResourceUpdate = z.object(resourceBody).partial();

export const Resource = z.object({
  id: z.string().uuid(),
  code: z.string(),
  departmentId: z.string().uuid(),
  departmentName: z.string(),
  name: z.string(),
  description: z.string(),
  subjectKind: z.enum(subjectKinds),
  fields: z.array(ResourceField),
  sharingType: z.enum(sharingTypes),
  open: z.boolean(),
  updateFrequency: z.enum(updateFrequencies),
  sourceSystem: z.string(),
  connector: z.string(),
  status: z.enum(resourceStatuses),
  version: z.number().int(),
  publishedVersion: z.number().int().nullable().describe('the version in force (sharing reads it); null: never published'),
  reviewNote: z.string().nullable(),
  updatedAt: z.string(),
});

export const ResourceListQuery = pageQuerySchema.extend({
  departmentId: z.string().uuid().optional(),
  status: z.enum(resourceStatuses).optional(),
  sharingType: z.enum(sharingTypes).optional(),
});

export const ResourceVersion = z.object({ version: z.number().int(), publishedAt: z.string(), snapshot: z.record(z.string(), z.unknown()) });

export const ReviewBody = z.object({ note: z.string().trim().max(500).optional() });

export const ShareCreate = z.object({
  resourceId: z.string().uuid(),
  departmentId: z.string().uuid().describe('the requesting department'),
  purpose: z.string().trim().min(4).max(500),
  legalBasis: z.string().trim().min(4).max(500),
  fields: z.array(z.string()).min(1).max(60),
});

export const ShareDecision = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('approve'),
    fields: z.array(z.string()).min(1).max(60).describe('the fields granted (a subset of those requested)'),
    expiresOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .describe('last day the approval may be used (Asia/Shanghai)'),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({ action: z.enum(['reject', 'revoke', 'withdraw']), note: z.string().trim().max(500).optional() }),
]);

export const ShareRequest = z.object({
  id: z.string().uuid(),
  resourceId: z.string().uuid(),
  resourceCode: z.string(),
  resourceName: z.string(),
  requesterDepartmentId: z.string().uuid(),
  requesterDepartmentName: z.string(),
  ownerDepartmentId: z.string().uuid(),
  ownerDepartmentName: z.string(),
  purpose: z.string(),
  legalBasis: z.string(),
  fieldsRequested: z.array(z.string()),
  fieldsGranted: z.array(z.string()).nullable(),
  expiresAt: z.string().nullable(),
  status: z.enum(shareStatuses),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

export const ShareListQuery = pageQuerySchema.extend({ status: z.enum(shareStatuses).optional() });

export const ExchangeQuery = z.object({
  resource: z.string().min(1).max(60).describe('resource code'),
  subject: z.union([z.object({ idNumber: z.string().min(15).max(18) }), z.object({ uscc: z.string().length(18) })]),
  fields: z.array(z.string()).min(1).max(60),
  purpose: z.string().trim().min(2).max(200),
  approvalId: z.string().uuid().optional().describe('the approval relied on; default the newest one in force'),
  caseNo: z.string().max(40).optional(),
});

export const ExchangeAnswer = z.object({
  accessId: z.string().uuid(),
  resource: z.string(),
  version: z.number().int(),
  approvalId: z.string().uuid().nullable(),
  found: z.boolean(),
  data: z.record(z.string(), z.unknown()),
  source: z.object({ departmentId: z.string().uuid(), departmentName: z.string(), system: z.string(), connector: z.string(), fetchedAt: z.string() }),
});

export const DataUsage = z.object({
  id: z.string().uuid(),
  at: z.string(),
  departmentName: z.string().describe('who read'),
  ownerDepartmentName: z.string().nullable().describe('whose data it was'),
  resourceName: z.string(),
  fields: z.array(z.object({ name: z.string(), label: z.string() })),
  purpose: z.string(),
  caseNo: z.string().nullable(),
  approvalId: z.string().uuid().nullable(),
  outcome: z.enum(accessOutcomes),
  detail: z.string().nullable().describe('what was looked up beyond the fields: the certificate type of a certificate look-up'),
});
