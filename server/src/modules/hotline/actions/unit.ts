import type { z } from 'zod';
import type { Ctx } from '../../../platform/context.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { isValidUscc } from '../../../platform/validators.ts';
import { addWorkingMinutes } from '../limits.ts';
import { attachPhotos } from '../photos.ts';
import { categoriesById, limitFor } from '../reference.ts';
import { canDispatchTo, suggestTarget, unitFor } from '../routing.ts';
import type { ComplaintFinding, DispatchBody } from '../schemas.ts';
import type { TicketInsert } from '../repository.ts';
import { act, notifyUnit, step } from '../step.ts';
import { pastDue, placeOf, unitColumns, unitOf } from '../ticket.ts';

// What the unit holding a ticket does with it: pass it on (the center dispatches too), sign, return, ask for time, reply.

export async function dispatch(ctx: Ctx, id: string, body: z.infer<typeof DispatchBody>) {
  return act(ctx, id, 'dispatch', async (t, ticket) => {
    const holder = unitOf(ticket);
    const categories = await categoriesById(t);
    const target =
      body.departmentId || body.regionCode
        ? await unitFor(t, body)
        : await suggestTarget(t, holder, placeOf(ticket), ticket.categoryId ? categories.get(ticket.categoryId) : undefined);
    if (!target)
      throw new AppError('request.invalid', {
        fields: [{ field: body.departmentId ? 'departmentId' : 'regionCode', code: 'not_found' }],
        detail: 'no dispatch target',
      });
    if (!canDispatchTo(holder, target)) throw new AppError('hotline.dispatch_target', { extra: { from: holder.level, to: target.level } });
    const now = ctx.now?.() ?? new Date();
    const signDueAt = addWorkingMinutes(t.calendar, now, (await limitFor(t, ticket.kind, ticket.urgency)).signMinutes, target.regionPath);
    await step(
      t,
      ticket,
      {
        action: 'dispatch',
        patch: { ...unitColumns(target), unitChain: [...ticket.unitChain, holder], signDueAt, signedAt: null, signedLate: null, timeState: 'ok' },
        text: body.note,
        eventUnit: holder,
        data: { to: target.name, toLevel: target.level, toDepartmentId: target.departmentId, toRegionCode: target.regionCode },
      },
      body.version,
    );
    await notifyUnit(t, target, 'hotline.dispatched', { number: ticket.number, title: ticket.title, signDueAt: signDueAt.toISOString() });
  });
}

export async function sign(ctx: Ctx, id: string) {
  return act(ctx, id, 'sign', async (t, ticket) => {
    const now = new Date();
    await step(t, ticket, { action: 'sign', patch: { signedAt: now, signedLate: ticket.signDueAt ? now > ticket.signDueAt : false } });
  });
}

export async function returnTicket(ctx: Ctx, id: string, reason: string, version?: number) {
  return act(ctx, id, 'return', async (t, ticket) => {
    const previous = ticket.unitChain.at(-1);
    if (!previous)
      throw new AppError('workflow.action_not_allowed', {
        detail: 'nothing to return to',
        extra: { currentStatus: ticket.status, action: 'return', allowed: [] },
      });
    await step(
      t,
      ticket,
      {
        action: 'return',
        patch: { ...unitColumns(previous), unitChain: ticket.unitChain.slice(0, -1), returnCount: ticket.returnCount + 1, signDueAt: null, timeState: 'ok' },
        text: reason,
        data: { to: previous.name },
      },
      version,
    );
    await notifyUnit(t, previous, 'hotline.returned', { number: ticket.number, reason });
  });
}

export async function requestExtension(ctx: Ctx, id: string, days: number, reason: string, version?: number) {
  return act(ctx, id, 'request_extension', async (t, ticket) => {
    if (pastDue(ticket, new Date())) throw new AppError('hotline.extension_late');
    await step(t, ticket, { action: 'request_extension', text: reason, data: { days } }, version);
  });
}

/**
 * 答复: what was done. On a complaint or report the unit may give its finding (核查结论) and the
 * enterprise complained of; a finding on another kind of ticket, a bad USCC or a name without a USCC
 * is a 400. A later reply (after a send-back) replaces the finding. The finding is in the audit event.
 */
export async function reply(ctx: Ctx, id: string, text: string, photos: string[], version?: number, finding?: z.infer<typeof ComplaintFinding>) {
  return act(ctx, id, 'reply', async (t, ticket) => {
    const patch: Partial<TicketInsert> = { repliedAt: new Date() };
    if (finding) {
      const fields: FieldError[] = [];
      if (ticket.kind !== 'complaint' && ticket.kind !== 'report') fields.push({ field: 'finding', code: 'not_a_complaint' });
      if (finding.respondentUscc && !isValidUscc(finding.respondentUscc)) fields.push({ field: 'finding.respondentUscc', code: 'invalid' });
      if (finding.respondentUscc && !finding.respondentName) fields.push({ field: 'finding.respondentName', code: 'required' });
      if (finding.respondentName && !finding.respondentUscc) fields.push({ field: 'finding.respondentUscc', code: 'required' });
      if (fields.length) throw new AppError('request.invalid', { fields });
      Object.assign(patch, { finding: finding.verdict, respondentUscc: finding.respondentUscc ?? null, respondentName: finding.respondentName ?? null });
    }
    const data = finding ? { finding: finding.verdict, respondentUscc: finding.respondentUscc ?? null } : {};
    await step(t, ticket, { action: 'reply', patch, text, photos: await attachPhotos(t, id, photos), data }, version);
  });
}
