import type { Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/calendar/engine.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { hotlinePermissions as P, scopes } from './policy.ts';
import { ticketLightRepo, type TicketDue, type UnitKey } from './lights-repository.ts';
import { pastDue } from './ticket.ts';
import { openStatuses, type TicketStatus } from './workflow.ts';

// 电子监察 (e-supervision) reads tickets through these functions (the hotline module's index.ts):
// every light is `ticketLight`'s answer as of now, so a bar and the list behind it agree.

export type TicketLight = 'green' | 'yellow' | 'red';

/** Working days left at or below which an open ticket turns yellow (the warning before red): due today or on the next working day. */
export const TICKET_YELLOW_DAYS = 1;

const isOpen = (s: TicketStatus) => (openStatuses as readonly TicketStatus[]).includes(s);
const nowOf = (ctx: Ctx) => ctx.now?.() ?? new Date();

/**
 * A ticket's deadline light at `now`: none once the unit is done with it (replied, concluded…); red
 * past its conclusion limit (the moment for a limit in working hours, the day otherwise); yellow
 * within `TICKET_YELLOW_DAYS` working days of it; green before that, or while it has no limit yet.
 */
export function ticketLight(ctx: Ctx, t: { status: TicketStatus } & TicketDue, now: Date): TicketLight | null {
  if (!isOpen(t.status)) return null;
  if (pastDue(t, now)) return 'red';
  if (!t.dueDate) return 'green';
  const left = ctx.calendar.workingDaysBetween(shanghaiDate(now), t.dueDate, t.unitRegionPath).days;
  return left <= TICKET_YELLOW_DAYS ? 'yellow' : 'green';
}

export interface TicketLightCount {
  /** The unit: its department id, or `street:<region code>` for a street office. */
  unit: string;
  unitName: string;
  green: number;
  yellow: number;
  red: number;
  total: number;
}

const unitKeyOf = (g: { departmentId: string | null; regionCode: string }) => g.departmentId ?? `street:${g.regionCode}`;
const parseUnit = (unit: string): UnitKey => (unit.startsWith('street:') ? { regionCode: unit.slice('street:'.length) } : { departmentId: unit });

/** The open tickets in the reader's scope (`hotline.ticket.read`: the holding unit), per unit by light; reddest first. */
export async function ticketLightCounts(ctx: Ctx): Promise<TicketLightCount[]> {
  await ctx.calendar.refresh();
  const now = nowOf(ctx);
  const byUnit = new Map<string, TicketLightCount>();
  for (const g of await ticketLightRepo.groups(ctx.database.db, scopes(ctx.actor, P.read))) {
    const key = unitKeyOf(g);
    const u = byUnit.get(key) ?? { unit: key, unitName: g.unitName, green: 0, yellow: 0, red: 0, total: 0 };
    u[ticketLight(ctx, { ...g, status: 'signed' }, now) ?? 'green'] += g.n;
    u.total += g.n;
    byUnit.set(key, u);
  }
  return [...byUnit.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.unitName.localeCompare(b.unitName));
}

/** The tickets behind one bar (unit × light), most overdue first; the total equals the bar. */
export async function ticketsByLight(ctx: Ctx, q: { unit: string; light: TicketLight; page: number; pageSize: number }) {
  await ctx.calendar.refresh();
  const now = nowOf(ctx);
  const db = ctx.database.db;
  const scope = scopes(ctx.actor, P.read);
  const unit = parseUnit(q.unit);
  const dues = (await ticketLightRepo.groups(db, scope, unit))
    .filter((g) => (ticketLight(ctx, { ...g, status: 'signed' }, now) ?? 'green') === q.light)
    .map((g) => ({ dueDate: g.dueDate, dueAt: g.dueAt, unitRegionPath: g.unitRegionPath }));
  const { rows, total } = await ticketLightRepo.page(db, scope, unit, dues, q);
  return pageOf(
    rows.map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      title: r.title,
      status: r.status,
      unitName: r.unitName,
      dueDate: r.dueDate,
      dueAt: r.dueAt?.toISOString() ?? null,
      light: ticketLight(ctx, r, now) ?? 'green',
      urgeCount: r.urgeCount,
    })),
    total,
    q,
  );
}
