import { and, count, desc, eq, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { dataAccessLog as log, dataShareRequests as requests } from './tables.ts';
import { sqlWithinScopes, type DeptScope } from './repository.ts';
import type { ShareStatus } from './workflow.ts';

export type ShareRow = typeof requests.$inferSelect;
export type AccessRow = typeof log.$inferSelect;

/** Share requests between departments. */
export const shareRepo = {
  async find(db: Executor, id: string): Promise<ShareRow | undefined> {
    const [row] = await db.select().from(requests).where(eq(requests.id, id));
    return row;
  },
  async lock(db: Executor, id: string): Promise<ShareRow | undefined> {
    const [row] = await db.select().from(requests).where(eq(requests.id, id)).for('update');
    return row;
  },
  async insert(db: Executor, row: typeof requests.$inferInsert): Promise<void> {
    await db.insert(requests).values(row);
  },
  async update(db: Executor, id: string, set: Partial<typeof requests.$inferInsert>): Promise<void> {
    await db.update(requests).set(set).where(eq(requests.id, id));
  },
  /** The requester's newest approved request for the resource. */
  async latestApproved(db: Executor, resourceId: string, requesterDepartmentId: string): Promise<ShareRow | undefined> {
    const [row] = await db
      .select()
      .from(requests)
      .where(and(eq(requests.resourceId, resourceId), eq(requests.requesterDepartmentId, requesterDepartmentId), eq(requests.status, 'approved')))
      .orderBy(desc(requests.decidedAt))
      .limit(1);
    return row;
  },
  /** Requests made by (`asRequester`) or addressed to (`asOwner`) departments in these scopes. */
  async page(
    db: Executor,
    q: { page: number; pageSize: number; status?: ShareStatus; asRequester: DeptScope[] | 'all'; asOwner: DeptScope[] | 'all' },
  ): Promise<{ rows: ShareRow[]; total: number }> {
    const parts: SQL[] = [];
    if (q.asRequester === 'all' || q.asOwner === 'all') parts.length = 0;
    else {
      parts.push(sqlWithinScopes(requests.requesterRegionPath, requests.requesterDepartmentId, q.asRequester));
      parts.push(sqlWithinScopes(requests.ownerRegionPath, requests.ownerDepartmentId, q.asOwner));
    }
    const where = and(parts.length ? or(...parts) : undefined, q.status ? eq(requests.status, q.status) : undefined);
    const [rows, [total]] = await Promise.all([
      db.select().from(requests).where(where).orderBy(desc(requests.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(requests).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};

/** The sharing API's call log. */
export const accessRepo = {
  async insert(db: Executor, row: typeof log.$inferInsert): Promise<void> {
    await db.insert(log).values(row);
  },
  /** The reads of one person's or one entity's data (数据使用记录), newest first. */
  async pageOfSubject(
    db: Executor,
    q: { page: number; pageSize: number; personId?: string; subjectIndex?: string; uscc?: string },
  ): Promise<{ rows: AccessRow[]; total: number }> {
    const who = q.uscc
      ? and(eq(log.subjectKind, 'entity'), eq(log.subjectMask, q.uscc))
      : or(q.personId ? eq(log.personId, q.personId) : undefined, q.subjectIndex ? eq(log.subjectIndex, q.subjectIndex) : undefined);
    const where = and(who, eq(log.outcome, 'ok'));
    const [rows, [total]] = await Promise.all([
      db.select().from(log).where(where).orderBy(desc(log.at)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(log).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};
