import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { GuideBase, ItemType, SubjectType } from './guide.ts';

export const SearchQuery = pageQuerySchema.extend({
  department: z.string().uuid().optional().describe('implementing department id'),
  region: z
    .string()
    .max(12)
    .optional()
    .describe('region code: items implemented in that region subtree, and those of the places above it for items the region has no implementation of'),
  subject: SubjectType.optional(),
  theme: z.string().max(20).optional().describe('theme or life situation, e.g. 开办企业'),
  itemType: ItemType.optional(),
  flags: z.string().max(60).optional().describe('comma list of do-now, do-online, do-in-one-visit'),
});

export const WorkbenchListQuery = pageQuerySchema.extend({
  state: z.enum(['unpublished', 'published', 'suspended', 'abolished']).optional(),
  pending: z.enum(['draft', 'submitted']).optional().describe('only items with a version in this status'),
  department: z.string().uuid().optional(),
});

export const ImplementationSummary = z.object({
  implementationCode: z.string(),
  baseCode: z.string(),
  name: z.string(),
  itemType: ItemType,
  itemTypeName: z.string(),
  subjectTypes: z.array(SubjectType),
  themes: z.array(z.string()),
  departmentId: z.string(),
  departmentName: z.string(),
  regionCode: z.string(),
  regionPath: z.string(),
  level: z.number().int(),
  state: z.enum(['unpublished', 'published', 'suspended', 'abolished']),
  publishedVersion: z.number().int().nullable(),
  doNow: z.boolean(),
  doOnline: z.boolean(),
  doInOneVisit: z.boolean(),
  onlineLevel: z.enum(['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ']).nullable(),
  promisedLimitDays: z.number().int().nullable(),
  visitsRequired: z.number().int().nullable(),
  views: z.number().int(),
  score: z.number().optional().describe('search relevance (sum of matched term weights)'),
});

const PublicGuideSchema = GuideBase.omit({ reviewRules: true });

export const GuideDocument = ImplementationSummary.extend({
  version: z.number().int(),
  versionStatus: z.string(),
  publishedAt: z.string().nullable(),
  legalBasis: z.string(),
  keywords: z.array(z.string()),
  guide: PublicGuideSchema,
  feeDetails: z.array(
    z.object({ feeCode: z.string(), note: z.string().nullable(), name: z.string(), kind: z.string(), standard: z.string(), basis: z.string() }),
  ),
});

export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const VersionHistory = z.object({
  implementationCode: z.string(),
  name: z.string(),
  current: z.number().int().nullable(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      status: z.string(),
      publishedAt: z.string().nullable(),
      changeNote: z.string().nullable(),
      changes: z.array(FieldChange),
    }),
  ),
});

const VersionInfo = z.object({
  version: z.number().int(),
  status: z.string(),
  changeNote: z.string().nullable(),
  reviewComment: z.string().nullable(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});

export const WorkbenchImplementation = ImplementationSummary.extend({
  legalBasis: z.string(),
  keywords: z.array(z.string()),
  stateReason: z.string().nullable(),
  working: VersionInfo.extend({ guide: z.unknown() }).nullable(),
  published: VersionInfo.extend({ guide: z.unknown() }).nullable(),
  changes: z.array(FieldChange),
  versions: z.array(VersionInfo),
});

export const ItemCreate = z.object({
  baseCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{12}$/)
    .describe('基本编码, 12 characters'),
  name: z.string().trim().min(1).max(100),
  itemType: ItemType,
  subjectTypes: z.array(SubjectType).min(1),
  themes: z.array(z.string().trim().min(1).max(20)).default([]),
  keywords: z.array(z.string().trim().min(1).max(30)).default([]),
  legalBasis: z.string().trim().min(1).max(5000),
});

export const ImplementationCreate = z.object({
  baseCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{12}$/),
  departmentId: z.string().uuid(),
  guide: GuideBase.optional().describe(
    'the service guide (DOMAIN.md §2); rules across fields are checked by the service. Left out: a copy of the newest guide of another implementation of the item (places and phones from the department), or a skeleton to fill in',
  ),
  changeNote: z.string().max(500).optional(),
});

export const Theme = z.object({ theme: z.string(), count: z.number().int().describe('published implementations') });
export const BaseItem = ItemCreate.extend({ itemTypeName: z.string(), implementations: z.number().int() });
export const BaseItemQuery = pageQuerySchema.extend({ itemType: ItemType.optional() });

export const DraftUpdate = z.object({ guide: GuideBase, changeNote: z.string().max(500).optional() });
export const Reason = z.object({ reason: z.string().trim().min(1).max(500) });
export const PublishBody = z.object({ comment: z.string().max(500).optional() });

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullish();
const version = z.number().int().min(1).describe('the version you read (409 resource.stale when someone changed it since)');
const lifecycle = {
  retired: z.boolean(),
  retiredAt: z.string().nullable(),
  retireReason: z.string().nullable(),
  version: z.number().int(),
};

/** 收费目录 entry as editors write it. Collecting department: an org department id, or a name. */
const FeeFields = z.object({
  name: text(100),
  kind: z.enum(['administrative_fee', 'government_fund']),
  basis: text(2000),
  standard: text(1000),
  collectingDepartmentId: z.string().uuid().nullish(),
  collectingDepartmentName: z.string().trim().max(100).nullish(),
  effectiveFrom: date,
  effectiveTo: date.nullish(),
});
export const FeeCreate = FeeFields.extend({ code: text(50).describe('收费编码; cannot change later (guides cite it)') });
export const FeeUpdate = FeeFields.extend({ version });
export const Fee = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['administrative_fee', 'government_fund']),
  basis: z.string(),
  standard: z.string(),
  collectingDepartmentId: z.string().nullable(),
  collectingDepartmentName: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  effective: z.boolean().describe('within its dates today and not retired: only effective fees can be cited by a guide'),
  ...lifecycle,
});

export const WorkbenchFee = Fee.extend({
  citedBy: z
    .object({ published: z.number().int(), working: z.number().int() })
    .describe('implementations citing this fee in their published version, and in a draft or submitted one'),
});

/** 权责清单 entry as editors write it. */
const PowerFields = z.object({
  name: text(200),
  powerType: text(20).describe('e.g. 行政许可, 行政处罚, 行政检查'),
  basis: text(5000),
  responsibilities: text(5000),
  accountability: text(5000),
  departmentId: z.string().uuid(),
});
export const PowerCreate = PowerFields.extend({ code: text(50) });
export const PowerUpdate = PowerFields.extend({ version });
export const Power = z.object({
  code: z.string(),
  name: z.string(),
  powerType: z.string(),
  basis: z.string(),
  responsibilities: z.string(),
  accountability: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  regionPath: z.string(),
  ...lifecycle,
});

/** 中介服务清单 entry as editors write it. Department in charge: an org department id, or a name. */
const IntermediaryFields = z.object({
  name: text(200),
  basis: text(2000),
  requiredFor: text(200).describe('the item (or items) that require this service'),
  providerRequirements: text(1000),
  timeLimit: optionalText(100),
  feeNote: optionalText(500),
  departmentId: z.string().uuid().nullish(),
  departmentName: z.string().trim().max(100).nullish(),
});
export const IntermediaryCreate = IntermediaryFields.extend({ code: text(50) });
export const IntermediaryUpdate = IntermediaryFields.extend({ version });
export const Intermediary = z.object({
  code: z.string(),
  name: z.string(),
  basis: z.string(),
  requiredFor: z.string(),
  providerRequirements: z.string(),
  timeLimit: z.string().nullable(),
  feeNote: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string(),
  ...lifecycle,
});

export const ListEntryQuery = pageQuerySchema.extend({
  status: z.enum(['active', 'retired', 'all']).default('active').describe('active (default), retired, or all'),
});
export const Retire = z.object({ reason: text(500), version });

const ImportCounts = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });
export const ImportReport = z.object({
  items: ImportCounts,
  fees: ImportCounts,
  powers: ImportCounts,
  intermediaries: ImportCounts,
  implementations: z.object({ created: z.number().int(), drafted: z.number().int(), unchanged: z.number().int() }),
});
