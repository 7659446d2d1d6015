import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoId } from '../org/index.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { createByOperator, dispatch, runUrging, sign } from './service.ts';
import { hotlineLimits, hotlineTickets } from './tables.ts';
import type { TicketCreate } from './schemas.ts';

let t: TestApp;
let admin: string;
let operator: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('it.admin');
  operator = await t.login('rx.operator');
});
afterAll(() => t.close());

const STREET = '990000/990100/990102/990102001';
const inject = (cookie: string, method: 'GET' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, payload: payload as never });

async function setLimit(kind: string, urgency: string, body: { conclusionUnit: string; conclusionAmount: number; signMinutes: number }) {
  const rows = (await inject(admin, 'GET', '/api/admin/hotline/limits')).json() as { kind: string; urgency: string; version: number }[];
  const row = rows.find((r) => r.kind === kind && r.urgency === urgency)!;
  return inject(admin, 'PUT', `/api/admin/hotline/limits/${kind}/${urgency}`, { ...body, version: row.version });
}

const fieldsOf = (r: { json(): unknown }) => ((r.json() as { errors?: { field: string; code: string }[] }).errors ?? []).map((e) => `${e.field}:${e.code}`);

/** Records a call as the operator with the clock at `at` (the service's ctx.now). */
async function recordAt(at: string, body: Partial<TicketCreate> = {}) {
  const ctx = { ...(await t.as('rx.operator')), now: () => new Date(at) };
  const input: TicketCreate = {
    callerPhone: '13812345678',
    kind: 'complaint',
    urgency: 'normal',
    confidential: false,
    publicConsent: false,
    categoryId: demoId('hotline-category', 'cg.zdjy'),
    text: '小区门口早上有摊贩占道经营',
    address: '示范市明湖区湖滨街道湖滨路 8 号',
    ...body,
  };
  return (await createByOperator(ctx, input)).ticket;
}

describe('limits table', () => {
  it('is seeded with the DOMAIN §6 defaults: 3 or 13 working days by kind, urgent in working hours, sign within the working hour', async () => {
    const r = await inject(admin, 'GET', '/api/admin/hotline/limits');
    expect(r.statusCode, r.body).toBe(200);
    const rows = r.json() as { kind: string; urgency: string; conclusionUnit: string; conclusionAmount: number; signMinutes: number }[];
    expect(rows).toHaveLength(18);
    const of = (kind: string, urgency: string) => rows.find((x) => x.kind === kind && x.urgency === urgency);
    expect(of('inquiry', 'normal')).toMatchObject({ conclusionUnit: 'working_days', conclusionAmount: 3, signMinutes: 60 });
    expect(of('help', 'normal')).toMatchObject({ conclusionUnit: 'working_days', conclusionAmount: 3 });
    for (const k of ['complaint', 'report', 'suggestion']) expect(of(k, 'normal')).toMatchObject({ conclusionUnit: 'working_days', conclusionAmount: 13 });
    expect(of('complaint', 'urgent')).toMatchObject({ conclusionUnit: 'working_hours', conclusionAmount: 7, signMinutes: 60 });
    expect(of('complaint', 'very_urgent')).toMatchObject({ conclusionUnit: 'working_hours', conclusionAmount: 3, signMinutes: 30 });
    // operators cannot read or edit it
    expect((await inject(operator, 'GET', '/api/admin/hotline/limits')).statusCode).toBe(403);
    expect(
      (
        await inject(operator, 'PUT', '/api/admin/hotline/limits/inquiry/normal', {
          conclusionUnit: 'working_days',
          conclusionAmount: 2,
          signMinutes: 60,
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('a combination not stored (a database without the demo seed) lists and applies the default; the first edit stores it', async () => {
    await t.database.db.delete(hotlineLimits).where(and(eq(hotlineLimits.kind, 'praise'), eq(hotlineLimits.urgency, 'very_urgent')));
    const listed = ((await inject(admin, 'GET', '/api/admin/hotline/limits')).json() as { kind: string; urgency: string }[]).find(
      (x) => x.kind === 'praise' && x.urgency === 'very_urgent',
    );
    expect(listed).toMatchObject({ conclusionUnit: 'working_hours', conclusionAmount: 3, signMinutes: 30, version: 0, updatedAt: null });
    expect((await recordAt('2026-11-20T09:00:00Z', { kind: 'praise', urgency: 'very_urgent' })).dueAt).toBe('2026-11-23T03:30:00.000Z');
    const body = { conclusionUnit: 'working_hours', conclusionAmount: 5, signMinutes: 30 };
    const r = await inject(admin, 'PUT', '/api/admin/hotline/limits/praise/very_urgent', { ...body, version: 0 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ conclusionAmount: 5, version: 1 });
    expect(r.json().updatedAt).not.toBeNull();
    expect((await inject(admin, 'PUT', '/api/admin/hotline/limits/praise/very_urgent', { ...body, version: 0 })).statusCode).toBe(409);
  });

  it('a changed table applies at intake, counted across the National Day holiday; a category limit still replaces the days', async () => {
    // Wednesday 2026-09-30 10:00 Shanghai; 1–7 October are off (2026 notice).
    const at = '2026-09-30T02:00:00Z';
    const before = await recordAt(at, { kind: 'suggestion', categoryId: demoId('hotline-category', 'cg.zdjy') });
    expect(before.dueDate).toBe(t.calendar.addWorkingDays('2026-09-30', 13, STREET).date);
    const r = await setLimit('suggestion', 'normal', { conclusionUnit: 'working_days', conclusionAmount: 4, signMinutes: 45 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ conclusionUnit: 'working_days', conclusionAmount: 4, signMinutes: 45, version: 2 });
    const after = await recordAt(at, { kind: 'suggestion' });
    // 10-08 is the first working day after the holiday: 4 working days end on 10-13 at the earliest
    expect(after.dueDate).toBe(t.calendar.addWorkingDays('2026-09-30', 4, STREET).date);
    expect(after.dueDate! >= '2026-10-12').toBe(true);
    expect(after.dueDate! < before.dueDate!).toBe(true);
    expect(after.dueAt).toBeNull();
    // 垃圾清运 has its own 5 working days: it still wins over the table's days
    const own = await recordAt(at, { kind: 'suggestion', categoryId: demoId('hotline-category', 'cg.ljcl') });
    expect(own.dueDate).toBe(t.calendar.addWorkingDays('2026-09-30', 5, STREET).date);
    // the sign limit follows the table: 45 working minutes after dispatch
    const dispatcher = { ...(await t.as('rx.dispatcher')), now: () => new Date('2026-10-09T03:30:00Z') }; // Friday 11:30
    const sent = await dispatch(dispatcher, after.id, {});
    expect(t.calendar.isWorkingDay('2026-10-09', STREET)).toBe(true);
    expect(sent.signDueAt).toBe('2026-10-09T05:45:00.000Z'); // 30 min to noon, 15 after 13:30
    // the change is audited with before and after
    const [audit] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'hotline.limit.update'), eq(auditEvents.objectId, 'suggestion/normal')));
    expect(audit!.summary).toMatchObject({ before: { conclusionAmount: 13, signMinutes: 60 }, after: { conclusionAmount: 4, signMinutes: 45 } });
  });

  it('urgent limits count working hours: a ticket taken near close of business is due the next working morning', async () => {
    // Friday 2026-11-20 17:00 Shanghai. Very urgent (3 working hours by default): 30 min on Friday, 2.5 h on Monday → 11:30.
    const veryUrgent = await recordAt('2026-11-20T09:00:00Z', { urgency: 'very_urgent' });
    expect(veryUrgent.dueAt).toBe('2026-11-23T03:30:00.000Z');
    expect(veryUrgent.dueDate).toBe('2026-11-23');
    // The table changed: urgent complaints within 2 working hours → Monday 10:30, not "the same day" Friday.
    expect((await setLimit('complaint', 'urgent', { conclusionUnit: 'working_hours', conclusionAmount: 2, signMinutes: 30 })).statusCode).toBe(200);
    const urgent = await recordAt('2026-11-20T09:00:00Z', { urgency: 'urgent' });
    expect(urgent.dueAt).toBe('2026-11-23T02:30:00.000Z');
    // Taken at 9:00 on Monday it is due the same morning at 11:00.
    expect((await recordAt('2026-11-23T01:00:00Z', { urgency: 'urgent' })).dueAt).toBe('2026-11-23T03:00:00.000Z');
    // A category's limit in days does not stretch an hour limit.
    expect((await recordAt('2026-11-20T09:00:00Z', { urgency: 'urgent', categoryId: demoId('hotline-category', 'cg.ljcl') })).dueAt).toBe(
      '2026-11-23T02:30:00.000Z',
    );

    // Dispatched at 17:05 (sign within 30 working minutes: Monday 9:05) and signed by the district.
    const sent = await dispatch({ ...(await t.as('rx.dispatcher')), now: () => new Date('2026-11-20T09:05:00Z') }, urgent.id, {});
    expect(sent.signDueAt).toBe('2026-11-23T01:05:00.000Z');
    await sign(await t.as('mh.handler'), urgent.id);
    // The urging job: still fine on Monday at 8:30, near within the hour, overdue after 10:30 (the same day).
    const state = async () => (await t.database.db.select().from(hotlineTickets).where(eq(hotlineTickets.id, urgent.id)))[0]!.timeState;
    await runUrging(t.ctx, new Date('2026-11-23T00:30:00Z'));
    expect(await state()).toBe('ok');
    await runUrging(t.ctx, new Date('2026-11-23T02:00:00Z'));
    expect(await state()).toBe('near');
    await runUrging(t.ctx, new Date('2026-11-23T02:31:00Z'));
    expect(await state()).toBe('overdue');
  });

  it('refuses invalid rows with field errors and stale versions; nothing changes', async () => {
    const rows = (await inject(admin, 'GET', '/api/admin/hotline/limits')).json() as { kind: string; urgency: string; version: number }[];
    const { version } = rows.find((r) => r.kind === 'help' && r.urgency === 'urgent')!;
    const put = (body: Record<string, unknown>) =>
      inject(admin, 'PUT', '/api/admin/hotline/limits/help/urgent', {
        conclusionUnit: 'working_hours',
        conclusionAmount: 4,
        signMinutes: 60,
        version,
        ...body,
      });
    let r = await put({ signMinutes: 300 });
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r)).toEqual(['signMinutes:hotline.sign_exceeds_conclusion']);
    expect(r.json().errors[0].message).toBe('签收时限不能长于办结时限');
    r = await put({ conclusionAmount: 40 });
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r)).toEqual(['conclusionAmount:hotline.limit_hours_too_big']);
    r = await put({ conclusionUnit: 'weeks', conclusionAmount: 0 });
    expect(r.statusCode).toBe(400);
    expect(
      fieldsOf(r)
        .map((f) => f.split(':')[0])
        .sort(),
    ).toEqual(['conclusionAmount', 'conclusionUnit']);
    expect((await put({ version: version + 5 })).statusCode).toBe(409);
    expect(
      (
        await inject(admin, 'PUT', '/api/admin/hotline/limits/gossip/urgent', {
          conclusionUnit: 'working_hours',
          conclusionAmount: 4,
          signMinutes: 60,
          version,
        })
      ).statusCode,
    ).toBe(400);
    const again = (await inject(admin, 'GET', '/api/admin/hotline/limits')).json() as {
      kind: string;
      urgency: string;
      version: number;
      conclusionAmount: number;
    }[];
    expect(again.find((x) => x.kind === 'help' && x.urgency === 'urgent')).toMatchObject({ version, conclusionAmount: 7 });
    // a valid edit goes through
    r = await put({});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ conclusionAmount: 4, version: version + 1 });
  });
});
