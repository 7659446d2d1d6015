import type { Page } from 'playwright-core';
import { assert, buttonName, hasHorizontalScroll, seriousA11yViolations, signIn, type Journey } from '../lib.ts';

const label = buttonName;

/** A 1×1 PNG, as a handling unit's photo. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function openTicket(page: Page, baseUrl: string, id: string) {
  await page.goto(`${baseUrl}/workbench/hotline/tickets/${id}`);
  await page.getByTestId('hl-number').waitFor();
}

/** Clicks the action button on the detail page, fills the modal with `fill`, confirms, waits until the modal closes. */
async function act(page: Page, action: string, fill?: (modal: ReturnType<Page['locator']>) => Promise<void>) {
  await page
    .locator('.hl-actions')
    .getByRole('button', { name: label(action) })
    .click();
  const modal = page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: action }) });
  await modal.waitFor();
  if (fill) await fill(modal);
  await modal.getByRole('button', { name: label(action) }).click();
  await modal.waitFor({ state: 'hidden' });
}

async function pickOption(page: Page, modal: ReturnType<Page['locator']>, fieldLabel: string, option: string) {
  await modal.locator('.ant-form-item').filter({ hasText: fieldLabel }).locator('.ant-select').first().click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

async function statsTotal(page: Page, baseUrl: string): Promise<number> {
  await page.goto(`${baseUrl}/workbench/hotline/stats`);
  const total = page.getByTestId('hl-total');
  await total.waitFor();
  await page.waitForLoadState('networkidle');
  return Number((await total.textContent())?.replace(/\D/g, ''));
}

export const journeys: Journey[] = [
  {
    name: 'an operator records a call; the center dispatches to 明湖区, the district to 湖滨街道; the street signs and replies; the center reviews and records the rating; the statistics count it',
    async run({ baseUrl, newPage, artifact }) {
      // The center's dispatcher looks at the statistics first.
      const center = await newPage();
      await signIn(center, baseUrl, 'rx.dispatcher', undefined, '/workbench');
      const before = await statsTotal(center, baseUrl);

      // 1. The operator records the call.
      const op = await newPage();
      await signIn(op, baseUrl, 'rx.operator', undefined, '/workbench/hotline/intake');
      await op.waitForURL(/\/workbench\/hotline\/intake/);
      await op.locator('#hotline-intake_callerPhone').fill('13912345678');
      await op.locator('#hotline-intake_callerName').fill('李女士');
      await op.locator('label', { hasText: '投诉' }).first().click();
      await op.locator('#hotline-intake_categoryId').click();
      await op.locator('#hotline-intake_categoryId').fill('占道经营');
      await op.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '占道经营' }).first().click();
      await op.locator('#hotline-intake_address').fill('示范市明湖区湖滨街道湖滨路 18 号');
      await op.locator('#hotline-intake_regionCode').click();
      await op.locator('#hotline-intake_regionCode').fill('湖滨街道');
      await op.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '湖滨街道' }).first().click();
      await op.locator('#hotline-intake_text').fill('湖滨路 18 号门口每天晚上有摊贩占道经营，行人只能走机动车道，请尽快处理。');
      // The knowledge base answers while typing (the category's name is searched).
      await op.locator('.hl-kb-item').first().waitFor();
      await op.locator('#hotline-intake_text').press('Control+Enter');
      const number = (await op.getByTestId('hl-created-number').textContent())?.trim() ?? '';
      assert(/^RX\d{16}$/.test(number), `ticket number shown, got "${number}"`);
      await op.screenshot({ path: artifact('hotline-intake.png'), fullPage: true });
      const href = await op.getByRole('link', { name: '查看并派发' }).getAttribute('href');
      const id = href?.split('/').at(-1) ?? '';
      assert(/^[0-9a-f-]{36}$/.test(id), `ticket link, got ${href}`);

      // 2. The center dispatches it to 明湖区.
      await openTicket(center, baseUrl, id);
      await act(center, '派发', (m) => pickOption(center, m, '派发给', '区域：明湖区'));
      await center.getByTestId('hl-unit').filter({ hasText: '明湖区' }).waitFor();

      // 3. The district passes it on to 湖滨街道 (转派: no need to sign it first).
      const district = await newPage();
      await signIn(district, baseUrl, 'mh.handler', undefined, '/workbench');
      await district.goto(`${baseUrl}/workbench/hotline/tickets?status=dispatched`);
      await district.getByRole('link', { name: number }).click();
      await district.getByTestId('hl-number').waitFor();
      await act(district, '派发', (m) => pickOption(district, m, '派发给', '区域：湖滨街道'));
      await district.getByTestId('hl-unit').filter({ hasText: '湖滨街道' }).waitFor();

      // 4. The street signs and replies with a photo.
      const street = await newPage();
      await signIn(street, baseUrl, 'mh.street.handler', undefined, '/workbench');
      await openTicket(street, baseUrl, id);
      await act(street, '签收');
      await street.locator('[data-testid="hl-status"][data-status="signed"]').waitFor();
      await act(street, '回复办理结果', async (m) => {
        await m.locator('textarea').first().fill('已会同城管中队现场劝离摊贩，设置疏导点，并安排每日晚间巡查。');
        await m.getByTestId('hl-photo-input').setInputFiles({ name: '整改后.png', mimeType: 'image/png', buffer: PNG });
        await m.locator('.hl-photo img').waitFor();
      });
      await street.locator('[data-testid="hl-status"][data-status="replied"]').waitFor();

      // 5. The center reviews and passes it, then records the follow-up call.
      await openTicket(center, baseUrl, id);
      await act(center, '审核通过');
      await center.locator('[data-testid="hl-status"][data-status="concluded"]').waitFor();
      await act(center, '记录回访', async (m) => {
        await m.locator('label', { hasText: '已解决' }).click();
        await m.locator('.ant-rate-star').nth(3).click();
      });
      await center.locator('[data-testid="hl-status"][data-status="closed"]').waitFor();
      // the reply's photo is on the center's timeline, loaded from the server
      await center.getByTestId('hl-event-photos').locator('img').first().waitFor();
      await center.waitForFunction(() => {
        const img = document.querySelector('[data-testid="hl-event-photos"] img') as HTMLImageElement | null;
        return !!img && img.complete && img.naturalWidth > 0;
      });
      const timeline = await center.locator('[data-testid="hl-event"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
      for (const a of ['intake', 'dispatch', 'sign', 'reply', 'review_pass', 'follow_up'])
        assert(timeline.includes(a), `timeline has ${a}: ${timeline.join(', ')}`);
      assert((await center.getByText('满意度 4 / 5').count()) > 0, 'the rating is shown');
      await center.screenshot({ path: artifact('hotline-detail.png'), fullPage: true });

      // 6. The statistics count it.
      const after = await statsTotal(center, baseUrl);
      assert(after === before + 1, `statistics: ${before} tickets before, ${after} after`);
      await center.locator('.hl-chart svg').first().waitFor();
      await center.screenshot({ path: artifact('hotline-stats.png'), fullPage: true });
    },
  },
];

journeys.push(
  {
    name: 'a signed-in citizen files a request on the phone (375 px) and finds it under my requests',
    async run({ baseUrl, newPage, artifact }) {
      const page = await newPage({ width: 375, height: 800 });
      await signIn(page, baseUrl, 'citizen1', undefined, '/hotline/new');
      await page.waitForURL(/\/hotline\/new/);
      // No type is chosen for the citizen; 求助 is picked.
      assert((await page.locator('#hotline-portal_kind input:checked').count()) === 0, 'no request type preselected');
      await page.locator('label.ant-radio-button-wrapper', { hasText: '求助' }).click();
      await page.locator('#hotline-portal_text').fill('小区门口路灯坏了一个星期，晚上很黑，老人出门不安全。');
      await page.locator('#hotline-portal_address').fill('示范市明湖区湖滨街道湖滨路 8 号');
      await page.getByTestId('hl-photo-input').setInputFiles({ name: '路灯.png', mimeType: 'image/png', buffer: PNG });
      await page.locator('.hl-photo img').waitFor();
      assert(!(await hasHorizontalScroll(page)), 'no horizontal scroll at 375 px');
      await page.getByRole('button', { name: label('提交') }).click();
      const done = page.getByText(/已提交，工单编号 RX\d{16}/);
      await done.waitFor();
      const number = ((await done.textContent()) ?? '').match(/RX\d{16}/)?.[0] ?? '';
      await page.screenshot({ path: artifact('hotline-portal-submitted-375.png'), fullPage: true });
      await page.getByRole('link', { name: '我的诉求' }).click();
      await page.getByText(number).waitFor();
      // the photo sent with the request is shown, loaded from the server
      const item = page.locator('.hl-my-list li').filter({ hasText: number });
      await item.getByTestId('hl-my-photos').locator('img').first().waitFor();
      await page.waitForFunction((n) => {
        const li = [...document.querySelectorAll('.hl-my-list li')].find((e) => e.textContent?.includes(n));
        const img = li?.querySelector('[data-testid="hl-my-photos"] img') as HTMLImageElement | null;
        return !!img && img.complete && img.naturalWidth > 0;
      }, number);
      assert(!(await hasHorizontalScroll(page)), 'my requests: no horizontal scroll at 375 px');
      await page.screenshot({ path: artifact('hotline-my-requests-375.png'), fullPage: true });
    },
  },
  {
    name: 'an anonymous caller files a request with a phone number (citizen labels) and a photo, and follows it by number and phone',
    async run({ baseUrl, newPage, artifact }) {
      const page = await newPage({ width: 375, height: 800 });
      await page.goto(`${baseUrl}/hotline/new`);
      await page.locator('#hotline-portal_text').waitFor();
      const labels = (await page.locator('form[id="hotline-portal"] label').allTextContents()).join(' ');
      assert(labels.includes('您的电话') && !labels.includes('来电号码') && !labels.includes('来电人'), `citizen labels, got: ${labels}`);
      await page.locator('label.ant-radio-button-wrapper', { hasText: '咨询' }).click();
      await page.locator('#hotline-portal_text').fill('想咨询一下小区加装电梯的补贴怎么申请。');
      await page.locator('#hotline-portal_address').fill('示范市明湖区湖滨街道湖滨路 10 号');
      await page.locator('#hotline-portal_callerPhone').fill('13700007777');
      // Not signed in, the caller may still add a photo (sent by the key the upload answered).
      await page.getByTestId('hl-photo-input').setInputFiles({ name: '楼道.png', mimeType: 'image/png', buffer: PNG });
      await page.locator('.hl-photo img').waitFor();
      const sent = page.waitForResponse((r) => r.url().endsWith('/api/public/hotline/tickets') && r.request().method() === 'POST');
      await page.getByRole('button', { name: label('提交') }).click();
      const body = (await sent).request().postDataJSON() as { photoKeys?: string[] };
      assert(body.photoKeys?.length === 1, `the request carries the photo's key, got ${JSON.stringify(body.photoKeys)}`);
      const done = page.getByText(/已提交，工单编号 RX\d{16}/);
      await done.waitFor();
      const number = ((await done.textContent()) ?? '').match(/RX\d{16}/)?.[0] ?? '';
      await page.getByRole('link', { name: '查询办理进度' }).first().click();
      await page.waitForURL(/\/hotline\/lookup\?number=RX/);
      assert((await page.locator('#hl-lookup_number').inputValue()) === number, 'the number is carried to the lookup');
      await page.locator('#hl-lookup_phone').fill('13700007778');
      await page.getByRole('button', { name: label('查询') }).click();
      await page.getByTestId('hl-lookup-none').waitFor();
      await page.locator('#hl-lookup_phone').fill('13700007777');
      await page.getByRole('button', { name: label('查询') }).click();
      await page.getByTestId('hl-lookup-result').filter({ hasText: number }).waitFor();
      assert(!(await hasHorizontalScroll(page)), 'lookup: no horizontal scroll at 375 px');
      await page.screenshot({ path: artifact('hotline-lookup-375.png'), fullPage: true });
    },
  },
  {
    name: 'a citizen agrees to publish a request; Open311 shows only the street until the center writes the public text, then that text and never the citizen’s words',
    async run({ baseUrl, newPage, artifact }) {
      const page = await newPage({ width: 375, height: 800 });
      await signIn(page, baseUrl, 'citizen2', undefined, '/hotline/new');
      await page.waitForURL(/\/hotline\/new/);
      const ownWords = '我家桂园小区 3 栋 601，电话 13900002222，楼下垃圾三天没人清运。';
      await page.locator('label.ant-radio-button-wrapper', { hasText: '投诉' }).click();
      await page.locator('#hotline-portal_text').fill(ownWords);
      await page.locator('#hotline-portal_address').fill('示范市东岭区桂园街道桂园小区 3 栋');
      await page.locator('#hotline-portal_publicConsent').check();
      await page.getByRole('button', { name: label('提交') }).click();
      const done = page.getByText(/已提交，工单编号 RX\d{16}/);
      await done.waitFor();
      const number = ((await done.textContent()) ?? '').match(/RX\d{16}/)?.[0] ?? '';
      const open311 = async () =>
        ((await (await page.request.get(`${baseUrl}/open311/v2/requests/${number}.json`)).json()) as { description: string | null; address: string }[])[0]!;
      let published = await open311();
      assert(published.description === null && published.address === '东岭区桂园街道', `before review: ${JSON.stringify(published)}`);

      const op = await newPage();
      await signIn(op, baseUrl, 'rx.operator', undefined, '/workbench');
      const list = (await (await op.request.get(`${baseUrl}/api/workbench/hotline/tickets?q=${number}`)).json()) as { items: { id: string }[] };
      await openTicket(op, baseUrl, list.items[0]!.id);
      await op.locator('#hotline-public_text').fill('桂园街道某小区垃圾未及时清运');
      await op.getByRole('button', { name: label('公开此内容') }).click();
      await op.getByTestId('hl-public-text').filter({ hasText: '桂园街道某小区垃圾未及时清运' }).waitFor();
      await op.screenshot({ path: artifact('hotline-public-text.png'), fullPage: true });
      published = await open311();
      assert(published.description === '桂园街道某小区垃圾未及时清运', `after review: ${JSON.stringify(published)}`);
      assert(!JSON.stringify(published).includes('13900002222') && !JSON.stringify(published).includes('601'), 'the citizen’s words stay internal');
    },
  },
  {
    name: 'the portal request form and the follow-up page pass axe-core (normal and 长辈版); a used follow-up link says so',
    async run({ baseUrl, newPage, artifact }) {
      const problems: string[] = [];
      for (const elder of [false, true]) {
        const page = await newPage({ width: 375, height: 800 });
        await page.goto(`${baseUrl}/`);
        await page.evaluate((on) => localStorage.setItem('yiwang.elder', on ? '1' : '0'), elder);
        for (const path of ['/hotline/new', '/hotline/lookup', '/hotline/follow-up/not-a-real-token-123']) {
          await page.goto(`${baseUrl}${path}`);
          await page.locator('.hl-portal h1').waitFor();
          await page.waitForLoadState('networkidle');
          for (const v of await seriousA11yViolations(page))
            problems.push(`${elder ? '[长辈版] ' : ''}${path}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
          if (await hasHorizontalScroll(page)) problems.push(`${elder ? '[长辈版] ' : ''}${path}: horizontal scroll at 375 px`);
        }
        if (elder) await page.screenshot({ path: artifact('hotline-follow-up-elder-375.png'), fullPage: true });
      }
      assert(problems.length === 0, `accessibility:\n${problems.join('\n')}`);

      // An anonymous visitor must leave a phone; a used or unknown follow-up link is refused kindly.
      const page = await newPage({ width: 375, height: 800 });
      await page.goto(`${baseUrl}/hotline/follow-up/not-a-real-token-123`);
      await page.locator('label', { hasText: '已解决' }).click();
      await page.locator('label', { hasText: '很满意' }).click();
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('链接已使用或已失效').waitFor();
    },
  },
  {
    name: 'a hotline admin edits the limits table: the server refuses 40 working hours beside the field, 4 working hours are saved and shown',
    async run({ baseUrl, newPage, artifact }) {
      const page = await newPage();
      await signIn(page, baseUrl, 'it.admin', undefined, '/admin/hotline/limits');
      await page.waitForURL(/\/admin\/hotline\/limits/);
      const table = page.getByRole('table');
      await table.getByText('13 个工作日').first().waitFor();
      const a11y = await seriousA11yViolations(page);
      assert(a11y.length === 0, `accessibility: ${a11y.map((v) => `${v.id} ${v.help} at ${v.nodes.join(', ')}`).join('\n')}`);
      await page.getByRole('button', { name: '编辑 建议 · 紧急' }).click();
      const drawer = page.locator('.ant-drawer').filter({ hasText: '修改办理时限：建议 · 紧急' });
      await drawer.waitFor();
      await drawer.locator('label', { hasText: '工作小时' }).click();
      await drawer.locator('#hotlineLimit_conclusionAmount').fill('40');
      await drawer.getByRole('button', { name: label('保存') }).click();
      // the server's field error, beside the field
      await drawer
        .locator('.ant-form-item')
        .filter({ has: page.locator('#hotlineLimit_conclusionAmount') })
        .getByText('按工作小时计的时限不能超过 35 小时')
        .waitFor();
      await page.screenshot({ path: artifact('hotline-limits-error.png'), fullPage: true });
      await drawer.locator('#hotlineLimit_conclusionAmount').fill('4');
      await drawer.getByRole('button', { name: label('保存') }).click();
      await drawer.waitFor({ state: 'hidden' });
      const row = table.locator('tr').filter({ hasText: '4 个工作小时' });
      await row.first().waitFor();
      await page.screenshot({ path: artifact('hotline-limits.png'), fullPage: true });
    },
  },
);
