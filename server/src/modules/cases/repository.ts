import { and, asc, count, desc, eq, getTableColumns, inArray, is, like, notInArray, or, sql, SQL, type Placeholder } from 'drizzle-orm';
import { sqlRegionWithin } from '../../platform/auth/index.ts';
import { deferInsert, FastInsert, preparedOn, type Deferred, type Executor } from '../../platform/db/index.ts';
import { rawRows } from '../../platform/db/types.ts';
import { cappedTotal, cappedTotalColumn, offsetOf, pageTotal, totalAlone, totalColumn, type CappedTotal } from '../../platform/db/paging.ts';
import { pageWithKeptTotal } from '../../platform/db/page-totals.ts';
import {
  caseActions,
  caseDeferralLists,
  caseDrafts,
  caseLookupFailures,
  cases,
  caseLightsRefreshes,
  caseSerials,
  caseWorkflowBindings,
  caseWorkflows,
  certificates,
  terminalSql,
} from './tables.ts';

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
export type { CaseMaterial } from './tables.ts';
export type CaseActionRow = typeof caseActions.$inferSelect;

/**
 * What a case list shows of each row (lists.ts summaries, with its light): the lists select only
 * these, not the form data, materials and the rest (parsing and mapping every column of every row
 * was most of a list's cost).
 */
export const summaryColumns = {
  caseNo: cases.caseNo,
  itemName: cases.itemName,
  departmentName: cases.departmentName,
  applicantName: cases.applicantName,
  status: cases.status,
  workflowCode: cases.workflowCode,
  workflowVersion: cases.workflowVersion,
  stepKey: cases.stepKey,
  submittedAt: cases.submittedAt,
  dueDate: cases.dueDate,
  paused: cases.paused,
  light: cases.light,
  regionPath: cases.regionPath,
  assigneeId: cases.assigneeId,
  supplyBy: cases.supplyBy,
  fastLane: cases.fastLane,
  version: cases.version,
};
export type CaseSummaryRow = Pick<CaseRow, keyof typeof summaryColumns>;

/** A case action as `byNoWithActions` reads it (JSON: the time as text). */
type JsonAction = Omit<CaseActionRow, 'occurredAt'> & { occurredAt: string };
const actionJsonFields = Object.entries(getTableColumns(caseActions))
  .map(([key, column]) => `'${key}', a.${column.name}`)
  .join(', ');

const caseWithActions = (db: Executor, caseNo: string | Placeholder) =>
  db
    .select({
      row: cases,
      actions: sql<
        JsonAction[] | string
      >`(SELECT coalesce(json_agg(json_build_object(${sql.raw(actionJsonFields)}) ORDER BY a.seq), '[]') FROM case_actions a WHERE a.case_id = "cases"."id")`,
    })
    .from(cases)
    .where(eq(cases.caseNo, caseNo));

/**
 * A page of case summaries and the exact count of all matching, in one statement (platform/db/paging.ts
 * totalColumn: the page keeps an index walk that stops after the page) — an applicant's own cases,
 * which are few. `kept`: the rows alone, and the count capped (paging.ts cappedTotal) and kept
 * between requests (platform/db/page-totals.ts) — a department's or the city's list, where counting
 * every case of a year took a second at 1,000,000 cases. The to-do list has its own (todo-repository.ts).
 */
async function summaryPage(
  db: Executor,
  where: SQL | undefined,
  order: SQL[],
  q: { page: number; pageSize: number },
  opts: { kept?: KeptTotal } = {},
): Promise<{ rows: CaseSummaryRow[] } & CappedTotal> {
  if (opts.kept) {
    // Rows every time; the capped total kept between requests (platform/db/page-totals.ts).
    const { rows, total } = await pageWithKeptTotal({
      database: db,
      ...opts.kept,
      page: q.page,
      pageSize: q.pageSize,
      read: async () =>
        (await db
          .select(summaryColumns)
          .from(cases)
          .where(where)
          .orderBy(...order)
          .limit(q.pageSize)
          .offset(offsetOf(q))) as CaseSummaryRow[],
      count: () => totalAlone(db, cappedTotalColumn(cases, where)),
    });
    return { rows, ...cappedTotal(total) };
  }
  const total = totalColumn(cases, where);
  const rows = await db
    .select({ ...summaryColumns, total })
    .from(cases)
    .where(where)
    .orderBy(...order)
    .limit(q.pageSize)
    .offset(offsetOf(q));
  const n = await pageTotal(rows[0], q, () => totalAlone(db, total));
  return { rows: rows as CaseSummaryRow[], total: n, totalCapped: false };
}

/** A list whose capped total is kept between requests: its key (everything but the page) and the kept total's age. */
export interface KeptTotal {
  key: string;
  maxAgeMs: number;
}

export type CertificateRow = typeof certificates.$inferSelect;
export interface LightUpdate {
  id: string;
  version: number;
  light: 'green' | 'yellow' | 'red' | null;
  dueDate: string;
  stepDueDate: string;
  dueEstimated: boolean;
  supplyBy: string | null;
}

/** A region subtree ('' everywhere) and, optionally, one department in it. */
export interface CaseScope {
  regionPath: string;
  departmentId: string | null;
}
/** Where a grant of `role` lets staff act: the cases standing at a step of that role in the scope. */
export interface StepScope extends CaseScope {
  role: string;
}

/** The case's region is `path` or below it. */
function inRegion(path: string): SQL | undefined {
  return sqlRegionWithin(cases.regionPath, path);
}

function inScope(s: CaseScope): SQL {
  return and(inRegion(s.regionPath), s.departmentId ? eq(cases.departmentId, s.departmentId) : undefined) ?? eq(cases.id, cases.id);
}

/** The cases in any of the scopes ('all': no condition). */
function inScopes(scopes: readonly CaseScope[] | 'all'): SQL | undefined {
  return scopes === 'all' ? undefined : or(...scopes.map(inScope));
}

export const caseRepo = {
  async byNo(db: Executor, caseNo: string) {
    const [row] = await db.select().from(cases).where(eq(cases.caseNo, caseNo));
    return row;
  },
  /**
   * The case and its actions in seq order, in one statement (the actions as a JSON array of the
   * row's subquery): what a case's page reads. The outer id is written out as "cases"."id": Drizzle
   * writes a column of a one-table select without its table, which inside the subquery would be
   * the action's own id.
   */
  async byNoWithActions(db: Executor, caseNo: string): Promise<{ row: CaseRow; actions: CaseActionRow[] } | undefined> {
    // Every case page sends it: built once (building its 45 columns cost Drizzle more than reading the answer).
    const statement = preparedOn(db, 'cases_by_no_with_actions', (d) => caseWithActions(d, sql.placeholder('caseNo')).prepare('cases_by_no_with_actions'));
    const [found] = statement ? await statement.execute({ caseNo }) : await caseWithActions(db, caseNo);
    if (!found) return undefined;
    const actions = (typeof found.actions === 'string' ? (JSON.parse(found.actions) as JsonAction[]) : found.actions).map((a) => ({
      ...a,
      occurredAt: new Date(a.occurredAt),
    }));
    return { row: found.row, actions };
  },
  /**
   * Inserts the case and returns it as stored (defaults filled). With `draftOf`, the applicant's
   * draft of that implementation is deleted in the same statement (an online submit).
   */
  async insert(db: Executor, row: typeof cases.$inferInsert, draftOf?: { owner: Owner; implementationCode: string }): Promise<CaseRow> {
    if (!draftOf) {
      const [stored] = await db.insert(cases).values(row).returning();
      return stored!;
    }
    const deleted = db
      .$with('deleted_draft')
      .as(db.delete(caseDrafts).where(draftKey(draftOf.owner, draftOf.implementationCode)).returning({ id: caseDrafts.applicantId }));
    const [stored] = await db.with(deleted).insert(cases).values(row).returning();
    return stored!;
  },
  /**
   * `insert` for a submit in a transact: the case (and the draft's delete) go out with the audit
   * event in the transaction's last statement (platform/db/deferred.ts), so the transaction must
   * not read the case back. Answers the row as it will be stored: the columns left out take their
   * defaults from the table. A row leaving out a column whose default only the database knows (an
   * SQL expression), or outside a deferring transaction: the plain insert, read back.
   */
  async insertDeferred(db: Executor, row: typeof cases.$inferInsert, draftOf?: { owner: Owner; implementationCode: string }): Promise<CaseRow> {
    const stored = asStored(row);
    if (!stored) return caseRepo.insert(db, row, draftOf);
    const inserts: Deferred[] = [new FastInsert(cases, [stored])];
    if (draftOf) inserts.unshift(db.delete(caseDrafts).where(draftKey(draftOf.owner, draftOf.implementationCode)).getSQL());
    if (!deferInsert(db, ...inserts)) return caseRepo.insert(db, row, draftOf);
    return stored;
  },
  /** Optimistic update: only when the version is still the one the action was decided on. */
  async updateIfVersion(db: Executor, id: string, version: number, patch: Partial<typeof cases.$inferInsert>) {
    const rows = await db
      .update(cases)
      .set({ ...patch, version: version + 1, updatedAt: new Date() })
      .where(and(eq(cases.id, id), eq(cases.version, version)))
      .returning();
    return rows[0];
  },
  async actions(db: Executor, caseId: string) {
    return db.select().from(caseActions).where(eq(caseActions.caseId, caseId)).orderBy(asc(caseActions.seq));
  },
  async insertAction(db: Executor, row: typeof caseActions.$inferInsert) {
    await db.insert(caseActions).values(row);
  },
  async listForApplicant(
    db: Executor,
    applicant: { kind: 'person' | 'entity'; id: string },
    q: { page: number; pageSize: number; status?: string; q?: string },
  ) {
    const where = and(
      eq(cases.applicantKind, applicant.kind),
      eq(cases.applicantId, applicant.id),
      q.status ? eq(cases.status, q.status) : undefined,
      q.q ? or(like(cases.caseNo, `${q.q}%`), like(cases.itemName, `%${q.q}%`)) : undefined,
    );
    return summaryPage(db, where, [desc(cases.submittedAt)], q);
  },
  async listInScope(
    db: Executor,
    scopes: readonly CaseScope[] | 'all',
    q: { page: number; pageSize: number; status?: string; q?: string; applicantId?: string },
    opts: { totalMaxAgeMs: number },
  ) {
    const where = and(
      inScopes(scopes),
      q.status ? eq(cases.status, q.status) : undefined,
      // The kinds let cases_applicant_idx (kind, id, submitted_at) serve an applicant's cases.
      q.applicantId ? and(inArray(cases.applicantKind, ['person', 'entity']), eq(cases.applicantId, q.applicantId)) : undefined,
      q.q ? or(like(cases.caseNo, `${q.q}%`), like(cases.itemName, `%${q.q}%`), eq(cases.applicantName, q.q)) : undefined,
    );
    const list = { scopes, status: q.status, q: q.q, applicantId: q.applicantId };
    return summaryPage(db, where, [desc(cases.submittedAt)], q, { kept: { key: `cases|${JSON.stringify(list)}`, maxAgeMs: opts.totalMaxAgeMs } });
  },
  /** Open cases whose correction or pending materials were due before `today`. */
  async overdueSupply(db: Executor, today: string, terminal: readonly string[]) {
    return db
      .select({ caseNo: cases.caseNo, status: cases.status, supplyBy: cases.supplyBy, version: cases.version })
      .from(cases)
      .where(and(sql`${cases.supplyBy} < ${today}`, notInArray(cases.status, [...terminal])))
      .orderBy(asc(cases.supplyBy))
      .limit(500);
  },
  /** A batch of open cases with just what the light refresh needs, in id order (keyset paging over cases_open_idx). */
  async openForRefresh(db: Executor, afterId: string | null, limit: number) {
    return (
      db
        .select({
          id: cases.id,
          version: cases.version,
          workflowCode: cases.workflowCode,
          workflowVersion: cases.workflowVersion,
          submittedOn: cases.submittedOn,
          promisedDays: cases.promisedDays,
          regionPath: cases.regionPath,
          light: cases.light,
          dueDate: cases.dueDate,
          stepDueDate: cases.stepDueDate,
          dueEstimated: cases.dueEstimated,
          supplyBy: cases.supplyBy,
        })
        .from(cases)
        // Literal, exactly as in the index's predicate, so the planner can use it.
        .where(and(sql.raw(`${'"cases"."status"'} NOT IN (${terminalSql})`), afterId ? sql`${cases.id} > ${afterId}` : undefined))
        .orderBy(asc(cases.id))
        .limit(limit)
    );
  },
  /** The logs of several cases in one query, each case's in order. */
  async actionsOf(db: Executor, caseIds: string[]) {
    if (caseIds.length === 0) return [];
    return db.select().from(caseActions).where(inArray(caseActions.caseId, caseIds)).orderBy(asc(caseActions.caseId), asc(caseActions.seq));
  },
  /** The mark of the last complete light refresh (supervision.ts), or null before the first. */
  async lightsMark(db: Executor): Promise<string | null> {
    const [row] = await db.select({ mark: caseLightsRefreshes.mark }).from(caseLightsRefreshes).where(eq(caseLightsRefreshes.key, 'open-cases'));
    return row?.mark ?? null;
  },
  async saveLightsMark(db: Executor, mark: string, at: Date): Promise<void> {
    await db
      .insert(caseLightsRefreshes)
      .values({ key: 'open-cases', mark, refreshedAt: at })
      .onConflictDoUpdate({ target: caseLightsRefreshes.key, set: { mark, refreshedAt: at } });
  },
  /** Rewrites the cached light and dates of many cases in one statement, each only if its version is unchanged. */
  async updateLights(db: Executor, rows: LightUpdate[]): Promise<number> {
    if (rows.length === 0) return 0;
    const values = sql.join(
      rows.map(
        (r) =>
          sql`(${r.id}::uuid, ${r.version}::integer, ${r.light}::text, ${r.dueDate}::text, ${r.stepDueDate}::text, ${r.dueEstimated}::boolean, ${r.supplyBy}::text)`,
      ),
      sql`, `,
    );
    const updated = await rawRows<{ id: string }>(
      db,
      sql`UPDATE cases AS c SET light = v.light, due_date = v.due_date, step_due_date = v.step_due_date, due_estimated = v.due_estimated, supply_by = v.supply_by
        FROM (VALUES ${values}) AS v(id, version, light, due_date, step_due_date, due_estimated, supply_by)
        WHERE c.id = v.id AND c.version = v.version RETURNING c.id`,
    );
    return updated.length;
  },
};

export const serialRepo = {
  /**
   * Reserves the next `count` serials of the day for the implementation and returns the last of
   * them (atomic: the upsert holds the row lock only for this statement when run outside a transaction).
   */
  async reserve(db: Executor, implementationCode: string, day: string, count: number): Promise<number> {
    const [row] = await db
      .insert(caseSerials)
      .values({ implementationCode, day, last: count })
      .onConflictDoUpdate({ target: [caseSerials.implementationCode, caseSerials.day], set: { last: sql`${caseSerials.last} + ${count}` } })
      .returning({ last: caseSerials.last });
    return row!.last;
  },
};

export const workflowRepo = {
  async find(db: Executor, code: string, version?: number) {
    const rows = await db
      .select()
      .from(caseWorkflows)
      .where(and(eq(caseWorkflows.code, code), version !== undefined ? eq(caseWorkflows.version, version) : undefined))
      .orderBy(desc(caseWorkflows.version))
      .limit(1);
    return rows[0];
  },
  async insert(db: Executor, row: typeof caseWorkflows.$inferInsert) {
    await db.insert(caseWorkflows).values(row);
  },
  async binding(db: Executor, implementationCode: string) {
    const [row] = await db.select().from(caseWorkflowBindings).where(eq(caseWorkflowBindings.implementationCode, implementationCode));
    return row;
  },
  async bind(db: Executor, implementationCode: string, workflowCode: string) {
    await db
      .insert(caseWorkflowBindings)
      .values({ implementationCode, workflowCode })
      .onConflictDoUpdate({ target: caseWorkflowBindings.implementationCode, set: { workflowCode, updatedAt: new Date() } });
  },
};

export const certificateRepo = {
  async byIdentifier(db: Executor, identifier: string) {
    const [row] = await db.select().from(certificates).where(eq(certificates.identifier, identifier));
    return row;
  },
  async byCase(db: Executor, caseId: string) {
    const [row] = await db.select().from(certificates).where(eq(certificates.caseId, caseId));
    return row;
  },
  async byIdentifiers(db: Executor, identifiers: string[]) {
    if (identifiers.length === 0) return [];
    return db.select().from(certificates).where(inArray(certificates.identifier, identifiers));
  },
  async insert(db: Executor, row: typeof certificates.$inferInsert) {
    await db.insert(certificates).values(row);
  },
  async setStatus(db: Executor, id: string, from: CertificateRow['status'], to: CertificateRow['status'], reason: string) {
    const [row] = await db
      .update(certificates)
      .set({ status: to, statusReason: reason, statusChangedAt: new Date() })
      .where(and(eq(certificates.id, id), eq(certificates.status, from)))
      .returning();
    return row;
  },
  async setVerificationCode(db: Executor, id: string, sealed: string) {
    await db.update(certificates).set({ verificationCodeSealed: sealed }).where(eq(certificates.id, id));
  },
  async listForHolder(db: Executor, holder: { kind: 'person' | 'entity'; id: string }, q: { page: number; pageSize: number }) {
    const where = and(eq(certificates.holderKind, holder.kind), eq(certificates.holderId, holder.id));
    const [rows, [total]] = await Promise.all([
      db.select().from(certificates).where(where).orderBy(desc(certificates.issuedAt)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(certificates).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};

const WINDOW_MS = 15 * 60_000;

export const lookupRepo = {
  async failures(db: Executor, key: string, now: Date): Promise<number> {
    const [row] = await db.select().from(caseLookupFailures).where(eq(caseLookupFailures.key, key));
    if (!row || now.getTime() - row.windowStart.getTime() > WINDOW_MS) return 0;
    return row.failures;
  },
  async fail(db: Executor, key: string, now: Date) {
    const windowStart = new Date(now.getTime() - WINDOW_MS).toISOString();
    const nowIso = now.toISOString();
    await db
      .insert(caseLookupFailures)
      .values({ key, failures: 1, windowStart: now })
      .onConflictDoUpdate({
        target: caseLookupFailures.key,
        set: {
          failures: sql`CASE WHEN ${caseLookupFailures.windowStart} < ${windowStart}::timestamptz THEN 1 ELSE ${caseLookupFailures.failures} + 1 END`,
          windowStart: sql`CASE WHEN ${caseLookupFailures.windowStart} < ${windowStart}::timestamptz THEN ${nowIso}::timestamptz ELSE ${caseLookupFailures.windowStart} END`,
        },
      });
  },
};

type Owner = { kind: 'person' | 'entity'; id: string };
/** The row as the database will store it (defaults filled from the table), or undefined when a default is an SQL expression. */
function asStored(row: typeof cases.$inferInsert): CaseRow | undefined {
  const stored: Record<string, unknown> = { ...row };
  stored.updatedAt ??= row.submittedAt ?? new Date();
  for (const [key, column] of Object.entries(getTableColumns(cases))) {
    if (stored[key] !== undefined) continue;
    if (column.defaultFn || column.onUpdateFn || is(column.default, SQL)) return undefined;
    stored[key] = column.hasDefault ? structuredClone(column.default) : null;
  }
  return stored as CaseRow;
}

const draftKey = (o: Owner, code: string) =>
  and(eq(caseDrafts.applicantKind, o.kind), eq(caseDrafts.applicantId, o.id), eq(caseDrafts.implementationCode, code));

export const draftRepo = {
  async find(db: Executor, o: Owner, code: string) {
    const [row] = await db.select().from(caseDrafts).where(draftKey(o, code));
    return row;
  },
  async list(db: Executor, o: Owner) {
    return db
      .select()
      .from(caseDrafts)
      .where(and(eq(caseDrafts.applicantKind, o.kind), eq(caseDrafts.applicantId, o.id)))
      .orderBy(desc(caseDrafts.updatedAt));
  },
  async insert(db: Executor, o: Owner, code: string, data: Record<string, unknown>) {
    const rows = await db
      .insert(caseDrafts)
      .values({ applicantKind: o.kind, applicantId: o.id, implementationCode: code, data })
      .onConflictDoNothing()
      .returning();
    return rows[0];
  },
  async update(db: Executor, o: Owner, code: string, version: number, data: Record<string, unknown>) {
    const rows = await db
      .update(caseDrafts)
      .set({ data, version: version + 1, updatedAt: new Date() })
      .where(and(draftKey(o, code), eq(caseDrafts.version, version)))
      .returning();
    return rows[0];
  },
  async delete(db: Executor, o: Owner, code: string) {
    await db.delete(caseDrafts).where(draftKey(o, code));
  },
};

export const deferralRepo = {
  /** 容缺清单 of an implementation (empty: none). */
  async materials(db: Executor, implementationCode: string): Promise<string[]> {
    const [row] = await db.select().from(caseDeferralLists).where(eq(caseDeferralLists.implementationCode, implementationCode));
    return row?.materials ?? [];
  },
  async set(db: Executor, implementationCode: string, materials: string[], updatedBy: string | null) {
    await db
      .insert(caseDeferralLists)
      .values({ implementationCode, materials, updatedBy })
      .onConflictDoUpdate({ target: caseDeferralLists.implementationCode, set: { materials, updatedBy, updatedAt: new Date() } });
  },
};
