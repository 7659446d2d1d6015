import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { shanghaiDate } from '../../../platform/calendar/engine.ts';
import { ticketRepo } from '../repository.ts';
import { act, event, notifyUnit, step } from '../step.ts';
import { unitOf } from '../ticket.ts';

// What the center does with a ticket without a unit: answer it, refer it elsewhere, merge it, urge the unit.

export async function answerDirectly(ctx: Ctx, id: string, text: string, knowledgeId?: string | null) {
  return act(ctx, id, 'answer', async (t, ticket) => {
    const now = new Date();
    await step(t, ticket, {
      action: 'answer',
      patch: { directAnswer: true, repliedAt: now, concludedAt: now, concludedLate: false, closedAt: now },
      text,
      data: knowledgeId ? { knowledgeId } : {},
    });
  });
}

export async function refer(ctx: Ctx, id: string, referTo: string, reason: string) {
  return act(ctx, id, 'refer', async (t, ticket) => {
    await step(t, ticket, {
      action: 'refer',
      patch: { referredTo: referTo, closedAt: new Date(), dueDate: null, dueAt: null },
      text: reason,
      data: { referTo },
    });
  });
}

export async function merge(ctx: Ctx, id: string, intoId: string) {
  return act(ctx, id, 'merge', async (t, ticket) => {
    const into = await ticketRepo.find(t.tx, intoId);
    if (
      !into ||
      into.id === id ||
      into.status === 'merged' ||
      ['closed', 'referred', 'concluded'].includes(into.status) ||
      into.categoryId !== ticket.categoryId
    ) {
      throw new AppError('hotline.merge_invalid');
    }
    await step(t, ticket, { action: 'merge', patch: { mergedInto: into.id }, data: { into: into.number } });
    await ticketRepo.insertEvents(t.tx, [event(t, into.id, 'merged_in', into.status, into.status, { unit: unitOf(into), data: { from: ticket.number } })]);
  });
}

/** 督办: recorded on the ticket, the unit notified, with a day to respond; a second miss escalates. */
export async function urge(ctx: Ctx, id: string, note: string, respondWithinDays: number) {
  return act(ctx, id, 'urge', async (t, ticket) => {
    const respondBy = t.calendar.addWorkingDays(shanghaiDate(), respondWithinDays, ticket.regionPath).date;
    await step(t, ticket, { action: 'urge', patch: { urgeCount: ticket.urgeCount + 1, urgeDueDate: respondBy }, text: note, data: { respondBy } });
    await notifyUnit(t, unitOf(ticket), 'hotline.urged', { number: ticket.number, note, respondBy });
  });
}
