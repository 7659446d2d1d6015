import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { dataCertificateConsents as consents, dataCertificateTypes as types } from './tables.ts';

export type CertificateTypeRow = typeof types.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
type Holder = { kind: 'person' | 'entity'; id: string };

/** Certificate types that need the holder's consent, and the holders' consents. */
export const consentRepo = {
  async type(db: Executor, name: string): Promise<CertificateTypeRow | undefined> {
    const [row] = await db.select().from(types).where(eq(types.name, name));
    return row;
  },
  async typesNeedingConsent(db: Executor): Promise<CertificateTypeRow[]> {
    return db.select().from(types).where(eq(types.consentRequired, true)).orderBy(asc(types.name));
  },
  async upsertType(db: Executor, row: CertificateTypeRow): Promise<void> {
    await db
      .insert(types)
      .values(row)
      .onConflictDoUpdate({ target: types.name, set: { consentRequired: row.consentRequired, legalBasis: row.legalBasis } });
  },
  /** The holder's consents in force (not revoked). */
  async active(db: Executor, holder: Holder): Promise<ConsentRow[]> {
    return db
      .select()
      .from(consents)
      .where(and(eq(consents.holderKind, holder.kind), eq(consents.holderId, holder.id), isNull(consents.revokedAt)));
  },
  async activeOf(db: Executor, holder: Holder, certificateType: string): Promise<ConsentRow | undefined> {
    const [row] = await db
      .select()
      .from(consents)
      .where(
        and(eq(consents.holderKind, holder.kind), eq(consents.holderId, holder.id), eq(consents.certificateType, certificateType), isNull(consents.revokedAt)),
      );
    return row;
  },
  async insert(db: Executor, row: typeof consents.$inferInsert): Promise<void> {
    await db.insert(consents).values(row);
  },
  async revoke(db: Executor, id: string, at: Date): Promise<void> {
    await db.update(consents).set({ revokedAt: at }).where(eq(consents.id, id));
  },
};
