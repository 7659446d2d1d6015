import { asActor, type Ctx } from '../../platform/context.ts';
import { actorForUsername } from '../identity/index.ts';
import { listCases } from '../cases/index.ts';
import { evaluateCase } from './evaluate.ts';
import { recordFollowUp, submitRectification } from './rectify.ts';
import { evaluationRepo } from './repository.ts';
import { seedDemoTokens } from './tokens.ts';
import { seedLateRectifications } from './seed-late.ts';

/**
 * Demo 好差评 through the real services, with the clock set back: 示范市西江建设 (enterprise2) rated
 * its refused 企业注销登记 非常不满意 (conditions and materials beyond the guide) three days ago; the
 * market regulation bureau called back and its rectification is open (scjg.approver, supervisor).
 * 张明 (citizen1) rated his 个体工商户设立登记 不满意; the bureau called, rectified, and waits for
 * his rating of the rectification. 刘桂芳's concluded window case (no account) gets the
 * demo links with known tokens (an SMS link and a window visit code, docs/evaluation.md). Two
 * window visits rated at the counter weeks ago have rectifications the bureau let run late (red and
 * yellow in 电子监察).
 */
export async function seedEvaluationDemo(ctx: Ctx): Promise<void> {
  const day = 86_400_000;
  const at = (daysAgo: number, minute: number) => {
    const stamp = Date.now() - daysAgo * day;
    return () => new Date(stamp + minute * 60_000);
  };
  const as = async (username: string, now: () => Date): Promise<Ctx> => ({ ...asActor(ctx, await actorForUsername(ctx, username)), now });
  const caseOf = async (username: string, itemName: string, status: string) => {
    const page = await listCases(await as(username, at(0, 0)), { page: 1, pageSize: 50, mine: '1' });
    return (page.items as { caseNo: string; itemName: string; status: string }[]).find((c) => c.itemName === itemName && c.status === status)?.caseNo;
  };

  const refused = await caseOf('enterprise2', '企业注销登记', 'refused');
  if (refused) {
    const e = await evaluateCase(await as('enterprise2', at(2, 0)), refused, {
      level: 1,
      dimensions: { efficiency: 2, guideAccuracy: 1, convenience: 2, usability: 4 },
      tags: ['conditions_beyond_guide', 'materials_beyond_guide'],
      comment: '窗口要求提供清算组备案通知书原件，办事指南里没有写，白跑一趟。',
    });
    await recordFollowUp(await as('scjg.approver', at(1, 30)), e.rectification!.id, {
      reached: true,
      note: '已电话回访企业经办人，核实窗口额外要求提供备案通知书原件，情况属实，正在整改。',
      version: e.rectification!.version,
    });
  }

  const concluded = await caseOf('citizen1', '个体工商户设立登记', 'concluded');
  if (concluded) {
    const e = await evaluateCase(await as('citizen1', at(8, 0)), concluded, {
      level: 2,
      dimensions: { efficiency: 3, guideAccuracy: 2, convenience: 2, usability: 3 },
      tags: ['repeated_visits'],
      comment: '经营场所证明的要求前后说法不一，打了三次电话才弄清楚。',
    });
    const r = await recordFollowUp(await as('scjg.approver', at(7, 10)), e.rectification!.id, {
      reached: true,
      note: '回访张明先生，了解到咨询电话答复不一致；已向其致歉。',
      version: e.rectification!.version,
    });
    await submitRectification(await as('scjg.approver', at(5, 20)), r.id, {
      measures: '统一了经营场所证明的口径，更新了办事指南“常见问题”，对咨询岗人员进行了培训。',
      version: r.version,
    });
  }

  // 刘桂芳's 食品经营许可, filed at the window and concluded: the demo links (an SMS link and a visit code).
  const page = await listCases(await as('scjg.clerk', at(0, 0)), { page: 1, pageSize: 100 });
  const walkIn = (page.items as { caseNo: string; itemName: string; status: string; applicantName?: string }[]).find(
    (c) => c.itemName === '食品经营许可' && c.status === 'concluded' && c.applicantName === '刘桂芳',
  );
  if (walkIn && !(await evaluationRepo.onlineOfCase(ctx.database.db, walkIn.caseNo))) await seedDemoTokens(ctx, walkIn.caseNo);

  // Two bad reviews the bureau has let run late: a red rectification and a yellow one (seed-late.ts).
  await seedLateRectifications(ctx);
}
