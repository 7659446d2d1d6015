import { and, asc, count, eq, gte, lte } from 'drizzle-orm';
import { z } from 'zod';
import { newId } from '../db/ids.ts';
import { transact, type Ctx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { pageOf } from '../db/paging.ts';
import { calendarNotices, calendarOverrides } from './tables.ts';
import { createCalendar } from './engine.ts';
import { mayChangeOwned, holdsCityWide } from '../auth/city-wide.ts';
import type { Actor } from '../auth/actor.ts';

const MANAGE = 'platform.calendar.manage';

/**
 * An override belongs to its region: only a grant covering that region (not bound to a department,
 * since an override moves every department's time limits there) changes it. An override for the
 * whole installation (region "") needs a city-wide grant, and so does the State Council notice.
 */
export function mayChangeOverride(actor: Actor, regionPath: string): boolean {
  return mayChangeOwned(actor, MANAGE, { regionPath, departmentId: null });
}

function assertMayChangeOverride(actor: Actor, regionPath: string) {
  if (!mayChangeOverride(actor, regionPath)) throw new AppError('auth.out_of_scope', { extra: { permission: MANAGE, regionPath } });
}

declare module '../context.ts' {
  interface DomainEvents {
    /** The calendar changed: modules recompute the due dates of what is still open. */
    'calendar.changed': { reason: string; dates: string[] };
  }
}

export const OverrideCreate = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  kind: z.enum(['workday', 'holiday']),
  name: z.string().trim().min(1).max(50),
  regionPath: z
    .string()
    .max(200)
    .regex(/^(\d{6,12}(\/\d{6,12})*)?$/)
    .default('')
    .describe('region path the override applies to ("" = the whole installation: a city-wide grant); only a grant covering the region changes it'),
});
export const NoticeCreate = z.object({
  year: z.number().int().min(2000).max(2099),
  holidays: z
    .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string().max(30) }))
    .min(1)
    .max(60),
  makeupWorkdays: z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string().max(30) })).max(20),
  source: z.string().trim().min(2).max(200).describe('e.g. 国办发明电〔2026〕X号'),
});

export async function listOverrides(ctx: Ctx, q: { page: number; pageSize: number; year?: number; kind?: 'workday' | 'holiday'; regionPath?: string }) {
  const db = ctx.database.db;
  const where = and(
    q.year ? and(gte(calendarOverrides.date, `${q.year}-01-01`), lte(calendarOverrides.date, `${q.year}-12-31`)) : undefined,
    q.kind ? eq(calendarOverrides.kind, q.kind) : undefined,
    q.regionPath !== undefined ? eq(calendarOverrides.regionPath, q.regionPath) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(calendarOverrides)
      .where(where)
      .orderBy(asc(calendarOverrides.date))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(calendarOverrides).where(where),
  ]);
  return pageOf(
    rows.map((r) => ({ id: r.id, date: r.date, kind: r.kind, name: r.name, regionPath: r.regionPath, editable: mayChangeOverride(ctx.actor, r.regionPath) })),
    total?.n ?? 0,
    q,
  );
}

export async function createOverride(ctx: Ctx, input: z.infer<typeof OverrideCreate>) {
  if (Number.isNaN(Date.parse(`${input.date}T00:00:00Z`)) || new Date(`${input.date}T00:00:00Z`).toISOString().slice(0, 10) !== input.date) {
    throw new AppError('request.invalid', { fields: [{ field: 'date', code: 'invalid_format' }] });
  }
  assertMayChangeOverride(ctx.actor, input.regionPath);
  const row = await transact(ctx, async (t) => {
    const [dup] = await t.tx
      .select()
      .from(calendarOverrides)
      .where(and(eq(calendarOverrides.date, input.date), eq(calendarOverrides.regionPath, input.regionPath)));
    if (dup) throw new AppError('resource.conflict', { fields: [{ field: 'date', code: 'duplicate' }] });
    const value = { id: newId(), ...input, editable: true };
    await t.tx.insert(calendarOverrides).values({ id: value.id, ...input });
    t.audit({ action: 'calendar.override.create', objectType: 'calendar_override', objectId: value.id, summary: { after: input } });
    await t.publish('calendar.changed', { reason: 'override', dates: [input.date] });
    return value;
  });
  await ctx.calendar.reload();
  return row;
}

export async function deleteOverride(ctx: Ctx, id: string) {
  await transact(ctx, async (t) => {
    const [before] = await t.tx.select().from(calendarOverrides).where(eq(calendarOverrides.id, id));
    if (!before) throw notFound('calendar_override', id);
    assertMayChangeOverride(t.actor, before.regionPath);
    await t.tx.delete(calendarOverrides).where(eq(calendarOverrides.id, id));
    t.audit({ action: 'calendar.override.delete', objectType: 'calendar_override', objectId: id, summary: { before } });
    await t.publish('calendar.changed', { reason: 'override', dates: [before.date] });
  });
  await ctx.calendar.reload();
}

/** Enters a year's State Council notice; the year stops being estimated and open due dates are recomputed. */
export async function enterNotice(ctx: Ctx, input: z.infer<typeof NoticeCreate>) {
  // The notice is national: it changes every region's working days.
  if (!holdsCityWide(ctx.actor, MANAGE)) throw new AppError('auth.out_of_scope', { extra: { permission: MANAGE, regionPath: '' } });
  try {
    createCalendar({ notices: [input] }).yearStatus(input.year); // the engine validates the notice
  } catch (err) {
    throw new AppError('request.invalid', { fields: [{ field: 'holidays', code: 'invalid_value' }], detail: (err as Error).message });
  }
  await transact(ctx, async (t) => {
    const [before] = await t.tx.select().from(calendarNotices).where(eq(calendarNotices.year, input.year));
    await t.tx
      .insert(calendarNotices)
      .values({ ...input, active: true })
      .onConflictDoUpdate({
        target: calendarNotices.year,
        set: { holidays: input.holidays, makeupWorkdays: input.makeupWorkdays, source: input.source, active: true, enteredAt: new Date() },
      });
    t.audit({
      action: 'calendar.notice.enter',
      objectType: 'calendar_notice',
      objectId: String(input.year),
      summary: { before: before ?? null, after: input },
    });
    await t.publish('calendar.changed', { reason: 'notice', dates: [...input.holidays, ...input.makeupWorkdays].map((d) => d.date) });
  });
  await ctx.calendar.reload();
  return { year: input.year, status: ctx.calendar.yearStatus(input.year) };
}
