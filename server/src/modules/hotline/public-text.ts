import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { centerDispatches } from './access.ts';
import { hotlinePermissions as P } from './policy.ts';
import { getTicket } from './read.ts';
import { ticketRepo } from './repository.ts';
import { event } from './step.ts';
import { centerOf, hidesCaller } from './ticket.ts';

/**
 * The text published under Open311 for a request whose caller agreed to publish it: written or
 * reviewed by a hotline operator at the center (the caller's own text is never published). null
 * withdraws it. Not a status change: recorded on the history and audited.
 */
export async function setPublicText(ctx: Ctx, id: string, text: string | null, version?: number) {
  await transact(ctx, async (t) => {
    const ticket = await ticketRepo.find(t.tx, id);
    if (!ticket) throw notFound('hotline_ticket', id);
    if (!centerDispatches(t, ticket)) throw new AppError('auth.out_of_scope', { extra: { permission: P.dispatch } });
    if (!ticket.publicConsent || hidesCaller(ticket)) throw new AppError('hotline.not_public');
    if (version !== undefined && version !== ticket.version) throw new AppError('resource.stale');
    const updated = await ticketRepo.update(t.tx, id, ticket.version, {
      publicText: text,
      publicTextBy: text === null ? null : t.actor.id,
      publicTextAt: text === null ? null : new Date(),
    });
    if (!updated) throw new AppError('resource.stale');
    await ticketRepo.insertEvents(t.tx, [event(t, id, 'public_text', ticket.status, ticket.status, { unit: centerOf(ticket), text })]);
    t.audit({ action: 'hotline.ticket.public_text', objectType: 'hotline_ticket', objectId: id, summary: { number: ticket.number, published: text !== null } });
  });
  return getTicket(ctx, id);
}
