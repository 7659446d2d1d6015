import { and, asc, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { dataProofs as proofs, type proofDispositions } from './tables.ts';

export type ProofRow = typeof proofs.$inferSelect;
export type ProofInsert = typeof proofs.$inferInsert;

/** 证明事项清单. */
export const proofRepo = {
  async find(db: Executor, id: string): Promise<ProofRow | undefined> {
    const [row] = await db.select().from(proofs).where(eq(proofs.id, id));
    return row;
  },
  async byItemAndName(db: Executor, itemName: string, proofName: string): Promise<ProofRow | undefined> {
    const [row] = await db
      .select()
      .from(proofs)
      .where(and(eq(proofs.itemName, itemName), eq(proofs.proofName, proofName)));
    return row;
  },
  /** The entries of one item for these proof names (one statement). */
  async ofItem(db: Executor, itemName: string, proofNames: string[]): Promise<ProofRow[]> {
    if (!proofNames.length) return [];
    return db
      .select()
      .from(proofs)
      .where(and(eq(proofs.itemName, itemName), inArray(proofs.proofName, proofNames)));
  },
  /** The entries for any of these items and proofs (one statement; the caller keeps the pairs it asked for). */
  async ofItems(db: Executor, itemNames: string[], proofNames: string[]): Promise<ProofRow[]> {
    if (!itemNames.length || !proofNames.length) return [];
    return db
      .select()
      .from(proofs)
      .where(and(inArray(proofs.itemName, itemNames), inArray(proofs.proofName, proofNames)));
  },
  async page(db: Executor, q: { page: number; pageSize: number; q?: string; disposition?: (typeof proofDispositions)[number] }) {
    const conds: SQL[] = [];
    if (q.q) conds.push(or(ilike(proofs.itemName, `%${q.q}%`), ilike(proofs.proofName, `%${q.q}%`))!);
    if (q.disposition) conds.push(eq(proofs.disposition, q.disposition));
    const where = conds.length ? and(...conds) : undefined;
    const [rows, [total]] = await Promise.all([
      db.select().from(proofs).where(where).orderBy(asc(proofs.itemName), asc(proofs.proofName)).limit(q.pageSize).offset(offsetOf(q)),
      db.select({ n: count() }).from(proofs).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
  async insert(db: Executor, row: ProofInsert): Promise<void> {
    await db.insert(proofs).values(row);
  },
  async update(db: Executor, id: string, set: Partial<ProofInsert>): Promise<void> {
    await db.update(proofs).set(set).where(eq(proofs.id, id));
  },
  async remove(db: Executor, id: string): Promise<void> {
    await db.delete(proofs).where(eq(proofs.id, id));
  },
};
