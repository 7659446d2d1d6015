import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { complaintFindings, limitUnits, ticketChannels, ticketKinds, ticketStatuses, ticketUrgencies, unitLevels } from './tables.ts';
import { ticketActions } from './workflow.ts';

/** 核查结论 of a complaint or report: the finding and, when it concerns one, the enterprise (USCC with its check character). */
export const ComplaintFinding = z.object({
  verdict: z.enum(complaintFindings).describe('属实 (substantiated), 部分属实, 不属实'),
  respondentUscc: z.string().trim().toUpperCase().length(18).optional().describe('the enterprise complained of'),
  respondentName: z.string().trim().min(2).max(200).optional(),
});

export const phone = z
  .string()
  .trim()
  .refine((v) => /^(1\d{10}|0\d{2,3}-?\d{7,8})$/.test(v), { params: { code: 'phone' } })
  .describe('mobile (11 digits) or landline');

const place = {
  address: z.string().trim().min(2).max(200),
  regionCode: z
    .string()
    .regex(/^\d{6,12}$/)
    .nullish()
    .describe('the operator may pick the region; otherwise resolved from the point or the address'),
  lng: z.number().min(-180).max(180).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
};

export const TicketCreate = z.object({
  callerPhone: phone,
  callerName: z.string().trim().max(30).nullish(),
  kind: z.enum(ticketKinds),
  urgency: z.enum(ticketUrgencies).default('normal'),
  categoryId: z.string().uuid().nullish(),
  title: z.string().trim().max(60).nullish().describe('defaults to the start of the text'),
  text: z.string().trim().min(2).max(4000),
  confidential: z.boolean().default(false).describe('保密: treated like a report (identity hidden from the handling unit)'),
  publicConsent: z
    .boolean()
    .default(false)
    .describe(
      'the caller agrees to publish the request (Open311): category, status, street and a text an operator reviews; never for reports or confidential requests',
    ),
  ...place,
});
export type TicketCreate = z.infer<typeof TicketCreate>;

export const PublicTicketCreate = TicketCreate.extend({
  callerPhone: phone.nullish().describe('required when not signed in'),
  photos: z.array(z.string().uuid()).max(9).default([]).describe('ids from POST /api/hotline/photos (signed in only)'),
  photoKeys: z
    .array(z.string().min(20).max(100))
    .max(3)
    .default([])
    .describe('keys from POST /api/public/hotline/photos: the photos of a caller who is not signed in (at most 3)'),
});

export const TicketUnitSchema = z.object({
  departmentId: z.string().nullable(),
  regionCode: z.string(),
  regionPath: z.string(),
  level: z.enum(unitLevels),
  name: z.string(),
});

export const TicketEvent = z.object({
  id: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actorName: z.string(),
  unitName: z.string().nullable(),
  text: z.string().nullable(),
  photos: z.array(z.string()).describe('file ids: GET /api/workbench/hotline/tickets/{id}/photos/{fileId}'),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const Ticket = z.object({
  id: z.string(),
  number: z.string(),
  channel: z.enum(ticketChannels),
  kind: z.enum(ticketKinds),
  urgency: z.enum(ticketUrgencies),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  title: z.string(),
  text: z.string(),
  address: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  regionCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  streetCode: z.string().nullable(),
  /** Present only when the reader may see the caller: never for reports or confidential tickets. */
  caller: z.object({ phoneMasked: z.string().nullable(), nameMasked: z.string().nullable() }).nullable(),
  confidential: z.boolean(),
  publicConsent: z.boolean().describe('the caller agreed to publish it (never for reports or confidential requests)'),
  publicText: z.string().nullable().describe('the text Open311 publishes, reviewed by a hotline operator'),
  status: z.enum(ticketStatuses),
  unit: TicketUnitSchema,
  signDueAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  dueEstimated: z.boolean(),
  dueAt: z.string().nullable().describe('the moment the ticket is due when its limit is in working hours (urgent by default); null for limits in working days'),
  timeState: z.enum(['ok', 'near', 'overdue']),
  urgeCount: z.number().int(),
  returnCount: z.number().int(),
  extensionCount: z.number().int(),
  reopenCount: z.number().int(),
  solved: z.boolean().nullable(),
  satisfaction: z.number().int().nullable(),
  finding: ComplaintFinding.nullable().describe("the handling unit's finding on a complaint or report"),
  referredTo: z.string().nullable(),
  mergedInto: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  allowedActions: z.array(z.enum(ticketActions)),
});
export type Ticket = z.infer<typeof Ticket>;

/**
 * A row of the workbench's ticket list: what its table shows and filters by, not the whole ticket
 * (no text, address, caller or history; open the ticket for those and for the actions one may take).
 * Decision 0008: a list selects only the columns it shows.
 */
export const TicketListItem = Ticket.pick({
  id: true,
  number: true,
  channel: true,
  kind: true,
  urgency: true,
  categoryId: true,
  categoryName: true,
  title: true,
  status: true,
  unit: true,
  signDueAt: true,
  dueDate: true,
  dueEstimated: true,
  dueAt: true,
  timeState: true,
  urgeCount: true,
  createdAt: true,
  updatedAt: true,
  version: true,
});

export const TicketDetail = Ticket.extend({
  events: z.array(TicketEvent),
  suggestedTarget: TicketUnitSchema.nullable(),
  mergedTickets: z.array(z.object({ id: z.string(), number: z.string() })),
});

export const TicketCreated = z.object({
  ticket: TicketDetail,
  duplicates: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), status: z.enum(ticketStatuses), createdAt: z.string() })),
});

export const TicketListQuery = pageQuerySchema.extend({
  status: z.enum(ticketStatuses).optional(),
  kind: z.enum(ticketKinds).optional(),
  timeState: z.enum(['ok', 'near', 'overdue']).optional(),
  mine: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional()
    .describe('only tickets held by my unit'),
});

export const DispatchBody = z.object({
  departmentId: z.string().uuid().nullish(),
  regionCode: z.string().nullish().describe('a street (its office) or a district (its hotline unit)'),
  note: z.string().trim().max(500).nullish(),
  version: z.number().int().optional(),
});
export const PublicTextBody = z.object({
  text: z.string().trim().min(2).max(500).nullable().describe('the public description (no names, phone numbers or house numbers); null withdraws it'),
  version: z.number().int().optional(),
});
export const ReasonBody = z.object({ reason: z.string().trim().min(2).max(1000), version: z.number().int().optional() });
export const NoteBody = z.object({ note: z.string().trim().max(1000).nullish(), version: z.number().int().optional() });
export const ExtensionBody = z.object({
  days: z.number().int().min(1).max(30),
  reason: z.string().trim().min(2).max(1000),
  version: z.number().int().optional(),
});
export const ExtensionDecision = z.object({ approve: z.boolean(), note: z.string().trim().max(1000).nullish(), version: z.number().int().optional() });
export const ReplyBody = z.object({
  text: z.string().trim().min(2).max(4000),
  photos: z.array(z.string().uuid()).max(9).default([]).describe('ids from POST /api/hotline/photos'),
  finding: ComplaintFinding.optional().describe(
    'complaints and reports only: a complaint found true against an enterprise becomes a record of its credit file when the center concludes the ticket',
  ),
  version: z.number().int().optional(),
});
export const ReviewBody = z.object({ pass: z.boolean(), note: z.string().trim().max(1000).nullish(), version: z.number().int().optional() });
export const AnswerBody = z.object({
  text: z.string().trim().min(2).max(4000),
  knowledgeId: z.string().uuid().nullish(),
  version: z.number().int().optional(),
});
export const ReferBody = z.object({
  referTo: z.string().trim().min(2).max(100),
  reason: z.string().trim().min(2).max(1000),
  version: z.number().int().optional(),
});
export const MergeBody = z.object({ intoId: z.string().uuid() });
export const UrgeBody = z.object({ note: z.string().trim().min(2).max(1000), respondWithinDays: z.number().int().min(1).max(10).default(1) });
export const FollowUpBody = z.object({
  solved: z.boolean(),
  satisfaction: z.number().int().min(1).max(5),
  note: z.string().trim().max(1000).nullish(),
  via: z.enum(['call', 'sms']).default('call'),
});

export const CallerIdentity = z.object({ phone: z.string().nullable(), name: z.string().nullable(), personId: z.string().nullable() });

export const Category = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  routing: z.enum(['territorial', 'department']),
  departmentKind: z.string().nullable(),
  limitDays: z.number().int().nullable(),
  notAccepted: z.boolean(),
  referTo: z.string().nullable(),
  active: z.boolean(),
});
export const CategoryCreate = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_.-]{2,40}$/),
  name: z.string().trim().min(1).max(40),
  parentId: z.string().uuid().nullish(),
  routing: z.enum(['territorial', 'department']).default('territorial'),
  departmentKind: z.string().trim().max(30).nullish(),
  limitDays: z.number().int().min(1).max(60).nullish(),
  notAccepted: z.boolean().default(false),
  referTo: z.string().trim().max(100).nullish(),
});

export const KnowledgeArticle = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  categoryId: z.string().nullable(),
  keywords: z.string(),
  active: z.boolean(),
  updatedAt: z.string(),
});
export const KnowledgeCreate = z.object({
  title: z.string().trim().min(2).max(100),
  body: z.string().trim().min(2).max(10000),
  categoryId: z.string().uuid().nullish(),
  keywords: z.string().trim().max(200).default(''),
});
export const KnowledgeQuery = pageQuerySchema.extend({ q: z.string().trim().max(100).optional() });
export const KnowledgeAdminQuery = KnowledgeQuery.extend({
  includeRetired: z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .optional()
    .describe('also retired articles'),
});
export const KnowledgeUpdate = KnowledgeCreate.partial().extend({
  active: z.boolean().optional().describe('false: retired (no longer found by the operator search)'),
});
export const CategoryUpdate = z.object({
  name: z.string().trim().min(1).max(40).optional(),
  routing: z.enum(['territorial', 'department']).optional(),
  departmentKind: z.string().trim().max(30).nullish().describe('the kind of the department that normally handles it (routing = department)'),
  limitDays: z.number().int().min(1).max(60).nullish().describe('working days to conclude; null = the default for the kind'),
  notAccepted: z.boolean().optional(),
  referTo: z.string().trim().max(100).nullish(),
  sort: z.number().int().min(0).max(10000).optional(),
  active: z.boolean().optional().describe('false: deactivated (no new tickets, hidden from Open311 services)'),
});

export const LimitRow = z.object({
  kind: z.enum(ticketKinds),
  urgency: z.enum(ticketUrgencies),
  conclusionUnit: z.enum(limitUnits),
  conclusionAmount: z.number().int(),
  signMinutes: z.number().int(),
  version: z.number().int().describe('0: not stored yet (the default); send it back with the edit'),
  updatedAt: z.string().nullable().describe('null: the default, never edited'),
});
export const LimitUpdate = z.object({
  conclusionUnit: z
    .enum(limitUnits)
    .describe('working_days: counted from the day after intake; working_hours: from the moment of intake, 9:00–12:00 and 13:30–17:30 on working days'),
  conclusionAmount: z.number().int().min(1).max(60).describe('working days 1–60, working hours 1–35'),
  signMinutes: z.number().int().min(5).max(420).describe('working minutes to sign after dispatch (≤ one working day, and not beyond the conclusion limit)'),
  version: z.number().int().describe('the version read (a changed row is 409 resource.stale)'),
});
export const LimitParams = z.object({ kind: z.enum(ticketKinds), urgency: z.enum(ticketUrgencies) });

export const ApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  regionPath: z.string().describe('the owner region ("" = the whole installation)'),
  departmentId: z.string().nullable().describe('the owner department, if bound to one'),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export const ApiKeyCreate = z.object({
  name: z.string().trim().min(2).max(100),
  regionPath: z
    .string()
    .max(200)
    .regex(/^(\d{6,12}(\/\d{6,12})*)?$/)
    .optional()
    .describe('the owner region; default: the broadest region where you hold hotline.manage'),
  departmentId: z.string().uuid().nullish().describe('bind the key to one department'),
});
export const ApiKeyCreated = ApiKey.extend({ key: z.string().describe('shown once') });

export const StatsQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  groupBy: z.enum(['unit', 'category', 'region', 'street', 'day']).default('unit'),
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .describe('only tickets in this district (e.g. by street within one district)'),
});

const MetricsSchema = z.object({
  tickets: z.number().int(),
  onTimeSignRate: z.number().nullable(),
  onTimeConclusionRate: z.number().nullable(),
  extensionRate: z.number().nullable(),
  returnRate: z.number().nullable(),
  solvedRate: z.number().nullable(),
  satisfaction: z.number().nullable(),
});
export const Stats = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['unit', 'category', 'region', 'street', 'day']),
  totals: MetricsSchema,
  groups: z.array(MetricsSchema.extend({ key: z.string(), name: z.string() })),
  ranking: z.array(
    z.object({
      rank: z.number().int().nullable().describe('null: not scored (no signed tickets)'),
      key: z.string(),
      name: z.string(),
      tickets: z.number().int(),
      score: z.number().nullable(),
    }),
  ),
  hotCategories: z.array(z.object({ categoryId: z.string(), name: z.string(), tickets: z.number().int(), previous: z.number().int(), rise: z.number().int() })),
});

/** 诉求进度查询 without signing in: the ticket number and the phone number left with it. */
export const PublicLookup = z.object({ number: z.string().trim().min(4).max(40), phone });
export const PublicLookupAnswer = z.object({
  number: z.string(),
  kind: z.enum(ticketKinds),
  categoryName: z.string().nullable(),
  status: z.enum(ticketStatuses),
  dueDate: z.string().nullable(),
  createdAt: z.string(),
  answer: z.object({ text: z.string().nullable(), at: z.string() }).nullable().describe('the answer the center passed (concluded or closed tickets)'),
});

export const MyTicket = z.object({
  id: z.string(),
  number: z.string(),
  token: z.string(),
  kind: z.enum(ticketKinds),
  categoryName: z.string().nullable(),
  title: z.string(),
  status: z.enum(ticketStatuses),
  dueDate: z.string().nullable(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
  solved: z.boolean().nullable(),
  satisfaction: z.number().int().nullable(),
  requestPhotos: z.array(z.string()).describe('photos sent with the request: GET /api/portal/hotline/tickets/{id}/photos/{fileId}'),
  answer: z
    .object({ text: z.string().nullable(), photos: z.array(z.string()), at: z.string() })
    .nullable()
    .describe('the answer passed by the center (concluded or closed tickets), with its photos'),
});
