import { and, asc, count, desc, eq, gte, ilike, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { deferInsert, FastInsert, preparedOn, type Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { creditChecks as checks, creditListEntries as entries, creditRecords as records, creditRepairs as repairs } from './tables.ts';

export type RecordRow = typeof records.$inferSelect;
export type RecordInsert = typeof records.$inferInsert;
export type EntryRow = typeof entries.$inferSelect;
export type EntryInsert = typeof entries.$inferInsert;
export type RepairRow = typeof repairs.$inferSelect;
export type CheckRow = typeof checks.$inferSelect;
type Paging = { page: number; pageSize: number };

const all = (...c: (SQL | undefined)[]) => and(...c.filter(Boolean));
/** Published, not repaired: what the public sees. */
const publicRecord = () => all(eq(records.disclose, true), isNotNull(records.publishedOn), isNull(records.repairedOn));

/** Credit records (one row per decision, by source and source reference). */
export const recordRepo = {
  /** Inserts the records not there yet (same source and reference); returns those inserted. */
  async insertNew(db: Executor, rows: RecordInsert[]): Promise<RecordRow[]> {
    const out: RecordRow[] = [];
    for (let i = 0; i < rows.length; i += 1000)
      out.push(
        ...(await db
          .insert(records)
          .values(rows.slice(i, i + 1000))
          .onConflictDoNothing()
          .returning()),
      );
    return out;
  },
  async lock(db: Executor, id: string): Promise<RecordRow | undefined> {
    const [row] = await db.select().from(records).where(eq(records.id, id)).for('update');
    return row;
  },
  async find(db: Executor, id: string): Promise<RecordRow | undefined> {
    const [row] = await db.select().from(records).where(eq(records.id, id));
    return row;
  },
  async page(db: Executor, q: Paging & { q?: string; source?: string; kind?: string; subjectKey?: string }) {
    const where = all(
      q.source ? eq(records.source, q.source as RecordRow['source']) : undefined,
      q.kind ? eq(records.kind, q.kind as RecordRow['kind']) : undefined,
      q.subjectKey ? eq(records.subjectKey, q.subjectKey) : undefined,
      q.q ? or(ilike(records.subjectName, `%${q.q}%`), ilike(records.title, `%${q.q}%`), eq(records.subjectKey, q.q.toUpperCase())) : undefined,
    );
    const rows = await db.select().from(records).where(where).orderBy(desc(records.decidedOn), desc(records.createdAt)).limit(q.pageSize).offset(offsetOf(q));
    const [c] = await db.select({ n: count() }).from(records).where(where);
    return { rows, total: c?.n ?? 0 };
  },
  /** 双公示 to publish: disclosable, unpublished, not repaired, due by `until` (earliest first). */
  board(db: Executor, until: string): Promise<RecordRow[]> {
    return db
      .select()
      .from(records)
      .where(all(eq(records.disclose, true), isNull(records.publishedOn), isNull(records.repairedOn), lte(records.disclosureDue, until)))
      .orderBy(asc(records.disclosureDue), asc(records.decidedOn))
      .limit(500);
  },
  async publicPage(db: Executor, q: Paging & { kind?: 'licence' | 'penalty' }) {
    const where = all(publicRecord(), q.kind ? eq(records.kind, q.kind) : undefined);
    const rows = await db
      .select()
      .from(records)
      .where(where)
      .orderBy(desc(records.publishedOn), desc(records.decidedOn), desc(records.id))
      .limit(q.pageSize)
      .offset(offsetOf(q));
    const [c] = await db.select({ n: count() }).from(records).where(where);
    return { rows, total: c?.n ?? 0 };
  },
  publicOfEntity(db: Executor, uscc: string): Promise<RecordRow[]> {
    return db
      .select()
      .from(records)
      .where(all(publicRecord(), eq(records.subjectKind, 'entity'), eq(records.subjectKey, uscc)))
      .orderBy(desc(records.decidedOn))
      .limit(200);
  },
  ofSubject(db: Executor, kind: RecordRow['subjectKind'], key: string): Promise<RecordRow[]> {
    return db
      .select()
      .from(records)
      .where(and(eq(records.subjectKind, kind), eq(records.subjectKey, key)))
      .orderBy(desc(records.decidedOn))
      .limit(500);
  },
  async update(db: Executor, id: string, set: Partial<RecordInsert>): Promise<void> {
    await db.update(records).set(set).where(eq(records.id, id));
  },
};

/** Entries of the credit lists. */
export const entryRepo = {
  async insert(db: Executor, rows: EntryInsert[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) await db.insert(entries).values(rows.slice(i, i + 1000));
  },
  async lock(db: Executor, id: string): Promise<EntryRow | undefined> {
    const [row] = await db.select().from(entries).where(eq(entries.id, id)).for('update');
    return row;
  },
  async find(db: Executor, id: string): Promise<EntryRow | undefined> {
    const [row] = await db.select().from(entries).where(eq(entries.id, id));
    return row;
  },
  async page(db: Executor, q: Paging & { q?: string; list?: string; status?: string }) {
    const where = all(
      q.list ? eq(entries.list, q.list as EntryRow['list']) : undefined,
      q.status ? eq(entries.status, q.status as EntryRow['status']) : undefined,
      q.q ? or(ilike(entries.subjectName, `%${q.q}%`), eq(entries.subjectKey, q.q.toUpperCase())) : undefined,
    );
    const rows = await db.select().from(entries).where(where).orderBy(desc(entries.updatedAt), desc(entries.id)).limit(q.pageSize).offset(offsetOf(q));
    const [c] = await db.select({ n: count() }).from(entries).where(where);
    return { rows, total: c?.n ?? 0 };
  },
  /** The subject's entries in force on `today` (listed, or pending removal). */
  inForce(db: Executor, kind: EntryRow['subjectKind'], key: string, today: string): Promise<EntryRow[]> {
    const query = (d: Executor, k: unknown, subject: unknown, day: unknown) =>
      d
        .select()
        .from(entries)
        .where(
          all(
            eq(entries.subjectKind, k as EntryRow['subjectKind']),
            eq(entries.subjectKey, subject as string),
            inArray(entries.status, ['listed', 'removal_proposed']),
            lte(entries.validFrom, day as string),
            or(isNull(entries.validUntil), gte(entries.validUntil, day as string)),
          ),
        );
    // Every submit checks its applicant: built once, a prepared statement on PostgreSQL (platform/db/prepared.ts).
    const statement = preparedOn(db, 'credit_entries_in_force', (d) =>
      query(d, sql.placeholder('kind'), sql.placeholder('key'), sql.placeholder('today')).prepare('credit_entries_in_force'),
    );
    return statement ? statement.execute({ kind, key, today }) : query(db, kind, key, today);
  },
  /** Office entries resting on a record and not yet ended (locked: a repair ends them). */
  async restingOn(db: Executor, recordId: string): Promise<EntryRow[]> {
    return db
      .select()
      .from(entries)
      .where(and(eq(entries.recordId, recordId), inArray(entries.status, ['proposed', 'noticed', 'objected', 'listed', 'removal_proposed'])))
      .for('update');
  },
  async update(db: Executor, id: string, set: Partial<EntryInsert>): Promise<void> {
    await db.update(entries).set(set).where(eq(entries.id, id));
  },
  /** A subject's own entries (what it was notified of, what it is listed on). */
  ofSubject(db: Executor, kind: EntryRow['subjectKind'], key: string): Promise<EntryRow[]> {
    return db
      .select()
      .from(entries)
      .where(and(eq(entries.subjectKind, kind), eq(entries.subjectKey, key), inArray(entries.status, ['noticed', 'objected', 'listed', 'removal_proposed'])))
      .orderBy(desc(entries.updatedAt))
      .limit(100);
  },
};

/** Credit repair applications. */
export const repairRepo = {
  async insert(db: Executor, row: typeof repairs.$inferInsert): Promise<RepairRow> {
    const [created] = await db.insert(repairs).values(row).returning();
    return created!;
  },
  async lock(db: Executor, id: string): Promise<RepairRow | undefined> {
    const [row] = await db.select().from(repairs).where(eq(repairs.id, id)).for('update');
    return row;
  },
  async pendingFor(db: Executor, recordId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: repairs.id })
      .from(repairs)
      .where(and(eq(repairs.recordId, recordId), eq(repairs.status, 'applied')))
      .limit(1);
    return !!row;
  },
  async page(db: Executor, q: Paging & { status?: string; subjectKey?: string }) {
    const where = all(
      q.status ? eq(repairs.status, q.status as RepairRow['status']) : undefined,
      q.subjectKey ? eq(repairs.subjectKey, q.subjectKey) : undefined,
    );
    const rows = await db.select().from(repairs).where(where).orderBy(asc(repairs.dueOn), desc(repairs.createdAt)).limit(q.pageSize).offset(offsetOf(q));
    const [c] = await db.select({ n: count() }).from(repairs).where(where);
    return { rows, total: c?.n ?? 0 };
  },
  async update(db: Executor, id: string, set: Partial<typeof repairs.$inferInsert>): Promise<void> {
    await db.update(repairs).set(set).where(eq(repairs.id, id));
  },
};

/** The credit checks cases made. */
export const checkRepo = {
  /** In a transact: sent with its audit events in the last statement (platform/db/deferred.ts; nobody reads a check back in its transaction). */
  async insert(db: Executor, row: typeof checks.$inferInsert): Promise<void> {
    if (!deferInsert(db, new FastInsert(checks, [row]))) await db.insert(checks).values(row);
  },
  ofCase(db: Executor, caseNo: string): Promise<CheckRow[]> {
    return db.select().from(checks).where(eq(checks.caseNo, caseNo)).orderBy(asc(checks.checkedAt));
  },
};
