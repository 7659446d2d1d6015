// 督办 (urges) as services on PGlite, with the clock injected: the answer limit across a holiday,
// the escalation job, and who may urge and answer (issue 17, e-supervision).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/index.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { submitCase } from '../cases/index.ts';
import { foodApplication, foodImplementation } from './supervision-test-kit.ts';
import { supervisionPermissions as P } from './policy.ts';
import { issueUrge } from './issue-urge.ts';
import { answerUrge } from './answer-urge.ts';
import { escalateOverdueUrges } from './escalate-urges.ts';
import { getUrge, listUrges } from './urge-lists.ts';

let t: TestApp;
let foodCode: string;
let citizen: string;
beforeAll(async () => {
  t = await createTestApp();
  foodCode = await foodImplementation(t);
  citizen = await t.login('citizen1');
});
afterAll(() => t.close());

/** `ctx` with its clock at `iso` (Asia/Shanghai time in the string). */
const at = (ctx: Ctx, iso: string): Ctx => ({ ...ctx, now: () => new Date(iso) });
const as = async (user: string, iso: string) => at(await t.as(user), iso);

/** A 食品经营许可 case of the city market bureau submitted on 2026-08-03: red by the end of September. */
async function lateCase(): Promise<string> {
  const c = await submitCase(await as('citizen1', '2026-08-03T10:00:00+08:00'), (await foodApplication(t, foodCode, citizen)) as never);
  return c.caseNo;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'ok';
}

describe('an urge', () => {
  it('is due in working days by the platform calendar, across the National Day holiday', async () => {
    const caseNo = await lateCase();
    // Wednesday 30 September 2026: 1–7 October are off, Saturday 10 October is a make-up working day.
    const urge = await issueUrge(await as('supervisor', '2026-09-30T10:00:00+08:00'), { caseNo, message: '请说明超期原因并尽快办结', answerDays: 3 });
    expect(urge).toMatchObject({ caseNo, caseLight: 'red', status: 'open', issuedOn: '2026-09-30', dueDate: '2026-10-10', dueEstimated: false });
    expect(urge.departmentName).toBe('示范市市场监督管理局');
    // One waiting urge per case.
    expect(await codeOf(issueUrge(await as('supervisor', '2026-09-30T11:00:00+08:00'), { caseNo, message: '再次督办', answerDays: 3 }))).toBe(
      'supervision.urge_open',
    );
  });

  it('is refused on a green case and outside the supervisor’s region', async () => {
    const caseNo = await lateCase();
    // On the day it was submitted the case is green: nothing to urge yet.
    expect(await codeOf(issueUrge(await as('supervisor', '2026-08-04T10:00:00+08:00'), { caseNo, message: '请抓紧办理', answerDays: 3 }))).toBe(
      'supervision.case_not_late',
    );
    // A supervisor of 明湖区 only: the city bureau's case is outside his region.
    const city = await t.as('supervisor');
    const minghu: Ctx = at(
      { ...city, actor: { ...city.actor, grants: [{ role: 'supervisor', permissions: [P.urge], departmentId: null, regionPath: '990000/990100/990102' }] } },
      '2026-09-30T10:00:00+08:00',
    );
    expect(await codeOf(issueUrge(minghu, { caseNo, message: '请说明超期原因', answerDays: 3 }))).toBe('auth.out_of_scope');
    // A clerk holds no urge permission at all.
    expect(await codeOf(issueUrge(await as('scjg.clerk', '2026-09-30T10:00:00+08:00'), { caseNo, message: '请说明超期原因', answerDays: 3 }))).toBe(
      'auth.out_of_scope',
    );
  });

  it('is answered only by its unit; other units do not see it', async () => {
    const caseNo = await lateCase();
    const urge = await issueUrge(await as('supervisor', '2026-09-30T10:00:00+08:00'), { caseNo, message: '请说明超期原因', answerDays: 3 });
    // 住建局's approver answers urges to his own bureau only: this one he cannot even see.
    expect(await codeOf(answerUrge(await as('zjj.approver', '2026-10-08T10:00:00+08:00'), urge.id, { answer: '已办理完毕', version: urge.version }))).toBe(
      'resource.not_found',
    );
    // The supervisor sees it but does not answer for the bureau.
    expect(await codeOf(answerUrge(await as('supervisor', '2026-10-08T10:00:00+08:00'), urge.id, { answer: '已办理完毕', version: urge.version }))).toBe(
      'supervision.not_your_unit',
    );
    const reviewer = await as('scjg.reviewer', '2026-10-08T10:00:00+08:00');
    const mine = await listUrges(reviewer, { box: 'to-answer', caseNo, page: 1, pageSize: 20 });
    expect(mine.items).toEqual([expect.objectContaining({ id: urge.id, mayAnswer: true, overdue: false })]);
    const answered = await answerUrge(reviewer, urge.id, { answer: '材料已审查完毕，明日报审批负责人决定', version: urge.version });
    expect(answered).toMatchObject({ status: 'answered', answeredByName: expect.any(String), answeredLate: false, mayAnswer: false });
    // Answered once: a second answer is not allowed by the urge's status.
    expect(await codeOf(answerUrge(reviewer, urge.id, { answer: '再次答复内容', version: answered.version }))).toBe('workflow.action_not_allowed');
    expect((await listUrges(await as('zjj.approver', '2026-10-08T10:00:00+08:00'), { caseNo, page: 1, pageSize: 20 })).total).toBe(0);
  });
});

describe('the escalation job', () => {
  it('escalates an urge unanswered past its limit to the unit’s superior, once; a late answer is marked late', async () => {
    const caseNo = await lateCase();
    const urge = await issueUrge(await as('supervisor', '2026-09-30T10:00:00+08:00'), { caseNo, message: '请说明超期原因', answerDays: 3 });
    // On the due date itself nothing happens.
    expect(await escalateOverdueUrges(at(t.ctx, '2026-10-10T18:00:00+08:00'))).not.toContain(urge.id);
    expect((await getUrge(await t.as('supervisor'), urge.id)).status).toBe('open');
    // The next working day it is escalated: 市场监管局 has no parent department, so to the supervising office (政务服务局).
    expect(await escalateOverdueUrges(at(t.ctx, '2026-10-12T09:00:00+08:00'))).toContain(urge.id);
    const escalated = await getUrge(await as('supervisor', '2026-10-12T09:00:00+08:00'), urge.id);
    expect(escalated).toMatchObject({ status: 'escalated', overdue: true, escalatedToName: '示范市政务服务和大数据管理局' });
    expect(escalated.escalatedAt).not.toBeNull();
    expect(await escalateOverdueUrges(at(t.ctx, '2026-10-13T09:00:00+08:00'))).not.toContain(urge.id);
    // The superior's staff find it among the urges escalated to them.
    const superior = await listUrges(await t.as('supervisor'), { box: 'escalated', caseNo, page: 1, pageSize: 20 });
    expect(superior.items.map((u) => u.id)).toEqual([urge.id]);
    const late = await answerUrge(await as('scjg.reviewer', '2026-10-13T10:00:00+08:00'), urge.id, {
      answer: '已办结，超期原因已说明',
      version: escalated.version,
    });
    expect(late).toMatchObject({ status: 'answered', answeredLate: true });
  });

  it('audits issue, escalation and answer', async () => {
    const rows = await t.database.db
      .selectDistinct({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.objectType, 'supervision_urge'))
      .orderBy(auditEvents.action);
    expect(rows.map((r) => r.action)).toEqual(['supervision.urge.answer', 'supervision.urge.escalate', 'supervision.urge.issue']);
  });
});
