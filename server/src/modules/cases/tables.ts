import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Statuses in which staff have nothing to do (concluded, or waiting for the applicant's correction): the to-do list and its indexes leave them out. */
export const staffWaitingStatuses = ['concluded', 'refused', 'denied', 'withdrawn', 'correction_expired', 'awaiting_correction'] as const;
export const staffWaitingSql = staffWaitingStatuses.map((s) => `'${s}'`).join(', ');
/** The terminal statuses (workflow/engine.ts terminalStatuses) as a literal list: the open-cases index's predicate. */
export const terminalSql = staffWaitingStatuses
  .filter((s) => s !== 'awaiting_correction')
  .map((s) => `'${s}'`)
  .join(', ');
/** The outcomes 办件公示 publishes (lists.ts publicDisclosure), as a literal list: the disclosure index's predicate and its query's filter. */
export const disclosedStatuses = ['concluded', 'refused', 'denied'] as const;
export const disclosedSql = disclosedStatuses.map((s) => `'${s}'`).join(', ');
import type { WorkflowDefinition } from './workflow/definition.ts';

/** Custom workflow definitions (versioned; never changed once a case uses them). The built-in `default` v1 lives in code. */
export const caseWorkflows = pgTable(
  'case_workflows',
  {
    code: text('code').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<WorkflowDefinition>().notNull(),
    /**
     * The scope that owns the workflow (fixed by its first version): only staff holding
     * `cases.workflow.manage` over this whole scope save new versions, and only items inside it may
     * be bound to it. '' with no department: the whole installation.
     */
    ownerRegionPath: text('owner_region_path').notNull().default(''),
    ownerDepartmentId: uuid('owner_department_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.code, t.version] })],
);

/** Which workflow an implementation's new cases start on (absent: `default`, latest version). */
export const caseWorkflowBindings = pgTable('case_workflow_bindings', {
  implementationCode: text('implementation_code').primaryKey(),
  workflowCode: text('workflow_code').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * 办件. The workflow columns (status … light) are a cache of the state derived from
 * `case_actions`, rewritten in the same transaction as each action, so the to-do list can use
 * an index. `version` counts the actions: it is the optimistic lock.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    caseNo: text('case_no').notNull().unique(),
    implementationCode: text('implementation_code').notNull(),
    implementationId: uuid('implementation_id').notNull(),
    itemName: text('item_name').notNull(),
    guideVersion: integer('guide_version').notNull(),
    departmentId: uuid('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    regionPath: text('region_path').notNull(),
    workflowCode: text('workflow_code').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    applicantKind: text('applicant_kind', { enum: ['person', 'entity'] }).notNull(),
    applicantId: uuid('applicant_id').notNull(),
    applicantName: text('applicant_name').notNull(),
    /** Last 4 characters of the ID number or USCC: the progress lookup accepts them instead of the name. */
    applicantCodeTail: text('applicant_code_tail').notNull(),
    /** online (the applicant) or window (a clerk for a walk-in applicant, 一窗受理). */
    channel: text('channel', { enum: ['online', 'window'] }).notNull(),
    filedBy: uuid('filed_by'),
    /**
     * The service window (org's `service_windows`) where a window case was filed, and its public
     * label (center, number, name) as it stood then; null for an online case or a filing that named none.
     */
    windowId: uuid('window_id'),
    windowLabel: text('window_label'),
    formData: jsonb('form_data').$type<Record<string, unknown>>().notNull(),
    materials: jsonb('materials').$type<CaseMaterial[]>().notNull(),
    deliveryPreference: text('delivery_preference'),
    /** 签收 of the case's deliveries (materials in, result out), recorded from the delivery module's `delivery.order.signed` (sign-for.ts). */
    signFors: jsonb('sign_fors').$type<CaseSignFor[]>().notNull().default([]),
    /** The guide's result at filing time: its name and type (certificate → an electronic certificate is issued). */
    resultName: text('result_name').notNull(),
    resultType: text('result_type').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    submittedOn: text('submitted_on').notNull(),
    promisedDays: integer('promised_days').notNull(),
    statutoryDays: integer('statutory_days').notNull(),
    // ---- cache of the derived state ----
    status: text('status').notNull(),
    stepKey: text('step_key').notNull(),
    stepRole: text('step_role').notNull(),
    /**
     * 会签: the open branches of the current step as to-do keys (`role` and `department:role`,
     * workflow/countersign.ts); empty at every other step. A case with open branches is on the
     * to-do lists of their holders instead of the step role's.
     */
    openBranches: text('open_branches').array().notNull().default([]),
    assigneeId: uuid('assignee_id'),
    outcome: text('outcome'),
    dueDate: text('due_date').notNull(),
    dueEstimated: boolean('due_estimated').notNull().default(false),
    stepDueDate: text('step_due_date').notNull(),
    paused: boolean('paused').notNull().default(false),
    light: text('light', { enum: ['green', 'yellow', 'red'] }),
    concludedOn: text('concluded_on'),
    /** Date something asked of the applicant is due (a correction, or pending 容缺 materials); past it the case ends. */
    supplyBy: text('supply_by'),
    /** 绿色通道: the applicant was on the honor list when it applied (credit measure fast_lane): first in the to-do lists. */
    fastLane: boolean('fast_lane').notNull().default(false),
    version: integer('version').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    // To-do list (open cases staff act on, most urgent first; todo-repository.ts): partial indexes
    // over open cases without open branches (those have their GIN index), in the list's order, one
    // for department-bound grants and one for region-wide grants: a page walks one and stops after
    // the page. region_path, assignee_id, light and id trail the keys so the list's capped count
    // (also by light) is an index-only scan.
    // Fast-lane (绿色通道) cases come first: fast_lane DESC leads the list's order.
    index('cases_todo_dept_v5_idx')
      .on(t.departmentId, t.stepRole, t.fastLane.desc(), t.dueDate, t.stepDueDate, t.submittedAt, t.regionPath, t.assigneeId, t.light, t.id)
      .where(sql.raw(`status NOT IN (${staffWaitingSql}) AND cardinality(open_branches) = 0`)),
    index('cases_todo_role_v5_idx')
      .on(t.stepRole, t.fastLane.desc(), t.dueDate, t.stepDueDate, t.submittedAt, t.regionPath, t.assigneeId, t.light, t.id)
      .where(sql.raw(`status NOT IN (${staffWaitingSql}) AND cardinality(open_branches) = 0`)),
    // 会签: the to-do list finds cases with open branches by their keys (a small GIN index: empty everywhere else).
    // Open cases only (the list's status filter is its predicate too: without it PostgreSQL ANDed the
    // search with cases_open_idx, reading every open case's entry, 12 ms at 60,000 open cases).
    index('cases_todo_branches_v2_idx')
      .using('gin', t.openBranches)
      .where(sql.raw(`cardinality(open_branches) > 0 AND status NOT IN (${staffWaitingSql})`)),
    // The scheduled light refresh pages through open cases in id order: a few percent of all cases.
    index('cases_open_idx')
      .on(t.id)
      .where(sql.raw(`status NOT IN (${terminalSql})`)),
    // 电子监察's bars (supervision-repository.ts lightGroups): the open cases' groups read from the
    // index alone, in its order (the open cases' rows lie all over the table: 0.9 s at 1,000,000 cases).
    index('cases_lights_idx')
      .on(t.departmentId, t.departmentName, t.paused, t.light, t.dueDate, t.regionPath, t.status)
      .where(sql.raw(`status NOT IN (${terminalSql})`)),
    index('cases_applicant_idx').on(t.applicantKind, t.applicantId, t.submittedAt),
    // The staff case list, newest first (repository.ts listInScope): the city's or a region's walks
    // submitted_at, a department's its department's entries; either stops after the page.
    index('cases_submitted_idx').on(t.submittedAt),
    index('cases_department_submitted_idx').on(t.departmentId, t.submittedAt),
    // 办件公示, newest conclusion first (repository.ts concluded), over the published outcomes only.
    index('cases_disclosure_idx')
      .on(t.concludedOn, t.caseNo)
      .where(sql.raw(`status IN (${disclosedSql})`)),
    index('cases_region_idx').on(t.regionPath),
    index('cases_supply_by_idx').on(t.supplyBy),
  ],
);

export interface CaseMaterial {
  name: string;
  required: boolean;
  /** upload: files attached; wallet: a certificate from the holder's wallet; commitment: a signed promise (告知承诺); government: issued by the government, no resource named to fetch it from; shared: fetched (or tried) from shared data at submission (`shared`); missing: not given; pending: accepted as pending (容缺受理), to be supplied. */
  provision: 'upload' | 'wallet' | 'commitment' | 'government' | 'shared' | 'missing' | 'pending';
  fileIds: string[];
  certificateIdentifier?: string;
  /** A material from shared data (shared-materials.ts): what was returned and where from, or why it failed. Kept when the material is later given otherwise. */
  shared?: SharedMaterial;
}

/** A sign-for (签收) of one of the case's delivery orders. */
export interface CaseSignFor {
  direction: 'materials_in' | 'result_out';
  signedAt: string;
  method: 'carrier' | 'manual' | 'pickup_code';
}

/** One fetch of a material from the data catalog (docs/data-centre.md, materials from shared data). */
export interface SharedMaterial {
  status: 'fetched' | 'failed';
  resource: string;
  resourceName: string | null;
  fields: string[];
  /** Field → value as the provider returned them (fetched). */
  data: Record<string, unknown> | null;
  labels: Record<string, string>;
  source: { departmentId: string; departmentName: string; system: string; connector: string; fetchedAt: string } | null;
  approvalId: string | null;
  /** The approval's legal basis, or 无条件共享 / 本部门数据. */
  legalBasis: string | null;
  /** The data module's access log row of the last try. */
  accessId: string | null;
  /** Why the last try failed: data.provider_unavailable, data.not_found, data.no_approval, … */
  error: string | null;
  attemptedAt: string;
  /** Tries so far (the submit's, then the clerk's retries). */
  tries: number;
}

/** 办件过程: every action on a case, append-only; the case's state is derived from these rows. */
export const caseActions = pgTable(
  'case_actions',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    /** 1, 2, 3 … per case; unique, so two clerks can never both record action n. */
    seq: integer('seq').notNull(),
    action: text('action').notNull(),
    stepKey: text('step_key').notNull(),
    actorId: uuid('actor_id'),
    actorKind: text('actor_kind').notNull(),
    actorName: text('actor_name').notNull(),
    /**
     * Staff actions: the role of the grant through which the actor took it (the step's role when
     * they held it; else the role of a grant carrying the permission in the case's scope), and the
     * role the step asked for then. Null for the applicant's and the platform's actions, and for
     * actions recorded before these columns (e-supervision's rule `decision.outside_role`).
     */
    actorRole: text('actor_role'),
    stepRole: text('step_role'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** Shanghai civil date: the clock counts working days. */
    occurredOn: text('occurred_on').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex('case_actions_case_seq_uq').on(t.caseId, t.seq)],
);

/** Serial numbers of case numbers: one counter per implementation per day. */
export const caseSerials = pgTable(
  'case_serials',
  {
    implementationCode: text('implementation_code').notNull(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.implementationCode, t.day] })],
);

/**
 * What the last complete light refresh was computed from (the day, the calendar's fingerprint, the
 * settings and the rules): a refresh that finds the same mark has nothing to change and reads nothing.
 */
export const caseLightsRefreshes = pgTable('case_lights_refreshes', {
  key: text('key').primaryKey(),
  mark: text('mark').notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/** Wrong guesses at the public progress lookup, per case number and per client address. */
export const caseLookupFailures = pgTable('case_lookup_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
});

/** 电子证照: a signed result. `content` is exactly what was signed (canonical JSON). */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey(),
    identifier: text('identifier').notNull().unique(),
    caseId: uuid('case_id').notNull(),
    caseNo: text('case_no').notNull(),
    name: text('name').notNull(),
    holderKind: text('holder_kind', { enum: ['person', 'entity'] }).notNull(),
    holderId: uuid('holder_id').notNull(),
    holderName: text('holder_name').notNull(),
    issuerDepartmentId: uuid('issuer_department_id').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    signature: text('signature').notNull(),
    keyId: text('key_id').notNull(),
    publicKey: text('public_key').notNull(),
    /** GB/T 36904 practice: 10 valid, 50 cancelled, 60 expired, 70 revoked, 80 withdrawn, 99 void. */
    status: text('status', { enum: ['valid', 'cancelled', 'expired', 'revoked', 'withdrawn', 'void'] })
      .notNull()
      .default('valid'),
    statusReason: text('status_reason'),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    validUntil: text('valid_until'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true, mode: 'date' }),
    /**
     * The verification code printed on the certificate and carried in its QR code (whoever holds it
     * may read the full content), sealed with the data key (SM4 + HMAC-SM3) so the holder can be
     * shown it again. Null for certificates issued before codes existed (issue 11) until the holder
     * or staff create one.
     */
    verificationCodeSealed: text('verification_code_sealed'),
  },
  (t) => [index('certificates_holder_idx').on(t.holderKind, t.holderId), index('certificates_case_idx').on(t.caseId)],
);

/** 草稿: an application in progress, one per applicant and implementation, resumable on any device. */
export const caseDrafts = pgTable(
  'case_drafts',
  {
    applicantKind: text('applicant_kind', { enum: ['person', 'entity'] }).notNull(),
    applicantId: uuid('applicant_id').notNull(),
    implementationCode: text('implementation_code').notNull(),
    /** The submit body as typed so far (form data, materials, delivery). */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.applicantKind, t.applicantId, t.implementationCode] })],
);

/** 容缺清单: per implementation, the (secondary) materials a case may be accepted without, to be supplied later. */
export const caseDeferralLists = pgTable('case_deferral_lists', {
  implementationCode: text('implementation_code').primaryKey(),
  materials: jsonb('materials').$type<string[]>().notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * 缴费规则 of an implementation (payment-wait.ts): where the law makes the case wait for its fees —
 * before the step of kind `beforeStep` (`accept`: before acceptance; `issue`: before the result is
 * issued; …) — and whether the statutory clock pauses while it waits, with the legal basis.
 * No row, or no fee in force for the case: the case never waits.
 */
export const casePaymentRules = pgTable('case_payment_rules', {
  implementationCode: text('implementation_code').primaryKey(),
  beforeStep: text('before_step', { enum: ['accept', 'review', 'decide', 'issue', 'deliver'] }).notNull(),
  pauseClock: boolean('pause_clock').notNull(),
  legalBasis: text('legal_basis').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export * from './bundles-tables.ts';
