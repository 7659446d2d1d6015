import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { isValidUscc } from '../../platform/validators.ts';
import { creditLevels, riskLevels } from './draw.ts';
import { followUps, resultOutcomes, taskStatuses } from './tables.ts';

export const Uscc = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidUscc, { params: { code: 'uscc' } })
  .describe('unified social credit code, check character validated');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ItemCreate = z.object({
  departmentId: z.string().uuid(),
  code: z.string().trim().min(1).max(40),
  name: z.string().trim().min(2).max(200),
  subItem: z.string().trim().max(200).nullish(),
  legalBasis: z.string().trim().min(2).max(2000),
  subjectType: z.string().trim().min(1).max(100),
  method: z.enum(['on_site', 'documents', 'online']),
  joint: z.boolean().default(false),
});
export const Item = ItemCreate.extend({ id: z.string(), departmentName: z.string(), subItem: z.string().nullable(), active: z.boolean() });
export const ItemUpdate = ItemCreate.omit({ departmentId: true, code: true }).partial().extend({ active: z.boolean().optional() });
export const ItemListQuery = pageQuerySchema.extend({ departmentId: z.string().uuid().optional() });

export const EntityInput = z.object({
  uscc: Uscc,
  name: z.string().trim().min(2).max(200),
  entityType: z.string().trim().min(1).max(50),
  industry: z.string().trim().min(1).max(50),
  regionCode: z.string().trim().min(6).max(12),
  address: z.string().trim().min(2).max(300),
  riskLevel: z.enum(riskLevels).default('low'),
  creditLevel: z.enum(creditLevels).default('B'),
});
export type EntityInput = z.infer<typeof EntityInput>;
export const Entity = EntityInput.extend({
  regionPath: z.string(),
  active: z.boolean(),
  creditLevel: z.enum(creditLevels).describe('the imported letter'),
  computedCreditLevel: z
    .enum(creditLevels)
    .nullable()
    .describe(
      "the level the credit module computes today from the entity's file (what a draw weights by); null: credit holds no file of it, a draw takes the imported letter",
    ),
});
export const EntityListQuery = pageQuerySchema.extend({
  regionCode: z.string().optional(),
  industry: z.string().optional(),
  riskLevel: z.enum(riskLevels).optional(),
});
export const ImportReport = z.object({
  imported: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
});
export const BadRow = z.object({ row: z.number().int(), field: z.string(), code: z.string() });

export const InspectorCreate = z.object({
  staffId: z.string().uuid().nullish(),
  name: z.string().trim().min(2).max(50),
  certificateNo: z.string().trim().min(4).max(40),
  departmentId: z.string().uuid(),
  regionCode: z.string().min(6).max(12),
  qualifications: z.array(z.string().trim().min(1).max(40)).max(100).default([]),
  available: z.boolean().default(true),
  address: z.string().trim().max(300).nullish().describe('registered address; only its SM3 key is stored, for same-address recusal'),
});
export const Inspector = z.object({
  id: z.string(),
  staffId: z.string().nullable(),
  name: z.string(),
  certificateNo: z.string(),
  departmentId: z.string(),
  regionCode: z.string(),
  qualifications: z.array(z.string()),
  available: z.boolean(),
});
export const InspectorUpdate = z.object({ available: z.boolean().optional(), qualifications: z.array(z.string()).optional() });
export const Relation = z.object({ id: z.string(), uscc: z.string(), entityName: z.string().nullable(), relation: z.string(), declaredAt: z.string() });
export const RelationCreate = z.object({ uscc: Uscc, relation: z.string().trim().min(1).max(100) });

export const RulesPut = z.object({
  title: z.string().trim().min(2).max(200),
  body: z.string().trim().min(1).max(50000),
  fileRefs: z.array(z.string().max(300)).max(20).default([]),
});
export const Rules = RulesPut.extend({ id: z.string(), departmentId: z.string(), departmentName: z.string(), updatedAt: z.string() });

export const PlanCreate = z.object({
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(2).max(200),
  regionCode: z.string().min(6).max(12),
  departmentId: z.string().uuid(),
});
export const Plan = PlanCreate.extend({ id: z.string(), regionPath: z.string() });

const weights = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int().min(1).max(100)])) as Record<K, z.ZodNumber>);
export const TaskScope = z.object({
  regionCodes: z.array(z.string()).max(50).optional(),
  industries: z.array(z.string()).max(50).optional(),
  riskLevels: z.array(z.enum(riskLevels)).optional(),
  creditLevels: z.array(z.enum(creditLevels)).optional(),
});
export const TaskCreate = z
  .object({
    title: z.string().trim().min(2).max(200),
    itemIds: z.array(z.string().uuid()).min(1).max(20),
    departmentIds: z.array(z.string().uuid()).min(1).max(10).describe('the lead department first; several for a joint task'),
    scope: TaskScope.default({}),
    count: z.number().int().min(1).nullish(),
    proportionPercent: z.number().min(0.01).max(100).nullish().describe('e.g. 5 for 5% (stored in basis points)'),
    inspectorsPerEntity: z.number().int().min(2).max(20).default(2),
    riskWeights: weights(riskLevels).default({ low: 1, medium: 1, high: 1 }),
    creditWeights: weights(creditLevels).default({ A: 1, B: 1, C: 1, D: 1 }),
    recentTasks: z.number().int().min(0).max(50).default(3),
    dueDate: day,
    disclosureWorkingDays: z.number().int().min(1).max(60).default(20),
  })
  .refine((t) => (t.count == null) !== (t.proportionPercent == null), { path: ['count'], params: { code: 'count_or_proportion' } })
  .refine((t) => t.inspectorsPerEntity >= t.departmentIds.length, { path: ['inspectorsPerEntity'], params: { code: 'one_per_department' } });

export const Task = z.object({
  id: z.string(),
  planId: z.string(),
  title: z.string(),
  itemIds: z.array(z.string()),
  departmentIds: z.array(z.string()),
  leadDepartmentId: z.string(),
  scope: TaskScope,
  count: z.number().nullable(),
  proportionBp: z.number().nullable(),
  inspectorsPerEntity: z.number(),
  riskWeights: z.record(z.string(), z.number()),
  creditWeights: z.record(z.string(), z.number()),
  recentTasks: z.number(),
  dueDate: z.string(),
  disclosureWorkingDays: z.number(),
  status: z.enum(taskStatuses),
});
export const TaskDetail = Task.extend({
  planTitle: z.string(),
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  items: z.array(z.object({ id: z.string(), code: z.string(), name: z.string() })),
});
export const TaskListQuery = pageQuerySchema.extend({ planId: z.string().uuid().optional(), status: z.enum(taskStatuses).optional() });

export const DrawSummary = z.object({
  id: z.string(),
  taskId: z.string(),
  seq: z.number(),
  status: z.enum(['committed', 'drawn', 'voided']),
  commitment: z.string(),
  seed: z.string().nullable(),
  algorithm: z.string(),
  hashes: z.record(z.string(), z.string()).nullable(),
  poolSize: z.number().nullable(),
  target: z.number().nullable(),
  selectedCount: z.number().nullable(),
  committedAt: z.string(),
  drawnAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});
export const VoidBody = z.object({ reason: z.string().trim().min(5).max(1000) });

export const Assignment = z.object({
  id: z.string(),
  taskId: z.string(),
  taskTitle: z.string(),
  uscc: z.string(),
  entityName: z.string(),
  address: z.string().nullable(),
  inspectors: z.array(z.object({ id: z.string(), name: z.string(), certificateNo: z.string() })),
  result: z.object({ outcome: z.enum(resultOutcomes), inspectedOn: z.string(), disclosureDue: z.string() }).nullable(),
});
export const TaskAssignment = Assignment.extend({
  seq: z.number(),
  inspectors: z.array(z.object({ id: z.string(), name: z.string(), certificateNo: z.string(), departmentId: z.string() })),
});
export const TaskAssignmentQuery = pageQuerySchema.extend({ drawId: z.string().uuid().optional() });

export const ResultCreate = z.object({
  outcome: z.enum(resultOutcomes),
  inspectedOn: day,
  notes: z.string().trim().max(5000).nullish(),
  photoRefs: z.array(z.string().max(300)).max(20).default([]),
  followUp: z.enum(followUps).default('none'),
  followUpNote: z.string().trim().max(2000).nullish(),
});
export const Result = z.object({
  id: z.string(),
  assignmentId: z.string(),
  outcome: z.enum(resultOutcomes),
  inspectedOn: z.string(),
  followUp: z.enum(followUps),
  disclosureDue: z.string(),
  disclosureDueEstimated: z.boolean(),
  disclosedAt: z.string().nullable(),
  penalty: z.object({ documentNo: z.string(), decidedOn: z.string() }).nullable().describe('the 行政处罚 decided on this result (the latest), null: none'),
});

// ----- public -----
export const PublicTask = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number(),
  departments: z.array(z.string()),
  items: z.array(z.object({ code: z.string(), name: z.string(), legalBasis: z.string() })),
  drawId: z.string().nullable(),
  results: z.array(
    z.object({
      uscc: z.string(),
      entityName: z.string(),
      inspectedOn: z.string(),
      outcome: z.enum(resultOutcomes),
      followUp: z.enum(followUps),
      disclosedAt: z.string(),
    }),
  ),
});
export const PublicDraw = z.object({
  id: z.string(),
  taskId: z.string(),
  taskTitle: z.string(),
  seq: z.number(),
  status: z.enum(['committed', 'drawn', 'voided']),
  commitment: z.string(),
  seed: z.string().nullable(),
  algorithm: z.string(),
  hashes: z.record(z.string(), z.string()).nullable(),
  poolSize: z.number().nullable(),
  target: z.number().nullable(),
  committedAt: z.string(),
  drawnAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  selected: z.array(
    z.object({ uscc: z.string(), entityName: z.string(), inspectors: z.array(z.object({ key: z.string(), name: z.string(), department: z.string() })) }),
  ),
  otherDraws: z.array(z.object({ id: z.string(), seq: z.number(), status: z.string() })),
});
