import { transact, type Ctx } from '../../platform/context.ts';
import { sessionsChanged } from '../../platform/auth/actor-cache.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { blindIndex } from '../../platform/crypto/index.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { normalizeIdNumber } from '../../platform/validators.ts';
import { accountRepo, entityRepo, personRepo } from './repository.ts';
import { agentRepo, type AgentRow } from './account-repository.ts';
import { realNamePerson } from './enterprises.ts';

const today = (ctx: Ctx) => shanghaiDate(ctx.now?.() ?? new Date());

/** Does an authorisation hold on `day` for `implementationCode` (or every item when none is named)? */
export function agentMayAct(agent: AgentRow | undefined, day: string, implementationCode?: string): boolean {
  if (!agent || agent.revokedAt) return false;
  if (agent.authorizedFrom && day < agent.authorizedFrom) return false;
  if (agent.authorizedUntil && day > agent.authorizedUntil) return false;
  if (implementationCode && agent.itemCodes && !agent.itemCodes.some((c) => implementationCode === c || implementationCode.endsWith(c))) return false;
  return true;
}

const presentAgent = (a: AgentRow, name: string, idNumberMasked: string, day: string) => ({
  personId: a.personId,
  name,
  idNumberMasked,
  itemCodes: a.itemCodes ?? null,
  authorizedFrom: a.authorizedFrom,
  authorizedUntil: a.authorizedUntil,
  revokedAt: a.revokedAt?.toISOString() ?? null,
  current: agentMayAct(a, day),
});

/** The enterprise, when the signed-in citizen is its legal representative (who manages its agents). */
async function asLegalRepresentative(ctx: Ctx, entityId: string) {
  const me = await realNamePerson(ctx);
  const entity = await entityRepo.byId(ctx.database.db, entityId);
  if (!entity) throw notFound('legal_entity', entityId);
  if (entity.legalRepPersonId !== me.person.id) throw new AppError('identity.not_legal_representative');
  return { ...me, entity };
}

export interface AgentGrant {
  idNumber: string;
  name: string;
  /** Implementation codes (or the item code they end with); null or absent: every item. */
  itemCodes?: string[] | null;
  authorizedFrom?: string | null;
  authorizedUntil?: string | null;
}

/**
 * 授权经办人: the legal representative authorises a citizen with an account (found by ID number,
 * the name must match) for every item or the listed ones, between two dates; granting again
 * replaces the earlier authorisation (and lifts a revocation). Audited with masks only.
 */
export async function authorizeAgent(ctx: Ctx, entityId: string, input: AgentGrant) {
  const { account, entity } = await asLegalRepresentative(ctx, entityId);
  const idNumber = normalizeIdNumber(input.idNumber);
  if (!idNumber) throw new AppError('validation.id_number', { fields: [{ field: 'idNumber', code: 'id_number' }] });
  if (input.authorizedFrom && input.authorizedUntil && input.authorizedUntil < input.authorizedFrom)
    throw new AppError('request.invalid', { fields: [{ field: 'authorizedUntil', code: 'before_effective_from' }] });
  const person = await personRepo.byIndex(ctx.database.db, blindIndex(ctx.config.secrets.dataKey, idNumber));
  if (!person || !(await accountRepo.personAccountOf(ctx.database.db, person.id)))
    throw new AppError('resource.not_found', { fields: [{ field: 'idNumber', code: 'not_found' }] });
  if (person.name !== input.name.trim()) throw new AppError('resource.conflict', { fields: [{ field: 'name', code: 'does_not_match' }] });
  return transact(ctx, async (t) => {
    const row = {
      entityId,
      personId: person.id,
      authorizedFrom: input.authorizedFrom ?? null,
      authorizedUntil: input.authorizedUntil ?? null,
      itemCodes: input.itemCodes?.length ? input.itemCodes : null,
      grantedBy: account.id,
    };
    await agentRepo.upsertAgent(t.tx, row);
    t.audit({
      action: 'legal_entity.agent_authorize',
      objectType: 'legal_entity',
      objectId: entity.id,
      summary: { personId: person.id, idNumberMasked: person.idNumberMasked, itemCodes: row.itemCodes, from: row.authorizedFrom, until: row.authorizedUntil },
    });
    return presentAgent({ ...row, revokedAt: null }, person.name, person.idNumberMasked, today(ctx));
  });
}

/** 撤销授权: at once; an agent acting for the enterprise is refused from the next action. Audited. */
export async function revokeAgent(ctx: Ctx, entityId: string, personId: string): Promise<void> {
  const { entity } = await asLegalRepresentative(ctx, entityId);
  await transact(ctx, async (t) => {
    if (!(await agentRepo.revokeAgent(t.tx, entityId, personId, ctx.now?.() ?? new Date()))) throw notFound('agent', personId);
    t.audit({ action: 'legal_entity.agent_revoke', objectType: 'legal_entity', objectId: entity.id, summary: { personId } });
  });
}

/** The enterprise's agents (for its legal representative): visible with their items, dates and revocations. */
export async function listAgents(ctx: Ctx, entityId: string) {
  await asLegalRepresentative(ctx, entityId);
  const day = today(ctx);
  return (await agentRepo.agentsOf(ctx.database.db, entityId)).map((r) => presentAgent(r.agent, r.name, r.idNumberMasked, day));
}

/** The enterprises the signed-in citizen may act for today (the header's switcher), and which one they act for now. */
export async function myEnterprises(ctx: Ctx) {
  const account = ctx.actor.id ? await accountRepo.byId(ctx.database.db, ctx.actor.id) : undefined;
  if (!account?.personId) return { actingFor: null, items: [] };
  const day = today(ctx);
  const rows = await agentRepo.enterprisesOf(ctx.database.db, account.personId);
  return {
    actingFor: ctx.actor.kind === 'entity' ? (ctx.actor.subjectId ?? null) : null,
    items: rows
      .filter((r) => agentMayAct(r.agent, day))
      .map((r) => ({
        id: r.entity.id,
        name: r.entity.name,
        uscc: r.entity.uscc,
        legalRepresentative: r.entity.legalRepPersonId === account.personId,
        itemCodes: r.agent.itemCodes ?? null,
        authorizedUntil: r.agent.authorizedUntil,
      })),
  };
}

/** 切换身份: act for an enterprise (an authorisation holding today) or, with null, as oneself, in this session. Audited. */
export async function switchActingFor(ctx: Ctx, entityId: string | null): Promise<void> {
  const account = ctx.actor.id ? await accountRepo.byId(ctx.database.db, ctx.actor.id) : undefined;
  if (!account || account.kind !== 'person' || !account.personId || !ctx.actor.sessionId) throw new AppError('auth.forbidden');
  let acting: { id: string; name: string } | null = null;
  if (entityId) {
    const agent = await agentRepo.agent(ctx.database.db, entityId, account.personId);
    if (!agentMayAct(agent, today(ctx))) throw new AppError('identity.agent_not_authorized');
    const entity = (await entityRepo.byId(ctx.database.db, entityId))!;
    acting = { id: entity.id, name: entity.name };
  }
  await transact(ctx, async (t) => {
    await agentRepo.setActing(t.tx, ctx.actor.sessionId!, acting);
    t.afterCommit(() => sessionsChanged(ctx.actor.sessionId));
    t.audit({ action: 'account.acting_for', objectType: 'account', objectId: account.id, summary: { entityId: acting?.id ?? null } });
  });
}

/**
 * At an online submit by an agent acting for an enterprise (the session's acting entity): the
 * authorisation must hold today, for this item, unrevoked; 403 `identity.agent_not_authorized`
 * otherwise. The enterprise's own legacy accounts (kind `entity`) are not agents and pass.
 */
export async function assertAgentMayApply(ctx: Ctx, implementationCode: string): Promise<void> {
  if (ctx.actor.kind !== 'entity' || !ctx.actor.subjectId || !ctx.actor.id) return;
  const account = await accountRepo.byId(ctx.database.db, ctx.actor.id);
  if (!account || account.kind !== 'person' || !account.personId) return;
  const agent = await agentRepo.agent(ctx.database.db, ctx.actor.subjectId, account.personId);
  if (!agentMayAct(agent, today(ctx), implementationCode)) throw new AppError('identity.agent_not_authorized', { extra: { implementationCode } });
}
