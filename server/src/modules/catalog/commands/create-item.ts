import type { z } from 'zod';
import { newId } from '../../../platform/db/index.ts';
import { transact, type Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { holdsCityWide } from '../../../platform/auth/city-wide.ts';
import { findItem, insertItem } from '../repository.ts';
import { catalogPermissions as P } from '../policy.ts';
import type { ItemCreate } from '../schemas.ts';

/** Adds a base catalog item: the base catalog serves the whole city, so only a city-wide reviewer does. */
export async function createItem(ctx: Ctx, input: z.infer<typeof ItemCreate>) {
  return transact(ctx, async (t) => {
    if (!holdsCityWide(t.actor, P.review)) throw new AppError('auth.out_of_scope', { extra: { permission: P.review } });
    if (await findItem(t.tx, input.baseCode)) throw new AppError('resource.conflict', { fields: [{ field: 'baseCode', code: 'duplicate' }] });
    await insertItem(t.tx, { id: newId(), ...input });
    t.audit({ action: 'catalog.item.create', objectType: 'catalog_item', objectId: input.baseCode, summary: { after: input } });
    return input;
  });
}
