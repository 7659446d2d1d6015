import { and, asc, count, eq, ilike, isNull, lt, or, sql } from 'drizzle-orm';
import { sqlRegionWithinAny } from '../../platform/auth/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { oidcClients, oidcKeys, oidcPayloads } from './tables.ts';

export type ClientRow = typeof oidcClients.$inferSelect;
export type KeyRow = typeof oidcKeys.$inferSelect;
export type PayloadRow = typeof oidcPayloads.$inferSelect;

export const clientRepo = {
  async find(db: Executor, clientId: string) {
    const [row] = await db.select().from(oidcClients).where(eq(oidcClients.clientId, clientId));
    return row;
  },
  /** Clients owned in one of `scopes` (region subtree, optionally one department). */
  async list(db: Executor, q: { page: number; pageSize: number; q?: string }, scopes: { regionPath: string; departmentId: string | null }[]) {
    const inScope = or(
      ...scopes.map((s) =>
        and(sqlRegionWithinAny(oidcClients.regionPath, [s.regionPath]), s.departmentId ? eq(oidcClients.departmentId, s.departmentId) : undefined),
      ),
    );
    const where = and(scopes.length ? inScope : sql`false`, q.q ? or(ilike(oidcClients.name, `%${q.q}%`), ilike(oidcClients.clientId, `%${q.q}%`)) : undefined);
    const [rows, [total]] = await Promise.all([
      db.select().from(oidcClients).where(where).orderBy(asc(oidcClients.name), asc(oidcClients.clientId)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(oidcClients).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  async insert(db: Executor, row: typeof oidcClients.$inferInsert) {
    await db.insert(oidcClients).values(row);
  },
  async update(db: Executor, clientId: string, patch: Partial<typeof oidcClients.$inferInsert>) {
    const [row] = await db
      .update(oidcClients)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(oidcClients.clientId, clientId))
      .returning();
    return row;
  },
  async lock(db: Executor, clientId: string) {
    const [row] = await db.select().from(oidcClients).where(eq(oidcClients.clientId, clientId)).for('update');
    return row;
  },
};

/** oidc-provider's storage (adapter.ts): plain reads and writes, no business rule. */
export const payloadRepo = {
  async find(db: Executor, model: string, id: string) {
    const [row] = await db
      .select()
      .from(oidcPayloads)
      .where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.id, id)));
    return row;
  },
  async findBy(db: Executor, model: string, column: 'uid' | 'userCode', value: string) {
    const [row] = await db
      .select()
      .from(oidcPayloads)
      .where(and(eq(oidcPayloads.model, model), eq(column === 'uid' ? oidcPayloads.uid : oidcPayloads.userCode, value)));
    return row;
  },
  async upsert(db: Executor, row: typeof oidcPayloads.$inferInsert) {
    await db
      .insert(oidcPayloads)
      .values(row)
      .onConflictDoUpdate({
        target: [oidcPayloads.model, oidcPayloads.id],
        set: { payload: row.payload, grantId: row.grantId, userCode: row.userCode, uid: row.uid, expiresAt: row.expiresAt, consumedAt: null },
      });
  },
  async consume(db: Executor, model: string, id: string, at: Date) {
    await db
      .update(oidcPayloads)
      .set({ consumedAt: at })
      .where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.id, id)));
  },
  async destroy(db: Executor, model: string, id: string) {
    await db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, model), eq(oidcPayloads.id, id)));
  },
  async revokeByGrantId(db: Executor, grantId: string) {
    await db.delete(oidcPayloads).where(eq(oidcPayloads.grantId, grantId));
  },
  /** Everything issued to a client (grants, codes, tokens): a disabled client keeps nothing. */
  async deleteForClient(db: Executor, clientId: string) {
    await db.delete(oidcPayloads).where(sql`${oidcPayloads.payload}->>'clientId' = ${clientId}`);
  },
  /** Everything the provider keeps for an account (its sessions, grants, codes, tokens): the account signed out. */
  async deleteForAccount(db: Executor, accountId: string) {
    await db.delete(oidcPayloads).where(sql`${oidcPayloads.payload}->>'accountId' = ${accountId}`);
  },
  async sweepExpired(db: Executor, now: Date) {
    await db.delete(oidcPayloads).where(lt(oidcPayloads.expiresAt, now));
  },
  /** A client credentials token by its digest, with its client: the one statement of a bearer request. */
  async clientToken(db: Executor, digest: string) {
    const [row] = await db
      .select({ payload: oidcPayloads.payload, expiresAt: oidcPayloads.expiresAt, client: oidcClients })
      .from(oidcPayloads)
      .innerJoin(oidcClients, sql`${oidcClients.clientId} = ${oidcPayloads.payload}->>'clientId'`)
      .where(and(eq(oidcPayloads.model, 'ClientCredentials'), eq(oidcPayloads.id, digest)));
    return row;
  },
};

export const keyRepo = {
  /** Keys still published (not past their expiry), newest first: the first active one signs. */
  async published(db: Executor, now: Date) {
    return db
      .select()
      .from(oidcKeys)
      .where(or(isNull(oidcKeys.expiresAt), sql`${oidcKeys.expiresAt} > ${now}`))
      .orderBy(sql`${oidcKeys.retiredAt} IS NOT NULL`, sql`${oidcKeys.createdAt} DESC`);
  },
  async insert(db: Executor, row: typeof oidcKeys.$inferInsert) {
    await db.insert(oidcKeys).values(row);
  },
  /** Retires every active key but `keep`: they verify until `expiresAt`, they no longer sign. */
  async retireOthers(db: Executor, keep: string, at: Date, expiresAt: Date) {
    return db
      .update(oidcKeys)
      .set({ retiredAt: at, expiresAt })
      .where(and(isNull(oidcKeys.retiredAt), sql`${oidcKeys.kid} <> ${keep}`))
      .returning({ kid: oidcKeys.kid });
  },
  async deleteExpired(db: Executor, now: Date) {
    return db.delete(oidcKeys).where(lt(oidcKeys.expiresAt, now)).returning({ kid: oidcKeys.kid });
  },
};
