import { asActor, type Ctx } from '../../platform/context.ts';
import { actorForUsername } from '../identity/index.ts';
import { casesByLight, lightCounts } from '../cases/index.ts';
import { issueUrge } from './issue-urge.ts';
import { answerUrge } from './answer-urge.ts';

/** The first case of a light that `reader` may read (the demo cases: red ones at 住建局 and 市场监管局, a yellow one at 市场监管局). */
async function firstCase(reader: Ctx, light: 'red' | 'yellow') {
  for (const row of await lightCounts(reader)) {
    if (row[light] === 0) continue;
    const page = await casesByLight(reader, { departmentId: row.departmentId, light, page: 1, pageSize: 1 });
    if (page.items[0]) return page.items[0];
  }
  return undefined;
}

/**
 * Demo 督办: `supervisor` urges the housing bureau's overdue (red) case, which waits for its unit's
 * answer, and the market bureau's case near its limit (yellow), which its reviewer has answered; so
 * the supervisor, `zjj.approver` and `scjg.reviewer` each find one after `npm start`. The market
 * bureau's overdue case is left un-urged, for the supervisor to urge.
 */
export async function seedSupervisionDemo(ctx: Ctx): Promise<void> {
  const sup = asActor(ctx, await actorForUsername(ctx, 'supervisor'));
  // The housing bureau's red case (its approver answers); the market bureau's stays un-urged for
  // the supervisor to try (e2e journey 12).
  const red = await firstCase(asActor(ctx, await actorForUsername(ctx, 'zjj.approver')), 'red');
  if (red)
    await issueUrge(sup, {
      caseNo: red.caseNo,
      message: '该办件已超过承诺时限，请说明超期原因并于期限内办结，答复办理情况。',
      answerDays: 3,
    });
  // A yellow case of the reviewer's own bureau, so that he is the one who answers.
  const reviewer = asActor(ctx, await actorForUsername(ctx, 'scjg.reviewer'));
  const yellow = await firstCase(reviewer, 'yellow');
  if (yellow) {
    const urge = await issueUrge(sup, { caseNo: yellow.caseNo, message: '该办件临近办理时限，请抓紧审查，避免超期。', answerDays: 2 });
    await answerUrge(reviewer, urge.id, { answer: '已完成材料审查，将于明日提交审批负责人决定，确保在时限内办结。', version: urge.version });
  }
  // 领导驾驶舱 月度报告: no PDF here. The daily job `supervision.monthly_report` runs when the server
  // starts and makes last month's; rendering it in the seed cost every test run's set-up seconds.
}
