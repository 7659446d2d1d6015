import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { assert, hasHorizontalScroll, pickOption, seriousA11yViolations, settleAnimations, signIn, type Journey } from '../lib.ts';

const FOOD = '食品经营许可';
const CITY_SCJG = '示范市市场监督管理局';

/** The city's 食品经营许可 implementation code, as the public search answers it. */
async function foodCode(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const res = await fetch('/api/catalog/items?q=spjy&pageSize=10');
    const body = (await res.json()) as { items: { implementationCode: string; name: string; departmentName: string }[] };
    return body.items.find((i) => i.name === '食品经营许可' && i.departmentName === '示范市市场监督管理局')!.implementationCode;
  });
}

/** A catalog workbook as the import reads it: the three sheets, items only (fees and implementations empty). */
async function itemsWorkbook(items: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('事项').addRows([['基本编码', '事项名称', '事项类型', '服务对象', '主题', '关键词', '设定依据'], ...items]);
  wb.addWorksheet('收费目录').addRow(['收费编码', '收费名称', '类别', '收费依据', '收费标准', '收费部门', '生效日期', '失效日期']);
  wb.addWorksheet('实施清单').addRow([
    '实施编码',
    '基本编码',
    '实施部门统一社会信用代码',
    '实施部门',
    '状态',
    '版本',
    '法定时限（工作日）',
    '承诺时限（工作日）',
    '到现场次数',
    '网上办理深度',
    '马上办',
    '网上办',
    '一次办',
    '办事指南（JSON）',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const journeys: Journey[] = [
  {
    name: 'a citizen (375 px, not signed in) types "spjy", finds 食品经营许可, opens the guide and prints it',
    async run({ baseUrl, newPage, artifact }) {
      const page = await newPage({ width: 375, height: 800 });
      await page.goto(`${baseUrl}/`);
      const box = page.locator('.portal-search input');
      await box.fill('spjy');
      await box.press('Enter');
      await page.waitForURL((u) => u.pathname === '/search' && u.searchParams.get('q') === 'spjy');
      const hit = page.locator('.cat-results').getByRole('link', { name: FOOD }).first();
      await hit.waitFor();
      // One card per item: the city's and the districts' 食品经营许可 are places within it.
      const cards = await page.locator('.cat-results > li .cat-card__name').allTextContents();
      assert(cards.filter((c) => c.trim() === FOOD).length === 1, `one card for ${FOOD}, got ${cards.join(' | ')}`);
      assert(!(await hasHorizontalScroll(page)), 'search results: no horizontal scroll at 375 px');
      await page.screenshot({ path: artifact('catalog-search-375.png'), fullPage: true });

      await hit.click();
      await page.waitForURL(/\/items\/[0-9A-Z]{31}$/);
      await page.getByRole('heading', { level: 1, name: FOOD }).waitFor();
      assert(!(await hasHorizontalScroll(page)), 'guide: no horizontal scroll at 375 px');
      await page.getByRole('tab', { name: '申请材料' }).click();
      await page.getByRole('tabpanel').getByText('食品经营许可申请书').first().waitFor();
      await page.screenshot({ path: artifact('catalog-guide-375.png'), fullPage: true });

      // 食品经营许可 is applied for online: the button opens the cases application (journey 04 follows it).
      assert(!(await page.getByRole('button', { name: '在线办理' }).isDisabled()), '在线办理 is enabled for an online item');

      await page.evaluate(() => {
        const w = window as unknown as { __printed: number; print: () => void };
        w.__printed = 0;
        w.print = () => {
          w.__printed++;
        };
      });
      await page.getByRole('button', { name: '打印' }).click();
      const printed = await page.evaluate(() => (window as unknown as { __printed: number }).__printed);
      assert(printed === 1, `the Print button calls window.print (called ${printed} times)`);

      await page.emulateMedia({ media: 'print' });
      assert(!(await page.locator('.portal-header').isVisible()), 'the print stylesheet hides the portal header');
      assert(!(await page.locator('.portal-footer').isVisible()), 'the print stylesheet hides the footer');
      assert(!(await page.getByRole('button', { name: '打印' }).isVisible()), 'the print stylesheet hides the buttons');
      // Every tab is on paper, not only the open one.
      assert(await page.getByText('受理条件').first().isVisible(), 'basic information is printed');
      assert(await page.locator('.cat-print-only', { hasText: '办理流程' }).isVisible(), 'the process tab is printed');
      await page.screenshot({ path: artifact('catalog-guide-print.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      assert(await page.locator('.portal-header').isVisible(), 'the header is back on screen');
    },
  },
  {
    name: 'scjg.editor changes a material of a published guide and submits; zwfw.catalog sees the difference and publishes; the portal shows the new version and its history',
    async run({ baseUrl, newPage, artifact }) {
      const newName = `食品安全管理人员健康证明（e2e ${Date.now() % 100000}）`;

      // The editor: open the item, start a new version, change material 5, submit.
      const editor = await newPage({ width: 1280, height: 900 });
      await signIn(editor, baseUrl, 'scjg.editor', undefined, '/workbench/catalog');
      await editor.getByRole('heading', { level: 1, name: '事项维护' }).waitFor();
      await editor.getByRole('searchbox').or(editor.locator('.list-toolbar input').first()).first().fill(FOOD);
      await editor.locator('.list-toolbar input').first().press('Enter');
      await editor.getByRole('link', { name: `打开“${FOOD} · ${CITY_SCJG}”` }).click();
      await editor.waitForURL(/\/workbench\/catalog\/items\/[0-9A-Z]{31}$/);
      const code = editor.url().split('/').pop()!;
      await editor.getByRole('button', { name: '新建版本' }).click();
      const nameInput = editor.locator('#catalog-draft_materials_4_name');
      await nameInput.waitFor();
      await nameInput.fill(newName);
      // Every guide element is editable; a cross-field rule comes back on its field: promised > statutory.
      const promised = editor.locator('#catalog-draft_promisedLimitDays');
      const before = await promised.inputValue();
      await promised.fill('999');
      await editor.getByRole('button', { name: '保存草稿' }).click();
      await editor
        .locator('#catalog-draft_promisedLimitDays_help')
        .or(editor.locator('.ant-form-item-has-error #catalog-draft_promisedLimitDays'))
        .first()
        .waitFor();
      await promised.fill(before);
      await editor.locator('#catalog-draft_changeNote').fill('健康证明材料名称调整（e2e）');
      await editor.getByRole('button', { name: '提交审核' }).click();
      await editor.getByRole('heading', { name: /第 3 版 · 待审核/ }).waitFor();
      assert(await editor.locator('tr[data-field="materials[4].name"]').isVisible(), 'the editor sees the difference too');

      // The reviewer: the queue has it; the difference names the material; publish.
      const reviewer = await newPage({ width: 1280, height: 900 });
      await signIn(reviewer, baseUrl, 'zwfw.catalog', undefined, '/workbench/catalog/review');
      await reviewer.getByRole('heading', { level: 1, name: '事项审核' }).waitFor();
      await reviewer.getByRole('link', { name: `打开“${FOOD} · ${CITY_SCJG}”` }).click();
      await reviewer.waitForURL(new RegExp(`/workbench/catalog/items/${code}$`));
      const row = reviewer.locator('tr[data-field="materials[4].name"]');
      await row.waitFor();
      const rowText = (await row.textContent()) ?? '';
      assert(rowText.includes(newName) && rowText.includes('食品安全管理人员健康证明'), `the diff shows before and after, got "${rowText}"`);
      assert((await reviewer.locator('.cat-diff tbody tr').count()) === 1, 'exactly one field changed');
      await reviewer.screenshot({ path: artifact('catalog-review-diff.png'), fullPage: true });
      await reviewer.getByRole('button', { name: '审核通过并发布' }).click();
      await reviewer.getByText('没有正在编辑的版本').waitFor();

      // The portal: version 3 with the new material; the history shows the change; v2 keeps the old name.
      const portal = await newPage({ width: 375, height: 800 });
      await portal.goto(`${baseUrl}/items/${code}`);
      await portal.getByText('第 3 版').first().waitFor();
      await portal.getByRole('tab', { name: '申请材料' }).click();
      await portal.getByRole('tabpanel').getByText(newName).waitFor();
      await portal.getByRole('tab', { name: '版本历史' }).click();
      const change = portal.locator('.cat-version[data-version="3"] tr[data-field="materials[4].name"]');
      await change.waitFor();
      assert(((await change.textContent()) ?? '').includes(newName), 'the history shows the field-by-field change');
      assert(!(await hasHorizontalScroll(portal)), 'history: no horizontal scroll at 375 px');
      await portal.screenshot({ path: artifact('catalog-history-375.png'), fullPage: true });
      await portal.goto(`${baseUrl}/items/${code}?version=2`);
      await portal.getByText('您正在查看第 2 版').waitFor();
      await portal.getByRole('tab', { name: '申请材料' }).click();
      assert(!(await portal.getByRole('tabpanel').getByText(newName).count()), 'version 2 still has the old material name');
      await portal.getByRole('tabpanel').getByText('食品安全管理人员健康证明').first().waitFor();
    },
  },
  {
    name: 'zwfw.catalog imports a new base item from Excel (a bad file is refused with its cells listed); scjg.editor implements it and submits; the reviewer publishes, suspends (the portal says so) and resumes it; on the list pages a fee with its dates backwards is refused beside the field, a power is edited and an intermediary service retired (gone from the portal list)',
    async run({ baseUrl, newPage, artifact }) {
      const n = String(Date.now() % 1_000_000).padStart(6, '0');
      const baseCode = `99${n}0000`;
      const itemName = `e2e 测试事项 ${n}`;
      const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

      // The reviewer's Excel page: a bad workbook lists every bad cell and writes nothing; a good one reports what it did.
      const reviewer = await newPage({ width: 1280, height: 900 });
      await signIn(reviewer, baseUrl, 'zwfw.catalog', undefined, '/workbench/catalog/review');
      await reviewer.getByRole('heading', { level: 1, name: '事项审核' }).waitFor();
      await reviewer.getByText('Excel 批量维护').click();
      const fileInput = reviewer.locator('.cat-excel input[type=file]');
      await fileInput.setInputFiles({
        name: 'bad.xlsx',
        mimeType: xlsx,
        buffer: await itemsWorkbook([[baseCode, itemName, '行政魔法', '法人', '', '', '《e2e 条例》']]),
      });
      const problems = reviewer.locator('.cat-excel div[role=alert]:not(.ant-alert)').filter({ hasText: '导入被拒绝' });
      await problems.waitFor();
      const problemText = (await problems.textContent()) ?? '';
      assert(
        problemText.includes('事项') && problemText.includes('事项类型') && problemText.includes('unknown_item_type'),
        `the refusal names sheet, column and reason, got "${problemText.slice(0, 200)}"`,
      );
      await reviewer.screenshot({ path: artifact('catalog-import-refused.png'), fullPage: true });
      await fileInput.setInputFiles({
        name: 'items.xlsx',
        mimeType: xlsx,
        buffer: await itemsWorkbook([[baseCode, itemName, '行政许可', '法人', '开办企业', 'e2e', '《e2e 条例》第一条']]),
      });
      const done = reviewer.locator('.cat-excel .ant-alert-success');
      await done.waitFor();
      assert(((await done.textContent()) ?? '').includes('事项新增 1'), `the import reports one new item, got "${await done.textContent()}"`);
      assert(!(await problems.count()), 'the refusal is gone after a good import');

      // The editor implements the new item in their department and submits the first draft.
      const editor = await newPage({ width: 1280, height: 900 });
      await signIn(editor, baseUrl, 'scjg.editor', undefined, '/workbench/catalog');
      await editor.getByRole('button', { name: '新增实施清单' }).click();
      const dialog = editor.getByRole('dialog');
      await pickOption(editor, dialog.getByRole('combobox').first(), baseCode, itemName);
      await dialog.getByRole('button', { name: '新增实施清单' }).click();
      await editor.waitForURL(/\/workbench\/catalog\/items\/[0-9A-Z]{31}$/);
      const code = editor.url().split('/').pop()!;
      assert(code.endsWith(baseCode), `the implementation code ends with the base code (${code})`);
      await editor.getByRole('heading', { name: /第 1 版 · 草稿/ }).waitFor();
      await editor.getByRole('button', { name: '提交审核' }).click();
      await editor.getByRole('heading', { name: /第 1 版 · 待审核/ }).waitFor();

      // The reviewer publishes it; the portal finds and shows it.
      await reviewer.goto(`${baseUrl}/workbench/catalog/items/${code}`);
      await reviewer.getByRole('button', { name: '审核通过并发布' }).click();
      await reviewer.getByText('没有正在编辑的版本').waitFor();
      const portal = await newPage({ width: 375, height: 800 });
      await portal.goto(`${baseUrl}/search?q=${encodeURIComponent(itemName)}`);
      await portal.locator('.cat-results').getByRole('link', { name: itemName }).first().waitFor();
      await portal.goto(`${baseUrl}/items/${code}`);
      await portal.getByRole('heading', { level: 1, name: itemName }).waitFor();
      assert(!(await portal.getByText('该事项已暂停办理').count()), 'a published item is not marked suspended');

      // Suspend with a reason: the portal says so and the online button is off; resume brings it back.
      await reviewer.getByRole('button', { name: '暂停办理' }).click();
      await reviewer.getByLabel('原因').fill('系统升级（e2e）');
      await reviewer.getByRole('dialog').getByRole('button', { name: '暂停办理' }).click();
      await reviewer.getByText('已暂停').first().waitFor();
      await portal.reload();
      await portal.getByText('该事项已暂停办理').waitFor();
      assert(await portal.getByRole('button', { name: '在线办理' }).isDisabled(), 'a suspended item cannot be applied for online');
      await portal.screenshot({ path: artifact('catalog-suspended-375.png'), fullPage: true });
      await reviewer.getByRole('button', { name: '恢复办理' }).click();
      await reviewer.getByLabel('原因').fill('升级完成（e2e）');
      await reviewer.getByRole('dialog').getByRole('button', { name: '恢复办理' }).click();
      await reviewer.getByRole('button', { name: '暂停办理' }).waitFor();
      await portal.reload();
      await portal.getByRole('heading', { level: 1, name: itemName }).waitFor();
      assert(!(await portal.getByText('该事项已暂停办理').count()), 'resumed: no longer marked suspended');

      // The fee catalog: dates backwards come back on the 失效日期 field; fixed, the fee is listed.
      await reviewer.goto(`${baseUrl}/workbench/catalog/lists/fees`);
      await reviewer.getByRole('heading', { level: 1, name: '收费目录维护' }).waitFor();
      await reviewer.getByRole('table').getByText('FEE-BDC-ZZ').waitFor();
      const listViolations = await seriousA11yViolations(reviewer);
      assert(listViolations.length === 0, `fee catalog page: ${listViolations.map((v) => `${v.id} ${v.help} at ${v.nodes.join(', ')}`).join('; ')}`);
      await reviewer.getByRole('button', { name: '新增收费项目' }).click();
      const feeCode = `FEE-E2E-${n}`;
      await reviewer.locator('#catalog-fee_code').fill(feeCode);
      await reviewer.locator('#catalog-fee_name').fill(`e2e 工本费 ${n}`);
      await reviewer.locator('#catalog-fee_basis').fill('《e2e 收费文件》');
      await reviewer.locator('#catalog-fee_standard').fill('每本 5 元');
      await pickOption(reviewer, reviewer.locator('#catalog-fee_collectingDepartmentId'), '市场监督', CITY_SCJG);
      await reviewer.locator('#catalog-fee_effectiveFrom').fill('2026-01-01');
      await reviewer.locator('#catalog-fee_effectiveTo').fill('2025-12-31');
      await reviewer.getByRole('button', { name: /保\s*存/ }).click();
      const help = reviewer.locator('#catalog-fee_effectiveTo_help');
      await help.waitFor();
      assert(
        ((await help.textContent()) ?? '').includes('失效日期不能早于生效日期'),
        `the server's rule is shown beside the field, got "${await help.textContent()}"`,
      );
      await reviewer.screenshot({ path: artifact('catalog-fee-field-error.png'), fullPage: true });
      await reviewer.locator('#catalog-fee_effectiveTo').fill('');
      await reviewer.getByRole('button', { name: /保\s*存/ }).click();
      await reviewer.getByRole('table').getByText(feeCode).waitFor();
      await settleAnimations(reviewer);
      await reviewer.screenshot({ path: artifact('catalog-fees-1280.png'), fullPage: true });

      // The power list: edit one entry's responsibilities; the intermediary list: retire one with a reason — it leaves the portal's list.
      await reviewer.getByRole('tab', { name: '权责清单' }).click();
      await reviewer.getByRole('heading', { level: 1, name: '权责清单维护' }).waitFor();
      await reviewer
        .getByRole('button', { name: /编\s*辑 食品经营许可/ })
        .first()
        .click();
      const duties = reviewer.locator('#catalog-power_responsibilities');
      await duties.fill(`${await duties.inputValue()}（e2e ${n} 补充：每年公开一次履职情况）`);
      await reviewer.getByRole('button', { name: /保\s*存/ }).click();
      await reviewer.getByText('已保存').first().waitFor();
      await reviewer.getByRole('tab', { name: '中介服务清单' }).click();
      await reviewer.getByRole('heading', { level: 1, name: '中介服务清单维护' }).waitFor();
      await reviewer.getByRole('button', { name: /取\s*消 公共场所卫生检测/ }).click();
      await reviewer.getByLabel('取消原因').fill('已取消该中介服务（e2e）');
      await reviewer
        .getByRole('dialog')
        .getByRole('button', { name: /取\s*消/ })
        .last()
        .click();
      await reviewer.getByRole('cell', { name: '公共场所卫生检测', exact: true }).waitFor({ state: 'detached' });
      await portal.goto(`${baseUrl}/lists/intermediary`);
      await portal.getByText('施工图设计文件审查').first().waitFor();
      assert(!(await portal.getByText('公共场所卫生检测').count()), 'a retired intermediary service leaves the public list');
      await portal.goto(`${baseUrl}/lists/power`);
      await portal.getByText(`e2e ${n} 补充`).first().waitFor();
    },
  },
  {
    name: 'axe-core finds no serious or critical violations on the catalog pages, normal and 长辈版, and in English',
    async run({ baseUrl, newPage, artifact }) {
      const problems: string[] = [];
      // The three sweeps run side by side (each page is its own browser context): most of the time is waiting.
      const sweep = async (elder: boolean) => {
        const page = await newPage({ width: 375, height: 900 });
        await page.goto(`${baseUrl}/`);
        await page.evaluate((on) => localStorage.setItem('yiwang.elder', on ? '1' : '0'), elder);
        const code = await foodCode(page);
        const pages = [
          '/search?q=spjy',
          '/search?flags=do-online&subject=entity',
          '/services/person',
          '/services/entity',
          '/departments',
          `/items/${code}`,
          '/lists/do-now',
          '/lists/do-in-one-visit',
          '/lists/fees',
          '/lists/power',
          '/lists/intermediary',
        ];
        for (const path of pages) {
          await page.goto(`${baseUrl}${path}`);
          await page
            .locator('main h1')
            .first()
            .waitFor()
            .catch(async (e: Error) => {
              await page.screenshot({ path: artifact(`catalog-axe-no-heading${elder ? '-elder' : ''}.png`), fullPage: true });
              throw new Error(
                `${elder ? '[长辈版] ' : ''}${path}: no heading (${e.message.split('\n')[0]}); page text: ${(await page.locator('body').innerText()).slice(0, 300)}`,
              );
            });
          await page.waitForLoadState('networkidle');
          for (const v of await seriousA11yViolations(page))
            problems.push(`${elder ? '[长辈版] ' : ''}${path}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
          assert(!(await hasHorizontalScroll(page)), `${elder ? '[长辈版] ' : ''}${path}: no horizontal scroll at 375 px`);
        }
        if (elder) await page.screenshot({ path: artifact('catalog-fees-elder-375.png'), fullPage: true });
        if (elder) {
          await page.goto(`${baseUrl}/items/${code}`);
          await page.locator('main h1').first().waitFor();
          await page.screenshot({ path: artifact('catalog-guide-elder-375.png'), fullPage: true });
        }
      };
      // English: the same pages translated (no raw message keys), axe-clean too.
      const english = async () => {
        const en = await newPage({ width: 375, height: 900 });
        await en.goto(`${baseUrl}/`);
        await en.evaluate(() => {
          localStorage.setItem('yiwang.language', 'en');
          localStorage.setItem('yiwang.elder', '0');
        });
        const enCode = await foodCode(en);
        for (const path of ['/search?q=spjy', '/services/entity', '/departments', `/items/${enCode}`, '/lists/do-online', '/lists/fees']) {
          await en.goto(`${baseUrl}${path}`);
          await en.locator('main h1').first().waitFor();
          await en.waitForLoadState('networkidle');
          const text = await en.locator('main').innerText();
          assert(!/\bcatalog\.[a-z]+\.[a-zA-Z.]+/.test(text), `[en] ${path}: a raw message key is shown`);
          for (const v of await seriousA11yViolations(en)) problems.push(`[en] ${path}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
          assert(!(await hasHorizontalScroll(en)), `[en] ${path}: no horizontal scroll at 375 px`);
        }
        await en.screenshot({ path: artifact('catalog-fees-en-375.png'), fullPage: true });
      };
      await Promise.all([sweep(false), sweep(true), english()]);
      assert(problems.length === 0, `accessibility violations:\n${problems.join('\n')}`);
    },
  },
];
