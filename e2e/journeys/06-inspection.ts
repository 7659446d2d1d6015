import type { Page } from 'playwright-core';
import { assert, hasHorizontalScroll, seriousA11yViolations, signIn, type Journey } from '../lib.ts';

/** Confirms the open antd Popconfirm. */
async function confirm(page: Page) {
  const pop = page.locator('.ant-popconfirm:visible');
  await pop.waitFor();
  await pop.locator('.ant-btn-primary').click();
}

/** Re-runs the draw in the browser on its public page and answers the verdict ('match' or 'mismatch'). */
async function rerunDraw(page: Page): Promise<string> {
  await page.getByRole('button', { name: '重新计算抽取结果' }).click();
  const verdict = page.locator('[data-verdict]');
  await verdict.waitFor({ timeout: 30_000 });
  return (await verdict.getAttribute('data-verdict')) ?? '';
}

async function axe(page: Page, label: string, problems: string[]) {
  for (const v of await seriousA11yViolations(page)) problems.push(`${label}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
}

export const journeys: Journey[] = [
  {
    name: 'the seeded disclosed draw re-runs in the browser and matches; portal pages pass axe at 375 px and in 长辈版',
    async run({ baseUrl, newPage, artifact }) {
      const page = await newPage({ width: 375, height: 800 });
      await page.goto(`${baseUrl}/inspection`);
      await page.getByRole('heading', { level: 1, name: '双随机抽查结果公示' }).waitFor();
      await page.getByText('2026 年广告发布行为专项抽查').first().waitFor();
      assert(await page.getByText('发现问题').first().isVisible(), 'a disclosed result "发现问题" is listed');
      assert(!(await hasHorizontalScroll(page)), 'no horizontal scroll on the disclosure page at 375 px');
      await page.screenshot({ path: artifact('inspection-disclosure-375.png'), fullPage: true });

      await page.getByRole('link', { name: /验证.*2026 年广告发布行为专项抽查/ }).click();
      await page.waitForURL(/\/inspection\/draws\//);
      await page.getByTestId('draw-seed').waitFor();
      assert((await page.getByTestId('draw-algorithm').textContent()) === 'yiwang-draw/1', 'algorithm version shown');
      const verdict = await rerunDraw(page);
      assert(verdict === 'match', `the seeded draw re-run in the browser matches, got ${verdict}`);
      assert(!(await hasHorizontalScroll(page)), 'no horizontal scroll on the draw page at 375 px');
      await page.screenshot({ path: artifact('inspection-draw-375.png'), fullPage: true });
      const drawPath = new URL(page.url()).pathname;

      const problems: string[] = [];
      for (const elder of [false, true]) {
        for (const width of [375, 1280]) {
          const p = await newPage({ width, height: 900 });
          await p.goto(`${baseUrl}/`);
          await p.evaluate((on) => localStorage.setItem('yiwang.elder', on ? '1' : '0'), elder);
          await p.goto(`${baseUrl}/inspection`);
          await p.locator('.insp-task').first().waitFor();
          await axe(p, `${elder ? '[长辈版] ' : ''}${width}px /inspection`, problems);
          await p.goto(`${baseUrl}${drawPath}`);
          await p.getByTestId('draw-seed').waitFor();
          await rerunDraw(p);
          await axe(p, `${elder ? '[长辈版] ' : ''}${width}px ${drawPath}`, problems);
          if (elder && width === 375) {
            assert(!(await hasHorizontalScroll(p)), 'no horizontal scroll on the draw page in 长辈版 at 375 px');
            await p.screenshot({ path: artifact('inspection-draw-elder-375.png'), fullPage: true });
          }
        }
      }
      assert(problems.length === 0, `accessibility violations:\n${problems.join('\n')}`);
    },
  },
  {
    name: 'a manager plans a task, publishes the commitment, draws; an inspector records a result at 375 px; after disclosure the public page shows it and the draw re-runs to a match',
    async run({ baseUrl, newPage, artifact }) {
      const title = `e2e 抽查 ${Date.now().toString(36)}`;

      // --- the inspection manager plans and draws
      const mgr = await newPage({ width: 1280, height: 900 });
      await signIn(mgr, baseUrl, 'scjg.inspection', undefined, '/workbench/inspection/tasks');
      await mgr.getByRole('heading', { level: 1, name: '抽查任务' }).waitFor();
      await mgr.getByRole('button', { name: '新建抽查任务' }).click();
      const form = mgr.locator('form#inspection-task');
      await form.waitFor();
      await form.locator('#inspection-task_title').fill(title);
      await form.locator('#inspection-task_itemIds').click();
      await form.locator('#inspection-task_itemIds').fill('SC-01');
      await mgr.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'SC-01' }).first().click();
      await mgr.keyboard.press('Escape');
      await form.locator('#inspection-task_industries').click();
      await form.locator('#inspection-task_industries').fill('餐饮');
      await mgr.keyboard.press('Enter');
      await mgr.keyboard.press('Escape');
      await form.getByText('按数量').click();
      await form.locator('#inspection-task_count').fill('20');
      await form.locator('#inspection-task_dueDate').fill('2026-12-31');
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await mgr.getByRole('link', { name: title }).click();
      await mgr.getByRole('heading', { level: 1, name: title }).waitFor();
      await mgr.getByRole('button', { name: '公布种子承诺' }).click();
      await confirm(mgr);
      await mgr.getByText('第二步：随机抽取检查对象和检查人员').waitFor();
      await mgr.getByRole('button', { name: /^抽\s*取$/ }).click();
      await confirm(mgr);
      await mgr.getByRole('heading', { name: '抽中的检查对象和检查人员' }).waitFor();
      const rows = mgr.locator('table[aria-label="抽中的检查对象和检查人员"] tbody tr.ant-table-row');
      await rows.first().waitFor();
      const drawn = await rows.count();
      assert(drawn === 20, `20 entities drawn, got ${drawn}`);
      assert((await mgr.getByTestId('draw-seed').textContent())?.match(/^[0-9a-f]{64}$/), 'the seed is revealed after the draw');
      await mgr.screenshot({ path: artifact('inspection-task-drawn-1280.png'), fullPage: true });

      // --- an inspector records a result on a phone
      const insp = await newPage({ width: 375, height: 800 });
      await signIn(insp, baseUrl, 'scjg.inspector1', undefined, '/workbench/inspection/my?pageSize=100');
      await insp.getByRole('heading', { level: 1, name: '我的检查' }).waitFor();
      const card = insp
        .locator('li.insp-assignment')
        .filter({ hasText: title })
        .filter({ has: insp.getByRole('button', { name: /^记录结果/ }) })
        .first();
      await card.waitFor();
      const entityName = ((await card.locator('h2').textContent()) ?? '').trim();
      assert(entityName.length > 0, 'the assignment names its entity');
      const mine = insp.locator('li.insp-assignment').filter({ hasText: entityName }).filter({ hasText: title });
      await mine.getByRole('button', { name: /^记录结果/ }).click();
      await mine.getByRole('radio', { name: '发现问题', exact: true }).check();
      await mine.getByLabel('检查情况说明').fill('进货查验记录不全');
      await mine.getByRole('radio', { name: '责令改正', exact: true }).check();
      assert(!(await hasHorizontalScroll(insp)), 'no horizontal scroll on the result form at 375 px');
      await insp.screenshot({ path: artifact('inspection-record-375.png'), fullPage: true });
      await mine.getByRole('button', { name: '提交结果' }).click();
      await mine.getByText('已记录').waitFor();
      assert(!(await hasHorizontalScroll(insp)), 'no horizontal scroll on my inspections at 375 px');

      // --- the manager discloses
      await mgr.reload();
      await mgr.getByRole('button', { name: '公示检查结果' }).click();
      await confirm(mgr);
      await mgr.getByText(/已公示 1 条结果/).waitFor();

      // --- the public sees it and re-runs the draw
      const pub = await newPage({ width: 375, height: 800 });
      await pub.goto(`${baseUrl}/inspection`);
      const task = pub.locator('.insp-task').filter({ hasText: title });
      await task.waitFor();
      const result = task.locator('.insp-results > li').filter({ hasText: entityName });
      await result.waitFor();
      assert(await result.getByText('发现问题').isVisible(), 'the public result says 发现问题');
      assert(await result.getByText('责令改正').isVisible(), 'the public result shows the follow-up');
      assert(!(await task.textContent())?.includes('进货查验记录不全'), 'the notes are not public');
      await task.getByRole('link', { name: /验证/ }).click();
      await pub.getByTestId('draw-seed').waitFor();
      const verdict = await rerunDraw(pub);
      assert(verdict === 'match', `the new draw re-run in the browser matches, got ${verdict}`);
      await pub.screenshot({ path: artifact('inspection-new-draw-375.png'), fullPage: true });
    },
  },
  {
    name: 'a supervisor opens a committed task (no commit, draw or disclose buttons), voids the commitment with a reason, and the voided draw stays listed',
    async run({ baseUrl, newPage, artifact }) {
      const title = `e2e 作废 ${Date.now().toString(36)}`;
      const mgr = await newPage({ width: 1280, height: 900 });
      await signIn(mgr, baseUrl, 'scjg.inspection', undefined, '/workbench/inspection/tasks');
      const plans = (await (await mgr.request.get(`${baseUrl}/api/workbench/inspection/plans`)).json()) as { id: string }[];
      const items = (await (await mgr.request.get(`${baseUrl}/api/workbench/inspection/items?q=SC-01`)).json()) as {
        items: { id: string; departmentId: string }[];
      };
      const item = items.items[0]!;
      const created = await mgr.request.post(`${baseUrl}/api/workbench/inspection/plans/${plans[0]!.id}/tasks`, {
        data: { title, itemIds: [item.id], departmentIds: [item.departmentId], scope: {}, count: 5, dueDate: '2026-12-31' },
      });
      assert(created.status() === 201, `task created (${created.status()})`);
      const taskId = ((await created.json()) as { id: string }).id;
      assert((await mgr.request.post(`${baseUrl}/api/workbench/inspection/tasks/${taskId}/commitment`)).status() === 201, 'commitment published');

      const sup = await newPage({ width: 1280, height: 900 });
      await signIn(sup, baseUrl, 'supervisor', undefined, `/workbench/inspection/tasks/${taskId}`);
      await sup.getByRole('heading', { level: 1, name: title }).waitFor();
      await sup.getByText('承诺值已公布，等待任务牵头部门抽取。').waitFor();
      assert((await sup.getByRole('button', { name: /^抽\s*取$/ }).count()) === 0, 'a supervisor has no draw button');
      assert((await sup.getByRole('button', { name: '公布种子承诺' }).count()) === 0, 'a supervisor has no commit button');
      await sup.getByRole('button', { name: '作废本次抽取' }).click();
      await sup.getByLabel('作废理由（留痕并公开）').fill('承诺公布后发现名录库未更新');
      await sup.getByRole('button', { name: '作废本次抽取' }).click();
      await sup.getByText('已作废该次抽取').waitFor();
      await sup.getByText('作废原因：承诺公布后发现名录库未更新').waitFor();
      await sup.screenshot({ path: artifact('inspection-task-voided-commitment-1280.png'), fullPage: true });
      const draws = (await (await sup.request.get(`${baseUrl}/api/workbench/inspection/tasks/${taskId}/draws`)).json()) as {
        status: string;
        seed: string | null;
      }[];
      assert(
        draws.length === 1 && draws[0]!.status === 'voided' && /^[0-9a-f]{64}$/.test(draws[0]!.seed ?? ''),
        'the voided commitment is kept with its seed revealed',
      );
    },
  },
];
