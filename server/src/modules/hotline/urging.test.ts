// The urging job reads only the tickets whose stored time state must change, a page at a time
// (issue 12: at 1,000,000 tickets it loaded every open ticket). Its SQL must select exactly the
// tickets the JavaScript rules change, and a run must do what the one-transaction-per-ticket job did.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, inArray, notInArray, sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { shanghaiDate } from '../../platform/calendar/engine.ts';
import { countStatements, newId, rawRows } from '../../platform/db/index.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { outboxMessages } from '../../platform/outbox/index.ts';
import { generateBenchTickets } from './bench-data.ts';
import { ticketRepo, type TicketInsert } from './repository.ts';
import { event, notifyUnit } from './step.ts';
import { hotlineTicketEvents, hotlineTickets, urgingOpenSql } from './tables.ts';
import { unitOf } from './ticket.ts';
import { runUrging, superiorOf, timeStateAt, urgingChanges } from './urging.ts';
import { ticketTimeColumns, timeStateSql, urgingCandidates, urgingRanges } from './urging-repository.ts';
import { openStatuses } from './workflow.ts';

const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
const H = 3600_000;
const day = (d: number) => shanghaiDate(new Date(NOW.getTime() + d * 86400_000));

/** A small deterministic generator, so a failure can be run again. */
function rng(seed: number) {
  let s = seed;
  return <T>(list: readonly T[]): T => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return list[s % list.length]!;
  };
}

/**
 * `n` open tickets copied from demo tickets (one held by a street, one by a department: escalation
 * goes up differently) in every combination of what the time state depends on, at the edges too
 * (due exactly in an hour, sign due exactly now). A limit in hours keeps its day in `dueDate`.
 */
async function seedTickets(env: TestEnv, n: number, seed: number, prefix: string): Promise<string[]> {
  const templates = await env.database.db
    .select()
    .from(hotlineTickets)
    .where(sql`unit_level IN ('street', 'district')`);
  const street = templates.find((r) => r.unitLevel === 'street')!;
  const district = templates.find((r) => r.unitLevel === 'district' && r.unitDepartmentId)!;
  const pick = rng(seed);
  const at = (ms: number) => new Date(NOW.getTime() + ms);
  const rows: TicketInsert[] = [];
  for (let i = 0; i < n; i++) {
    const dueAt = pick([null, null, null, at(-2 * H), at(-1), at(0), at(20 * 60_000), at(H - 1), at(H), at(3 * H), at(30 * H)]);
    const template = pick([street, district]);
    rows.push({
      ...template,
      id: newId(),
      number: `${prefix}${String(i).padStart(6, '0')}`,
      token: `${prefix}-${i}`,
      status: pick(openStatuses),
      signedAt: pick([null, at(-48 * H)]),
      signDueAt: pick([null, at(-H), at(0), at(10 * 60_000), at(30 * 60_000), at(40 * 60_000), at(5 * H)]),
      dueAt,
      dueDate: dueAt ? shanghaiDate(dueAt) : pick([null, day(-5), day(-1), day(0), day(1), day(5)]),
      urgeDueDate: pick([null, null, day(-3), day(-1), day(0), day(1)]),
      timeState: pick(['ok', 'near', 'overdue'] as const),
      missCount: pick([0, 0, 1, 1, 2]),
      escalatedAt: pick([null, null, null, at(-24 * H)]),
      escalatedToDepartmentId: null,
      version: 1,
    });
  }
  for (let i = 0; i < rows.length; i += 100) await env.database.db.insert(hotlineTickets).values(rows.slice(i, i + 100));
  return rows.map((r) => r.id!);
}

/** The job as it was before issue 12 (every open ticket read, one transaction per change): the reference. */
async function urgingBefore(ctx: Ctx, now: Date) {
  const today = shanghaiDate(now);
  for (const ticket of await ticketRepo.inStatuses(ctx.database.db, [...openStatuses])) {
    const s = timeStateAt(ticket, now, today);
    if (!urgingChanges(ticket, s)) continue;
    await transact(ctx, async (t) => {
      const fresh = (await ticketRepo.find(t.tx, ticket.id))!;
      const patch: Partial<TicketInsert> = { timeState: s.state, missCount: Math.max(s.misses, fresh.missCount) };
      const events = [];
      if (s.state !== fresh.timeState) {
        events.push(
          event(t, fresh.id, s.state === 'overdue' ? 'overdue' : s.state === 'near' ? 'near_limit' : 'on_time', fresh.status, fresh.status, {
            unit: unitOf(fresh),
            data: { dueDate: fresh.dueDate, signOverdue: s.signOverdue },
          }),
        );
        if (s.state !== 'ok')
          await notifyUnit(t, unitOf(fresh), s.state === 'overdue' ? 'hotline.overdue' : 'hotline.near_limit', {
            number: fresh.number,
            dueDate: fresh.dueDate,
          });
      }
      if (s.misses >= 2 && fresh.missCount < 2 && !fresh.escalatedAt) {
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
      }
      await ticketRepo.update(t.tx, fresh.id, fresh.version, patch);
      await ticketRepo.insertEvents(t.tx, events);
      t.audit({
        action: 'hotline.ticket.time_state',
        objectType: 'hotline_ticket',
        objectId: fresh.id,
        summary: { number: fresh.number, from: fresh.timeState, to: s.state, misses: patch.missCount },
      });
    });
  }
}

/** What a run left, by ticket number (ids differ between the two databases). */
async function outcome(env: TestEnv, since: { events: Set<string>; audit: Set<string>; outbox: Set<string> }) {
  const db = env.database.db;
  const tickets = await db
    .select()
    .from(hotlineTickets)
    .where(inArray(hotlineTickets.status, [...openStatuses]));
  const numberOf = new Map(tickets.map((r) => [r.id, r.number]));
  const events = (await db.select().from(hotlineTicketEvents)).filter((e) => !since.events.has(e.id));
  const audit = (await db.select().from(auditEvents)).filter((a) => !since.audit.has(a.id) && a.objectType === 'hotline_ticket');
  const outbox = (await db.select().from(outboxMessages)).filter((m) => !since.outbox.has(m.id));
  return {
    tickets: tickets.map((r) => `${r.number} ${r.timeState} ${r.missCount} ${r.escalatedAt?.toISOString() ?? '-'} v${r.version}`).sort(),
    events: events
      .map((e) => `${numberOf.get(e.ticketId)} ${e.action} ${e.fromStatus}>${e.toStatus} ${e.unitName} ${e.actorName} ${JSON.stringify(e.data)}`)
      .sort(),
    audit: audit.map((a) => `${numberOf.get(a.objectId)} ${a.action} ${a.actorKind} ${a.actorName} ${JSON.stringify(a.summary)}`).sort(),
    outbox: outbox.map((m) => `${m.template} ${m.recipientId} ${JSON.stringify(m.params)}`).sort(),
  };
}

async function marks(env: TestEnv) {
  const db = env.database.db;
  return {
    events: new Set((await db.select({ id: hotlineTicketEvents.id }).from(hotlineTicketEvents)).map((r) => r.id)),
    audit: new Set((await db.select({ id: auditEvents.id }).from(auditEvents)).map((r) => r.id)),
    outbox: new Set((await db.select({ id: outboxMessages.id }).from(outboxMessages)).map((r) => r.id)),
  };
}

let before: TestEnv;
let after: TestEnv;
beforeAll(async () => {
  [before, after] = await Promise.all([createTestEnv(), createTestEnv()]);
  // The same 400 tickets in both databases (the same numbers; the demo city's own open tickets too).
  await Promise.all([seedTickets(before, 400, 7, 'RXU'), seedTickets(after, 400, 7, 'RXU')]);
});
afterAll(async () => {
  await before?.close();
  await after?.close();
});

describe('the urging job reads only what changes', () => {
  it('its SQL computes the state and misses of the JavaScript rules, and its ranges hold every ticket that changes', async () => {
    expect(urgingOpenSql).toBe(`status IN (${openStatuses.map((s) => `'${s}'`).join(', ')})`);
    const db = after.database.db;
    const all = await db
      .select()
      .from(hotlineTickets)
      .where(inArray(hotlineTickets.status, [...openStatuses]));
    // At 10:00, at 23:30 (within the hour of tomorrow) and at the edges the tickets were made at.
    for (const now of [NOW, new Date(NOW.getTime() + 13.5 * H), new Date(NOW.getTime() - 30 * 60_000), new Date(NOW.getTime() + 86400_000)]) {
      const today = shanghaiDate(now);
      const { state, misses } = timeStateSql(ticketTimeColumns, sql`${now.toISOString()}::timestamptz`, sql`${today}::date`);
      const inSql = await rawRows<{ id: string; state: string; misses: number }>(
        db,
        sql`SELECT id, ${state} AS state, ${misses} AS misses FROM hotline_tickets WHERE ${sql.raw(urgingOpenSql)}`,
      );
      const byId = new Map(inSql.map((r) => [r.id, r]));
      const changing = new Set<string>();
      for (const row of all) {
        const s = timeStateAt(row, now, today);
        expect({ id: row.id, state: byId.get(row.id)?.state, misses: Number(byId.get(row.id)?.misses) }).toEqual({
          id: row.id,
          state: s.state,
          misses: s.misses,
        });
        if (urgingChanges(row, s)) changing.add(row.id);
      }
      const at = { now, today, inAnHour: shanghaiDate(new Date(now.getTime() + H)) };
      const found: string[] = [];
      for (const range of urgingRanges) found.push(...(await urgingCandidates(db, range, at, undefined, 10_000)).map((r) => r.id));
      expect(new Set(found)).toEqual(changing);
      expect(changing.size).toBeGreaterThan(50);
    }
  });

  it('a run in pages of 7 does what the job did ticket by ticket: states, misses, escalations, events, notifications, audit', async () => {
    const [m1, m2] = await Promise.all([marks(before), marks(after)]);
    await urgingBefore(before.ctx, NOW);
    const result = await runUrging(after.ctx, NOW, { batchSize: 7 });
    const [o1, o2] = await Promise.all([outcome(before, m1), outcome(after, m2)]);
    expect(o2.tickets).toEqual(o1.tickets);
    expect(o2.events).toEqual(o1.events);
    expect(o2.audit).toEqual(o1.audit);
    expect(o2.outbox).toEqual(o1.outbox);
    expect(result.escalated).toBe(o2.events.filter((e) => e.includes(' escalate ')).length);
    expect(result.escalated).toBeGreaterThan(3);
    expect(result.marked).toBe(o2.events.filter((e) => !e.includes(' escalate ')).length);
    // Pages of at most 7 tickets: memory follows the batch size, not the number of tickets.
    expect(result.largestPage).toBe(7);
    expect(result.pages).toBeGreaterThanOrEqual(Math.ceil(result.checked / 7));
    expect(result.checked).toBeGreaterThan(100);
  });

  it('a second run changes nothing and reads no ticket: one statement for each range, each returning no row', async () => {
    const versions = async () => (await after.database.db.select({ v: hotlineTickets.version }).from(hotlineTickets)).map((r) => r.v).join();
    const was = await versions();
    const { value, statements } = await countStatements(after.database, () => runUrging(after.ctx, NOW, { batchSize: 7 }));
    expect(value).toEqual({ checked: 0, marked: 0, escalated: 0, pages: urgingRanges.length, largestPage: 0 });
    expect(statements).toBe(urgingRanges.length);
    expect(await versions()).toBe(was);
  });

  it('every statement of a run fetches at most a page of tickets', async () => {
    // An hour later than the first runs: the tickets due within the hour and those whose sign limit passed change.
    const later = new Date(NOW.getTime() + 40 * 60_000);
    const { value, sql: texts, params } = await countStatements(after.database, () => runUrging(after.ctx, later, { batchSize: 3 }), { keep: true });
    expect(value.marked).toBeGreaterThan(3);
    expect(value.largestPage).toBeLessThanOrEqual(3);
    texts.forEach((text, i) => {
      if (!/from "hotline_tickets"/i.test(text) || /^update/i.test(text)) return;
      // Candidate pages end in `limit $n` with n = 3; the lock reads the ids of one page.
      if (/ for update$/i.test(text)) expect(String(params[i]!.at(-1)).split(',').length).toBeLessThanOrEqual(3);
      else expect(params[i]!.at(-1)).toBe(3);
    });
  });

  it('bench-data writes the state the job would give: afterwards the job finds nothing to change', async () => {
    const now = new Date(NOW.getTime() + 86400_000 + 4 * H);
    await runUrging(after.ctx, now);
    await generateBenchTickets(after.ctx, { tickets: 2000, days: 365, now });
    const open = await after.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(hotlineTickets)
      .where(and(sql`number LIKE 'RXB%'`, inArray(hotlineTickets.status, [...openStatuses]), notInArray(hotlineTickets.timeState, ['ok'])));
    expect(open[0]!.n).toBeGreaterThan(100);
    expect(await runUrging(after.ctx, now)).toMatchObject({ checked: 0, marked: 0, escalated: 0 });
  });
});
