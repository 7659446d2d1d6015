import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { foodCaseKit } from '../../../test/food-case-kit.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { outboxMessages } from '../../platform/outbox/index.ts';
import { demoDepartmentId } from '../org/index.ts';
import { ALERT_TEMPLATE, BOARD_LINK, alertDisclosureDeadlines } from './disclosure-alerts.ts';
import { fileRecords } from './records.ts';
import { recordRepo } from './repository.ts';
import { DEMO_HONOR } from './seed.ts';
import { entitySubject } from './subjects.ts';
import { creditDisclosureAlerts } from './tables.ts';

let t: TestApp;
const kit = foodCaseKit(() => t);
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const OFFICE = demoDepartmentId('xyb', '990100');
const MARKET = demoDepartmentId('scjg', '990100');
/** The system context with its clock at 09:00 of `day` in the city. */
const on = (day: string): Ctx => ({ ...t.ctx, now: () => new Date(`${day}T09:00:00+08:00`) });

async function file(ref: string, decidedOn: string, departmentName = '示范市市场监督管理局') {
  const subject = entitySubject(DEMO_HONOR, '示范市明湖餐饮管理有限公司')!;
  const [row] = await transact(t.ctx, (tx) =>
    fileRecords(tx, [
      { subject, source: 'import', sourceRef: ref, kind: 'penalty', title: ref, legalBasis: '《行政处罚法》', decidedOn, departmentName, regionPath: '' },
    ]),
  );
  return row!;
}

/** The digests sent for `day`: unit → the source references named. */
async function digests(day: string) {
  const rows = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.template, ALERT_TEMPLATE));
  const out = new Map<string, string[]>();
  for (const m of rows.filter((m) => m.params.day === day)) {
    expect(out.has(m.recipientId), `two digests for ${m.recipientId} on ${day}`).toBe(false);
    out.set(
      m.recipientId,
      (m.params.items as { sourceRef: string }[]).map((i) => i.sourceRef),
    );
  }
  return out;
}

describe('双公示 deadline alerts (credit.disclosure.alert)', () => {
  it('sends one digest per unit of what is late or due within two working days, once a day, audited', async () => {
    // Run on Wednesday 2026-09-16. Due = decision + 7 working days; "due soon" = due by 09-18 (2 working days).
    const sixOld = await file('ALERT-6WD', '2026-09-08'); // 6 working days old: due 09-17
    const oneOld = await file('ALERT-1WD', '2026-09-15'); // 1 working day old: due 09-23 (Sunday 09-20 a make-up day), not about to be late
    const published = await file('ALERT-PUB', '2026-09-01');
    await recordRepo.update(t.database.db, published.id, { publishedOn: '2026-09-04' });
    const late = await file('ALERT-LATE', '2026-09-01', '某县外单位'); // due 09-10; a department we do not know
    expect([sixOld.disclosureDue, oneOld.disclosureDue, late.disclosureDue]).toEqual(['2026-09-17', '2026-09-23', '2026-09-10']);

    const run = await alertDisclosureDeadlines(on('2026-09-16'));
    expect(run.skipped).toBeUndefined();
    const sent = await digests('2026-09-16');
    // The credit office hears of every item; the market bureau (found by the record's department name) of its own.
    expect(
      sent
        .get(`unit:${OFFICE}`)
        ?.filter((r) => r.startsWith('ALERT-'))
        .sort(),
    ).toEqual(['ALERT-6WD', 'ALERT-LATE']);
    expect(sent.get(`unit:${MARKET}`)?.filter((r) => r.startsWith('ALERT-'))).toEqual(['ALERT-6WD']);
    expect(sent.size).toBe(2); // the unknown department is nobody's: only the office hears of it
    const [office] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.template, ALERT_TEMPLATE), eq(outboxMessages.recipientId, `unit:${OFFICE}`)));
    expect(office).toMatchObject({ channel: 'site', recipientKind: 'staff', params: expect.objectContaining({ link: BOARD_LINK, late: 1, dueSoon: 1 }) });

    // The same day again: nothing more.
    const again = await alertDisclosureDeadlines(on('2026-09-16'));
    expect(again.sent).toEqual([]);
    expect([...(await digests('2026-09-16')).keys()].sort()).toEqual([`unit:${MARKET}`, `unit:${OFFICE}`].sort());
    const rows = await t.database.db.select().from(creditDisclosureAlerts).where(eq(creditDisclosureAlerts.day, '2026-09-16'));
    expect(rows).toHaveLength(2);
    const audits = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        inArray(
          auditEvents.objectId,
          rows.map((r) => r.id),
        ),
      );
    expect(audits.map((a) => a.action)).toEqual(['credit.disclosure.alert', 'credit.disclosure.alert']);

    // Published, it is no longer named the next working day.
    await recordRepo.update(t.database.db, sixOld.id, { publishedOn: '2026-09-16' });
    await alertDisclosureDeadlines(on('2026-09-17'));
    const next = await digests('2026-09-17');
    expect(next.get(`unit:${OFFICE}`)?.filter((r) => r.startsWith('ALERT-'))).toEqual(['ALERT-LATE']);
    expect(next.has(`unit:${MARKET}`)).toBe(false);
  });

  it('counts working days across 国庆 2026 and does nothing on a day off (make-up Saturdays run)', async () => {
    // Decided Tuesday 09-29: due 10-14 (09-30, 10-08, 10-09, 10-10 make-up Saturday, 10-12, 10-13, 10-14).
    const r = await file('ALERT-NATDAY', '2026-09-29');
    expect(r.disclosureDue).toBe('2026-10-14');
    const named = async (day: string) => (await digests(day)).get(`unit:${OFFICE}`)?.includes('ALERT-NATDAY') ?? false;

    // A holiday and a Saturday: skipped, nothing recorded.
    for (const day of ['2026-10-05', '2026-10-17']) {
      expect(await alertDisclosureDeadlines(on(day))).toMatchObject({ skipped: 'not_a_working_day', sent: [] });
      expect((await digests(day)).size).toBe(0);
      expect(await t.database.db.select().from(creditDisclosureAlerts).where(eq(creditDisclosureAlerts.day, day))).toEqual([]);
    }
    // Friday 10-09, ten calendar days on but three working days: due soon means by 10-12, so not yet.
    await alertDisclosureDeadlines(on('2026-10-09'));
    expect(await named('2026-10-09')).toBe(false);
    // The make-up Saturday 10-10 is a working day: the job runs (due soon by 10-13: still not).
    expect((await alertDisclosureDeadlines(on('2026-10-10'))).skipped).toBeUndefined();
    expect(await named('2026-10-10')).toBe(false);
    // Monday 10-12: due by 10-14, two working days on.
    await alertDisclosureDeadlines(on('2026-10-12'));
    expect(await named('2026-10-12')).toBe(true);
    // Thursday 10-15: late.
    await alertDisclosureDeadlines(on('2026-10-15'));
    const [m] = (
      await t.database.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.recipientId, `unit:${OFFICE}`))
    ).filter((x) => x.template === ALERT_TEMPLATE && x.params.day === '2026-10-15');
    expect((m!.params.items as { sourceRef: string; late: boolean }[]).find((i) => i.sourceRef === 'ALERT-NATDAY')?.late).toBe(true);
  });

  it("shows the last day's digests to the credit office (最近提醒)", async () => {
    const res = await kit.call('credit.officer', 'GET', '/api/workbench/credit/disclosure-alerts');
    expect(res.statusCode, res.body).toBe(200);
    const { latest } = res.json() as { latest: { day: string; items: number; units: { role: string }[] } | null };
    // The demo seed sent the last working day's digest; the runs above are of earlier days.
    expect(latest).not.toBeNull();
    expect(latest!.units.some((u) => u.role === 'office')).toBe(true);
    expect(latest!.day >= '2026-10-15').toBe(true);
    expect((await kit.call('citizen1', 'GET', '/api/workbench/credit/disclosure-alerts')).statusCode).toBe(403);
  });
});
