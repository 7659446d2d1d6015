import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { blindIndex, openPersonal } from '../../platform/crypto/index.ts';
import { assertReadable, centerReadsReporter, loadReadable, readable } from './access.ts';
import { hotlinePermissions as P, isCenter } from './policy.ts';
import { ticketPhoto } from './photos.ts';
import { callerView, presentEvent, presentTicket } from './present.ts';
import { categoriesById } from './reference.ts';
import { ticketRepo, type TicketRow } from './repository.ts';
import { suggestTarget } from './routing.ts';
import { hidesCaller, maskPhone, placeOf, unitOf } from './ticket.ts';

/** One ticket with its history, merged tickets and (while it can still be dispatched) the suggested unit. */
export async function getTicket(ctx: Ctx, id: string, opts: { acted?: boolean } = {}) {
  const [{ ticket: t, merged: children }, events, categories] = await Promise.all([
    ticketRepo.withMerged(ctx.database.db, id),
    ticketRepo.events(ctx.database.db, id),
    categoriesById(ctx),
  ]);
  if (!t) throw notFound('hotline_ticket', id);
  // The actor who just acted on it sees the answer even when the ticket left their scope (returned, dispatched on).
  if (!opts.acted) assertReadable(ctx, t);
  const suggested =
    t.status === 'new' || t.status === 'dispatched' || t.status === 'returned' || t.status === 'signed'
      ? await suggestTarget(ctx, unitOf(t), placeOf(t), t.categoryId ? categories.get(t.categoryId) : undefined)
      : undefined;
  return {
    ...presentTicket(ctx, t, categories),
    events: events.map(presentEvent),
    suggestedTarget: suggested ?? null,
    mergedTickets: children.map((c) => ({ id: c.id, number: c.number })),
  };
}

/** A photo the caller may see on their own request (see callerView); anything else is a 404. */
export async function myPhoto(ctx: Ctx, id: string, fileId: string) {
  const personId = ctx.actor.kind === 'person' ? ctx.actor.subjectId : undefined;
  const t = await ticketRepo.find(ctx.database.db, id);
  if (!t || !personId || t.personId !== personId) throw notFound('hotline_ticket', id);
  const view = callerView(t, await ticketRepo.events(ctx.database.db, id));
  if (!view.requestPhotos.includes(fileId) && !view.answer?.photos.includes(fileId)) throw notFound('file', fileId);
  return ticketPhoto(ctx, t, fileId);
}

/**
 * A caller's earlier tickets, for the operator taking the call: only those the operator may read (the
 * same rule as opening one), and reports or confidential tickets only for the center, since finding
 * one by the phone number would name its reporter.
 */
export async function callerTickets(ctx: Ctx, phone: string) {
  const found = await ticketRepo.byPhoneIndex(ctx.database.db, blindIndex(ctx.config.secrets.dataKey, phone), 200);
  const rows = found.filter((r: TicketRow) => readable(ctx, r) && (!hidesCaller(r) || centerReadsReporter(ctx, r))).slice(0, 50);
  const categories = await categoriesById(ctx);
  await transact(ctx, async (t) => {
    t.audit({ action: 'hotline.caller.lookup', objectType: 'hotline_caller', objectId: maskPhone(phone), summary: { found: rows.length } });
  });
  return rows.map((r) => presentTicket(ctx, r, categories));
}

/** A photo on a ticket's history, for a reader of the ticket. */
export async function photoOf(ctx: Ctx, id: string, fileId: string) {
  return ticketPhoto(ctx, await loadReadable(ctx, id), fileId);
}

/** The full caller identity: for reports only the center; every reading is audited. */
export async function revealCaller(ctx: Ctx, id: string) {
  const t = await loadReadable(ctx, id);
  if (hidesCaller(t) && !isCenter(ctx.actor)) throw new AppError('auth.forbidden', { extra: { permission: P.reporter } });
  const key = ctx.config.secrets.dataKey;
  return transact(ctx, async (tx) => {
    tx.audit({
      action: 'hotline.caller.read',
      objectType: 'hotline_ticket',
      objectId: id,
      summary: { number: t.number, kind: t.kind, confidential: hidesCaller(t) },
    });
    return {
      phone: t.callerPhoneSealed ? openPersonal(key, t.callerPhoneSealed) : null,
      name: t.callerNameSealed ? openPersonal(key, t.callerNameSealed) : null,
      personId: t.personId,
    };
  });
}
