import type { z } from 'zod';
import { transact, type Ctx } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { sm3 } from '../../../platform/crypto/index.ts';
import { addWorkingMinutes, conclusionDue } from '../limits.ts';
import { limitFor } from '../reference.ts';
import { categoryRepo, ticketRepo } from '../repository.ts';
import type { FollowUpBody } from '../schemas.ts';
import { act, notifyUnit, step } from '../step.ts';
import { centerOf, reopenable, unitOf } from '../ticket.ts';

// After the answer: the caller's verdict (asked by an operator or given through the SMS link), and a reopening when unsatisfied.

export async function followUp(ctx: Ctx, id: string, body: z.infer<typeof FollowUpBody>) {
  return act(ctx, id, 'follow_up', async (t, ticket) => {
    await step(t, ticket, {
      action: 'follow_up',
      patch: { solved: body.solved, satisfaction: body.satisfaction, followedUpAt: new Date(), closedAt: new Date(), followUpTokenHash: null },
      text: body.note,
      data: { via: body.via, solved: body.solved, satisfaction: body.satisfaction },
    });
  });
}

/** The caller answers the SMS link (no sign-in: the token is the credential). */
export async function followUpByToken(ctx: Ctx, token: string, body: { solved: boolean; satisfaction: number; note?: string | null }) {
  const row = await ticketRepo.findByFollowUpHash(ctx.database.db, sm3(token));
  if (!row) throw notFound('follow_up', 'token');
  await transact(ctx, async (t) => {
    await step(t, row, {
      action: 'follow_up',
      patch: { solved: body.solved, satisfaction: body.satisfaction, followedUpAt: new Date(), closedAt: new Date(), followUpTokenHash: null },
      text: body.note,
      data: { via: 'sms', solved: body.solved, satisfaction: body.satisfaction },
    });
  });
  return { number: row.number, status: 'closed' as const };
}

/** Unsatisfied or unsolved: back to the unit that replied, once. */
export async function reopen(ctx: Ctx, id: string, reason: string) {
  return act(ctx, id, 'reopen', async (t, ticket) => {
    const check = reopenable(ticket);
    if (check !== 'ok') throw new AppError(check);
    const now = new Date();
    const limit = await limitFor(t, ticket.kind, ticket.urgency);
    const category = ticket.categoryId ? await categoryRepo.find(t.tx, ticket.categoryId) : undefined;
    const due = conclusionDue(t.calendar, now, limit, ticket.regionPath, category?.limitDays);
    const signDueAt = addWorkingMinutes(t.calendar, now, limit.signMinutes, ticket.unitRegionPath);
    await step(t, ticket, {
      action: 'reopen',
      patch: {
        reopenCount: ticket.reopenCount + 1,
        dueDate: due.date,
        dueEstimated: due.estimated,
        dueAt: due.at,
        signDueAt,
        signedAt: null,
        signedLate: null,
        repliedAt: null,
        concludedAt: null,
        concludedLate: null,
        closedAt: null,
        solved: null,
        satisfaction: null,
        followedUpAt: null,
        timeState: 'ok',
        urgeCount: 0,
        urgeDueDate: null,
        missCount: 0,
      },
      text: reason,
      eventUnit: centerOf(ticket),
      data: { previousSatisfaction: ticket.satisfaction, previousSolved: ticket.solved },
    });
    await notifyUnit(t, unitOf(ticket), 'hotline.reopened', { number: ticket.number, reason });
  });
}
