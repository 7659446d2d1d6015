import { and, asc, count, eq, gt, ilike, inArray, lt, or, sql, type Placeholder } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { preparedOn, type Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { generationsColumn } from '../../platform/meta/generations.ts';
import { sessionsChanged } from '../../platform/auth/actor-cache.ts';
import { accounts, entityAgents, legalEntities, persons, roleAssignments, roles, sessions, staff } from './tables.ts';

export type AccountRow = typeof accounts.$inferSelect;
export type StaffRow = typeof staff.$inferSelect;
export type PersonRow = typeof persons.$inferSelect;
export type EntityRow = typeof legalEntities.$inferSelect;
export type RoleRow = typeof roles.$inferSelect;
export type AssignmentRow = typeof roleAssignments.$inferSelect;

const SIGN_IN_BOOKKEEPING = new Set(['lastLoginAt', 'failedLogins', 'lockedUntil']);

export const accountRepo = {
  async byUsername(db: Executor, username: string) {
    const [row] = await db.select().from(accounts).where(eq(accounts.username, username));
    return row;
  },
  async byId(db: Executor, id: string) {
    const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
    return row;
  },
  async byStaffIds(db: Executor, staffIds: string[]) {
    if (staffIds.length === 0) return [];
    return db.select().from(accounts).where(inArray(accounts.staffId, staffIds));
  },
  /** The citizen account of a person, if one is open. */
  async personAccountOf(db: Executor, personId: string) {
    const [row] = await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.personId, personId), eq(accounts.kind, 'person')));
    return row;
  },
  async insert(db: Executor, row: typeof accounts.$inferInsert) {
    await db.insert(accounts).values(row);
  },
  async update(db: Executor, id: string, patch: Partial<typeof accounts.$inferInsert>) {
    await db.update(accounts).set(patch).where(eq(accounts.id, id));
    // A sign-in's bookkeeping (last login, failures, lock) changes nothing a session trusts.
    if (Object.keys(patch).some((k) => !SIGN_IN_BOOKKEEPING.has(k))) sessionsChanged(id);
  },
  /** Atomically counts a failure; returns the new count. */
  async addFailure(db: Executor, id: string) {
    const [row] = await db
      .update(accounts)
      .set({ failedLogins: sql`${accounts.failedLogins} + 1` })
      .where(eq(accounts.id, id))
      .returning({ failedLogins: accounts.failedLogins });
    return row?.failedLogins ?? 0;
  },
};

const sessionByToken = (db: Executor, tokenHash: string | Placeholder, now: Date | Placeholder) =>
  db
    // Only what resolving the actor reads (auth-service.ts resolveActor, actorFor): every signed-in
    // request parses and maps these columns, and the password hash has no business here.
    .select({
      session: {
        id: sessions.id,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        actingEntityId: sessions.actingEntityId,
        actingEntityName: sessions.actingEntityName,
      },
      account: {
        id: accounts.id,
        username: accounts.username,
        kind: accounts.kind,
        active: accounts.active,
        mustChangePassword: accounts.mustChangePassword,
        personId: accounts.personId,
        entityId: accounts.entityId,
        staffId: accounts.staffId,
      },
      generations: generationsColumn,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));

export const sessionRepo = {
  async insert(db: Executor, row: typeof sessions.$inferInsert) {
    await db.insert(sessions).values(row);
  },
  /** The live session of a token with its account and the generation counters: one statement. */
  async byTokenHash(db: Executor, tokenHash: string) {
    // Every signed-in request sends it: built once, a prepared statement on PostgreSQL.
    const statement = preparedOn(db, 'identity_session_by_token', (d) =>
      sessionByToken(d, sql.placeholder('tokenHash'), sql.placeholder('now')).prepare('identity_session_by_token'),
    );
    const now = new Date();
    const [row] = statement ? await statement.execute({ tokenHash, now }) : await sessionByToken(db, tokenHash, now);
    return row;
  },
  async touch(db: Executor, id: string, now: Date) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  },
  // Each change to a session tells this process's session caches (platform/auth/actor-cache.ts).
  async delete(db: Executor, id: string) {
    await db.delete(sessions).where(eq(sessions.id, id));
    sessionsChanged(id);
  },
  async deleteForAccount(db: Executor, accountId: string, exceptId?: string) {
    await db.delete(sessions).where(and(eq(sessions.accountId, accountId), exceptId ? sql`${sessions.id} <> ${exceptId}` : undefined));
    sessionsChanged(accountId);
  },
  async purgeExpired(db: Executor, idleBefore: Date) {
    await db.delete(sessions).where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleBefore)));
    sessionsChanged();
  },
};

/**
 * Person rows read in a transaction, by transaction handle: a submit needs the applicant for its
 * form, its SMS number and the credit check (three modules, one read). Only inside a transaction
 * (which ends with the request); every write of a person through this module (in any transaction,
 * savepoints included) makes every row kept so far stale.
 */
const readInTx = new WeakMap<object, Map<string, { row: PersonRow; writes: number }>>();
let personWrites = 0;

export function forgetPersonsRead(): void {
  personWrites++;
}

export const personRepo = {
  async byId(db: Executor, id: string) {
    const inTx = db instanceof PgTransaction;
    const known = inTx ? readInTx.get(db)?.get(id) : undefined;
    if (known && known.writes === personWrites) return known.row;
    const writes = personWrites;
    // Every submit reads its applicant: built once, a prepared statement on PostgreSQL (platform/db/prepared.ts).
    const statement = preparedOn(db, 'identity_person_by_id', (d) =>
      d
        .select()
        .from(persons)
        .where(eq(persons.id, sql.placeholder('id')))
        .prepare('identity_person_by_id'),
    );
    const [row] = statement ? await statement.execute({ id }) : await db.select().from(persons).where(eq(persons.id, id));
    if (row && inTx) {
      const memo = readInTx.get(db) ?? new Map();
      memo.set(id, { row, writes });
      readInTx.set(db, memo);
    }
    return row;
  },
  async byIndex(db: Executor, index: string) {
    const [row] = await db.select().from(persons).where(eq(persons.idNumberIndex, index));
    return row;
  },
  async insert(db: Executor, row: typeof persons.$inferInsert) {
    forgetPersonsRead();
    await db.insert(persons).values(row);
  },
};

export const entityRepo = {
  async byId(db: Executor, id: string) {
    const [row] = await db.select().from(legalEntities).where(eq(legalEntities.id, id));
    return row;
  },
  async byUscc(db: Executor, uscc: string) {
    const [row] = await db.select().from(legalEntities).where(eq(legalEntities.uscc, uscc));
    return row;
  },
  async insert(db: Executor, row: typeof legalEntities.$inferInsert) {
    await db.insert(legalEntities).values(row);
  },
  async addAgent(db: Executor, row: typeof entityAgents.$inferInsert) {
    await db.insert(entityAgents).values(row);
  },
};

export const staffRepo = {
  async byId(db: Executor, id: string) {
    const [row] = await db.select().from(staff).where(eq(staff.id, id));
    return row;
  },
  async byIds(db: Executor, ids: string[]) {
    if (ids.length === 0) return [];
    return db.select().from(staff).where(inArray(staff.id, ids));
  },
  async list(db: Executor, q: { page: number; pageSize: number; q?: string; departmentIds?: string[]; departmentId?: string; active?: boolean }) {
    const where = and(
      q.q ? or(ilike(staff.name, `%${q.q}%`), sql`${staff.id} in (select staff_id from accounts where username ilike ${`%${q.q}%`})`) : undefined,
      q.departmentId ? eq(staff.departmentId, q.departmentId) : undefined,
      q.active !== undefined ? eq(staff.active, q.active) : undefined,
      q.departmentIds ? (q.departmentIds.length ? inArray(staff.departmentId, q.departmentIds) : sql`false`) : undefined,
    );
    // One statement for the page, its total (a window count), each member's account and grants.
    const found = await db
      .select({
        member: staff,
        // What the page shows of each account (not its password hash or login history).
        account: { staffId: accounts.staffId, username: accounts.username, lockedUntil: accounts.lockedUntil },
        total: sql<number>`count(*) over ()`.mapWith(Number),
        roles: sql<
          { roleCode: string; departmentId: string | null; regionCode: string }[] | string
        >`(SELECT coalesce(json_agg(json_build_object('roleCode', ra.role_code, 'departmentId', ra.department_id, 'regionCode', ra.region_code)), '[]') FROM role_assignments ra WHERE ra.staff_id = ${staff.id})`,
      })
      .from(staff)
      .leftJoin(accounts, eq(accounts.staffId, staff.id))
      .where(where)
      .orderBy(asc(staff.departmentId), asc(staff.name), asc(staff.id))
      .limit(q.pageSize)
      .offset(offsetOf(q));
    // A page past the end has no row to carry the total: count then (rare: a stale page link).
    const total = found[0]?.total ?? (q.page > 1 ? ((await db.select({ n: count() }).from(staff).where(where))[0]?.n ?? 0) : 0);
    const assignments = found.flatMap((f) =>
      (typeof f.roles === 'string' ? JSON.parse(f.roles) : f.roles).map((r: object) => ({ ...r, staffId: f.member.id })),
    );
    return { rows: found.map((f) => f.member), accounts: found.flatMap((f) => (f.account?.username ? [f.account] : [])), assignments, total };
  },
  async insert(db: Executor, row: typeof staff.$inferInsert) {
    await db.insert(staff).values(row);
  },
  async update(db: Executor, id: string, version: number, patch: Partial<typeof staff.$inferInsert>) {
    const [row] = await db
      .update(staff)
      .set({ ...patch, version: version + 1 })
      .where(and(eq(staff.id, id), eq(staff.version, version)))
      .returning();
    return row;
  },
  /** A staff member with their assignments and the permissions of each assigned role: one statement. */
  async withGrants(db: Executor, staffId: string) {
    const rows = await db
      .select({ member: staff, assignment: roleAssignments, rolePermissions: roles.permissions })
      .from(staff)
      .leftJoin(roleAssignments, eq(roleAssignments.staffId, staff.id))
      .leftJoin(roles, eq(roles.code, roleAssignments.roleCode))
      .where(eq(staff.id, staffId));
    if (!rows.length) return undefined;
    return {
      member: rows[0]!.member,
      assignments: rows.flatMap((r) => (r.assignment ? [{ ...r.assignment, rolePermissions: r.rolePermissions ?? [] }] : [])),
    };
  },
  async assignments(db: Executor, staffIds: string[]) {
    if (staffIds.length === 0) return [];
    return db.select().from(roleAssignments).where(inArray(roleAssignments.staffId, staffIds));
  },
  async replaceAssignments(db: Executor, staffId: string, rows: (typeof roleAssignments.$inferInsert)[]) {
    await db.delete(roleAssignments).where(eq(roleAssignments.staffId, staffId));
    if (rows.length) await db.insert(roleAssignments).values(rows);
  },
};

export const roleRepo = {
  async all(db: Executor) {
    return db.select().from(roles).orderBy(asc(roles.code));
  },
  async byCode(db: Executor, code: string) {
    const [row] = await db.select().from(roles).where(eq(roles.code, code));
    return row;
  },
  async byCodes(db: Executor, codes: string[]) {
    if (codes.length === 0) return [];
    return db.select().from(roles).where(inArray(roles.code, codes));
  },
  async upsert(db: Executor, row: typeof roles.$inferInsert) {
    await db
      .insert(roles)
      .values(row)
      .onConflictDoUpdate({
        target: roles.code,
        set: {
          name: row.name,
          nameEn: row.nameEn,
          permissions: row.permissions,
          builtIn: row.builtIn,
          ownerRegionCode: row.ownerRegionCode,
          ownerRegionPath: row.ownerRegionPath,
          ownerDepartmentId: row.ownerDepartmentId,
        },
      });
  },
  async insert(db: Executor, row: typeof roles.$inferInsert) {
    await db.insert(roles).values(row);
  },
  async update(db: Executor, code: string, patch: Partial<typeof roles.$inferInsert>) {
    const [row] = await db.update(roles).set(patch).where(eq(roles.code, code)).returning();
    return row;
  },
};
