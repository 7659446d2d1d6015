import { generationCache } from '../../platform/meta/generation-cache.ts';
import { roleRepo } from './repository.ts';

/** Every role (built-in and custom), read once per auth generation: role changes bump it. */
export const allRoles = generationCache('auth', (ctx) => roleRepo.all(ctx.database.db));
