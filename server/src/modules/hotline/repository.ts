import { and, asc, count, desc, eq, gte, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { sqlRegionWithin } from '../../platform/auth/index.ts';
import { deferInsert, FastInsert, sendWith, type Executor } from '../../platform/db/index.ts';
import { cappedTotal, cappedTotalColumn, offsetOf, pageTotal, totalAlone, totalColumn } from '../../platform/db/paging.ts';
import { pageWithKeptTotal } from '../../platform/db/page-totals.ts';
import { applyChange, changeRows } from './rollup-repository.ts';
import type { QueryToken } from './knowledge.ts';
import { hotlineApiKeys, hotlineCategories, hotlineDailyStatsDelta, hotlineKnowledge, hotlineLimits, hotlineTicketEvents, hotlineTickets } from './tables.ts';

export type TicketRow = typeof hotlineTickets.$inferSelect;
export type TicketInsert = typeof hotlineTickets.$inferInsert;
export type EventRow = typeof hotlineTicketEvents.$inferSelect;
export type EventInsert = typeof hotlineTicketEvents.$inferInsert;
export type CategoryRow = typeof hotlineCategories.$inferSelect;
export type ApiKeyRow = typeof hotlineApiKeys.$inferSelect;
export type LimitRow = typeof hotlineLimits.$inferSelect;
export type ArticleRow = typeof hotlineKnowledge.$inferSelect;

/** The columns of a workbench list row (schemas.ts TicketListItem): 22 of the ticket's columns instead of 48. */
export const ticketPageColumns = {
  id: hotlineTickets.id,
  number: hotlineTickets.number,
  channel: hotlineTickets.channel,
  kind: hotlineTickets.kind,
  urgency: hotlineTickets.urgency,
  categoryId: hotlineTickets.categoryId,
  title: hotlineTickets.title,
  status: hotlineTickets.status,
  unitDepartmentId: hotlineTickets.unitDepartmentId,
  unitRegionCode: hotlineTickets.unitRegionCode,
  unitRegionPath: hotlineTickets.unitRegionPath,
  unitLevel: hotlineTickets.unitLevel,
  unitName: hotlineTickets.unitName,
  signDueAt: hotlineTickets.signDueAt,
  dueDate: hotlineTickets.dueDate,
  dueEstimated: hotlineTickets.dueEstimated,
  dueAt: hotlineTickets.dueAt,
  timeState: hotlineTickets.timeState,
  urgeCount: hotlineTickets.urgeCount,
  version: hotlineTickets.version,
  createdAt: hotlineTickets.createdAt,
  updatedAt: hotlineTickets.updatedAt,
};
export type TicketPageRow = Pick<TicketRow, keyof typeof ticketPageColumns>;

/**
 * What a ticket's presentation reads (present.ts presentTicket: "my requests", the caller look-up):
 * the list row's columns, those its actions depend on (access.ts actionsFor) and the caller's own
 * list's token — not the sealed caller, hashes or bookkeeping columns a list never shows (issue 12:
 * a page read all 70 columns).
 */
export const ticketListColumns = {
  ...ticketPageColumns,
  text: hotlineTickets.text,
  address: hotlineTickets.address,
  lng: hotlineTickets.lng,
  lat: hotlineTickets.lat,
  regionCode: hotlineTickets.regionCode,
  districtCode: hotlineTickets.districtCode,
  streetCode: hotlineTickets.streetCode,
  confidential: hotlineTickets.confidential,
  callerPhoneMasked: hotlineTickets.callerPhoneMasked,
  callerNameMasked: hotlineTickets.callerNameMasked,
  publicConsent: hotlineTickets.publicConsent,
  publicText: hotlineTickets.publicText,
  unitChain: hotlineTickets.unitChain,
  signedAt: hotlineTickets.signedAt,
  returnCount: hotlineTickets.returnCount,
  extensionCount: hotlineTickets.extensionCount,
  reopenCount: hotlineTickets.reopenCount,
  directAnswer: hotlineTickets.directAnswer,
  solved: hotlineTickets.solved,
  satisfaction: hotlineTickets.satisfaction,
  finding: hotlineTickets.finding,
  respondentUscc: hotlineTickets.respondentUscc,
  respondentName: hotlineTickets.respondentName,
  referredTo: hotlineTickets.referredTo,
  mergedInto: hotlineTickets.mergedInto,
  token: hotlineTickets.token,
};
export type TicketListRow = Pick<TicketRow, keyof typeof ticketListColumns>;

/** SQL: the ticket's unit lies within one of the actor's scopes (columns: the tickets', or the daily rollup's). */
export function ticketScopeSql(
  all: boolean,
  scopes: { regionPath: string; departmentId: string | null }[],
  cols: { path: AnyPgColumn; department: AnyPgColumn } = { path: hotlineTickets.unitRegionPath, department: hotlineTickets.unitDepartmentId },
): SQL | undefined {
  if (all) return undefined;
  if (scopes.length === 0) return sql`false`;
  return or(...scopes.map((s) => and(sqlRegionWithin(cols.path, s.regionPath), s.departmentId ? eq(cols.department, s.departmentId) : undefined) ?? sql`true`));
}

export const ticketRepo = {
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(hotlineTickets).where(eq(hotlineTickets.id, id));
    return row;
  },
  async findByNumber(db: Executor, number: string) {
    const [row] = await db.select().from(hotlineTickets).where(eq(hotlineTickets.number, number));
    return row;
  },
  async findByToken(db: Executor, token: string) {
    const [row] = await db.select().from(hotlineTickets).where(eq(hotlineTickets.token, token));
    return row;
  },
  /** Inserts tickets and adds them to the daily statistics (same transaction). */
  async insert(db: Executor, rows: TicketInsert[]): Promise<TicketRow[]> {
    if (!rows.length) return [];
    const saved = await db.insert(hotlineTickets).values(rows).returning();
    for (const r of saved) await applyChange(db, undefined, r);
    return saved;
  },
  /**
   * A new ticket with its first history lines and its statistics delta, in one statement (three
   * inserts in one round trip: an intake is mostly waiting on the database).
   */
  async insertNew(db: Executor, row: TicketInsert & { intakeDate: string }, events: EventInsert[]) {
    // Written as text (FastInsert: the ticket's 71 columns through Drizzle's builder were most of an intake's CPU).
    const delta = changeRows(undefined, row);
    const inserts = [
      ...(delta.length ? [new FastInsert(hotlineDailyStatsDelta, delta)] : []),
      ...(events.length ? [new FastInsert(hotlineTicketEvents, events)] : []),
      new FastInsert(hotlineTickets, [row]),
    ];
    // In a transact: with the audit event in the transaction's last statement (platform/db/deferred.ts;
    // an intake does not read its ticket back). Otherwise in one statement now.
    if (deferInsert(db, ...inserts)) return;
    await sendWith(db, inserts.slice(0, -1), inserts.at(-1)!);
  },
  /** A ticket and the tickets merged into it, in one statement. */
  async withMerged(db: Executor, id: string) {
    const rows = await db
      .select()
      .from(hotlineTickets)
      .where(or(eq(hotlineTickets.id, id), eq(hotlineTickets.mergedInto, id)));
    return { ticket: rows.find((r) => r.id === id), merged: rows.filter((r) => r.id !== id) };
  },
  /** Optimistic update (by version); the daily statistics follow in the same transaction. */
  async update(db: Executor, id: string, version: number, patch: Partial<TicketInsert>) {
    const [before] = await db
      .select()
      .from(hotlineTickets)
      .where(and(eq(hotlineTickets.id, id), eq(hotlineTickets.version, version)))
      .for('update');
    if (!before) return undefined;
    const [row] = await db
      .update(hotlineTickets)
      .set({ ...patch, version: version + 1, updatedAt: new Date() })
      .where(and(eq(hotlineTickets.id, id), eq(hotlineTickets.version, version)))
      .returning();
    if (row) await applyChange(db, before, row);
    return row;
  },
  async events(db: Executor, ticketId: string) {
    return db
      .select()
      .from(hotlineTicketEvents)
      .where(eq(hotlineTicketEvents.ticketId, ticketId))
      .orderBy(asc(hotlineTicketEvents.createdAt), asc(hotlineTicketEvents.id));
  },
  async insertEvents(db: Executor, rows: EventInsert[]) {
    if (rows.length) await db.insert(hotlineTicketEvents).values(rows);
  },
  async mergedChildren(db: Executor, id: string) {
    return db.select().from(hotlineTickets).where(eq(hotlineTickets.mergedInto, id));
  },
  async byPhoneIndex(db: Executor, index: string, limit = 50) {
    return db.select().from(hotlineTickets).where(eq(hotlineTickets.callerPhoneIndex, index)).orderBy(desc(hotlineTickets.createdAt)).limit(limit);
  },
  async findMany(db: Executor, ids: string[]) {
    if (!ids.length) return [];
    return db.select().from(hotlineTickets).where(inArray(hotlineTickets.id, ids));
  },
  async findByFollowUpHash(db: Executor, hash: string) {
    const [row] = await db.select().from(hotlineTickets).where(eq(hotlineTickets.followUpTokenHash, hash));
    return row;
  },
  async inStatuses(db: Executor, statuses: TicketRow['status'][]) {
    return db.select().from(hotlineTickets).where(inArray(hotlineTickets.status, statuses));
  },
  /** The histories of several tickets, each in order. */
  async eventsOfMany(db: Executor, ticketIds: string[]) {
    if (!ticketIds.length) return [];
    return db
      .select()
      .from(hotlineTicketEvents)
      .where(inArray(hotlineTicketEvents.ticketId, ticketIds))
      .orderBy(asc(hotlineTicketEvents.createdAt), asc(hotlineTicketEvents.id));
  },
  /** Up to ten open tickets of the category and street taken since `since`, newest first. */
  async duplicates(db: Executor, q: { categoryId: string; streetCode: string; since: string; exceptId: string }) {
    return db
      .select()
      .from(hotlineTickets)
      .where(
        and(
          eq(hotlineTickets.categoryId, q.categoryId),
          eq(hotlineTickets.streetCode, q.streetCode),
          gte(hotlineTickets.intakeDate, q.since),
          ne(hotlineTickets.id, q.exceptId),
          inArray(hotlineTickets.status, ['new', 'dispatched', 'returned', 'signed', 'extension_requested', 'replied']),
        ),
      )
      .orderBy(desc(hotlineTickets.createdAt))
      .limit(10);
  },
  /** A page of tickets, newest first, with the count of all matching (a person's own tickets: few). */
  async page(db: Executor, f: TicketFilter, page: { page: number; pageSize: number }) {
    return pageOfTickets(db, ticketListColumns, f, page);
  },
  /**
   * The workbench list's page: its rows' columns only (ticketPageColumns), the total capped and
   * counted only when the page is full and no total of the same list is kept (platform/db/page-totals.ts).
   */
  async listPage(db: Executor, f: TicketFilter, page: { page: number; pageSize: number }, opts: { totalMaxAgeMs: number }) {
    const where = ticketWhere(f);
    const { rows, total } = await pageWithKeptTotal({
      database: db,
      key: `tickets|${JSON.stringify(f)}`,
      maxAgeMs: opts.totalMaxAgeMs,
      page: page.page,
      pageSize: page.pageSize,
      read: () =>
        db.select(ticketPageColumns).from(hotlineTickets).where(where).orderBy(desc(hotlineTickets.createdAt)).limit(page.pageSize).offset(offsetOf(page)),
      count: () => totalAlone(db, cappedTotalColumn(hotlineTickets, where)),
    });
    return { rows, ...cappedTotal(total) };
  },
  /** Open311's search: by numbers, or by intake time, categories and statuses; newest first, at most 1,000. */
  async open311Search(db: Executor, q: { numbers: string[] } | { from: Date; to: Date; categoryIds?: string[]; statuses?: TicketRow['status'][] }) {
    const where =
      'numbers' in q
        ? inArray(hotlineTickets.number, q.numbers)
        : and(
            gte(hotlineTickets.createdAt, q.from),
            lte(hotlineTickets.createdAt, q.to),
            q.categoryIds ? (q.categoryIds.length ? inArray(hotlineTickets.categoryId, q.categoryIds) : sql`false`) : undefined,
            q.statuses ? inArray(hotlineTickets.status, q.statuses) : undefined,
          );
    return db.select().from(hotlineTickets).where(where).orderBy(desc(hotlineTickets.createdAt)).limit(1000);
  },
};

/** A page of tickets with the given columns, newest first, and its total (ticketRepo.page). */
async function pageOfTickets<C extends Record<string, AnyPgColumn>>(
  db: Executor,
  columns: C,
  f: TicketFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: Pick<TicketRow, keyof C & keyof TicketRow>[]; total: number }> {
  const where = ticketWhere(f);
  const total = totalColumn(hotlineTickets, where);
  // The page and its total in one statement (platform/db/paging.ts totalColumn).
  const found = await db
    .select({ ticket: columns as Record<string, AnyPgColumn>, total })
    .from(hotlineTickets)
    .where(where)
    .orderBy(desc(hotlineTickets.createdAt))
    .limit(page.pageSize)
    .offset(offsetOf(page));
  return {
    rows: found.map((r) => r.ticket) as Pick<TicketRow, keyof C & keyof TicketRow>[],
    total: await pageTotal(found[0], page, () => totalAlone(db, total)),
  };
}

export interface TicketFilter {
  /** The reader's scope (see ticketScopeSql). */
  scope?: { all: boolean; scopes: { regionPath: string; departmentId: string | null }[] };
  status?: TicketRow['status'];
  kind?: TicketRow['kind'];
  timeState?: TicketRow['timeState'];
  number?: string;
  unitDepartmentId?: string;
  personId?: string;
}

function ticketWhere(f: TicketFilter): SQL | undefined {
  return and(
    f.scope ? ticketScopeSql(f.scope.all, f.scope.scopes) : undefined,
    f.status ? eq(hotlineTickets.status, f.status) : undefined,
    f.kind ? eq(hotlineTickets.kind, f.kind) : undefined,
    f.timeState ? eq(hotlineTickets.timeState, f.timeState) : undefined,
    f.number ? eq(hotlineTickets.number, f.number) : undefined,
    f.unitDepartmentId ? eq(hotlineTickets.unitDepartmentId, f.unitDepartmentId) : undefined,
    f.personId ? eq(hotlineTickets.personId, f.personId) : undefined,
  );
}

export const categoryRepo = {
  async all(db: Executor) {
    return db.select().from(hotlineCategories).orderBy(asc(hotlineCategories.sort), asc(hotlineCategories.code));
  },
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(hotlineCategories).where(eq(hotlineCategories.id, id));
    return row;
  },
  async findByCode(db: Executor, code: string) {
    const [row] = await db.select().from(hotlineCategories).where(eq(hotlineCategories.code, code));
    return row;
  },
  async insert(db: Executor, rows: (typeof hotlineCategories.$inferInsert)[]) {
    if (rows.length) await db.insert(hotlineCategories).values(rows);
  },
  async update(db: Executor, id: string, patch: Partial<typeof hotlineCategories.$inferInsert>) {
    const [row] = await db.update(hotlineCategories).set(patch).where(eq(hotlineCategories.id, id)).returning();
    return row;
  },
};

export const apiKeyRepo = {
  async all(db: Executor) {
    return db.select().from(hotlineApiKeys).orderBy(desc(hotlineApiKeys.createdAt));
  },
  async allActive(db: Executor) {
    return db.select().from(hotlineApiKeys).where(isNull(hotlineApiKeys.revokedAt));
  },
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(hotlineApiKeys).where(eq(hotlineApiKeys.id, id));
    return row;
  },
  async findActive(db: Executor, id: string) {
    const [row] = await db
      .select()
      .from(hotlineApiKeys)
      .where(and(eq(hotlineApiKeys.id, id), isNull(hotlineApiKeys.revokedAt)));
    return row;
  },
  async insert(db: Executor, row: typeof hotlineApiKeys.$inferInsert) {
    await db.insert(hotlineApiKeys).values(row);
  },
  async revoke(db: Executor, id: string, at: Date) {
    const [row] = await db
      .update(hotlineApiKeys)
      .set({ revokedAt: at })
      .where(and(eq(hotlineApiKeys.id, id), isNull(hotlineApiKeys.revokedAt)))
      .returning();
    return row;
  },
  async touch(db: Executor, id: string, at: Date) {
    await db.update(hotlineApiKeys).set({ lastUsedAt: at }).where(eq(hotlineApiKeys.id, id));
  },
};

type LimitKey = Pick<LimitRow, 'kind' | 'urgency'>;
const limitWhere = (k: LimitKey) => and(eq(hotlineLimits.kind, k.kind), eq(hotlineLimits.urgency, k.urgency));

export const limitRepo = {
  async all(db: Executor) {
    return db.select().from(hotlineLimits);
  },
  async find(db: Executor, k: LimitKey) {
    const [row] = await db.select().from(hotlineLimits).where(limitWhere(k));
    return row;
  },
  async insertDefaults(db: Executor, rows: (typeof hotlineLimits.$inferInsert)[]) {
    if (rows.length) await db.insert(hotlineLimits).values(rows).onConflictDoNothing();
  },
  /** Optimistic write of one row: updated at `version`, or inserted when none was stored (`version` null); undefined when someone was first. */
  async save(db: Executor, k: LimitKey, version: number | null, values: Omit<typeof hotlineLimits.$inferInsert, 'kind' | 'urgency'>) {
    const [row] =
      version !== null
        ? await db
            .update(hotlineLimits)
            .set(values)
            .where(and(limitWhere(k), eq(hotlineLimits.version, version)))
            .returning()
        : await db
            .insert(hotlineLimits)
            .values({ ...k, ...values })
            .onConflictDoNothing()
            .returning();
    return row;
  },
};

/**
 * Relevance = overlap with the query, as the catalog ranks: each query token found in the article's
 * terms counts 2, and 1 more when it is in the title.
 */
function relevance(tokens: QueryToken[]): SQL {
  const parts = tokens.map((t) =>
    t.prefix
      ? sql`(case when ${hotlineKnowledge.searchTerms} like ${`% ${t.token}%`} then 2 else 0 end)`
      : sql`(case when ${hotlineKnowledge.searchTerms} like ${`% ${t.token} %`} then 2 else 0 end + case when ${hotlineKnowledge.title} like ${`%${t.token}%`} then 1 else 0 end)`,
  );
  return sql`(${sql.join(parts, sql` + `)})`;
}

export const knowledgeRepo = {
  /** A page of articles: with tokens, those matching any (best overlap first), else all; newest first after that. */
  async search(db: Executor, q: { tokens?: QueryToken[]; includeRetired?: boolean; page: number; pageSize: number }) {
    const score = q.tokens?.length ? relevance(q.tokens) : undefined;
    const where = and(q.includeRetired ? undefined : eq(hotlineKnowledge.active, true), score ? sql`${score} > 0` : undefined);
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(hotlineKnowledge)
        .where(where)
        .orderBy(...(score ? [sql`${score} desc`] : []), desc(hotlineKnowledge.updatedAt), asc(hotlineKnowledge.id))
        .limit(q.pageSize)
        .offset(offsetOf(q)),
      db.select({ n: count() }).from(hotlineKnowledge).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  async find(db: Executor, id: string) {
    const [row] = await db.select().from(hotlineKnowledge).where(eq(hotlineKnowledge.id, id));
    return row;
  },
  async insert(db: Executor, rows: (typeof hotlineKnowledge.$inferInsert)[]) {
    if (rows.length) await db.insert(hotlineKnowledge).values(rows);
  },
  async update(db: Executor, id: string, patch: Partial<typeof hotlineKnowledge.$inferInsert>) {
    const [row] = await db.update(hotlineKnowledge).set(patch).where(eq(hotlineKnowledge.id, id)).returning();
    return row;
  },
};
