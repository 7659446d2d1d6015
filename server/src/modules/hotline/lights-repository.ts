import { and, asc, count, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { ticketScopeSql } from './repository.ts';
import { hotlineTickets as tickets, openTicketsSql } from './tables.ts';

type Scope = { all: boolean; scopes: { regionPath: string; departmentId: string | null }[] };

/** A unit holding tickets: a department, or a street office (no department; its region code). */
export type UnitKey = { departmentId: string } | { regionCode: string };

/** The (due date, due moment, unit region) of a group: a ticket's light depends on nothing else. */
export interface TicketDue {
  dueDate: string | null;
  dueAt: Date | null;
  unitRegionPath: string;
}

/** Open tickets (workflow.ts openStatuses), literal exactly as hotline_tickets_lights_idx's predicate so the planner can use it. */
const openTickets = sql.raw(`"hotline_tickets".${openTicketsSql}`);

function unitWhere(u: UnitKey): SQL {
  return 'departmentId' in u ? eq(tickets.unitDepartmentId, u.departmentId) : and(isNull(tickets.unitDepartmentId), eq(tickets.unitRegionCode, u.regionCode))!;
}

const sameDue = (d: TicketDue) =>
  and(
    d.dueDate === null ? isNull(tickets.dueDate) : eq(tickets.dueDate, d.dueDate),
    d.dueAt === null ? isNull(tickets.dueAt) : eq(tickets.dueAt, d.dueAt),
    eq(tickets.unitRegionPath, d.unitRegionPath),
  );

/** 电子监察: open tickets grouped and listed by what decides their light. */
export const ticketLightRepo = {
  async groups(db: Executor, scope: Scope, unit?: UnitKey) {
    return (
      db
        .select({
          departmentId: tickets.unitDepartmentId,
          regionCode: tickets.unitRegionCode,
          unitName: tickets.unitName,
          unitRegionPath: tickets.unitRegionPath,
          dueDate: tickets.dueDate,
          dueAt: tickets.dueAt,
          n: count(),
        })
        .from(tickets)
        // The open statuses literal, as hotline_tickets_lights_idx's predicate (a parameter list read every open ticket's row: 1.1–1.6 s at 1,000,000 tickets).
        .where(and(ticketScopeSql(scope.all, scope.scopes), openTickets, unit ? unitWhere(unit) : undefined))
        .groupBy(tickets.unitDepartmentId, tickets.unitRegionCode, tickets.unitName, tickets.unitRegionPath, tickets.dueDate, tickets.dueAt)
    );
  },
  /** One page of a unit's open tickets whose due is one of `dues`, most overdue first. */
  async page(db: Executor, scope: Scope, unit: UnitKey, dues: TicketDue[], q: { page: number; pageSize: number }) {
    if (dues.length === 0) return { rows: [], total: 0 };
    const where = and(ticketScopeSql(scope.all, scope.scopes), openTickets, unitWhere(unit), or(...dues.map(sameDue)));
    const [rows, [total]] = await Promise.all([
      db
        .select({
          id: tickets.id,
          number: tickets.number,
          kind: tickets.kind,
          title: tickets.title,
          status: tickets.status,
          unitName: tickets.unitName,
          unitRegionPath: tickets.unitRegionPath,
          dueDate: tickets.dueDate,
          dueAt: tickets.dueAt,
          urgeCount: tickets.urgeCount,
          createdAt: tickets.createdAt,
        })
        .from(tickets)
        .where(where)
        .orderBy(asc(tickets.dueDate), asc(tickets.dueAt), asc(tickets.createdAt))
        .limit(q.pageSize)
        .offset(offsetOf(q)),
      db.select({ n: count() }).from(tickets).where(where),
    ]);
    return { rows, total: total?.n ?? 0 };
  },
};
