import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { hotlinePermissions as P, canOnTicket, isCenter } from './policy.ts';
import { ticketRepo, type TicketListRow, type TicketRow } from './repository.ts';
import { centerOf, reopenable } from './ticket.ts';
import { allowedActions, nextStatus, type TicketAction } from './workflow.ts';

/** Who acts for an action: the center (scope = the center unit) or the unit holding the ticket. */
const centerActions: Partial<Record<TicketAction, string>> = {
  answer: P.dispatch,
  refer: P.dispatch,
  merge: P.dispatch,
  review_pass: P.review,
  send_back: P.review,
  approve_extension: P.review,
  reject_extension: P.review,
  follow_up: P.followUp,
  reopen: P.followUp,
  urge: P.urge,
  escalate: P.urge,
};
const unitActions: Partial<Record<TicketAction, string>> = {
  dispatch: P.dispatch,
  sign: P.handle,
  return: P.handle,
  request_extension: P.handle,
  reply: P.handle,
};

const centerScope = (t: TicketListRow) => {
  const center = centerOf(t);
  return { unitRegionPath: center.regionPath, unitDepartmentId: center.departmentId };
};

export function mayAct(ctx: Ctx, t: TicketListRow, action: TicketAction): boolean {
  if (action === 'reopen' && reopenable(t) !== 'ok') return false;
  if (action === 'return' && t.unitChain.length === 0) return false;
  if (action === 'escalate') return false; // the urging job escalates, not a person
  if (action === 'dispatch' && t.unitLevel === 'center') return canOnTicket(ctx.actor, P.dispatch, centerScope(t));
  if (action === 'sign' && t.unitLevel === 'center') return false;
  const c = centerActions[action];
  if (c) return action === 'urge' ? canOnTicket(ctx.actor, c, t) : canOnTicket(ctx.actor, c, centerScope(t));
  const u = unitActions[action];
  return u ? canOnTicket(ctx.actor, u, t) : false;
}

/** The actions the actor may take on the ticket now (the status allows them and the actor holds the scope). */
export const actionsFor = (ctx: Ctx, t: TicketListRow) => allowedActions(t.status).filter((a) => mayAct(ctx, t, a));

export function assertMayAct(ctx: Ctx, t: TicketRow, action: TicketAction) {
  nextStatus(t.status, action);
  if (action === 'reopen' && reopenable(t) !== 'ok') throw new AppError(reopenable(t));
  if (action === 'return' && t.unitChain.length === 0)
    throw new AppError('workflow.action_not_allowed', {
      detail: 'nothing to return to',
      extra: { currentStatus: t.status, action, allowed: actionsFor(ctx, t) },
    });
  if (!mayAct(ctx, t, action)) throw new AppError('auth.out_of_scope', { extra: { action } });
}

/** May the reader see the ticket: its holding unit is in scope, the reader is the center, or a unit that dispatched it further down. */
export function readable(ctx: Ctx, t: TicketRow): boolean {
  if (canOnTicket(ctx.actor, P.read, t)) return true;
  if (canOnTicket(ctx.actor, P.read, centerScope(t)) && isCenter(ctx.actor)) return true;
  // A unit that dispatched the ticket further down keeps seeing it.
  return t.unitChain.some((u) => canOnTicket(ctx.actor, P.read, { unitRegionPath: u.regionPath, unitDepartmentId: u.departmentId }) && u.level !== 'center');
}

/** May the actor see who called about it, when the ticket hides its caller: the center only. */
export const centerReadsReporter = (ctx: Ctx, t: TicketRow) => canOnTicket(ctx.actor, P.reporter, centerScope(t));

/** May the actor write the published text: the center's dispatchers. */
export const centerDispatches = (ctx: Ctx, t: TicketRow) => canOnTicket(ctx.actor, P.dispatch, centerScope(t));

export function assertReadable(ctx: Ctx, t: TicketRow) {
  if (!readable(ctx, t)) throw new AppError('auth.out_of_scope', { extra: { permission: P.read } });
}

export async function loadReadable(ctx: Ctx, id: string) {
  const t = await ticketRepo.find(ctx.database.db, id);
  if (!t) throw notFound('hotline_ticket', id);
  assertReadable(ctx, t);
  return t;
}
