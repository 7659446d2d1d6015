import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** 抽查事项清单: what a department may inspect, on what legal basis. */
export const inspectionItems = pgTable(
  'inspection_items',
  {
    id: uuid('id').primaryKey(),
    departmentId: uuid('department_id').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    subItem: text('sub_item'),
    legalBasis: text('legal_basis').notNull(),
    subjectType: text('subject_type').notNull(),
    method: text('method', { enum: ['on_site', 'documents', 'online'] }).notNull(),
    joint: boolean('joint').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('inspection_items_department_idx').on(t.departmentId), uniqueIndex('inspection_items_code_uq').on(t.departmentId, t.code)],
);

/** 检查对象名录库: legal entities that may be inspected. Sized for 1,000,000 rows. */
export const inspectionEntities = pgTable(
  'inspection_entities',
  {
    uscc: text('uscc').primaryKey(),
    name: text('name').notNull(),
    entityType: text('entity_type').notNull(),
    industry: text('industry').notNull(),
    regionCode: text('region_code').notNull(),
    regionPath: text('region_path').notNull(),
    address: text('address').notNull(),
    /** SM3 of the normalised address: same-address recusal compares these. */
    addressKey: text('address_key').notNull(),
    riskLevel: text('risk_level', { enum: ['low', 'medium', 'high'] })
      .notNull()
      .default('low'),
    creditLevel: text('credit_level', { enum: ['A', 'B', 'C', 'D'] })
      .notNull()
      .default('B'),
    /**
     * The level the credit module computes from the entity's credit file (docs/credit.md, "Credit
     * levels"), refreshed at each draw; null when credit holds no file for it, and the imported
     * `creditLevel` counts instead.
     */
    computedCreditLevel: text('computed_credit_level', { enum: ['A', 'B', 'C', 'D'] }),
    active: boolean('active').notNull().default(true),
    source: text('source').notNull().default('import'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    /**
     * The entity's canonical draw line (`E|uscc|regionPath|risk|credit\n`, docs/inspection.md; credit:
     * the computed level, else the imported one). With
     * the index below, a draw reads a million-entity pool in USCC order by an index-only scan and
     * aggregates it into one text value: no sort, no row objects.
     */
    drawLine: text('draw_line').generatedAlwaysAs(
      sql`'E|' || uscc || '|' || region_path || '|' || risk_level || '|' || coalesce(computed_credit_level, credit_level) || chr(10)`,
    ),
  },
  (t) => [
    index('inspection_entities_draw_idx').on(t.drawLine, t.industry, t.active),
    // The draw filters by region subtree (path LIKE 'x/%'), industry, risk and credit level.
    index('inspection_entities_region_idx').on(t.regionPath.op('text_pattern_ops')),
    index('inspection_entities_industry_idx').on(t.industry),
    index('inspection_entities_risk_idx').on(t.riskLevel, t.creditLevel),
    index('inspection_entities_address_idx').on(t.addressKey),
  ],
);

/** 执法检查人员名录库. `staffId` links a platform account when there is one. */
export const inspectionInspectors = pgTable(
  'inspection_inspectors',
  {
    id: uuid('id').primaryKey(),
    staffId: uuid('staff_id').unique(),
    name: text('name').notNull(),
    certificateNo: text('certificate_no').notNull().unique(),
    departmentId: uuid('department_id').notNull(),
    regionCode: text('region_code').notNull(),
    regionPath: text('region_path').notNull(),
    /** Item codes (or subject types) this inspector is qualified for; [] = all of the department's items. */
    qualifications: jsonb('qualifications').$type<string[]>().notNull().default([]),
    available: boolean('available').notNull().default(true),
    /** SM3 of the normalised registered address (never the address itself). */
    addressKey: text('address_key'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('inspection_inspectors_department_idx').on(t.departmentId)],
);

/** Declared relations (亲属、持股、曾任职…): the inspector is never drawn for that entity. */
export const inspectionRelations = pgTable(
  'inspection_relations',
  {
    id: uuid('id').primaryKey(),
    inspectorId: uuid('inspector_id').notNull(),
    uscc: text('uscc').notNull(),
    relation: text('relation').notNull(),
    declaredAt: ts('declared_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('inspection_relations_uq').on(t.inspectorId, t.uscc)],
);

/** 实施细则: public text per department. */
export const inspectionRules = pgTable(
  'inspection_rules',
  {
    id: uuid('id').primaryKey(),
    departmentId: uuid('department_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    fileRefs: jsonb('file_refs').$type<string[]>().notNull().default([]),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('inspection_rules_department_idx').on(t.departmentId)],
);

export const inspectionPlans = pgTable('inspection_plans', {
  id: uuid('id').primaryKey(),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  regionCode: text('region_code').notNull(),
  regionPath: text('region_path').notNull(),
  departmentId: uuid('department_id').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export interface TaskScope {
  regionCodes?: string[];
  industries?: string[];
  riskLevels?: ('low' | 'medium' | 'high')[];
  creditLevels?: ('A' | 'B' | 'C' | 'D')[];
}

export const taskStatuses = ['planned', 'committed', 'drawn', 'in_progress', 'finished', 'disclosed'] as const;
export const drawStatuses = ['committed', 'drawn', 'voided'] as const;

export const inspectionTasks = pgTable(
  'inspection_tasks',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id').notNull(),
    title: text('title').notNull(),
    itemIds: jsonb('item_ids').$type<string[]>().notNull(),
    /** The lead department first; a joint task has several. */
    departmentIds: jsonb('department_ids').$type<string[]>().notNull(),
    leadDepartmentId: uuid('lead_department_id').notNull(),
    regionPath: text('region_path').notNull(),
    scope: jsonb('scope').$type<TaskScope>().notNull().default({}),
    count: integer('count'),
    proportionBp: integer('proportion_bp'),
    inspectorsPerEntity: integer('inspectors_per_entity').notNull().default(2),
    riskWeights: jsonb('risk_weights').$type<Record<'low' | 'medium' | 'high', number>>().notNull(),
    creditWeights: jsonb('credit_weights').$type<Record<'A' | 'B' | 'C' | 'D', number>>().notNull(),
    /** Recusal: an inspector who inspected the entity in the department's last N tasks is not drawn for it. */
    recentTasks: integer('recent_tasks').notNull().default(3),
    dueDate: date('due_date').notNull(),
    disclosureWorkingDays: integer('disclosure_working_days').notNull().default(20),
    status: text('status', { enum: taskStatuses }).notNull().default('planned'),
    /** Staff id of who planned it: the disclosure warning goes to them. */
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('inspection_tasks_plan_idx').on(t.planId), index('inspection_tasks_status_idx').on(t.status)],
);

/**
 * One draw of a task. Created `committed` (the seed's SM3 published, the seed kept sealed), then
 * `drawn` (seed revealed, input hashes and results recorded), or `voided` by a supervisor with a
 * reason. Voided draws stay.
 */
export const inspectionDraws = pgTable(
  'inspection_draws',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id').notNull(),
    seq: integer('seq').notNull(),
    status: text('status', { enum: drawStatuses }).notNull(),
    commitment: text('commitment').notNull(),
    seedSealed: text('seed_sealed').notNull(),
    seed: text('seed'),
    algorithm: text('algorithm').notNull(),
    hashes: jsonb('hashes').$type<Record<string, string>>(),
    poolSize: integer('pool_size'),
    target: integer('target'),
    selectedCount: integer('selected_count'),
    committedAt: ts('committed_at').notNull().defaultNow(),
    committedBy: uuid('committed_by'),
    drawnAt: ts('drawn_at'),
    drawnBy: uuid('drawn_by'),
    voidedAt: ts('voided_at'),
    voidedBy: uuid('voided_by'),
    voidReason: text('void_reason'),
  },
  (t) => [uniqueIndex('inspection_draws_seq_uq').on(t.taskId, t.seq)],
);

/**
 * The disclosed inputs of a draw (gzip JSON, docs/inspection.md): the whole document, or — until it
 * is compacted after the draw's commit — the document without `entities`, which are then in
 * inspection_draw_pools. Very old rows hold the pools without the seed.
 */
export const inspectionDrawInputs = pgTable('inspection_draw_inputs', {
  drawId: uuid('draw_id').primaryKey(),
  inputsGz: bytea('inputs_gz').notNull(),
});

/**
 * The entity pool of a draw as its canonical text (in parts), written by the database in the draw's
 * transaction (TOAST-compressed, lz4 on PostgreSQL); moved into the gzip document after commit.
 */
export const inspectionDrawPools = pgTable(
  'inspection_draw_pools',
  {
    drawId: uuid('draw_id').notNull(),
    /** The pool is read in USCC ranges; the parts in order make the text. */
    part: integer('part').notNull().default(0),
    entities: text('entities').notNull(),
  },
  (t) => [primaryKey({ columns: [t.drawId, t.part] })],
);

/** An entity drawn, with its inspectors (inspector-directory ids, in draw order). */
export const inspectionAssignments = pgTable(
  'inspection_assignments',
  {
    id: uuid('id').primaryKey(),
    drawId: uuid('draw_id').notNull(),
    taskId: uuid('task_id').notNull(),
    seq: integer('seq').notNull(),
    uscc: text('uscc').notNull(),
    entityName: text('entity_name').notNull(),
    inspectorIds: jsonb('inspector_ids').$type<string[]>().notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('inspection_assignments_draw_idx').on(t.drawId, t.seq), index('inspection_assignments_task_idx').on(t.taskId)],
);

export const resultOutcomes = ['normal', 'problems_found', 'not_found_at_address', 'closed', 'refused'] as const;
export const followUps = ['none', 'order_to_correct', 'case_transferred'] as const;

export const inspectionResults = pgTable(
  'inspection_results',
  {
    id: uuid('id').primaryKey(),
    assignmentId: uuid('assignment_id').notNull().unique(),
    taskId: uuid('task_id').notNull(),
    uscc: text('uscc').notNull(),
    outcome: text('outcome', { enum: resultOutcomes }).notNull(),
    notes: text('notes'),
    photoRefs: jsonb('photo_refs').$type<string[]>().notNull().default([]),
    followUp: text('follow_up', { enum: followUps }).notNull().default('none'),
    followUpNote: text('follow_up_note'),
    inspectedOn: date('inspected_on').notNull(),
    recordedBy: uuid('recorded_by'),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
    disclosureDue: date('disclosure_due').notNull(),
    disclosureDueEstimated: boolean('disclosure_due_estimated').notNull().default(false),
    disclosedAt: ts('disclosed_at'),
    warnedAt: ts('warned_at'),
    /** 行政处罚决定书文号 and date of the penalty decided on this result (the latest; credit files it as a record). */
    penaltyDocumentNo: text('penalty_document_no'),
    penaltyDecidedOn: date('penalty_decided_on'),
  },
  (t) => [index('inspection_results_task_idx').on(t.taskId), index('inspection_results_due_idx').on(t.disclosedAt, t.disclosureDue)],
);
