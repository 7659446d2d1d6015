import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { isValidUscc } from '../../platform/validators.ts';
import { accountRepo, personRepo } from './repository.ts';
import { agentRepo } from './account-repository.ts';
import { assuranceRank } from './real-name.ts';
import './account-policy.ts';
import { assertAdapterUsable } from './simulated-adapters.ts';

/** What the market regulation register (or the 电子营业执照) says of an enterprise. */
export interface RegisteredEnterprise {
  name: string;
  entityType: string;
  legalRepresentative: string;
}
/** The adapter standing for the market regulation register / 电子营业执照 (docs/identity.md). */
export interface MarketRegister {
  name: string;
  lookup(uscc: string, asked: { name: string; legalRepresentative: string }): Promise<RegisteredEnterprise | undefined>;
}

/**
 * The simulated register (docs/identity.md): knows every valid USCC whose 17-character body does not
 * end in 0000, under the name asked, with the asking person as its legal representative — except
 * an enterprise already on file here under another legal representative (checked by the use case).
 */
export const simulatedMarketRegister: MarketRegister = {
  name: 'simulated',
  async lookup(uscc, asked) {
    if (uscc.slice(13, 17) === '0000') return undefined;
    return { name: asked.name, entityType: '有限责任公司', legalRepresentative: asked.legalRepresentative };
  },
};
let register: MarketRegister = simulatedMarketRegister;
export function useMarketRegister(r: MarketRegister): void {
  register = r;
}

/** The signed-in citizen's account and person, at least real-name verified (who may open or manage an enterprise). */
export async function realNamePerson(ctx: Ctx) {
  const account = ctx.actor.id ? await accountRepo.byId(ctx.database.db, ctx.actor.id) : undefined;
  if (!account || account.kind !== 'person' || !account.personId) throw new AppError('auth.forbidden');
  if (assuranceRank(account.assuranceLevel) < assuranceRank('real_name'))
    throw new AppError('identity.assurance_required', { extra: { currentLevel: account.assuranceLevel, requiredLevel: 'real_name' } });
  const person = (await personRepo.byId(ctx.database.db, account.personId))!;
  return { account, person };
}

/**
 * 法人开户: the legal representative (a real-name verified citizen) opens the enterprise account:
 * the USCC passes the GB 32100 check and the market register confirms the enterprise with them as
 * its legal representative. The enterprise is created (or, when already on file under the same
 * legal representative, linked), and the legal representative becomes its agent for every item
 * without end. Audited.
 */
export async function openEnterprise(ctx: Ctx, input: { uscc: string; name: string }) {
  const uscc = input.uscc.trim().toUpperCase();
  if (!isValidUscc(uscc)) throw new AppError('validation.uscc', { fields: [{ field: 'uscc', code: 'uscc' }] });
  const { account, person } = await realNamePerson(ctx);
  assertAdapterUsable(ctx.config, register.name);
  const found = await register.lookup(uscc, { name: input.name.trim(), legalRepresentative: person.name });
  if (!found) throw new AppError('identity.enterprise_not_registered', { fields: [{ field: 'uscc', code: 'not_found' }] });
  if (found.legalRepresentative !== person.name)
    throw new AppError('identity.not_legal_representative', { fields: [{ field: 'uscc', code: 'not_legal_representative' }] });
  return transact(ctx, async (t) => {
    const existing = await agentRepo.entityByUscc(t.tx, uscc);
    if (existing && (existing.legalRepresentative !== person.name || (existing.legalRepPersonId && existing.legalRepPersonId !== person.id)))
      throw new AppError('identity.not_legal_representative', { fields: [{ field: 'uscc', code: 'not_legal_representative' }] });
    const entityId = existing?.id ?? newId();
    if (existing) await agentRepo.updateEntity(t.tx, entityId, { legalRepPersonId: person.id });
    else
      await agentRepo.insertEntity(t.tx, {
        id: entityId,
        name: found.name,
        uscc,
        entityType: found.entityType,
        legalRepresentative: found.legalRepresentative,
        legalRepPersonId: person.id,
      });
    await agentRepo.upsertAgent(t.tx, { entityId, personId: person.id, authorizedFrom: null, authorizedUntil: null, itemCodes: null, grantedBy: account.id });
    t.audit({
      action: 'legal_entity.open',
      objectType: 'legal_entity',
      objectId: entityId,
      summary: { uscc, name: existing?.name ?? found.name, legalRepPersonId: person.id, register: register.name, existed: !!existing },
    });
    return { id: entityId, name: existing?.name ?? found.name, uscc, legalRepresentative: found.legalRepresentative };
  });
}
