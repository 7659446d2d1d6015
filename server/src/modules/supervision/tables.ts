import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const urgeStatuses = ['open', 'escalated', 'answered'] as const;
export const urgeLights = ['yellow', 'red'] as const;
/** What is urged: a late case, or a late rectification of a bad review (evaluation module). */
export const urgeSubjects = ['case', 'rectification'] as const;

/**
 * 督办: a supervisor presses the unit responsible for a late (yellow or red) case to answer within
 * a limit in working days; unanswered past it, the urge is escalated to the unit's superior. The
 * case is another module's: its number, item, department and region are copied here as plain
 * columns (no foreign key across modules), as they stood when the urge was issued.
 */
export const supervisionUrges = pgTable(
  'supervision_urges',
  {
    id: uuid('id').primaryKey(),
    subjectType: text('subject_type', { enum: urgeSubjects }).notNull().default('case'),
    /** For a rectification: its id (the evaluation module's); `caseNo` is then the rated case's. */
    rectificationId: text('rectification_id'),
    caseNo: text('case_no').notNull(),
    itemName: text('item_name').notNull(),
    /** The responsible unit: the case's department and region. */
    departmentId: text('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    regionPath: text('region_path').notNull(),
    /** The subject's light when the urge was issued (the case's, or the rectification's; `caseDueDate` its due date). */
    caseLight: text('case_light', { enum: urgeLights }).notNull(),
    caseDueDate: text('case_due_date').notNull(),
    message: text('message').notNull(),
    answerDays: integer('answer_days').notNull(),
    /** The answer is due by the end of this date (working days from the day of issue, platform calendar). */
    dueDate: text('due_date').notNull(),
    dueEstimated: boolean('due_estimated').notNull().default(false),
    status: text('status', { enum: urgeStatuses }).notNull().default('open'),
    issuedBy: text('issued_by'),
    issuedByName: text('issued_by_name').notNull(),
    issuerDepartmentId: text('issuer_department_id'),
    issuedOn: text('issued_on').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    answer: text('answer'),
    answeredBy: text('answered_by'),
    answeredByName: text('answered_by_name'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredLate: boolean('answered_late').notNull().default(false),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    escalatedToDepartmentId: text('escalated_to_department_id'),
    escalatedToName: text('escalated_to_name'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('supervision_urges_case_idx').on(t.caseNo),
    // One urge waits for its answer per case, and per rectification, at a time.
    uniqueIndex('supervision_urges_waiting_uq')
      .on(t.caseNo)
      .where(sql`${t.status} in ('open', 'escalated') and ${t.subjectType} = 'case'`),
    uniqueIndex('supervision_urges_waiting_rectification_uq')
      .on(t.rectificationId)
      .where(sql`${t.status} in ('open', 'escalated') and ${t.subjectType} = 'rectification'`),
    index('supervision_urges_department_idx').on(t.departmentId, t.status),
    index('supervision_urges_due_idx').on(t.status, t.dueDate),
    index('supervision_urges_escalated_to_idx').on(t.escalatedToDepartmentId),
  ],
);

/** The service window of a row: its id ('' when none: a case filed online, an evaluation of one) and public label. */
const windowColumns = () => ({
  windowId: text('window_id').notNull().default(''),
  windowLabel: text('window_label').notNull().default(''),
});

/**
 * The columns of 领导驾驶舱's case rows, shared by the day and the month tables: the keys
 * (department, item, region, channel) and the counts. A function, so each table gets its own
 * column builders.
 */
const caseRowColumns = () => ({
  ...windowColumns(),
  departmentId: text('department_id').notNull(),
  departmentName: text('department_name').notNull(),
  implementationCode: text('implementation_code').notNull(),
  itemName: text('item_name').notNull(),
  regionPath: text('region_path').notNull(),
  channel: text('channel', { enum: ['online', 'window'] }).notNull(),
  received: integer('received').notNull().default(0),
  concluded: integer('concluded').notNull().default(0),
  concludedOnTime: integer('concluded_on_time').notNull().default(0),
  workingDaysSum: integer('working_days_sum').notNull().default(0),
  promisedDaysSum: integer('promised_days_sum').notNull().default(0),
  statutoryDaysSum: integer('statutory_days_sum').notNull().default(0),
  /** Of `received`: cases needing no visit (online, result not picked up at a window) and exactly one visit. */
  zeroVisit: integer('zero_visit').notNull().default(0),
  oneVisit: integer('one_visit').notNull().default(0),
});

/** The columns of 领导驾驶舱's evaluation rows, shared by the day and the month tables. */
const evaluationRowColumns = () => ({
  ...windowColumns(),
  departmentId: text('department_id').notNull(),
  departmentName: text('department_name').notNull(),
  implementationCode: text('implementation_code').notNull(),
  itemName: text('item_name').notNull(),
  regionPath: text('region_path').notNull(),
  evaluations: integer('evaluations').notNull().default(0),
  satisfied: integer('satisfied').notNull().default(0),
  bad: integer('bad').notNull().default(0),
  levelSum: integer('level_sum').notNull().default(0),
});

/**
 * 领导驾驶舱: the cases' figures pre-aggregated per day × department × item × region × channel × window,
 * recomputed from the cases module's `caseDayFacts` by the job `supervision.dashboard.refresh`
 * (recent days) so the leaders' view reads a few rows. `received` counts by the day of submission,
 * the rest by the day of the decision.
 */
export const supervisionDashboardDays = pgTable('supervision_dashboard_days', { day: text('day').notNull(), ...caseRowColumns() }, (t) => [
  primaryKey({ columns: [t.day, t.departmentId, t.implementationCode, t.regionPath, t.channel, t.windowId] }),
  index('supervision_dashboard_days_region_idx').on(t.regionPath, t.day),
]);

/**
 * 领导驾驶舱: the 好差评 figures pre-aggregated per day (rated on) × department × item × region × window,
 * recomputed from the evaluation module's `evaluationDayFacts` by the same job as the case rows.
 */
export const supervisionDashboardEvaluationDays = pgTable(
  'supervision_dashboard_evaluation_days',
  { day: text('day').notNull(), ...evaluationRowColumns() },
  (t) => [
    primaryKey({ columns: [t.day, t.departmentId, t.implementationCode, t.regionPath, t.windowId] }),
    index('supervision_dashboard_evaluation_days_region_idx').on(t.regionPath, t.day),
  ],
);

/**
 * 领导驾驶舱: the day rows summed per month (`month` YYYY-MM), rebuilt for every month the refresh
 * touches from `supervision_dashboard_days` in the same transaction: a long period reads its whole
 * months here and only its partial first and last months from the day rows.
 */
export const supervisionDashboardMonths = pgTable('supervision_dashboard_months', { month: text('month').notNull(), ...caseRowColumns() }, (t) => [
  primaryKey({ columns: [t.month, t.departmentId, t.implementationCode, t.regionPath, t.channel, t.windowId] }),
]);

/** 领导驾驶舱: the evaluation day rows summed per month, kept like `supervision_dashboard_months`. */
export const supervisionDashboardEvaluationMonths = pgTable(
  'supervision_dashboard_evaluation_months',
  { month: text('month').notNull(), ...evaluationRowColumns() },
  (t) => [primaryKey({ columns: [t.month, t.departmentId, t.implementationCode, t.regionPath, t.windowId] })],
);

/**
 * The monthly PDF report of 领导驾驶舱, one per city-level region (示范市) and month, generated by the
 * job `supervision.monthly_report`; the file is a platform stored file.
 */
export const supervisionMonthlyReports = pgTable(
  'supervision_monthly_reports',
  {
    month: text('month').notNull(),
    regionCode: text('region_code').notNull(),
    regionPath: text('region_path').notNull(),
    regionName: text('region_name').notNull(),
    fileId: text('file_id').notNull(),
    size: integer('size').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.regionCode] })],
);

/** 电子监察 rules and their hits (supervision records). */
export { ruleHitStatuses, ruleSeverities, supervisionRuleHits, supervisionRules } from './rules-tables.ts';
