import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { evaluationTokens } from './tables.ts';

export type EvaluationTokenRow = typeof evaluationTokens.$inferSelect;

/** The SQL of the one-time rating links (an SMS link, a visit code); only a token's digest is stored. */
export const tokenRepo = {
  async insert(db: Executor, row: typeof evaluationTokens.$inferInsert): Promise<void> {
    await db.insert(evaluationTokens).values(row);
  },
  /** The token of this digest if it is neither used nor expired at `now`. */
  async live(db: Executor, tokenHash: string, now: Date): Promise<EvaluationTokenRow | undefined> {
    const [row] = await db
      .select()
      .from(evaluationTokens)
      .where(and(eq(evaluationTokens.tokenHash, tokenHash), isNull(evaluationTokens.usedAt), gt(evaluationTokens.expiresAt, now)));
    return row;
  },
  /** Marks the token used if it still is live; none when another request spent it first. */
  async spend(db: Executor, id: string, now: Date): Promise<EvaluationTokenRow | undefined> {
    const [spent] = await db
      .update(evaluationTokens)
      .set({ usedAt: now })
      .where(and(eq(evaluationTokens.id, id), isNull(evaluationTokens.usedAt), gt(evaluationTokens.expiresAt, now)))
      .returning();
    return spent;
  },
  async linkEvaluation(db: Executor, id: string, evaluationId: string): Promise<void> {
    await db.update(evaluationTokens).set({ evaluationId }).where(eq(evaluationTokens.id, id));
  },
};
