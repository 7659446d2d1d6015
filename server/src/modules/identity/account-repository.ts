import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { sessionsChanged } from '../../platform/auth/actor-cache.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { accounts, entityAgents, legalEntities, persons, sessions, smsCodes } from './tables.ts';
import { forgetPersonsRead } from './repository.ts';

export type SmsPurpose = (typeof smsCodes.$inferSelect)['purpose'];
export type AssuranceLevel = (typeof accounts.$inferSelect)['assuranceLevel'];

/** One-time SMS codes (sms-codes.ts). */
export const smsCodeRepo = {
  async insert(db: Executor, row: typeof smsCodes.$inferInsert) {
    await db.insert(smsCodes).values(row);
  },
  /** The newest unused code sent to a number for a purpose, locked for the attempt. */
  async newestUnused(db: Executor, phoneIndex: string, purpose: SmsPurpose) {
    const [row] = await db
      .select()
      .from(smsCodes)
      .where(and(eq(smsCodes.phoneIndex, phoneIndex), eq(smsCodes.purpose, purpose), isNull(smsCodes.usedAt)))
      .orderBy(desc(smsCodes.createdAt))
      .limit(1)
      .for('update');
    return row;
  },
  async addAttempt(db: Executor, id: string) {
    await db
      .update(smsCodes)
      .set({ attempts: sql`${smsCodes.attempts} + 1` })
      .where(eq(smsCodes.id, id));
  },
  async markUsed(db: Executor, id: string, at: Date) {
    await db.update(smsCodes).set({ usedAt: at }).where(eq(smsCodes.id, id));
  },
  /** Earlier unused codes of the number and purpose end when a new one is sent. */
  async retireUnused(db: Executor, phoneIndex: string, purpose: SmsPurpose, at: Date) {
    await db
      .update(smsCodes)
      .set({ usedAt: at })
      .where(and(eq(smsCodes.phoneIndex, phoneIndex), eq(smsCodes.purpose, purpose), isNull(smsCodes.usedAt)));
  },
};

/** Citizens' own accounts: found by mobile number, assurance, sessions, closing. */
export const citizenRepo = {
  /** The open person accounts whose person has this mobile number. */
  async accountsByPhoneIndex(db: Executor, phoneIndex: string) {
    return db
      .select({ account: accounts })
      .from(accounts)
      .innerJoin(persons, eq(persons.id, accounts.personId))
      .where(and(eq(persons.phoneIndex, phoneIndex), eq(accounts.kind, 'person'), isNull(accounts.closedAt)))
      .then((rows) => rows.map((r) => r.account));
  },
  async updatePerson(db: Executor, id: string, patch: Partial<typeof persons.$inferInsert>) {
    forgetPersonsRead();
    await db.update(persons).set(patch).where(eq(persons.id, id));
  },
  async sessionsOf(db: Executor, accountId: string) {
    return db
      .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, ip: sessions.ip, userAgent: sessions.userAgent })
      .from(sessions)
      .where(and(eq(sessions.accountId, accountId), sql`${sessions.expiresAt} > ${new Date().toISOString()}::timestamptz`))
      .orderBy(desc(sessions.lastSeenAt));
  },
  async deleteSession(db: Executor, accountId: string, sessionId: string) {
    const rows = await db
      .delete(sessions)
      .where(and(eq(sessions.accountId, accountId), eq(sessions.id, sessionId)))
      .returning({ id: sessions.id });
    sessionsChanged(sessionId);
    return rows.length > 0;
  },
  async deleteOtherSessions(db: Executor, accountId: string, keepId: string | undefined) {
    const rows = await db
      .delete(sessions)
      .where(and(eq(sessions.accountId, accountId), keepId ? sql`${sessions.id} <> ${keepId}` : undefined))
      .returning({ id: sessions.id });
    sessionsChanged(accountId);
    return rows.length;
  },
  /** 数据使用记录: audit events of reads of a person's personal data (full ID number), newest first. */
  async personalDataReads(db: Executor, personId: string, actions: string[], q: { page: number; pageSize: number }) {
    const where = and(eq(auditEvents.objectType, 'person'), eq(auditEvents.objectId, personId), inArray(auditEvents.action, actions));
    const [rows, [total]] = await Promise.all([
      db
        .select({
          at: auditEvents.occurredAt,
          actorName: auditEvents.actorName,
          actorKind: auditEvents.actorKind,
          action: auditEvents.action,
          summary: auditEvents.summary,
        })
        .from(auditEvents)
        .where(where)
        .orderBy(desc(auditEvents.seq))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db.select({ n: count() }).from(auditEvents).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};

export type AgentRow = typeof entityAgents.$inferSelect;

/** Enterprises opened by their legal representative and their agents (enterprises.ts, agents.ts). */
export const agentRepo = {
  async entityByUscc(db: Executor, uscc: string) {
    const [row] = await db.select().from(legalEntities).where(eq(legalEntities.uscc, uscc));
    return row;
  },
  async insertEntity(db: Executor, row: typeof legalEntities.$inferInsert) {
    await db.insert(legalEntities).values(row);
  },
  async updateEntity(db: Executor, id: string, patch: Partial<typeof legalEntities.$inferInsert>) {
    await db.update(legalEntities).set(patch).where(eq(legalEntities.id, id));
  },
  async agent(db: Executor, entityId: string, personId: string) {
    const [row] = await db
      .select()
      .from(entityAgents)
      .where(and(eq(entityAgents.entityId, entityId), eq(entityAgents.personId, personId)));
    return row;
  },
  async upsertAgent(db: Executor, row: typeof entityAgents.$inferInsert) {
    await db
      .insert(entityAgents)
      .values(row)
      .onConflictDoUpdate({
        target: [entityAgents.entityId, entityAgents.personId],
        set: { authorizedFrom: row.authorizedFrom, authorizedUntil: row.authorizedUntil, itemCodes: row.itemCodes, revokedAt: null, grantedBy: row.grantedBy },
      });
  },
  async revokeAgent(db: Executor, entityId: string, personId: string, at: Date) {
    const rows = await db
      .update(entityAgents)
      .set({ revokedAt: at })
      .where(and(eq(entityAgents.entityId, entityId), eq(entityAgents.personId, personId), isNull(entityAgents.revokedAt)))
      .returning({ personId: entityAgents.personId });
    return rows.length > 0;
  },
  /** The agents of an enterprise with their names and masks. */
  async agentsOf(db: Executor, entityId: string) {
    return db
      .select({ agent: entityAgents, name: persons.name, idNumberMasked: persons.idNumberMasked })
      .from(entityAgents)
      .innerJoin(persons, eq(persons.id, entityAgents.personId))
      .where(eq(entityAgents.entityId, entityId))
      .orderBy(persons.name);
  },
  /** The enterprises a person is an agent or the legal representative of. */
  async enterprisesOf(db: Executor, personId: string) {
    return db
      .select({ entity: legalEntities, agent: entityAgents })
      .from(entityAgents)
      .innerJoin(legalEntities, eq(legalEntities.id, entityAgents.entityId))
      .where(eq(entityAgents.personId, personId))
      .orderBy(legalEntities.name);
  },
  async setActing(db: Executor, sessionId: string, acting: { id: string; name: string } | null) {
    await db
      .update(sessions)
      .set({ actingEntityId: acting?.id ?? null, actingEntityName: acting?.name ?? null })
      .where(eq(sessions.id, sessionId));
    sessionsChanged(sessionId);
  },
};
