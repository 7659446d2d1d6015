import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { cappedPageOf, pageOf } from '../../platform/db/paging.ts';
import { hotlinePermissions as P, scopes } from './policy.ts';
import { callerView, presentTicketListItem } from './present.ts';
import { categoriesById } from './reference.ts';
import { ticketRepo } from './repository.ts';
import type { TicketListQuery } from './schemas.ts';

/** Tickets in the reader's scope, newest first: a list row each (TicketListItem); the ticket itself is its own read. */
export async function listTickets(ctx: Ctx, q: z.infer<typeof TicketListQuery>) {
  const { all, scopes: s } = scopes(ctx.actor, P.read);
  const filter = {
    scope: { all, scopes: s },
    status: q.status,
    kind: q.kind,
    timeState: q.timeState,
    number: q.q,
    unitDepartmentId: q.mine && ctx.actor.departmentId ? ctx.actor.departmentId : undefined,
  };
  const [{ rows, ...total }, categories] = await Promise.all([
    ticketRepo.listPage(ctx.database.db, filter, q, { totalMaxAgeMs: ctx.config.CACHE_RECHECK_SECONDS * 1000 }),
    categoriesById(ctx),
  ]);
  return cappedPageOf(
    rows.map((r) => presentTicketListItem(r, categories)),
    total,
    q,
  );
}

/** The signed-in person's own tickets (portal "my requests"). */
export async function myTickets(ctx: Ctx, q: { page: number; pageSize: number }) {
  const personId = ctx.actor.kind === 'person' ? ctx.actor.subjectId : undefined;
  if (!personId) return pageOf([], 0, q);
  const db = ctx.database.db;
  const [{ rows, total }, categories] = await Promise.all([ticketRepo.page(db, { personId }, q), categoriesById(ctx)]);
  const events = await ticketRepo.eventsOfMany(
    db,
    rows.map((r) => r.id),
  );
  return pageOf(
    rows.map((r) => {
      const view = callerView(
        r,
        events.filter((e) => e.ticketId === r.id),
      );
      return {
        id: r.id,
        number: r.number,
        token: r.token,
        kind: r.kind,
        categoryName: r.categoryId ? (categories.get(r.categoryId)?.name ?? null) : null,
        title: r.title,
        status: r.status,
        dueDate: r.dueDate,
        dueAt: r.dueAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
        solved: r.solved,
        satisfaction: r.satisfaction,
        ...view,
      };
    }),
    total,
    q,
  );
}
