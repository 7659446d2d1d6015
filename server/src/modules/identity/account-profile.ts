import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { accountRepo, personRepo } from './repository.ts';

/** 我的账户: what the account page shows (masks only). */
export async function getProfile(ctx: Ctx) {
  const account = ctx.actor.id ? await accountRepo.byId(ctx.database.db, ctx.actor.id) : undefined;
  if (!account) throw new AppError('auth.required');
  const person = account.personId ? await personRepo.byId(ctx.database.db, account.personId) : undefined;
  return {
    accountId: account.id,
    username: account.username,
    kind: account.kind,
    assuranceLevel: account.assuranceLevel,
    createdAt: account.createdAt.toISOString(),
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    person: person
      ? {
          id: person.id,
          name: person.name,
          idNumberMasked: person.idNumberMasked,
          phoneMasked: person.phoneMasked,
          verifiedAt: person.verifiedAt?.toISOString() ?? null,
        }
      : null,
  };
}
