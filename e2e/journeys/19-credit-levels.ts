/**
 * Credit levels (docs/credit.md, "Credit levels"): the city's credit office opens 信用等级规则 in the
 * credit workbench, is refused a B threshold above A (the server's 422 shown in the form), raises it
 * within order and sees it saved (after a reload too), then puts it back; the inspection manager sees,
 * in the entity directory, the level credit computes for 西江建设 (on the dishonesty list: D) beside
 * the letter the directory imported (B).
 */
import type { Page } from 'playwright-core';
import { assert, buttonName, signIn, type Journey } from '../lib.ts';

/** 西江建设 (enterprise2): on the dishonesty list in the demo credit file, imported into the directory as B. */
const XIJIANG_USCC = '91990104MA0000002D';
const XIJIANG = '示范市西江建设工程有限公司';

/** The level-rule table's row of one rule. */
const ruleRow = (page: Page, name: string) => page.locator('tr.ant-table-row').filter({ hasText: name }).first();

/** Opens the rule's modal, enters `points`, saves; returns the dialog. */
async function setPoints(page: Page, rule: string, points: number) {
  await page.getByRole('button', { name: `修改 ${rule}` }).click();
  const dialog = page.getByRole('dialog', { name: `修改信用等级规则：${rule}` });
  await dialog.waitFor();
  const input = dialog.getByLabel('分值');
  await input.fill(String(points));
  await dialog.getByRole('button', { name: buttonName('保存') }).click();
  return dialog;
}

export const journeys: Journey[] = [
  {
    name: 'the credit office changes a level threshold (refused out of order, then saved); the inspection directory shows the computed level beside the imported one',
    async run({ baseUrl, newPage }) {
      const office = await newPage({ width: 1280, height: 900 });
      await signIn(office, baseUrl, 'credit.officer', undefined, '/workbench/credit?tab=levels');
      await office.getByRole('heading', { level: 1, name: '信用管理工作台' }).waitFor();
      const b = ruleRow(office, 'B 级最低分');
      await b.waitFor();
      assert((await b.textContent())?.includes('90'), `B threshold at its default 90: ${await b.textContent()}`);
      await office.getByText('起始 100 分；A 级 ≥ 110，B 级 ≥ 90，C 级 ≥ 60，更低为 D 级。').waitFor();

      // Above A (110): the server refuses (422), the form says why and stays open.
      const refused = await setPoints(office, 'B 级最低分', 120);
      await refused.getByRole('alert').filter({ hasText: 'A > B > C' }).waitFor();
      await refused.getByRole('button', { name: buttonName('取消') }).click();
      await refused.waitFor({ state: 'hidden' });

      // Within order: saved, the table and the summary say it, and so does a reload.
      const saved = await setPoints(office, 'B 级最低分', 95);
      await saved.waitFor({ state: 'hidden' });
      await office.getByText('已保存：B 级最低分 为 95 分').waitFor();
      await office.getByText('B 级 ≥ 95').waitFor();
      await office.reload();
      const after = ruleRow(office, 'B 级最低分');
      await after.filter({ hasText: /第 \d+ 版/ }).waitFor();
      assert((await after.textContent())?.includes('95'), `B threshold saved as 95 after a reload: ${await after.textContent()}`);

      // Put back (the other journeys grade with the defaults).
      const back = await setPoints(office, 'B 级最低分', 90);
      await back.waitFor({ state: 'hidden' });
      await office.getByText('B 级 ≥ 90').waitFor();

      // The inspection manager: 西江建设 is D as credit computes it, B as imported.
      const mgr = await newPage({ width: 1280, height: 900 });
      await signIn(mgr, baseUrl, 'scjg.inspection', undefined, `/workbench/inspection/entities?q=${XIJIANG_USCC}`);
      const row = mgr.locator('tr.ant-table-row').filter({ hasText: XIJIANG_USCC });
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      assert(text.includes(XIJIANG), `the directory row names ${XIJIANG}: ${text}`);
      assert(text.includes('D 级（计算）') && text.includes('导入 B 级'), `computed D beside imported B: ${text}`);
    },
  },
];
