import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import { sm3 } from '../crypto/index.ts';
import { canonicalJson } from '../audit/chain.ts';
import { idempotencyKeys } from '../idempotency/tables.ts';
import type { Tx } from '../db/types.ts';
import type { Ctx } from '../context.ts';

export interface IdempotencyClaim {
  principal: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

/**
 * A POST that creates something may carry an Idempotency-Key. The key row is inserted inside the
 * same transaction as the creation, so a concurrent or retried request either sees it and replays
 * the first answer, or is told the first one is still in flight; never a second object.
 */
export async function checkIdempotency(request: FastifyRequest, reply: FastifyReply, ctx: Ctx): Promise<IdempotencyClaim | 'replayed' | undefined> {
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || key.length === 0) return undefined;
  if (key.length > 200) throw new AppError('request.invalid', { fields: [{ field: 'Idempotency-Key', code: 'too_big' }] });
  const principal = ctx.actor.id ?? `anonymous`;
  const path = request.routeOptions.url ?? request.url;
  const requestHash = sm3(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`);
  const [existing] = await ctx.database.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
  if (existing) {
    if (existing.requestHash !== requestHash) throw new AppError('idempotency.conflict');
    if (existing.status === null) throw new AppError('idempotency.in_progress');
    reply.header('idempotent-replayed', 'true');
    await reply.status(existing.status).send(existing.responseBody);
    return 'replayed';
  }
  return { principal, key, method: request.method, path, requestHash };
}

/** Called by transact: claims the key in the creating transaction. */
export async function claimIdempotencyKey(tx: Tx, claim: IdempotencyClaim): Promise<void> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ ...claim, status: null })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length === 0) throw new AppError('idempotency.in_progress');
}

export async function storeIdempotentResponse(ctx: Ctx, claim: IdempotencyClaim, status: number, body: unknown): Promise<void> {
  await ctx.database.db
    .update(idempotencyKeys)
    .set({ status, responseBody: body as object })
    .where(and(eq(idempotencyKeys.principal, claim.principal), eq(idempotencyKeys.key, claim.key), sql`${idempotencyKeys.status} IS NULL`));
}
