import type { Ctx, TxCtx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { openPersonal, randomToken, sm3 } from '../../../platform/crypto/index.ts';
import { shanghaiDate } from '../../../platform/calendar/engine.ts';
import { enqueueNotification } from '../../../platform/outbox/index.ts';
import { addWorkingMinutes, WORKING_DAY_MINUTES } from '../limits.ts';
import { ticketRepo, type TicketInsert, type TicketRow } from '../repository.ts';
import { act, notifyUnit, step } from '../step.ts';
import { centerOf, pastDue, unitOf } from '../ticket.ts';

declare module '../../../platform/context.ts' {
  interface DomainEvents {
    /**
     * A complaint or report against an enterprise found true (属实) by the handling unit, concluded by the
     * center: a record of the enterprise's credit file. Published in the transaction that concluded it.
     */
    'hotline.complaint.substantiated': {
      ticketId: string;
      number: string;
      kind: string;
      title: string;
      uscc: string;
      name: string;
      concludedOn: string;
      unitName: string;
      regionPath: string;
    };
  }
}

// What the center decides on a unit's work: an extension asked for, a reply (passed, or sent back).

export async function decideExtension(ctx: Ctx, id: string, approve: boolean, note?: string | null, version?: number) {
  return act(ctx, id, approve ? 'approve_extension' : 'reject_extension', async (t, ticket) => {
    const events = await ticketRepo.events(t.tx, id);
    const req = events.filter((e) => e.action === 'request_extension').at(-1);
    const days = Number(req?.data.days ?? 0);
    const patch: Partial<TicketInsert> = {};
    if (approve && ticket.dueDate) {
      if (pastDue(ticket, new Date())) throw new AppError('hotline.extension_late');
      if (ticket.dueAt) {
        // A limit in working hours moves by the same number of working days' hours.
        const at = addWorkingMinutes(t.calendar, ticket.dueAt, days * WORKING_DAY_MINUTES, ticket.regionPath);
        const date = shanghaiDate(at);
        Object.assign(patch, { dueAt: at, dueDate: date, dueEstimated: t.calendar.yearStatus(Number(date.slice(0, 4))) === 'estimated' });
      } else {
        const due = t.calendar.addWorkingDays(ticket.dueDate, days, ticket.regionPath);
        Object.assign(patch, { dueDate: due.date, dueEstimated: due.estimated });
      }
      Object.assign(patch, { extensionCount: ticket.extensionCount + 1, timeState: 'ok' as const });
    }
    await step(
      t,
      ticket,
      {
        action: approve ? 'approve_extension' : 'reject_extension',
        patch,
        text: note,
        eventUnit: centerOf(ticket),
        data: approve ? { days, dueDate: patch.dueDate } : {},
      },
      version,
    );
  });
}

export async function review(ctx: Ctx, id: string, pass: boolean, note?: string | null, version?: number) {
  return act(ctx, id, pass ? 'review_pass' : 'send_back', async (t, ticket) => {
    if (!pass) {
      if (!note) throw new AppError('request.invalid', { fields: [{ field: 'note', code: 'required' }] });
      await step(t, ticket, { action: 'send_back', text: note, eventUnit: centerOf(ticket) }, version);
      await notifyUnit(t, unitOf(ticket), 'hotline.sent_back', { number: ticket.number, note });
      return;
    }
    await conclude(t, ticket, note);
    // Merged tickets are answered together with the one they were merged into.
    const events = await ticketRepo.events(t.tx, id);
    const answer = events.filter((e) => e.action === 'reply').at(-1);
    for (const child of await ticketRepo.mergedChildren(t.tx, id)) {
      if (child.status !== 'merged') continue;
      await conclude(t, child, note, { text: answer?.text ?? null, photos: answer?.photos ?? [], repliedAt: ticket.repliedAt });
    }
  });
}

async function conclude(t: TxCtx, ticket: TicketRow, note?: string | null, inherited?: { text: string | null; photos: string[]; repliedAt: Date | null }) {
  const now = new Date();
  const repliedAt = inherited?.repliedAt ?? ticket.repliedAt ?? now;
  const late = pastDue(ticket, repliedAt);
  const token = randomToken(16);
  await step(t, ticket, {
    action: 'review_pass',
    patch: { concludedAt: now, concludedLate: late, repliedAt, followUpTokenHash: sm3(token) },
    text: inherited?.text ?? note,
    photos: inherited?.photos,
    eventUnit: centerOf(ticket),
    data: inherited ? { mergedAnswer: true } : {},
  });
  if (!inherited && ticket.finding === 'substantiated' && ticket.respondentUscc && ticket.respondentName)
    await t.publish('hotline.complaint.substantiated', {
      ticketId: ticket.id,
      number: ticket.number,
      kind: ticket.kind,
      title: ticket.title,
      uscc: ticket.respondentUscc,
      name: ticket.respondentName,
      concludedOn: t.calendar.today(),
      unitName: ticket.unitName,
      regionPath: ticket.unitRegionPath,
    });
  if (ticket.callerPhoneSealed) {
    await enqueueNotification(t.tx, {
      channel: 'sms',
      recipientKind: 'phone',
      recipientId: ticket.callerPhoneIndex ?? ticket.id,
      address: openPersonal(t.config.secrets.dataKey, ticket.callerPhoneSealed),
      template: 'hotline.follow_up',
      params: {
        number: ticket.number,
        link: `/hotline/follow-up/${token}`,
        // The gateway sends `text` as is; carriers with registered templates use the params.
        text: `【12345】您反映的问题（工单号${ticket.number}）已办理答复，请打开 ${(t.config.PUBLIC_URL ?? '').replace(/\/$/, '')}/hotline/follow-up/${token} 评价是否解决、是否满意。`,
      },
    });
  }
}
