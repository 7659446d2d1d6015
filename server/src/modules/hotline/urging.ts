import { transact, type Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/calendar/engine.ts';
import { getDepartment } from '../org/index.ts';
import { ticketRepo, type TicketInsert } from './repository.ts';
import { centerUnit, districtUnit, unitFor } from './routing.ts';
import { event, notifyUnit } from './step.ts';
import type { TicketUnit } from './tables.ts';
import { pastDue, unitOf } from './ticket.ts';
import { openStatuses } from './workflow.ts';

/**
 * Marks open tickets near (due today or sign due within the hour) and past their limits. A passed
 * conclusion limit is a first miss; a passed urge deadline after it a second, which escalates to the
 * unit's superior (the parent department, or for a street the district unit).
 */
export async function runUrging(ctx: Ctx, now = new Date()) {
  const today = shanghaiDate(now);
  const rows = await ticketRepo.inStatuses(ctx.database.db, [...openStatuses]);
  let marked = 0;
  let escalated = 0;
  for (const ticket of rows) {
    const signOverdue = !ticket.signedAt && ticket.signDueAt && ticket.status === 'dispatched' && ticket.signDueAt < now;
    const dueOverdue = pastDue(ticket, now);
    // Near: due today (a limit in days) or within the hour (a limit in working hours), or sign due within 30 minutes.
    const dueNear = ticket.dueAt ? ticket.dueAt.getTime() - now.getTime() < 60 * 60_000 : ticket.dueDate === today;
    const near =
      !dueOverdue &&
      !signOverdue &&
      (dueNear || (ticket.status === 'dispatched' && ticket.signDueAt ? ticket.signDueAt.getTime() - now.getTime() < 30 * 60_000 : false));
    const state = signOverdue || dueOverdue ? 'overdue' : near ? 'near' : 'ok';
    let misses = dueOverdue ? 1 : 0;
    if (dueOverdue && ticket.urgeDueDate && ticket.urgeDueDate < today) misses = 2;
    if (state === ticket.timeState && misses <= ticket.missCount) continue;
    await transact(ctx, async (t) => {
      const fresh = await ticketRepo.find(t.tx, ticket.id);
      if (!fresh || fresh.version !== ticket.version) return;
      const patch: Partial<TicketInsert> = { timeState: state, missCount: Math.max(misses, fresh.missCount) };
      const events = [];
      if (state !== fresh.timeState) {
        events.push(
          event(t, fresh.id, state === 'overdue' ? 'overdue' : state === 'near' ? 'near_limit' : 'on_time', fresh.status, fresh.status, {
            unit: unitOf(fresh),
            data: { dueDate: fresh.dueDate, signOverdue: !!signOverdue },
          }),
        );
        if (state !== 'ok')
          await notifyUnit(t, unitOf(fresh), state === 'overdue' ? 'hotline.overdue' : 'hotline.near_limit', { number: fresh.number, dueDate: fresh.dueDate });
        marked++;
      }
      if (misses >= 2 && fresh.missCount < 2 && !fresh.escalatedAt) {
        const superior = await superiorOf(t, unitOf(fresh));
        Object.assign(patch, { escalatedAt: now, escalatedToDepartmentId: superior?.departmentId ?? null });
        events.push(
          event(t, fresh.id, 'escalate', fresh.status, fresh.status, {
            unit: unitOf(fresh),
            text: '二次逾期未办结，提级督办',
            data: { to: superior?.name ?? null },
          }),
        );
        if (superior) await notifyUnit(t, superior, 'hotline.escalated', { number: fresh.number, unit: fresh.unitName });
        t.audit({
          action: 'hotline.ticket.escalate',
          objectType: 'hotline_ticket',
          objectId: fresh.id,
          summary: { number: fresh.number, to: superior?.name ?? null },
        });
        escalated++;
      }
      await ticketRepo.update(t.tx, fresh.id, fresh.version, patch);
      await ticketRepo.insertEvents(t.tx, events);
      t.audit({
        action: 'hotline.ticket.time_state',
        objectType: 'hotline_ticket',
        objectId: fresh.id,
        summary: { number: fresh.number, from: fresh.timeState, to: state, misses: patch.missCount },
      });
    });
  }
  return { checked: rows.length, marked, escalated };
}

async function superiorOf(ctx: Ctx, unit: TicketUnit): Promise<TicketUnit | undefined> {
  if (unit.departmentId) {
    const d = await getDepartment(ctx, unit.departmentId).catch(() => undefined);
    if (d?.parentId) return unitFor(ctx, { departmentId: d.parentId });
    if (unit.level === 'district') return centerUnit(ctx);
    return undefined;
  }
  if (unit.level === 'street') {
    const district = unit.regionPath.split('/').at(-2);
    return district ? districtUnit(ctx, district) : undefined;
  }
  return undefined;
}
