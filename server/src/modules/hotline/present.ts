import type { Ctx } from '../../platform/context.ts';
import { actionsFor } from './access.ts';
import type { CategoryRow, EventRow, TicketListRow, TicketPageRow, TicketRow } from './repository.ts';
import { hidesCaller, unitOf } from './ticket.ts';

/** A row of the workbench's ticket list (schemas.ts TicketListItem). */
export function presentTicketListItem(t: TicketPageRow, categories: Map<string, CategoryRow>) {
  return {
    id: t.id,
    number: t.number,
    channel: t.channel,
    kind: t.kind,
    urgency: t.urgency,
    categoryId: t.categoryId,
    categoryName: t.categoryId ? (categories.get(t.categoryId)?.name ?? null) : null,
    title: t.title,
    status: t.status,
    unit: unitOf(t),
    signDueAt: t.signDueAt?.toISOString() ?? null,
    dueDate: t.dueDate,
    dueEstimated: t.dueEstimated,
    dueAt: t.dueAt?.toISOString() ?? null,
    timeState: t.timeState,
    urgeCount: t.urgeCount,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    version: t.version,
  };
}

/** A whole ticket (schemas.ts Ticket): the list row's fields and the rest, with the actions the reader may take. */
export function presentTicket(ctx: Ctx, t: TicketListRow, categories: Map<string, CategoryRow>) {
  return {
    ...presentTicketListItem(t, categories),
    text: t.text,
    address: t.address,
    lng: t.lng,
    lat: t.lat,
    regionCode: t.regionCode,
    districtCode: t.districtCode,
    streetCode: t.streetCode,
    caller: hidesCaller(t) ? null : { phoneMasked: t.callerPhoneMasked, nameMasked: t.callerNameMasked },
    confidential: t.confidential || t.kind === 'report',
    publicConsent: t.publicConsent && !hidesCaller(t),
    publicText: t.publicText,
    signedAt: t.signedAt?.toISOString() ?? null,
    returnCount: t.returnCount,
    extensionCount: t.extensionCount,
    reopenCount: t.reopenCount,
    solved: t.solved,
    satisfaction: t.satisfaction,
    finding: t.finding ? { verdict: t.finding, respondentUscc: t.respondentUscc ?? undefined, respondentName: t.respondentName ?? undefined } : null,
    referredTo: t.referredTo,
    mergedInto: t.mergedInto,
    allowedActions: actionsFor(ctx, t),
  };
}

export const presentEvent = (e: EventRow) => ({
  id: e.id,
  action: e.action,
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
  actorName: e.actorName,
  unitName: e.unitName,
  text: e.text,
  photos: e.photos,
  data: e.data,
  createdAt: e.createdAt.toISOString(),
});

/**
 * What the caller sees of the history: the photos they sent with the request, and once the center has
 * passed it, the answer (the reply that was passed, or the direct answer; for a merged ticket the answer
 * of the ticket it was merged into) with its photos. Replies sent back and internal notes are not shown.
 */
export function callerView(ticket: Pick<TicketRow, 'status' | 'referredTo'>, events: Pick<EventRow, 'action' | 'text' | 'photos' | 'data' | 'createdAt'>[]) {
  const requestPhotos = events.find((e) => e.action === 'intake')?.photos ?? [];
  let answer: { text: string | null; photos: string[]; at: string } | null = null;
  if ((ticket.status === 'concluded' || ticket.status === 'closed') && !ticket.referredTo) {
    const last = events.filter((e) => e.action === 'reply' || e.action === 'answer' || (e.action === 'review_pass' && e.data.mergedAnswer)).at(-1);
    if (last) answer = { text: last.text, photos: last.photos, at: last.createdAt.toISOString() };
  }
  return { requestPhotos, answer };
}
