import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const evaluationModes = ['online', 'on_site'] as const;
export const rectificationStatuses = ['open', 'appealed', 'submitted', 'closed', 'annulled'] as const;

/**
 * 好差评: one row per evaluation. Online: one per case (the partial unique index). The case's facts
 * (department, region, item) are copied from the cases module at rating time; `staffAccountIds` are
 * the staff who handled the case (a staff member sees their own evaluations). `annulled`: an appeal
 * found the review mistaken or malicious; it no longer counts in the public figures.
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid('id').primaryKey(),
    caseNo: text('case_no').notNull(),
    mode: text('mode', { enum: evaluationModes }).notNull(),
    departmentId: uuid('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    regionPath: text('region_path').notNull(),
    implementationCode: text('implementation_code').notNull(),
    itemName: text('item_name').notNull(),
    raterKind: text('rater_kind', { enum: ['person', 'entity'] }).notNull(),
    raterId: uuid('rater_id').notNull(),
    /** Account that submitted it (the applicant, or the agent acting for the applicant enterprise). */
    raterAccountId: uuid('rater_account_id'),
    /** 1 非常不满意 … 5 非常满意; 1–2 are bad reviews. */
    level: smallint('level').notNull(),
    dimensions: jsonb('dimensions').$type<Record<string, number>>().notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    comment: text('comment'),
    staffAccountIds: jsonb('staff_account_ids').$type<string[]>().notNull(),
    /**
     * The service window (org's `service_windows`) rated, and its public label: an on-site
     * evaluation's is the window of the visit; an online one's, the window the case was filed at
     * (null for a case filed online). Satisfaction per window counts these.
     */
    windowId: uuid('window_id'),
    windowLabel: text('window_label'),
    ratedOn: text('rated_on').notNull(),
    createdAt: ts('created_at').notNull(),
    annulled: boolean('annulled').notNull().default(false),
  },
  (t) => [
    uniqueIndex('evaluations_online_case_uq')
      .on(t.caseNo)
      .where(sql`mode = 'online'`),
    index('evaluations_department_idx').on(t.departmentId, t.level),
    index('evaluations_item_idx').on(t.implementationCode, t.level),
    index('evaluations_rater_idx').on(t.raterKind, t.raterId),
    index('evaluations_staff_idx').using('gin', t.staffAccountIds),
  ],
);

/** 差评整改: a bad review's rectification by the responsible unit (the case's department). */
export const rectifications = pgTable(
  'evaluation_rectifications',
  {
    id: uuid('id').primaryKey(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .unique()
      .references(() => evaluations.id),
    caseNo: text('case_no').notNull(),
    departmentId: uuid('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    regionPath: text('region_path').notNull(),
    status: text('status', { enum: rectificationStatuses }).notNull(),
    openedOn: text('opened_on').notNull(),
    dueOn: text('due_on').notNull(),
    dueEstimated: boolean('due_estimated').notNull().default(false),
    /** 回访: the call to the reviewer (when, reached or not, what they said). */
    followUpAt: ts('follow_up_at'),
    followUpReached: boolean('follow_up_reached'),
    followUpNote: text('follow_up_note'),
    followUpBy: text('follow_up_by'),
    measures: text('measures'),
    submittedAt: ts('submitted_at'),
    submittedBy: text('submitted_by'),
    /** The reviewer's rating of the rectification, 1–5. */
    reviewerLevel: smallint('reviewer_level'),
    reviewerComment: text('reviewer_comment'),
    ratedAt: ts('rated_at'),
    appealReason: text('appeal_reason'),
    appealedAt: ts('appealed_at'),
    appealedBy: text('appealed_by'),
    decision: text('decision', { enum: ['accepted', 'rejected'] }),
    decisionReason: text('decision_reason'),
    decidedAt: ts('decided_at'),
    decidedBy: text('decided_by'),
    version: integer('version').notNull().default(0),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('evaluation_rectifications_dept_idx').on(t.departmentId, t.status, t.dueOn), index('evaluation_rectifications_region_idx').on(t.regionPath)],
);

/** Working days a rectification is due in, per region subtree (the nearest configured ancestor wins; default 15). */
export const evaluationSettings = pgTable('evaluation_settings', {
  regionPath: text('region_path').primaryKey(),
  rectificationDays: integer('rectification_days').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/**
 * One-time links to rate without signing in: `sms` (sent to the applicant when the case ends; the
 * case's online evaluation) or `visit` (created at the counter by the window clerk; an on-site
 * evaluation of that visit). Only the SM3 digest of the token is stored; a used or expired token is
 * gone for good (404).
 */
export const evaluationTokens = pgTable(
  'evaluation_tokens',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    kind: text('kind', { enum: ['sms', 'visit'] }).notNull(),
    caseNo: text('case_no').notNull(),
    /** The staff account that created a visit token (the clerk: who must not submit it). */
    createdBy: uuid('created_by'),
    /** A visit code's window (the counter the clerk opened it at), copied onto the on-site evaluation. */
    windowId: uuid('window_id'),
    windowLabel: text('window_label'),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    evaluationId: uuid('evaluation_id'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('evaluation_tokens_case_idx').on(t.caseNo)],
);
