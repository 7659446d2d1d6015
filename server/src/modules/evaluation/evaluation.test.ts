import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { evaluateCase, caseEvaluation } from './evaluate.ts';
import { foodCaseKit } from '../../../test/food-case-kit.ts';
import { publicBadReviews, publicSummary } from './public.ts';
import { listRectifications, myStaffEvaluations, putSetting } from './read.ts';
import { appealReview, decideAppeal, rateRectification, recordFollowUp, submitRectification } from './rectify.ts';
import { evaluations } from './tables.ts';

let t: TestApp;
const kit = foodCaseKit(() => t);
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A context acting as `username` with the clock at `at` (a Shanghai instant). */
const at = async (username: string, instant?: string): Promise<Ctx> => ({ ...(await t.as(username)), ...(instant ? { now: () => new Date(instant) } : {}) });
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, fields: e.fields };
    throw e;
  }
  throw new Error('expected a refusal');
}
const bad = { level: 1, dimensions: { efficiency: 1 }, tags: ['materials_beyond_guide' as const], comment: '要求提供指南以外的材料' };

describe('evaluating a case (好差评)', () => {
  it('is refused before the case has concluded, to anyone but the applicant, and a second time', async () => {
    const open = await kit.openCase();
    expect(await refusal(evaluateCase(await at('citizen1'), open, { level: 5, dimensions: {}, tags: [] }))).toMatchObject({ code: 'evaluation.not_concluded' });
    expect((await caseEvaluation(await at('citizen1'), open)).mayEvaluate).toBe(false);

    const caseNo = await kit.concludedCase();
    // Another citizen cannot even see the case; staff who may read it are not its applicant.
    expect(await refusal(evaluateCase(await at('citizen2'), caseNo, { level: 5, dimensions: {}, tags: [] }))).toMatchObject({ code: 'resource.not_found' });
    expect(await refusal(evaluateCase(await at('scjg.clerk'), caseNo, { level: 5, dimensions: {}, tags: [] }))).toMatchObject({
      code: 'evaluation.not_applicant',
    });
    expect((await caseEvaluation(await at('citizen1'), caseNo)).mayEvaluate).toBe(true);

    const e = await evaluateCase(await at('citizen1'), caseNo, { level: 5, dimensions: { efficiency: 5, usability: 4 }, tags: [] });
    expect(e).toMatchObject({
      level: 5,
      mode: 'online',
      dimensions: { overall: 5, efficiency: 5, usability: 4 },
      rectification: null,
      itemName: '食品经营许可',
    });
    expect(await refusal(evaluateCase(await at('citizen1'), caseNo, { level: 1, dimensions: {}, tags: ['other'] }))).toMatchObject({
      code: 'evaluation.already_evaluated',
    });
    expect(await t.database.db.select().from(evaluations).where(eq(evaluations.caseNo, caseNo))).toHaveLength(1);
    expect((await caseEvaluation(await at('citizen1'), caseNo)).mayEvaluate).toBe(false);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'evaluation.create'), eq(auditEvents.objectId, e.id)));
    expect(audit).toHaveLength(1);
  });

  it('asks a bad review what went wrong', async () => {
    const caseNo = await kit.concludedCase();
    expect(await refusal(evaluateCase(await at('citizen1'), caseNo, { level: 2, dimensions: {}, tags: [] }))).toMatchObject({
      code: 'request.invalid',
      fields: [{ field: 'tags', code: 'required' }],
    });
  });
});

describe('rectification of a bad review (差评整改)', () => {
  it('is due in 15 working days across the National Day holiday (2026: 9-28 + 15 = 10-23), and runs follow-up → submit → rating', async () => {
    const caseNo = await kit.concludedCase();
    const e = await evaluateCase(await at('citizen1', '2026-09-28T10:00:00+08:00'), caseNo, bad);
    const r = e.rectification!;
    expect(r).toMatchObject({
      status: 'open',
      openedOn: '2026-09-28',
      dueOn: '2026-10-23',
      dueEstimated: false,
      departmentName: expect.stringContaining('市场监督管理局'),
    });
    expect(r.dueOn).toBe(t.calendar.addWorkingDays('2026-09-28', 15, '990000/990100').date);
    // The light by the injected clock: green on the day, yellow three working days before, red after.
    const approverOn = (day: string) => at('scjg.approver', `${day}T10:00:00+08:00`);
    const lightOn = async (day: string) =>
      (await listRectifications(await approverOn(day), { page: 1, pageSize: 100, scope: 'unit' })).items.find((x) => x.id === r.id)!.light;
    expect(await lightOn('2026-09-29')).toBe('green');
    expect(await lightOn('2026-10-20')).toBe('yellow');
    expect(await lightOn('2026-10-26')).toBe('red');

    // Another department's head may not touch it; nothing is submitted before the follow-up call.
    expect(await refusal(recordFollowUp(await at('zjj.approver'), r.id, { reached: true, note: '回访', version: r.version }))).toMatchObject({
      code: 'auth.out_of_scope',
    });
    expect(await refusal(submitRectification(await approverOn('2026-09-29'), r.id, { measures: '整改', version: r.version }))).toMatchObject({
      code: 'evaluation.follow_up_missing',
    });
    const called = await recordFollowUp(await approverOn('2026-09-29'), r.id, { reached: true, note: '已回访，情况属实', version: r.version });
    expect(called.followUp).toMatchObject({ reached: true, note: '已回访，情况属实' });
    expect(await refusal(submitRectification(await approverOn('2026-09-29'), r.id, { measures: '整改', version: r.version }))).toMatchObject({
      code: 'resource.stale',
    });
    const submitted = await submitRectification(await approverOn('2026-09-30'), r.id, { measures: '清理了指南以外的材料要求', version: called.version });
    expect(submitted).toMatchObject({ status: 'submitted', light: null, measures: '清理了指南以外的材料要求' });

    // Only the reviewer rates it, which closes it.
    expect(await refusal(rateRectification(await at('citizen2'), caseNo, { level: 4 }))).toMatchObject({ code: 'resource.not_found' });
    expect((await caseEvaluation(await at('citizen1'), caseNo)).mayRateRectification).toBe(true);
    const rated = await rateRectification(await at('citizen1'), caseNo, { level: 4, comment: '已改进' });
    expect(rated).toMatchObject({ status: 'closed', reviewerLevel: 4, reviewerComment: '已改进' });
    const actions = await t.database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, r.id));
    expect(actions.map((a) => a.action).sort()).toEqual(
      ['evaluation.rectification.follow_up', 'evaluation.rectification.open', 'evaluation.rectification.rate', 'evaluation.rectification.submit'].sort(),
    );
  });

  it('takes the limit configured for the region (7 working days set for the city: 9-28 + 7 = 10-13, the Saturday 10-10 a working day)', async () => {
    const admin = await at('it.admin');
    await putSetting(admin, '990000/990100', 7);
    try {
      const caseNo = await kit.concludedCase();
      const e = await evaluateCase(await at('citizen1', '2026-09-28T10:00:00+08:00'), caseNo, bad);
      expect(e.rectification!.dueOn).toBe(t.calendar.addWorkingDays('2026-09-28', 7, '990000/990100').date);
      expect(e.rectification!.dueOn).toBe('2026-10-13');
    } finally {
      await putSetting(admin, '990000/990100', 15);
    }
  });

  it('an appeal is decided by the supervising office with reasons: rejected goes back to the unit, accepted annuls the review', async () => {
    const caseNo = await kit.concludedCase();
    const r = (await evaluateCase(await at('citizen1'), caseNo, { ...bad, comment: '恶意差评测试' })).rectification!;
    const approver = await at('scjg.approver');
    const appealed = await appealReview(approver, r.id, { reason: '评价内容与本办件无关', version: r.version });
    expect(appealed).toMatchObject({ status: 'appealed', appeal: { reason: '评价内容与本办件无关', decision: null } });
    // The unit does not decide its own appeal.
    expect(await refusal(decideAppeal(approver, r.id, { decision: 'accepted', reason: '同意', version: appealed.version }))).toMatchObject({
      code: 'auth.out_of_scope',
    });
    const supervisor = await at('supervisor');
    expect((await listRectifications(supervisor, { page: 1, pageSize: 100, scope: 'appeals' })).items.map((x) => x.id)).toContain(r.id);
    const rejected = await decideAppeal(supervisor, r.id, { decision: 'rejected', reason: '评价与办件相关，申诉不成立', version: appealed.version });
    expect(rejected).toMatchObject({ status: 'open', appeal: { decision: 'rejected', decisionReason: '评价与办件相关，申诉不成立' }, dueOn: r.dueOn });

    const again = await appealReview(approver, r.id, { reason: '补充证据：评价人承认误评', version: rejected.version });
    const before = await publicSummary(t.ctx);
    const accepted = await decideAppeal(supervisor, r.id, { decision: 'accepted', reason: '经核实属误评', version: again.version });
    expect(accepted).toMatchObject({ status: 'annulled', appeal: { decision: 'accepted' }, allowedActions: [] });
    const [row] = await t.database.db.select().from(evaluations).where(eq(evaluations.caseNo, caseNo));
    expect(row!.annulled).toBe(true);
    expect((await publicSummary(t.ctx)).total).toBe(before.total - 1);
  });
});

describe('what staff and the public see', () => {
  it('staff see the evaluations of the cases they handled', async () => {
    const caseNo = await kit.concludedCase();
    await evaluateCase(await at('citizen1'), caseNo, { level: 4, dimensions: {}, tags: [] });
    const mine = await myStaffEvaluations(await at('scjg.reviewer'), { page: 1, pageSize: 100 });
    expect(mine.items.map((e) => e.caseNo)).toContain(caseNo);
    expect((await myStaffEvaluations(await at('rsj.clerk'), { page: 1, pageSize: 100 })).items.map((e) => e.caseNo)).not.toContain(caseNo);
  });

  it('the public summary equals a recount of the evaluations that stand and holds no personal data', async () => {
    const caseNo = await kit.concludedCase();
    await evaluateCase(await at('citizen1'), caseNo, { ...bad, comment: '我的电话 13800001111，身份证 990102198506151234' });
    const summary = await publicSummary(t.ctx);
    const rows = await t.database.db.select().from(evaluations).where(eq(evaluations.annulled, false));
    expect(summary.total).toBe(rows.length);
    const good = rows.filter((r) => r.level >= 3).length;
    expect(summary.satisfaction).toBeCloseTo(good / rows.length, 4);
    for (const d of summary.departments) {
      const of = rows.filter((r) => r.departmentId === d.key);
      expect(d.total).toBe(of.length);
      for (const level of [1, 2, 3, 4, 5] as const) expect(d.levels[level]).toBe(of.filter((r) => r.level === level).length);
      expect(d.average).toBeCloseTo(of.reduce((n, r) => n + r.level, 0) / of.length, 2);
    }
    for (const i of summary.items) expect(i.total).toBe(rows.filter((r) => r.implementationCode === i.key).length);
    // Per window: the evaluations that record one (the demo's on-site ones at the city center's windows).
    const windowed = rows.filter((r) => r.windowId);
    expect(windowed.length).toBeGreaterThan(0);
    expect(summary.windows.map((w) => w.key).sort()).toEqual([...new Set(windowed.map((r) => r.windowId!))].sort());
    for (const w of summary.windows) {
      const of = windowed.filter((r) => r.windowId === w.key);
      expect([w.total, w.name, w.departmentName]).toEqual([of.length, of[0]!.windowLabel, '']);
      expect(w.satisfaction).toBeCloseTo(of.filter((r) => r.level >= 3).length / of.length, 4);
    }
    const text = JSON.stringify(summary);
    const bads = await publicBadReviews(t.ctx, { page: 1, pageSize: 100 });
    const published = JSON.stringify(bads);
    for (const s of [text, published]) {
      for (const personal of ['张明', '13800001111', '990102198506151234', caseNo, ...rows.map((r) => r.raterId)]) expect(s).not.toContain(personal);
    }
    expect(bads.items.some((b) => b.comment?.includes('我的电话 ***********'))).toBe(true);
    expect(
      await t.database.db
        .select()
        .from(evaluations)
        .where(inArray(evaluations.caseNo, [caseNo])),
    ).toHaveLength(1);
  });
});
