/**
 * 一件事维护 (docs/life-events.md): the catalog reviewer of the lead department (zwfw.catalog, 政务服务局)
 * opens the bundles from the workbench menu, opens 退休“一件事”, sees the published version 1; an
 * empty name is refused by the server and shown on the field; the description changed, the draft
 * (version 2) is saved and the publication check shows the change against the published version; then
 * it is published with a confirmation and the page shows version 2 in force. A window clerk, without
 * the catalog permissions, has no such menu entry.
 */
import type { Page } from 'playwright-core';
import { assert, buttonName, signIn, type Journey } from '../lib.ts';

const staffMenu = (page: Page) => page.locator('.staff-sider nav');

export const journeys: Journey[] = [
  {
    name: 'zwfw.catalog edits the description of 退休 in 一件事维护, sees the publication check and publishes version 2',
    async run({ baseUrl, newPage }) {
      const page = await newPage({ width: 1280, height: 900 });
      page.setDefaultTimeout(30_000);
      await signIn(page, baseUrl, 'zwfw.catalog', undefined, '/workbench');
      await staffMenu(page).getByRole('link', { name: '一件事维护' }).click();
      await page.getByRole('heading', { name: '一件事维护', level: 1 }).waitFor();
      const rows = page.getByRole('row');
      await rows.filter({ hasText: '退休' }).first().waitFor();
      assert((await rows.filter({ hasText: '示范市政务服务' }).count()) >= 6, 'the six demo bundles led by 政务服务局 are listed');
      await page.getByRole('link', { name: /打开“退休/ }).click();
      await page.waitForURL(/\/workbench\/catalog\/life-events\/retirement$/);
      await page.getByRole('heading', { name: '现行版本（第 1 版）' }).waitFor();

      // The server's validation on the field: an empty name is a 400 naming definition.name.
      const name = page.getByLabel('名称', { exact: true });
      const oldName = await name.inputValue();
      await name.fill('');
      await page.getByRole('button', { name: buttonName('保存草稿') }).click();
      await page.locator('.ant-form-item-explain-error').first().waitFor();
      await name.fill(oldName);

      const summary = `养老保险待遇申领、退休人员医保待遇核定、住房公积金退休提取一次申请（浏览器测试 ${Date.now()}）`;
      await page.getByLabel('说明', { exact: true }).fill(summary);
      await page.getByText('有未保存的修改').waitFor();
      await page.getByRole('button', { name: buttonName('保存草稿') }).click();
      await page.getByText('草稿已保存').first().waitFor();
      await page.getByRole('heading', { name: '草稿（第 2 版）' }).waitFor();

      // The publication check: no issue, and the description's change against version 1.
      const check = page.getByTestId('le-check');
      await check.getByText('检查通过，可以发布。').waitFor();
      const changes = page.getByTestId('le-changes');
      await changes.getByText(summary).waitFor();
      assert(((await changes.textContent()) ?? '').includes('说明'), 'the change is named 说明');

      await check.getByRole('button', { name: buttonName('发布') }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('发布第 2 版？').waitFor();
      await dialog.getByRole('button', { name: buttonName('发布') }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('heading', { name: '现行版本（第 2 版）' }).waitFor();
      await page.getByTestId('le-published').getByText(summary).waitFor();
      await page.getByText('与现行版本相比没有变化。').waitFor();

      // The portal shows the new version.
      const pub = (await (await page.request.get(`${baseUrl}/api/catalog/life-events/retirement`)).json()) as { version: number; summary: string };
      assert(pub.version === 2 && pub.summary === summary, `the portal has version 2 (got ${pub.version})`);

      // The list at phone width: the working version is v2, published.
      const phone = await newPage({ width: 375, height: 800 });
      phone.setDefaultTimeout(30_000);
      await signIn(phone, baseUrl, 'zwfw.catalog', undefined, '/workbench/catalog/life-events');
      await phone.getByRole('heading', { name: '一件事维护', level: 1 }).waitFor();
      await phone.getByRole('row').filter({ hasText: '退休' }).getByText('v2 · 已发布').waitFor();

      // Without catalog.item.edit or .review: no entry.
      const clerk = await newPage({ width: 1280, height: 900 });
      clerk.setDefaultTimeout(30_000);
      await signIn(clerk, baseUrl, 'window.clerk', undefined, '/workbench');
      await staffMenu(clerk).getByRole('link', { name: '待办事项' }).waitFor();
      assert((await staffMenu(clerk).getByRole('link', { name: '一件事维护' }).count()) === 0, 'a window clerk sees no 一件事维护 entry');
    },
  },
];
