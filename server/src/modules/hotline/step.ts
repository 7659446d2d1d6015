import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/db/index.ts';
import { enqueueNotification } from '../../platform/outbox/index.ts';
import { assertMayAct } from './access.ts';
import { getTicket } from './read.ts';
import { ticketRepo, type EventInsert, type TicketInsert, type TicketRow } from './repository.ts';
import type { TicketUnit } from './tables.ts';
import { unitOf } from './ticket.ts';
import { nextStatus, type TicketAction, type TicketStatus } from './workflow.ts';

const isStaffish = (t: Ctx) => t.actor.kind === 'staff' || t.actor.kind === 'system';

/** A line of the ticket's history. */
export function event(
  t: TxCtx,
  ticketId: string,
  action: string,
  from: TicketStatus | null,
  to: TicketStatus | null,
  o: { unit?: TicketUnit; text?: string | null; photos?: string[]; data?: Record<string, unknown> } = {},
): EventInsert {
  return {
    id: newId(),
    ticketId,
    action,
    fromStatus: from,
    toStatus: to,
    // Callers (people, enterprises, anonymous, 311 apps) are never named on the ticket's history.
    actorId: isStaffish(t) ? t.actor.id : null,
    actorName: isStaffish(t) ? t.actor.name : '来电人',
    unitDepartmentId: o.unit?.departmentId ?? null,
    unitRegionCode: o.unit?.regionCode ?? null,
    unitName: o.unit?.name ?? null,
    text: o.text ?? null,
    photos: o.photos ?? [],
    data: o.data ?? {},
  };
}

export interface Step {
  action: TicketAction;
  patch?: Partial<TicketInsert>;
  text?: string | null;
  photos?: string[];
  data?: Record<string, unknown>;
  /** The unit recorded on the event (default: the unit holding the ticket before the step). */
  eventUnit?: TicketUnit;
}

/** The one way a ticket changes status: the workflow table decides, the row, its history and the audit follow together. */
export async function step(t: TxCtx, ticket: TicketRow, s: Step, version?: number) {
  const to = nextStatus(ticket.status, s.action);
  if (version !== undefined && version !== ticket.version) throw new AppError('resource.stale');
  const updated = await ticketRepo.update(t.tx, ticket.id, ticket.version, { status: to, ...s.patch });
  if (!updated) throw new AppError('resource.stale');
  await ticketRepo.insertEvents(t.tx, [
    event(t, ticket.id, s.action, ticket.status, to, { unit: s.eventUnit ?? unitOf(ticket), text: s.text, photos: s.photos, data: s.data }),
  ]);
  t.audit({
    action: `hotline.ticket.${s.action}`,
    objectType: 'hotline_ticket',
    objectId: ticket.id,
    summary: { number: ticket.number, from: ticket.status, to, ...(s.data ?? {}) },
  });
  return updated;
}

/** A person's action on a ticket: loaded in the transaction, checked against the workflow and their scope, then answered as they now see it. */
export async function act(ctx: Ctx, id: string, action: TicketAction, fn: (t: TxCtx, ticket: TicketRow) => Promise<TicketRow | void>) {
  await ctx.calendar.refresh();
  await transact(ctx, async (t) => {
    const ticket = await ticketRepo.find(t.tx, id);
    if (!ticket) throw notFound('hotline_ticket', id);
    assertMayAct(t, ticket, action);
    await fn(t, ticket);
  });
  // The actor just acted on it (a unit that returned or dispatched it may no longer hold it).
  return getTicket(ctx, id, { acted: true });
}

export async function notifyUnit(t: TxCtx, unit: TicketUnit, template: string, params: Record<string, unknown>) {
  await enqueueNotification(t.tx, { channel: 'site', recipientKind: 'staff', recipientId: `unit:${unit.departmentId ?? unit.regionCode}`, template, params });
}
