import { sql } from 'drizzle-orm';
import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export interface TicketUnit {
  departmentId: string | null;
  regionCode: string;
  regionPath: string;
  level: (typeof unitLevels)[number];
  name: string;
}

export const ticketChannels = ['phone', 'web', 'open311'] as const;
export const ticketKinds = ['inquiry', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
/** 核查结论 of a complaint or report: found true, partly true, not true. */
export const complaintFindings = ['substantiated', 'partly_substantiated', 'unsubstantiated'] as const;
export const ticketUrgencies = ['normal', 'urgent', 'very_urgent'] as const;
export const ticketStatuses = [
  'new',
  'dispatched',
  'returned',
  'signed',
  'extension_requested',
  'replied',
  'concluded',
  'closed',
  'referred',
  'merged',
] as const;
/** The tier of the unit that holds the ticket: the hotline center, a city department, a district unit or department, a street. */
export const unitLevels = ['center', 'city', 'district', 'street'] as const;

/** 工单分类: a tree configured by admins; a leaf names who normally handles it and its limit. */
export const hotlineCategories = pgTable(
  'hotline_categories',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    /** 'territorial' (属地: district → street) or 'department' (a functional department of `departmentKind`). */
    routing: text('routing', { enum: ['territorial', 'department'] })
      .notNull()
      .default('territorial'),
    departmentKind: text('department_kind'),
    /** Conclusion limit in working days; null = the default for the ticket's kind. */
    limitDays: integer('limit_days'),
    /** Not for the hotline (litigation, emergencies…): recorded and referred to `referTo`. */
    notAccepted: boolean('not_accepted').notNull().default(false),
    referTo: text('refer_to'),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('hotline_categories_parent_idx').on(t.parentId)],
);

/**
 * 办理时限: one row per kind × urgency, seeded with DOMAIN §6 defaults by the migration and edited by
 * hotline admins. The conclusion limit is counted in working days (from the day after intake) or in
 * working hours (9:00–12:00, 13:30–17:30 on working days, from the moment of intake); the sign limit
 * in working minutes from dispatch.
 */
export const limitUnits = ['working_days', 'working_hours'] as const;
export const hotlineLimits = pgTable(
  'hotline_limits',
  {
    kind: text('kind', { enum: ticketKinds }).notNull(),
    urgency: text('urgency', { enum: ticketUrgencies }).notNull(),
    conclusionUnit: text('conclusion_unit', { enum: limitUnits }).notNull(),
    conclusionAmount: integer('conclusion_amount').notNull(),
    signMinutes: integer('sign_minutes').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.urgency] })],
);

/**
 * The urging job's two partial indexes (urging-repository.ts). Its statements repeat these texts as
 * written (literals, not parameters): PostgreSQL uses a partial index only where it can prove the
 * statement implies the index's predicate. `urgingOpenSql` is workflow.ts openStatuses (urging.test.ts
 * checks). The watch list holds the few open tickets whose state can change without their due date
 * being near or past: near (or not a known state), sign limit running (dispatched and ok), overdue
 * without a first miss (only the sign limit passed), urged after a first miss, and no due date.
 */
export const urgingOpenSql = `status IN ('dispatched', 'returned', 'signed', 'extension_requested')`;
/** The open tickets as a literal (the same list): 电子监察's lights index and its statements. */
export const openTicketsSql = urgingOpenSql;
export const urgingWatchSql =
  `(due_date IS NULL OR time_state NOT IN ('ok', 'overdue') OR (status = 'dispatched' AND time_state = 'ok')` +
  ` OR (time_state = 'overdue' AND (miss_count < 1 OR (miss_count < 2 AND urge_due_date IS NOT NULL))))`;

/** 工单 */
export const hotlineTickets = pgTable(
  'hotline_tickets',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull().unique(),
    channel: text('channel', { enum: ticketChannels }).notNull(),
    kind: text('kind', { enum: ticketKinds }).notNull(),
    urgency: text('urgency', { enum: ticketUrgencies }).notNull().default('normal'),
    categoryId: uuid('category_id'),
    title: text('title').notNull(),
    text: text('text').notNull(),
    address: text('address').notNull(),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    regionCode: text('region_code'),
    regionPath: text('region_path'),
    districtCode: text('district_code'),
    streetCode: text('street_code'),
    /** Caller identity: sealed (SM4) with a masked copy for display and a blind index for look-up. */
    callerPhoneSealed: text('caller_phone_sealed'),
    callerPhoneMasked: text('caller_phone_masked'),
    callerPhoneIndex: text('caller_phone_index'),
    callerNameSealed: text('caller_name_sealed'),
    callerNameMasked: text('caller_name_masked'),
    personId: uuid('person_id'),
    confidential: boolean('confidential').notNull().default(false),
    /** The caller agreed to publish the request (Open311, 诉求公开); default not public. Reports never are. */
    publicConsent: boolean('public_consent').notNull().default(false),
    /** The description published under Open311: written or reviewed by a hotline operator, never the caller's raw text. */
    publicText: text('public_text'),
    publicTextBy: uuid('public_text_by'),
    publicTextAt: timestamp('public_text_at', { withTimezone: true, mode: 'date' }),
    status: text('status', { enum: ticketStatuses }).notNull(),
    /** The unit holding the ticket: a department, or a street office (department null, region = the street). */
    unitDepartmentId: uuid('unit_department_id'),
    unitRegionCode: text('unit_region_code').notNull(),
    unitRegionPath: text('unit_region_path').notNull(),
    unitLevel: text('unit_level', { enum: unitLevels }).notNull(),
    unitName: text('unit_name').notNull(),
    /** The units that dispatched the ticket down to the current one (a return goes back one step). */
    unitChain: jsonb('unit_chain').$type<TicketUnit[]>().notNull().default([]),
    signDueAt: timestamp('sign_due_at', { withTimezone: true, mode: 'date' }),
    signedAt: timestamp('signed_at', { withTimezone: true, mode: 'date' }),
    signedLate: boolean('signed_late'),
    dueDate: date('due_date', { mode: 'string' }),
    /** For a limit in working hours (urgent by default): the moment it is due; `dueDate` is its day. Null for limits in working days. */
    dueAt: timestamp('due_at', { withTimezone: true, mode: 'date' }),
    dueEstimated: boolean('due_estimated').notNull().default(false),
    repliedAt: timestamp('replied_at', { withTimezone: true, mode: 'date' }),
    concludedAt: timestamp('concluded_at', { withTimezone: true, mode: 'date' }),
    concludedLate: boolean('concluded_late'),
    closedAt: timestamp('closed_at', { withTimezone: true, mode: 'date' }),
    /** ok | near | overdue, kept by the urging job. */
    timeState: text('time_state', { enum: ['ok', 'near', 'overdue'] })
      .notNull()
      .default('ok'),
    urgeCount: integer('urge_count').notNull().default(0),
    urgeDueDate: date('urge_due_date', { mode: 'string' }),
    missCount: integer('miss_count').notNull().default(0),
    escalatedToDepartmentId: uuid('escalated_to_department_id'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true, mode: 'date' }),
    returnCount: integer('return_count').notNull().default(0),
    extensionCount: integer('extension_count').notNull().default(0),
    reopenCount: integer('reopen_count').notNull().default(0),
    /**
     * 投诉举报核查结论: the handling unit's finding on a complaint or report (属实, 部分属实, 不属实), given with
     * its reply, and the enterprise complained of (USCC and name). A complaint found true against an
     * enterprise becomes a record of its credit file when the ticket is concluded (hotline.complaint.substantiated).
     */
    finding: text('finding', { enum: complaintFindings }),
    respondentUscc: text('respondent_uscc'),
    respondentName: text('respondent_name'),
    solved: boolean('solved'),
    satisfaction: integer('satisfaction'),
    followedUpAt: timestamp('followed_up_at', { withTimezone: true, mode: 'date' }),
    /** SM3 of the follow-up link token sent by SMS. */
    followUpTokenHash: text('follow_up_token_hash'),
    /** Open311 token (public, lets a 311 app look the request up). */
    token: text('token').notNull().unique(),
    referredTo: text('referred_to'),
    mergedInto: uuid('merged_into'),
    directAnswer: boolean('direct_answer').notNull().default(false),
    apiKeyId: uuid('api_key_id'),
    mediaUrl: text('media_url'),
    /** Asia/Shanghai date of intake (statistics by day without time-zone functions). */
    intakeDate: date('intake_date', { mode: 'string' }).notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('hotline_tickets_status_idx').on(t.status),
    index('hotline_tickets_unit_idx').on(t.unitRegionPath, t.unitDepartmentId),
    index('hotline_tickets_phone_idx').on(t.callerPhoneIndex),
    index('hotline_tickets_intake_idx').on(t.intakeDate),
    // The ticket page's order (newest first): without it an all-city page sorted every ticket (0.8 s at 1,000,000).
    index('hotline_tickets_created_idx').on(t.createdAt),
    index('hotline_tickets_dup_idx').on(t.categoryId, t.streetCode, t.intakeDate),
    index('hotline_tickets_merged_idx').on(t.mergedInto),
    // 电子监察's bars (lights-repository.ts groups): the open tickets' groups from the index alone, in its order.
    index('hotline_tickets_lights_idx')
      .on(t.unitDepartmentId, t.unitRegionCode, t.unitName, t.unitRegionPath, t.dueDate, t.dueAt)
      .where(sql.raw(openTicketsSql)),
    // A caller's own tickets, newest first (the portal's "my requests", lists.ts myTickets): without it
    // every visit read all tickets (1.1 s at 1,000,000).
    index('hotline_tickets_person_idx').on(t.personId, t.createdAt),
    // The urging job (urging-repository.ts): open tickets by stored state and due date, so a run reads
    // only the ok ones due by tomorrow and the overdue ones not past due — not the city's overdue backlog.
    index('hotline_tickets_urging_idx').on(t.timeState, t.dueDate, t.id).where(sql.raw(urgingOpenSql)),
    index('hotline_tickets_urging_watch_idx')
      .on(t.id)
      .where(sql.raw(`${urgingOpenSql} AND ${urgingWatchSql}`)),
  ],
);

/** 工单流转记录: every action on a ticket, in order. */
export const hotlineTicketEvents = pgTable(
  'hotline_ticket_events',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    /** The unit acting (or, for dispatch, the unit receiving). */
    unitDepartmentId: uuid('unit_department_id'),
    unitRegionCode: text('unit_region_code'),
    unitName: text('unit_name'),
    text: text('text'),
    photos: jsonb('photos').$type<string[]>().notNull().default([]),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('hotline_ticket_events_ticket_idx').on(t.ticketId, t.createdAt)],
);

/** 知识库 */
export const hotlineKnowledge = pgTable('hotline_knowledge', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  categoryId: uuid('category_id'),
  keywords: text('keywords').notNull().default(''),
  /** Space-separated search terms: Chinese bigrams, words and pinyin initials (see knowledge.ts). */
  searchTerms: text('search_terms').notNull(),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Open311 API keys: only the SM3 digest is stored. Keys issued before owners existed belong to the whole installation (""). */
export const hotlineApiKeys = pgTable('hotline_api_keys', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  /** The owner: the region (and department) the key was issued for; only that scope lists and revokes it. "" = the whole installation. */
  regionPath: text('region_path').notNull().default(''),
  departmentId: uuid('department_id'),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
});

/**
 * 每日统计: the statistics' daily rollup, one row per intake day × holding unit × category × street,
 * kept in the same transaction as every ticket insert and update (repository.ts), so the statistics
 * page reads a few thousand rows instead of every ticket (1,000,000 tickets: see docs/hotline.md).
 * Agreement with the raw tickets is tested (stats.test.ts).
 */
export const hotlineDailyStats = pgTable(
  'hotline_daily_stats',
  {
    day: date('day', { mode: 'string' }).notNull(),
    /** The holding unit: its department id, or the street's region code for a street office. */
    unitKey: text('unit_key').notNull(),
    unitDepartmentId: uuid('unit_department_id'),
    unitRegionPath: text('unit_region_path').notNull(),
    unitName: text('unit_name').notNull(),
    /** '' when the ticket has none. */
    categoryKey: text('category_key').notNull(),
    districtKey: text('district_key').notNull(),
    streetKey: text('street_key').notNull(),
    tickets: integer('tickets').notNull().default(0),
    signed: integer('signed').notNull().default(0),
    signedOnTime: integer('signed_on_time').notNull().default(0),
    concluded: integer('concluded').notNull().default(0),
    concludedOnTime: integer('concluded_on_time').notNull().default(0),
    extended: integer('extended').notNull().default(0),
    returned: integer('returned').notNull().default(0),
    followed: integer('followed').notNull().default(0),
    solved: integer('solved').notNull().default(0),
    satisfactionSum: integer('satisfaction_sum').notNull().default(0),
    satisfactionN: integer('satisfaction_n').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.unitKey, t.categoryKey, t.districtKey, t.streetKey] })],
);

/**
 * Changes to the daily rollup not yet folded into it: each transaction that changes a ticket appends
 * its contribution here (a plain insert, so concurrent intakes never wait on one hot rollup row); the
 * `hotline.stats_fold` job adds them into hotline_daily_stats, and readers sum both (stats.ts).
 */
export const hotlineDailyStatsDelta = pgTable('hotline_daily_stats_delta', {
  day: date('day', { mode: 'string' }).notNull(),
  unitKey: text('unit_key').notNull(),
  unitDepartmentId: uuid('unit_department_id'),
  unitRegionPath: text('unit_region_path').notNull(),
  unitName: text('unit_name').notNull(),
  categoryKey: text('category_key').notNull(),
  districtKey: text('district_key').notNull(),
  streetKey: text('street_key').notNull(),
  tickets: integer('tickets').notNull().default(0),
  signed: integer('signed').notNull().default(0),
  signedOnTime: integer('signed_on_time').notNull().default(0),
  concluded: integer('concluded').notNull().default(0),
  concludedOnTime: integer('concluded_on_time').notNull().default(0),
  extended: integer('extended').notNull().default(0),
  returned: integer('returned').notNull().default(0),
  followed: integer('followed').notNull().default(0),
  solved: integer('solved').notNull().default(0),
  satisfactionSum: integer('satisfaction_sum').notNull().default(0),
  satisfactionN: integer('satisfaction_n').notNull().default(0),
});
