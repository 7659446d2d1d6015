/**
 * 电子监察 and 督办 (docs/supervision.md): the supervisor opens the cases behind the market
 * regulation bureau's yellow bar and urges one with a three-working-day limit; the bureau's reviewer
 * finds it among the urges to answer and answers it.
 */
import { assert, buttonName, signIn, type Journey } from '../lib.ts';

const UNIT = '示范市市场监督管理局';

export const journeys: Journey[] = [
  {
    name: 'supervisor urges a yellow case from its bar on 电子监察; scjg.reviewer answers the urge',
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
      await unit.getByRole('heading', { name: '督办', level: 1 }).waitFor();
      const row = unit
        .getByRole('row')
        .filter({ hasText: caseNo.slice(-8) })
        .first();
      await row.getByRole('button').first().click();
      await unit.getByRole('button', { name: new RegExp(`答复督办.*${caseNo}`) }).click();
      await unit.getByRole('dialog').getByLabel('答复内容').fill('已完成审查，明日报审批负责人决定，确保按时办结。');
      await unit
        .getByRole('dialog')
        .getByRole('button', { name: buttonName('提交答复') })
        .click();
      await unit.getByText('已答复督办', { exact: true }).waitFor();
      await unit.goto(`${baseUrl}/workbench/cases/${encodeURIComponent(caseNo)}`);
      await unit.getByText('已完成审查，明日报审批负责人决定，确保按时办结。').waitFor();
      const wide = await unit.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert(!wide, 'the case page does not scroll sideways at 375 px');
    },
  },
];
