/**
 * 电子监察 and 督办 (docs/supervision.md): the supervisor opens the cases behind the market
 * regulation bureau's yellow bar and urges one with a three-working-day limit; the bureau's reviewer
 * finds it among the urges to answer and answers it. The supervisor drills from the bureau's red bar
 * to its overdue case (the demo's 特种设备使用登记, which the seed leaves un-urged) and urges it with
 * a two-working-day limit; the bureau's approver answers it under 督办 and sees the answer on the case.
 * Then the supervisor urges the bureau's overdue (red) rectification of a bad review from the rectifications' lights (the demo's 企业变更登记, past
 * its 15 working days), and the bureau's approver answers that urge.
 *
 * 好差评 (docs/evaluation.md): 刘桂芳 rates her concluded 食品经营许可 非常不满意 with a tag through the
 * demo SMS link; the bureau (scjg.approver) calls her back and submits its rectification, which
 * 电子监察 lists among the bureau's rectifications; 张明 (citizen1) rates the bureau's submitted
 * rectification of his own bad review on his case page (刘桂芳 has no account to sign in with); the
 * public 好差评公示 shows her review and its measures and counts it for the item; the supervisor's
 * 领导驾驶舱 counts it after 立即刷新 (its figures are pre-aggregated; the hourly job does the same).
 */
import type { Page } from 'playwright-core';
import { assert, buttonName, signIn, type Journey } from '../lib.ts';

const UNIT = '示范市市场监督管理局';

/** On 督办 (本单位待答复), the urged unit opens the urge on `caseNo` and answers it. */
async function answerUrge(page: Page, caseNo: string, answer: string) {
  await page.getByRole('heading', { name: '督办', level: 1 }).waitFor();
  await page
    .getByRole('row')
    .filter({ hasText: caseNo.slice(-8) })
    .first()
    .getByRole('button')
    .first()
    .click();
  await page.getByRole('button', { name: new RegExp(`答复督办.*${caseNo}`) }).click();
  await page.getByRole('dialog').getByLabel('答复内容').fill(answer);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: buttonName('提交答复') })
    .click();
  await page.getByText('已答复督办', { exact: true }).waitFor();
}

export const journeys: Journey[] = [
  {
    name: 'supervisor urges a yellow and a red case from their bars on 电子监察; scjg.reviewer and scjg.approver answer the urges',
    async run({ baseUrl, newPage }) {
      const sup = await newPage({ width: 1280, height: 900 });
      sup.setDefaultTimeout(30_000);
      await signIn(sup, baseUrl, 'supervisor', undefined, '/workbench');
      // The workbench home counts the urges waiting for an answer (the demo's open one among them).
      const counts = sup.getByTestId('supervision-urge-counts');
      await counts.waitFor();
      assert(/待答复 [1-9]/.test((await counts.textContent()) ?? ''), 'the home page counts the waiting urges');
      await sup.goto(`${baseUrl}/workbench/supervision/lights`);
      await sup.getByRole('heading', { name: '电子监察', level: 1 }).waitFor();
      await sup.getByRole('button', { name: new RegExp(`查看${UNIT}黄灯办件`) }).click();
      const behind = sup.locator('.sv-section').filter({ has: sup.getByRole('heading', { name: new RegExp(`${UNIT}.*黄灯`) }) });
      const urgeButton = behind.getByRole('button', { name: /^督办/ }).first();
      await urgeButton.waitFor();
      const caseNo = ((await urgeButton.textContent()) ?? '').match(/督办办件\s*(\S+)/)?.[1];
      assert(caseNo, 'the 督办 button names its case');
      await urgeButton.click();
      const dialog = sup.getByRole('dialog');
      await dialog.getByLabel('督办意见').fill('该办件临近办理时限，请说明进展并按时办结。');
      await dialog.getByRole('button', { name: buttonName('发出督办') }).click();
      await sup.getByText(/已发出督办，答复期限/).waitFor();
      await behind.getByText('待答复').first().waitFor();

      const unit = await newPage({ width: 375, height: 800 });
      unit.setDefaultTimeout(30_000);
      await signIn(unit, baseUrl, 'scjg.reviewer', undefined, '/workbench/supervision/urges');
      await answerUrge(unit, caseNo, '已完成审查，明日报审批负责人决定，确保按时办结。');
      await unit.goto(`${baseUrl}/workbench/cases/${encodeURIComponent(caseNo)}`);
      await unit.getByText('已完成审查，明日报审批负责人决定，确保按时办结。').waitFor();
      const wide = await unit.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert(!wide, 'the case page does not scroll sideways at 375 px');

      // The bureau's overdue (red) case (the demo's 特种设备使用登记, not urged by the seed): the
      // supervisor drills from the red bar to the case and urges it with a two-working-day limit.
      await sup.goto(`${baseUrl}/workbench/supervision/lights`);
      await sup.getByRole('button', { name: new RegExp(`查看${UNIT}红灯办件`) }).click();
      const overdue = sup.locator('.sv-section').filter({ has: sup.getByRole('heading', { name: new RegExp(`${UNIT}.*红灯`) }) });
      const urgeRed = overdue.getByRole('button', { name: /^督办/ }).first();
      await urgeRed.waitFor();
      const redCaseNo = ((await urgeRed.textContent()) ?? '').match(/督办办件\s*(\S+)/)?.[1];
      assert(redCaseNo, 'the 督办 button names the overdue case');
      await urgeRed.click();
      const redDialog = sup.getByRole('dialog');
      await redDialog.getByLabel('督办意见').fill('该办件已超过承诺时限，请说明超期原因并于答复期限内办结。');
      await redDialog.getByLabel('答复时限（工作日）').fill('2');
      await redDialog.getByRole('button', { name: buttonName('发出督办') }).click();
      await sup
        .getByText(/已发出督办，答复期限/)
        .first()
        .waitFor();
      await overdue.getByText('待答复').first().waitFor();

      // The bureau's approver, who holds the case for decision, answers it under 督办.
      const approver = await newPage({ width: 375, height: 800 });
      approver.setDefaultTimeout(30_000);
      await signIn(approver, baseUrl, 'scjg.approver', undefined, '/workbench/supervision/urges');
      await answerUrge(approver, redCaseNo, '超期系现场核查排期延误，已完成核查，今日作出决定并办结。');
      await approver.goto(`${baseUrl}/workbench/cases/${encodeURIComponent(redCaseNo)}`);
      await approver.getByText('超期系现场核查排期延误，已完成核查，今日作出决定并办结。').waitFor();

      // The bureau's overdue rectification (red): urged from the rectifications' lights.
      await sup.goto(`${baseUrl}/workbench/supervision/lights`);
      await sup.getByRole('button', { name: new RegExp(`查看${UNIT}红灯差评整改`) }).click();
      const late = sup.locator('.sv-behind').filter({ has: sup.getByRole('heading', { name: new RegExp(`${UNIT}.*红灯`) }) });
      const urgeLate = late.getByRole('button', { name: /督办办件\s*\S+\s*的差评整改/ }).first();
      await urgeLate.waitFor();
      const lateCaseNo = ((await urgeLate.textContent()) ?? '').match(/督办办件\s*(\S+)\s*的差评整改/)?.[1];
      assert(lateCaseNo, "the 督办 button names the rectification's case");
      await urgeLate.click();
      const lateDialog = sup.getByRole('dialog');
      await lateDialog.getByLabel('督办意见').fill('差评整改已超过期限，请说明原因并于期限内完成整改、答复。');
      await lateDialog.getByRole('button', { name: buttonName('发出督办') }).click();
      await sup
        .getByText(/已发出督办，答复期限/)
        .first()
        .waitFor();
      await late.getByText('待答复').first().waitFor();

      // The approver who rectifies for the bureau answers it under 督办.
      await approver.goto(`${baseUrl}/workbench/supervision/urges`);
      await answerUrge(approver, lateCaseNo, '已核查窗口超出指南的要求并停止执行，本周内提交整改措施。');
    },
  },
  {
    name: 'a citizen rates a concluded case 非常不满意 with a tag; the bureau rectifies; the reviewer rates a rectification; 好差评公示 shows it',
    async run({ baseUrl, newPage }) {
      const COMMENT = '窗口说要补交健康证明，办事指南里没有写，耽误了一周。';
      const MEASURES = '已核对办事指南与窗口收件标准，删除指南以外的材料要求，并对窗口人员进行培训。';
      const citizen = await newPage({ width: 375, height: 800 });
      citizen.setDefaultTimeout(30_000);
      // Before: the public count of the item's evaluations (a visitor's page: the summary may be kept
      // 5 minutes by a browser, max-age=300), and the leaders' view's evaluations / bad reviews.
      const itemCount = async (page: Page) => {
        await page.goto(`${baseUrl}/evaluation`);
        await page.getByRole('heading', { name: /按事项/ }).waitFor();
        const row = page.getByRole('row').filter({ hasText: '食品经营许可' }).filter({ hasText: UNIT });
        return (await row.count()) ? Number(await row.first().getByRole('cell').nth(1).textContent()) : 0;
      };
      const publicBefore = await itemCount(await newPage({ width: 375, height: 800 }));
      const sup = await newPage({ width: 1280, height: 900 });
      sup.setDefaultTimeout(30_000);
      await signIn(sup, baseUrl, 'supervisor', undefined, '/workbench/supervision/dashboard');
      const ratedKpi = sup.locator('.sv-kpis .ant-card').filter({ hasText: '评价数 / 差评' }).locator('.ant-statistic-content');
      await ratedKpi.waitFor();
      const [rated, bad] = ((await ratedKpi.textContent()) ?? '').split('/').map((x) => Number(x.trim()));
      assert(Number.isInteger(rated) && Number.isInteger(bad), 'the dashboard shows evaluations / bad reviews');

      // 刘桂芳 (no account) rates through the demo SMS link, signed out.
      await citizen.goto(`${baseUrl}/evaluate/demo-sms-evaluate-0001`);
      await citizen.locator('label.ant-radio-button-wrapper', { hasText: '非常不满意' }).click();
      await citizen.getByRole('checkbox', { name: '要求指南以外的材料' }).check();
      await citizen.getByLabel('意见和建议').fill(COMMENT);
      await citizen.getByRole('button', { name: buttonName('提交评价') }).click();
      await citizen.getByTestId('ev-token-done').waitFor();

      // The bureau: the new rectification is on 差评整改; call back, then submit the measures.
      const unit = await newPage({ width: 1280, height: 900 });
      unit.setDefaultTimeout(30_000);
      await signIn(unit, baseUrl, 'scjg.approver', undefined, '/workbench/rectifications');
      await unit.getByRole('listitem').filter({ hasText: '食品经营许可' }).filter({ hasText: '待整改' }).getByRole('link').first().click();
      await unit.getByText(COMMENT).waitFor();
      await unit.getByRole('button', { name: buttonName('记录回访') }).click();
      await unit.getByRole('checkbox', { name: '电话已接通' }).check();
      await unit.getByLabel('回访情况').fill('已电话回访刘桂芳女士，核实窗口要求指南以外材料属实，已致歉。');
      await unit.getByRole('button', { name: buttonName('提交') }).click();
      await unit.getByText('已电话回访刘桂芳女士', { exact: false }).first().waitFor();
      await unit.getByRole('button', { name: buttonName('提交整改') }).click();
      await unit.getByLabel('整改措施').fill(MEASURES);
      await unit.getByRole('button', { name: buttonName('提交') }).click();
      await unit.getByText('已整改待评价').first().waitFor();

      // 张明 rates the bureau's rectification of his own bad review (个体工商户设立登记, demo).
      const zhang = await newPage({ width: 375, height: 800 });
      zhang.setDefaultTimeout(30_000);
      await signIn(zhang, baseUrl, 'citizen1', undefined, '/');
      const mine = (await (await zhang.request.get(`${baseUrl}/api/cases?mine=1&pageSize=50`)).json()) as { items: { caseNo: string; itemName: string }[] };
      const caseNo = mine.items.find((c) => c.itemName === '个体工商户设立登记')?.caseNo;
      assert(caseNo, '张明 has his demo 个体工商户设立登记 case');
      await zhang.goto(`${baseUrl}/cases/${encodeURIComponent(caseNo)}`);
      const form = zhang.getByRole('form', { name: '评价整改结果' });
      await form.locator('label.ant-radio-button-wrapper', { hasText: /^满意$/ }).click();
      await form.getByRole('button', { name: buttonName('提交') }).click();
      await zhang.getByTestId('ev-card').getByText('已办结').first().waitFor();

      // The public page: her review, its tag and the bureau's measures (no name, no case number).
      await citizen.goto(`${baseUrl}/evaluation`);
      const review = citizen.getByRole('listitem').filter({ hasText: COMMENT });
      await review.getByText('要求指南以外的材料').waitFor();
      await review.getByText(MEASURES).waitFor();
      assert(!((await review.textContent()) ?? '').includes('刘桂芳'), 'the public page names nobody');
      assert((await itemCount(citizen)) === publicBefore + 1, '好差评公示 counts her evaluation for 食品经营许可');

      // The leaders' view: recounted now (立即刷新), it counts her evaluation and its bad review.
      await sup.getByRole('button', { name: buttonName('立即刷新') }).click();
      await sup.getByText(/已重新统计近 40 天的数据/).waitFor();
      await ratedKpi.filter({ hasText: new RegExp(`^\\s*${rated + 1}\\s*/\\s*${bad + 1}\\s*$`) }).waitFor();
    },
  },
];
