import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { caseActions, cases, certificates } from './tables.ts';
import { caseBundleMembers, caseBundles } from './bundles-tables.ts';

/** The SQL of 一件事 applications (bundles.ts, bundles-read.ts). */
export type BundleRow = typeof caseBundles.$inferSelect;
export type MemberRow = typeof caseBundleMembers.$inferSelect;

export const bundleRepo = {
  async byNo(db: Executor, bundleNo: string): Promise<BundleRow | undefined> {
    const [row] = await db.select().from(caseBundles).where(eq(caseBundles.bundleNo, bundleNo));
    return row;
  },
  /** `lock`: FOR UPDATE, so two children ending at once update the parent one after the other. */
  async byId(db: Executor, id: string, lock = false): Promise<BundleRow | undefined> {
    const q = db.select().from(caseBundles).where(eq(caseBundles.id, id));
    const [row] = lock ? await q.for('update') : await q;
    return row;
  },
  async ofApplicant(db: Executor, kind: 'person' | 'entity', id: string, limit: number): Promise<BundleRow[]> {
    return db
      .select()
      .from(caseBundles)
      .where(and(eq(caseBundles.applicantKind, kind), eq(caseBundles.applicantId, id)))
      .orderBy(desc(caseBundles.submittedAt))
      .limit(limit);
  },
  async members(db: Executor, bundleIds: string[]): Promise<MemberRow[]> {
    if (!bundleIds.length) return [];
    return db.select().from(caseBundleMembers).where(inArray(caseBundleMembers.bundleId, bundleIds)).orderBy(asc(caseBundleMembers.seq));
  },
  async memberOfCase(db: Executor, caseNo: string): Promise<MemberRow | undefined> {
    const [row] = await db.select().from(caseBundleMembers).where(eq(caseBundleMembers.caseNo, caseNo));
    return row;
  },
  async insert(db: Executor, bundle: typeof caseBundles.$inferInsert, members: (typeof caseBundleMembers.$inferInsert)[]): Promise<void> {
    await db.insert(caseBundles).values(bundle);
    await db.insert(caseBundleMembers).values(members);
  },
  async updateMember(db: Executor, bundleId: string, memberKey: string, set: Partial<typeof caseBundleMembers.$inferInsert>): Promise<void> {
    await db
      .update(caseBundleMembers)
      .set(set)
      .where(and(eq(caseBundleMembers.bundleId, bundleId), eq(caseBundleMembers.memberKey, memberKey)));
  },
  async update(db: Executor, id: string, set: Partial<typeof caseBundles.$inferInsert>): Promise<void> {
    await db.update(caseBundles).set(set).where(eq(caseBundles.id, id));
  },
  /** The certificate a case issued, if any. */
  async certificateOfCase(db: Executor, caseNo: string): Promise<string | undefined> {
    const [row] = await db.select({ identifier: certificates.identifier }).from(certificates).where(eq(certificates.caseNo, caseNo));
    return row?.identifier;
  },
  async cases(db: Executor, caseNos: string[]) {
    if (!caseNos.length) return [];
    return db.select().from(cases).where(inArray(cases.caseNo, caseNos));
  },
  /** Every action of the given cases, oldest first: one timeline. */
  async actions(db: Executor, caseIds: string[]) {
    if (!caseIds.length) return [];
    return db.select().from(caseActions).where(inArray(caseActions.caseId, caseIds)).orderBy(asc(caseActions.occurredAt), asc(caseActions.seq));
  },
};
