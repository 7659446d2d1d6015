import type { FastifyReply, FastifyRequest } from 'fastify';
import { transact } from '../../platform/context.ts';
import { resolveActor, SESSION_COOKIE } from '../identity/index.ts';
import { providerFor } from './provider.ts';

/**
 * The provider sends the browser here to sign in and consent. yiwang's own session is the sign-in:
 * without one the browser goes to the login page and comes back; with one, the scopes and claims
 * the client asks for (only those it is registered for: the provider filters them) are granted,
 * the consent is recorded (the Grant, and an audit event), and the browser returns to the provider.
 */
export async function interaction(request: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) {
  const ctx = request.ctx;
  const { provider } = await providerFor(ctx);
  const details = await provider.interactionDetails(request.raw, reply.raw);
  const token = request.cookies[SESSION_COOKIE];
  const actor = token ? await resolveActor(ctx, token) : undefined;
  if (!actor || !actor.id || actor.mustChangePassword) {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
  }
  const clientId = String(details.params.client_id);
  const grant = details.grantId
    ? ((await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId: actor.id, clientId }))
    : new provider.Grant({ accountId: actor.id, clientId });
  const missing = (details.prompt.details ?? {}) as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  await transact({ ...ctx, actor }, async (t) => {
    t.audit({
      action: 'oidc.consent',
      objectType: 'oidc_client',
      objectId: clientId,
      summary: { scopes: missing.missingOIDCScope ?? [], prompt: details.prompt.name },
    });
  });
  const to = await provider.interactionResult(
    request.raw,
    reply.raw,
    { login: { accountId: actor.id, amr: ['pwd'] }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
  return reply.redirect(to);
}
