import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const ruleSeverities = ['low', 'medium', 'high'] as const;
export const ruleHitStatuses = ['open', 'confirmed', 'dismissed'] as const;

/**
 * 电子监察 rules as data: one row per rule of the code (`rules-catalog.ts` evaluates them), which
 * staff switch on or off and tune (threshold, severity). `ownerRegionPath` is whose supervisors may
 * edit them (the installation's root, or in the demo the city); the rules apply to every case.
 */
export const supervisionRules = pgTable('supervision_rules', {
  code: text('code').primaryKey(),
  enabled: boolean('enabled').notNull().default(true),
  /** The rule's number (how many corrections, minutes, suspensions …); null for a rule without one. */
  threshold: integer('threshold'),
  severity: text('severity', { enum: ruleSeverities }).notNull().default('medium'),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  ownerRegionPath: text('owner_region_path').notNull().default(''),
  version: integer('version').notNull().default(1),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});

/**
 * A supervision record (监察记录): one rule's hit on one subject (a case, or a result for
 * 体外循环), with its evidence. One per rule × subject: the job re-finds it without duplicating.
 * The case is another module's: number, item, unit and region are copied as plain columns.
 */
export const supervisionRuleHits = pgTable(
  'supervision_rule_hits',
  {
    id: uuid('id').primaryKey(),
    ruleCode: text('rule_code').notNull(),
    /** The case number, or `result:<certificate identifier>`. */
    subjectKey: text('subject_key').notNull(),
    caseNo: text('case_no'),
    itemName: text('item_name').notNull(),
    departmentId: text('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    regionPath: text('region_path').notNull(),
    severity: text('severity', { enum: ruleSeverities }).notNull(),
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ruleHitStatuses }).notNull().default('open'),
    foundAt: timestamp('found_at', { withTimezone: true }).notNull(),
    decidedBy: text('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('supervision_rule_hits_subject_uq').on(t.ruleCode, t.subjectKey),
    index('supervision_rule_hits_list_idx').on(t.status, t.foundAt),
    index('supervision_rule_hits_department_idx').on(t.departmentId),
    index('supervision_rule_hits_open_idx')
      .on(t.regionPath)
      .where(sql`${t.status} = 'open'`),
  ],
);
