import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * 一件事 applications (docs/life-events.md): the parent of the child cases one submit of a life-event
 * bundle files, one per member, in each member department's workbench. The parent's clock runs on
 * the bundle's promised limit; each child keeps its own.
 */
export const caseBundles = pgTable(
  'case_bundles',
  {
    id: uuid('id').primaryKey(),
    /** 一件事办件编号: YJS + yyyymmdd + the day's serial of the bundle. */
    bundleNo: text('bundle_no').notNull().unique(),
    lifeEventCode: text('life_event_code').notNull(),
    lifeEventVersion: integer('life_event_version').notNull(),
    name: text('name').notNull(),
    applicantKind: text('applicant_kind', { enum: ['person', 'entity'] }).notNull(),
    applicantId: uuid('applicant_id').notNull(),
    applicantName: text('applicant_name').notNull(),
    channel: text('channel', { enum: ['online', 'window'] }).notNull(),
    filedBy: uuid('filed_by'),
    /** in_progress → concluded (every child concluded) | partially_concluded (some refused or stopped) | refused (none concluded). */
    status: text('status', { enum: ['in_progress', 'concluded', 'partially_concluded', 'refused'] })
      .notNull()
      .default('in_progress'),
    regionPath: text('region_path').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
    submittedOn: text('submitted_on').notNull(),
    promisedDays: integer('promised_days').notNull(),
    /** submittedOn + promisedDays working days (platform calendar). */
    dueDate: text('due_date').notNull(),
    concludedOn: text('concluded_on'),
    /**
     * One delivery of every result (docs/life-events.md): how the applicant asked for it (null: each
     * child is delivered on its own, as a single case), the address of their book for a post, and
     * the delivery module's order once every member has been issued or has ended.
     */
    deliveryMethod: text('delivery_method', { enum: ['post', 'pickup'] }),
    deliveryAddressId: uuid('delivery_address_id'),
    deliveryOrderId: uuid('delivery_order_id'),
    /** The one delivery's pickup code, sealed (SM4 under DATA_KEY): the applicant reads it on the application until it is picked up. */
    deliveryPickupSealed: text('delivery_pickup_sealed'),
    /** The day every member had been issued or had ended (the one delivery was arranged, or could not be: `deliveryNote`). */
    resultsReadyOn: text('results_ready_on'),
    deliveryNote: text('delivery_note'),
    version: integer('version').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('case_bundles_applicant_idx').on(t.applicantKind, t.applicantId, t.submittedAt)],
);

export interface BundleAttachment {
  from: string;
  caseNo: string;
  resultName: string;
  certificateIdentifier: string | null;
}

/** A member of a bundle application: its child case once filed, or what it waits for. */
export const caseBundleMembers = pgTable(
  'case_bundle_members',
  {
    bundleId: uuid('bundle_id')
      .notNull()
      .references(() => caseBundles.id),
    memberKey: text('member_key').notNull(),
    seq: integer('seq').notNull(),
    implementationCode: text('implementation_code').notNull(),
    itemName: text('item_name').notNull(),
    departmentName: text('department_name').notNull(),
    dependsOn: jsonb('depends_on').$type<string[]>().notNull(),
    onRefusedStop: jsonb('on_refused_stop').$type<string[]>().notNull(),
    /** waiting (for a prerequisite's result) → filed → concluded | refused; stopped (a prerequisite or a member it follows was refused); start_failed (its filing was refused when it started). */
    status: text('status', { enum: ['waiting', 'filed', 'concluded', 'refused', 'stopped', 'start_failed'] }).notNull(),
    caseNo: text('case_no'),
    /** The child's submit (form data and materials of this member) kept until it is filed. */
    pendingSubmit: jsonb('pending_submit').$type<Record<string, unknown>>(),
    /** Results of prerequisites attached when it started. */
    attached: jsonb('attached').$type<BundleAttachment[]>().notNull().default([]),
    startedOn: text('started_on'),
    /** The day its child's result was issued (`cases.case.result_issued`). */
    issuedOn: text('issued_on'),
    endedOn: text('ended_on'),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.bundleId, t.memberKey] }), uniqueIndex('case_bundle_members_case_uq').on(t.caseNo)],
);
