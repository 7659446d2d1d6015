import { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { consentRepo } from './consent-repository.ts';

/**
 * The holder's consent to departments reading their certificates of a type that needs it (a model:
 * the type list says which; the holder grants or revokes on 账号与安全). Revoking keeps the history.
 */
export const ConsentSet = z.object({ certificateType: z.string().trim().min(1).max(60), granted: z.boolean() });
export const Consent = z.object({
  certificateType: z.string(),
  legalBasis: z.string().describe('why the law asks for consent'),
  granted: z.boolean(),
  grantedAt: z.string().nullable(),
});

function holderOf(ctx: Ctx): { kind: 'person' | 'entity'; id: string } {
  const a = ctx.actor;
  if ((a.kind !== 'person' && a.kind !== 'entity') || !a.subjectId) throw new AppError('auth.forbidden');
  return { kind: a.kind, id: a.subjectId };
}

/** Every certificate type that needs consent, with the signed-in holder's consent. */
export async function myConsents(ctx: Ctx) {
  const holder = holderOf(ctx);
  const [types, active] = await Promise.all([consentRepo.typesNeedingConsent(ctx.database.db), consentRepo.active(ctx.database.db, holder)]);
  const by = new Map(active.map((c) => [c.certificateType, c]));
  return types.map((t) => ({
    certificateType: t.name,
    legalBasis: t.legalBasis,
    granted: by.has(t.name),
    grantedAt: by.get(t.name)?.grantedAt.toISOString() ?? null,
  }));
}

/** Grants or revokes consent for one type (audited; a repeat changes nothing). */
export async function setConsent(ctx: Ctx, input: z.infer<typeof ConsentSet>) {
  const holder = holderOf(ctx);
  const now = ctx.now?.() ?? new Date();
  await transact(ctx, async (t) => {
    const type = await consentRepo.type(t.tx, input.certificateType);
    if (!type?.consentRequired) throw new AppError('data.consent_not_needed', { extra: { certificateType: input.certificateType } });
    const current = await consentRepo.activeOf(t.tx, holder, input.certificateType);
    if (input.granted && !current)
      await consentRepo.insert(t.tx, { id: newId(), holderKind: holder.kind, holderId: holder.id, certificateType: type.name, grantedAt: now });
    else if (!input.granted && current) await consentRepo.revoke(t.tx, current.id, now);
    else return;
    t.audit({
      action: input.granted ? 'data.consent.grant' : 'data.consent.revoke',
      objectType: 'data_certificate_consent',
      objectId: `${holder.kind}:${holder.id}:${type.name}`,
      summary: { certificateType: type.name },
    });
  });
  return myConsents(ctx);
}
