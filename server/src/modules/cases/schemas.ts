import { z } from 'zod';
import { pageQuerySchema } from '../../platform/db/paging.ts';
import { caseActions, caseStatuses } from './workflow/engine.ts';
import { StepDefinition } from './workflow/definition.ts';

const materialInput = z.object({
  name: z.string().trim().min(1).max(200).describe("the guide's material name"),
  fileIds: z.array(z.string().uuid()).max(20).default([]).describe('uploaded files (POST /api/cases/uploads)'),
  certificateIdentifier: z.string().max(120).optional().describe('a certificate from the applicant’s wallet instead of an upload'),
  commitment: z.boolean().optional().describe('告知承诺: a signed promise replaces this material (only where the guide allows it)'),
});

const walkInApplicant = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('person'),
    name: z.string().trim().min(1).max(50),
    idNumber: z.string().trim().min(15).max(18),
    phone: z.string().trim().max(20).optional(),
  }),
  z.object({
    kind: z.literal('entity'),
    name: z.string().trim().min(1).max(200),
    uscc: z.string().trim().length(18),
    entityType: z.string().trim().min(1).max(50).default('企业'),
    legalRepresentative: z.string().trim().min(1).max(50),
  }),
]);

export const CaseSubmit = z.object({
  implementationCode: z.string().trim().min(20).max(36),
  formData: z
    .record(z.string(), z.unknown())
    .default({})
    .describe(
      'the application form, validated against the guide’s form (GET /api/cases/forms/{implementationCode}); identity fields are written by the server',
    ),
  materials: z.array(materialInput).max(100).default([]),
  delivery: z.enum(['pickup', 'post', 'electronic']).optional(),
  guideVersion: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe('the guide version whose form was filled in; another published meanwhile → 409 cases.guide_changed'),
  applicant: walkInApplicant.optional().describe('一窗受理 only: the walk-in applicant whose identity the clerk checked at the counter'),
  windowId: z.uuid().optional().describe("一窗受理 only: the service window (org's windows) the case is filed at; it must serve the item's department"),
});
export type CaseSubmit = z.infer<typeof CaseSubmit>;

export const Light = z.enum(['green', 'yellow', 'red']);

const deadlineView = z.object({
  dueDate: z.string(),
  estimated: z.boolean(),
  daysLeft: z.number().int(),
  pausedDays: z.number().int(),
  paused: z.boolean(),
  light: Light,
});

export const TimelineEntry = z.object({
  seq: z.number().int(),
  action: z.string(),
  stepKey: z.string(),
  stepName: z.string(),
  actorName: z.string(),
  occurredAt: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const SharedMaterialView = z.object({
  status: z.enum(['fetched', 'failed']),
  resource: z.string().describe('data catalog resource code'),
  resourceName: z.string().nullable(),
  fields: z.array(z.string()),
  data: z.record(z.string(), z.unknown()).nullable(),
  labels: z.record(z.string(), z.string()),
  source: z.object({ departmentId: z.string(), departmentName: z.string(), system: z.string(), connector: z.string(), fetchedAt: z.string() }).nullable(),
  approvalId: z.string().nullable(),
  legalBasis: z.string().nullable().describe('the sharing approval’s legal basis, 无条件共享 or 本部门数据'),
  accessId: z.string().nullable().describe('the data access log entry of the last try'),
  error: z.string().nullable().describe('why the last try failed: data.provider_unavailable, data.not_found, data.no_approval, …'),
  attemptedAt: z.string(),
  tries: z.number().int(),
});

export const SharedRefetch = z.object({
  material: z.string().trim().min(1).max(200),
  version: z.number().int().min(0).optional().describe('the case version you read; a stale one gets 409 resource.stale'),
});

export const CaseView = z.object({
  caseNo: z.string(),
  implementationCode: z.string(),
  itemName: z.string(),
  guideVersion: z.number().int(),
  departmentId: z.string(),
  departmentName: z.string(),
  channel: z.enum(['online', 'window']),
  window: z.object({ id: z.string(), label: z.string() }).nullable().describe('the service window a window case was filed at'),
  applicant: z.object({ kind: z.enum(['person', 'entity']), id: z.string(), name: z.string() }),
  submittedAt: z.string(),
  promisedDays: z.number().int(),
  status: z.enum(caseStatuses),
  step: z.object({ key: z.string(), name: z.string(), role: z.string() }),
  outcome: z.string().nullable(),
  assigneeId: z.string().nullable(),
  correctionItems: z.array(z.object({ material: z.string(), problem: z.string() })).nullable(),
  pendingMaterials: z.array(z.string()).describe('容缺受理: materials accepted as pending, to be supplied (supplement_materials) before issue'),
  supplyBy: z
    .string()
    .nullable()
    .describe('date what is asked of the applicant (a correction or pending materials) is due; past it the case ends (correction_expired)'),
  light: Light.nullable().describe('the case’s light, the same the lists show (none once ended)'),
  paused: z.boolean().describe('the case’s clock stands still (a correction or special procedure)'),
  deadlines: z.object({ case: deadlineView, step: deadlineView }).nullable(),
  concludedOn: z.string().nullable(),
  version: z.number().int().describe('send it back with an action (optimistic locking)'),
  allowedActions: z.array(z.enum(caseActions)).describe('what you may do now'),
  countersign: z
    .array(
      z.object({
        key: z.string(),
        name: z.string(),
        role: z.string(),
        departmentId: z.string().nullable().describe('the co-signing department (null: the case’s own)'),
        status: z.enum(['open', 'agreed']),
        signedBy: z.string().nullable().describe('name of who signed'),
        signedAt: z.string().nullable(),
        opinion: z.string().nullable(),
      }),
    )
    .nullable()
    .describe('会签: the branches of the current step and who signed them (null: not a countersign step; staff only)'),
  formData: z.record(z.string(), z.unknown()),
  materials: z.array(
    z.object({
      name: z.string(),
      required: z.boolean(),
      provision: z.string().describe('upload, wallet, commitment, government, shared, missing, pending'),
      fileIds: z.array(z.string()),
      certificateIdentifier: z.string().optional(),
      shared: SharedMaterialView.optional().describe('from shared data: what was fetched and where from, or why it failed'),
    }),
  ),
  timeline: z.array(TimelineEntry),
  certificate: z.object({ identifier: z.string(), name: z.string(), status: z.string() }).nullable(),
});
export type CaseView = z.infer<typeof CaseView>;

export const CaseSummary = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  departmentName: z.string(),
  applicantName: z.string(),
  status: z.enum(caseStatuses),
  stepName: z.string(),
  submittedAt: z.string(),
  dueDate: z.string(),
  light: Light.nullable(),
  paused: z.boolean(),
  assigneeId: z.string().nullable(),
  supplyBy: z.string().nullable().describe('a correction or pending materials are due from the applicant by then'),
  fastLane: z.boolean().describe('绿色通道: the applicant was on the honor list when it applied; first in the to-do list (default order)'),
  version: z.number().int(),
});

export const CaseListQuery = pageQuerySchema.extend({
  mine: z.enum(['1', 'true']).optional().describe('the signed-in applicant’s own cases'),
  status: z.enum(caseStatuses).optional(),
  applicantId: z.string().uuid().optional().describe("staff: the applicant's history (their cases in your scope)"),
});

export const TodoQuery = pageQuerySchema.extend({
  light: Light.optional().describe('only cases with this light (red: overdue)'),
  assigned: z.enum(['me']).optional().describe('me: only the cases I have taken'),
  sort: z
    .enum(['due', 'submitted', '-submitted'])
    .optional()
    .describe('due (default): fast-lane (绿色通道) cases first, then most urgent first; submitted: oldest first; -submitted: newest first'),
});
export type TodoQuery = z.infer<typeof TodoQuery>;

export const ActionParams = z.object({ caseNo: z.string().max(60), action: z.enum(caseActions) });
export const ActionBody = z
  .object({ version: z.number().int().min(0).optional().describe('the case version you read; a stale one gets resource.stale') })
  .catchall(z.unknown());

export const ProgressQuery = z.object({
  caseNo: z.string().trim().min(1).max(60),
  name: z.string().trim().min(1).max(200).describe('the applicant’s name, or the last 4 characters of the ID number / USCC'),
});

export const ProgressView = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  departmentName: z.string(),
  status: z.enum(caseStatuses),
  stepName: z.string(),
  submittedOn: z.string(),
  dueDate: z.string().nullable(),
  concludedOn: z.string().nullable(),
  timeline: z.array(z.object({ action: z.string(), stepName: z.string(), occurredOn: z.string() })),
});

export const CertificateVerification = z
  .object({
    identifier: z.string(),
    checkCharacterValid: z.boolean(),
    found: z.boolean().describe('issued by this platform'),
    status: z.enum(['valid', 'cancelled', 'expired', 'revoked', 'withdrawn', 'void']).nullable(),
    statusCode: z.string().nullable().describe('10 valid, 50 cancelled, 60 expired, 70 revoked, 80 withdrawn, 99 void'),
    signatureValid: z.boolean().nullable().describe('the SM2 signature over the stored content verifies (authentic)'),
    name: z.string().nullable().describe('the certificate type, e.g. 食品经营许可证'),
    holder: z
      .object({ kind: z.enum(['person', 'entity']), name: z.string().describe("a person's surname with the rest masked, unless access is not public") })
      .nullable(),
    issuer: z.object({ name: z.string(), code: z.string().nullable() }).nullable(),
    issuedOn: z.string().nullable(),
    validUntil: z.string().nullable(),
    access: z
      .enum(['public', 'holder', 'staff', 'code'])
      .describe('public: the minimal answer; holder / staff (in scope) / code (the verification code was presented): with the signed content'),
    content: z.record(z.string(), z.unknown()).nullable().describe('exactly what was signed (canonical JSON of this object); null for public access'),
    signature: z.string().nullable().describe('SM2 r‖s hex, SM3 with Z_A, signer ID 1234567812345678; null for public access'),
    keyId: z.string().nullable(),
    publicKey: z.string().nullable(),
    verificationCode: z
      .string()
      .nullable()
      .describe('XXXX-XXXX-XXXX, for the holder and staff in scope (null otherwise, or when the certificate has none yet)'),
  })
  .describe('GET: public answer (or full for the holder / staff in scope); POST with the code: full');

export const CertificateCodeBody = z.object({
  code: z.string().trim().min(1).max(40).describe('the verification code printed on the certificate (hyphens and case do not matter)'),
});
export const CertificateCodeView = z.object({ identifier: z.string(), verificationCode: z.string() });

export const PublicKeyView = z.object({
  algorithm: z.literal('SM2'),
  hash: z.literal('SM3'),
  signerId: z.string(),
  publicKey: z.string().describe('uncompressed point, hex 04‖x‖y'),
  keyId: z.string(),
  canonicalization: z.string(),
});

export const CertificateView = z.object({
  identifier: z.string(),
  name: z.string(),
  caseNo: z.string(),
  holder: z.object({ kind: z.enum(['person', 'entity']), name: z.string() }),
  status: z.enum(['valid', 'cancelled', 'expired', 'revoked', 'withdrawn', 'void']),
  statusCode: z.string().describe('10 valid, 50 cancelled, 60 expired, 70 revoked, 80 withdrawn, 99 void'),
  statusReason: z.string().nullable(),
  issuedAt: z.string(),
  validUntil: z.string().nullable(),
  content: z.record(z.string(), z.unknown()),
  signature: z.string(),
  keyId: z.string(),
  verificationCode: z.string().nullable().describe('XXXX-XXXX-XXXX, in the holder’s wallet; null elsewhere or before one was made'),
});

export const CertificateStatusChange = z.object({
  status: z.enum(['cancelled', 'expired', 'revoked', 'withdrawn', 'void']).describe('注销 / 过期 / 吊销 / 撤销 / 作废'),
  reason: z.string().trim().min(1).max(1000),
  legalBasis: z.string().trim().max(1000).optional(),
});

export const DisclosedCase = z.object({
  caseNo: z.string(),
  itemName: z.string(),
  departmentName: z.string(),
  applicant: z.string().describe("an entity's name; a natural person is not named (个人)"),
  result: z.string(),
  outcome: z.string().nullable(),
  submittedOn: z.string(),
  concludedOn: z.string().nullable(),
});

export const DraftView = z.object({
  implementationCode: z.string(),
  data: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  updatedAt: z.string(),
});
export const DraftSave = z.object({
  data: z
    .record(z.string(), z.unknown())
    .refine((d) => JSON.stringify(d).length <= 200_000, { params: { code: 'too_big' } })
    .describe('the submit body as typed so far'),
  version: z.number().int().min(1).optional().describe('the draft version you read'),
});

const i18nText = z.object({ zh: z.string(), en: z.string() });
export const FormView = z.object({
  implementationCode: z.string(),
  itemName: z.string(),
  guideVersion: z.number().int().describe('send it back with the submit'),
  generic: z.boolean().describe('the guide defines no form: the generic one (applicant, contact phone, address, remarks)'),
  sharedMaterials: z
    .array(z.object({ material: z.string(), resource: z.string(), resourceName: z.string().nullable(), departmentName: z.string().nullable() }))
    .describe('materials the case fetches from shared data at submission, and from where (nothing to give for them)'),
  form: z.object({
    schema: z.object({
      type: z.literal('object'),
      properties: z
        .record(z.string(), z.record(z.string(), z.unknown()))
        .describe(
          'JSON Schema subset: string (minLength, maxLength, pattern, enum, format date), number/integer (minimum, maximum, enum), boolean, array of object',
        ),
      required: z.array(z.string()),
      additionalProperties: z.literal(false),
    }),
    ui: z.object({
      order: z.array(z.string()),
      groups: z.array(z.object({ key: z.string(), label: i18nText })),
      fields: z.record(
        z.string(),
        z.object({
          label: i18nText,
          help: i18nText.optional(),
          widget: z.string().optional(),
          group: z.string().optional(),
          placeholder: i18nText.optional(),
          prefill: z.string().optional(),
          enumLabels: z.record(z.string(), i18nText).optional(),
          columns: z.record(z.string(), z.object({ label: i18nText, widget: z.string().optional() })).optional(),
        }),
      ),
    }),
  }),
  prefill: z.record(
    z.string(),
    z.object({
      binding: z.string(),
      value: z.string().describe('an ID number is masked'),
      locked: z.boolean().describe('identity data: shown, not editable; the server writes it'),
    }),
  ),
});

export const DeferralList = z.object({
  implementationCode: z.string(),
  materials: z.array(z.string()).describe('容缺清单: materials a case may be accepted without'),
});
export const DeferralListUpdate = z.object({ materials: z.array(z.string().trim().min(1).max(200)).max(50) });

export const TransferCandidates = z.object({
  caseNo: z.string(),
  step: z.object({ key: z.string(), name: z.string(), role: z.string() }),
  /** Empty when the case is at no step that can be transferred. */
  items: z.array(z.object({ id: z.string(), name: z.string(), self: z.boolean().describe('you'), assignee: z.boolean().describe('holds the case now') })),
});

/** The scope that owns a workflow: a region subtree ('' the whole installation) and optionally one department in it. */
export const WorkflowOwner = z.object({ regionPath: z.string(), departmentId: z.string().nullable() });
export type WorkflowOwner = z.infer<typeof WorkflowOwner>;

/** `owner` of a new workflow: a department (and its region), or a region subtree by path. */
export const WorkflowOwnerInput = z.union([z.object({ departmentId: z.string().uuid() }).strict(), z.object({ regionPath: z.string().max(200) }).strict()]);

/** A workflow version as the admin API answers it. */
export const WorkflowView = z.object({
  code: z.string(),
  version: z.number().int(),
  name: z.object({ zh: z.string(), en: z.string() }),
  steps: z.array(StepDefinition),
  owner: WorkflowOwner.describe('only staff holding cases.workflow.manage over this whole scope save new versions; only items inside it may be bound to it'),
});
export type WorkflowView = z.infer<typeof WorkflowView>;
