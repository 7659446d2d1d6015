import type { Ctx } from '../context.ts';
import type { Database } from '../db/types.ts';
import { currentGeneration, type GenerationName } from './generations.ts';

/**
 * Reference data (roles, regions, departments) read by many requests and changed rarely, kept per
 * database handle for one generation of `name`: a request with a warm cache reads it for free (the
 * generation came with its session statement), a change anywhere bumps the generation and the next
 * request loads it again. Inside a transaction the cache is bypassed: the transaction may have
 * changed the data, and it must read its own writes.
 */
export function generationCache<T>(name: GenerationName, load: (ctx: Ctx) => Promise<T>): (ctx: Ctx) => Promise<T> {
  const copies = new WeakMap<Database, { generation: number; value: Promise<T> }>();
  return async (ctx) => {
    if ('tx' in ctx) return load(ctx);
    const generation = await currentGeneration(ctx, name);
    const copy = copies.get(ctx.database);
    if (copy && copy.generation === generation) return copy.value;
    const value = load(ctx);
    copies.set(ctx.database, { generation, value });
    value.catch(() => {
      if (copies.get(ctx.database)?.value === value) copies.delete(ctx.database);
    });
    return value;
  };
}
