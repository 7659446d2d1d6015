import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A credit subject: a legal entity (key: its USCC) or a person (key: the HMAC-SM3 digest of the ID number, never the number). */
export const subjectKinds = ['entity', 'person'] as const;
export const recordSources = ['cases', 'inspection', 'hotline', 'import'] as const;
/** licence and penalty decisions are 双公示 (license and penalty disclosure). */
export const recordKinds = ['licence', 'penalty', 'inspection', 'complaint', 'commitment_breach', 'other'] as const;
export const creditLists = ['honor', 'dishonesty', 'abnormal_operation', 'judgment_defaulter'] as const;
export const listStatuses = ['proposed', 'noticed', 'objected', 'listed', 'removal_proposed', 'removed', 'withdrawn'] as const;
export const repairStatuses = ['applied', 'repaired', 'refused'] as const;
export const checkStages = ['submit', 'accept', 'decide'] as const;

/**
 * One credit record (信用记录) in a subject's file: where it came from (`source`, `sourceRef`, unique
 * together), what it is, its legal basis, the decision date and its validity. `disclose`: a licence or
 * penalty decision to be published (双公示) by `disclosureDue` (7 working days after the decision).
 * `repairedOn`: credit repair stopped its publication; the row stays in the file.
 */
export const creditRecords = pgTable(
  'credit_records',
  {
    id: uuid('id').primaryKey(),
    subjectKind: text('subject_kind', { enum: subjectKinds }).notNull(),
    subjectKey: text('subject_key').notNull(),
    /** The entity's name, or the person's name (staff only; published masked). */
    subjectName: text('subject_name').notNull(),
    /** A person's masked ID number (4201**********1234) for staff; null for entities. */
    idMasked: text('id_masked'),
    source: text('source', { enum: recordSources }).notNull(),
    sourceRef: text('source_ref').notNull(),
    kind: text('kind', { enum: recordKinds }).notNull(),
    title: text('title').notNull(),
    legalBasis: text('legal_basis').notNull(),
    decidedOn: text('decided_on').notNull(),
    validUntil: text('valid_until'),
    departmentName: text('department_name').notNull(),
    regionPath: text('region_path').notNull(),
    disclose: boolean('disclose').notNull(),
    disclosureDue: text('disclosure_due'),
    disclosureDueEstimated: boolean('disclosure_due_estimated').notNull().default(false),
    publishedOn: text('published_on'),
    repairedOn: text('repaired_on'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('credit_records_source_uq').on(t.source, t.sourceRef),
    index('credit_records_subject_idx').on(t.subjectKind, t.subjectKey),
    index('credit_records_published_idx').on(t.publishedOn),
    index('credit_records_due_idx').on(t.disclosureDue),
  ],
);

/**
 * An entry of a credit list. Honor and dishonesty entries are decided by the credit office
 * (proposed → notice served → objection window → listed; removal by approval); abnormal-operation and
 * judgment-defaulter entries are imported as decided by their authorities (listed at once).
 */
export const creditListEntries = pgTable(
  'credit_list_entries',
  {
    id: uuid('id').primaryKey(),
    list: text('list', { enum: creditLists }).notNull(),
    subjectKind: text('subject_kind', { enum: subjectKinds }).notNull(),
    subjectKey: text('subject_key').notNull(),
    subjectName: text('subject_name').notNull(),
    idMasked: text('id_masked'),
    reason: text('reason').notNull(),
    legalBasis: text('legal_basis').notNull(),
    validFrom: text('valid_from').notNull(),
    validUntil: text('valid_until'),
    /** 'office' (decided here) or the deciding authority of an imported entry. */
    authority: text('authority').notNull(),
    status: text('status', { enum: listStatuses }).notNull(),
    noticeServedOn: text('notice_served_on'),
    objectionDue: text('objection_due'),
    objection: text('objection'),
    objectionDecision: text('objection_decision'),
    removalReason: text('removal_reason'),
    /** The record the listing rests on (a penalty): repairing that record ends the listing (国家发展改革委令第58号). */
    recordId: uuid('record_id'),
    proposedBy: uuid('proposed_by'),
    decidedBy: uuid('decided_by'),
    regionPath: text('region_path').notNull(),
    version: integer('version').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('credit_list_entries_subject_idx').on(t.subjectKind, t.subjectKey, t.status), index('credit_list_entries_list_idx').on(t.list, t.status)],
);

/** A credit repair (信用修复) application against one record: the subject applies, the office decides by `dueOn`. */
export const creditRepairs = pgTable(
  'credit_repairs',
  {
    id: uuid('id').primaryKey(),
    recordId: uuid('record_id').notNull(),
    subjectKind: text('subject_kind', { enum: subjectKinds }).notNull(),
    subjectKey: text('subject_key').notNull(),
    applicantAccountId: uuid('applicant_account_id'),
    statement: text('statement').notNull(),
    evidence: text('evidence').notNull(),
    appliedOn: text('applied_on').notNull(),
    dueOn: text('due_on').notNull(),
    dueEstimated: boolean('due_estimated').notNull().default(false),
    status: text('status', { enum: repairStatuses }).notNull(),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by'),
    decidedOn: text('decided_on'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('credit_repairs_status_idx').on(t.status, t.dueOn), index('credit_repairs_subject_idx').on(t.subjectKind, t.subjectKey)],
);

/** Each credit check a case made (at submit, acceptance, before decision): the lists found and the measures applied. */
export const creditChecks = pgTable(
  'credit_checks',
  {
    id: uuid('id').primaryKey(),
    caseNo: text('case_no').notNull(),
    stage: text('stage', { enum: checkStages }).notNull(),
    subjectKind: text('subject_kind', { enum: subjectKinds }).notNull(),
    subjectKey: text('subject_key').notNull(),
    lists: jsonb('lists').$type<string[]>().notNull(),
    measures: jsonb('measures').$type<string[]>().notNull(),
    checkedAt: ts('checked_at').notNull(),
  },
  (t) => [index('credit_checks_case_idx').on(t.caseNo)],
);

/** What a credit level rule scores: a record kind, a list the subject is on, the base score, or a level's threshold. */
export const levelFactorKinds = ['base', 'record', 'list', 'threshold'] as const;

/**
 * The credit level rules (信用等级规则), as data: a subject's score is `base` plus the points of each
 * record in force (not repaired, not expired) by its kind and of each list it is on; the level is
 * the first of A, B, C whose `threshold` the score reaches, else D. Rules belong to a region
 * (`regionPath`, the city's by default) and are edited by `credit.level.manage` over it, audited.
 */
export const creditLevelRules = pgTable(
  'credit_level_rules',
  {
    id: uuid('id').primaryKey(),
    regionPath: text('region_path').notNull(),
    factorKind: text('factor_kind', { enum: levelFactorKinds }).notNull(),
    /** The record kind, the list, 'A'/'B'/'C' for thresholds, 'score' for the base. */
    factor: text('factor').notNull(),
    points: integer('points').notNull(),
    note: text('note').notNull().default(''),
    version: integer('version').notNull().default(0),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('credit_level_rules_uq').on(t.regionPath, t.factorKind, t.factor)],
);

/**
 * A credit report (信用报告) issued as a PDF for an entity: what it certified (`content`, the public
 * part of the file on `issuedOn`, and its SM3 `contentDigest`) and the digest of its verification
 * code (the code itself is printed on the PDF only). `requestedAs`: 'public' or 'subject' (the
 * entity signed in); the requesting account stays here and in the audit trail, never in a verification.
 */
export const creditReports = pgTable(
  'credit_reports',
  {
    id: uuid('id').primaryKey(),
    reportNo: text('report_no').notNull(),
    codeDigest: text('code_digest').notNull(),
    subjectKind: text('subject_kind', { enum: subjectKinds }).notNull(),
    subjectKey: text('subject_key').notNull(),
    subjectName: text('subject_name').notNull(),
    issuedOn: text('issued_on').notNull(),
    level: text('level'),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    contentDigest: text('content_digest').notNull(),
    requestedAs: text('requested_as', { enum: ['public', 'subject'] }).notNull(),
    requestedBy: uuid('requested_by'),
    issuedAt: ts('issued_at').notNull(),
  },
  (t) => [
    uniqueIndex('credit_reports_code_uq').on(t.codeDigest),
    uniqueIndex('credit_reports_no_uq').on(t.reportNo),
    index('credit_reports_subject_idx').on(t.subjectKey),
  ],
);

/**
 * 双公示 deadline alerts sent (`disclosure-alerts.ts`): one digest per unit and working day, unique
 * together, so a second run the same day sends nothing. `records`: the ids the digest named.
 */
export const creditDisclosureAlerts = pgTable(
  'credit_disclosure_alerts',
  {
    id: uuid('id').primaryKey(),
    day: text('day').notNull(),
    unitId: uuid('unit_id').notNull(),
    unitName: text('unit_name').notNull(),
    /** `office`: the credit office (every item); `decider`: the deciding department (its own items). */
    role: text('role', { enum: ['office', 'decider'] }).notNull(),
    items: integer('items').notNull(),
    late: integer('late').notNull(),
    dueSoon: integer('due_soon').notNull(),
    records: jsonb('records').$type<string[]>().notNull(),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [uniqueIndex('credit_disclosure_alerts_day_unit_uq').on(t.day, t.unitId), index('credit_disclosure_alerts_sent_idx').on(t.sentAt)],
);
