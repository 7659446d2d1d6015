import type { Ctx } from '../../platform/context.ts';
import { categoryRepo } from './repository.ts';

/** The category tree by id. */
export async function categoriesById(ctx: Ctx) {
  return new Map((await categoryRepo.all(ctx.database.db)).map((c) => [c.id, c]));
}
