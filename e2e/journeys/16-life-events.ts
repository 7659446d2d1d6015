/**
 * 一件事 (docs/life-events.md) on a phone-sized screen: enterprise1 opens the life-event list, sees
 * 开办餐饮店 with its departments and reductions, fills the one combined form and the one material
 * list, submits once, and follows the parent: the licence and the health certificate filed at once,
 * the food permit, signboard and fire check waiting for the licence.
 */
import { assert, buttonName, signIn, type Journey } from '../lib.ts';

const PDF = (title: string) => Buffer.from(`%PDF-1.4\n% ${title}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

export const journeys: Journey[] = [
  {
    name: 'a person opens a restaurant as one application on a phone',
    async run({ baseUrl, newPage, artifact }) {
      const page = await newPage({ width: 375, height: 800 });
      page.setDefaultTimeout(30_000);
      await signIn(page, baseUrl, 'enterprise1', undefined, '/life-events');
      await page.getByRole('heading', { name: '一件事一次办' }).waitFor();
      await page.getByRole('heading', { name: '开办餐饮店“一件事”' }).waitFor();
      const list = (await page.locator('main').textContent()) ?? (await page.textContent('body')) ?? '';
      assert(list.includes('示范市消防救援支队') && list.includes('示范市城市管理局'), 'the list names the departments');
      await page.goto(`${baseUrl}/life-events/open-restaurant`);
      await page.getByRole('heading', { name: '开办餐饮店“一件事”' }).waitFor();
      await page.getByText('待 企业设立登记 办结后自动流转').first().waitFor();
      await page.getByText('由“企业设立登记”结果自动获取').first().waitFor();

      // One form: the contact phone is asked once for five items.
      assert((await page.locator('#le-apply_contactPhone').count()) === 1, 'the shared contact phone is one field');
      await page.locator('#le-apply_applicantName').fill('示范市明湖餐饮有限公司');
      await page.locator('#le-apply_contactPhone').fill('13800001111');
      await page.locator('#le-apply_contactAddress').fill('示范市明湖区湖滨路 8 号');
      await page.locator('#le-apply_foodPermit__legalRepresentative').fill('王建国');
      await page.locator('#le-apply_foodPermit__premises').fill('示范市明湖区湖滨路 8 号');
      await page.locator('label', { hasText: '小餐饮' }).first().click();
      await page.locator('#le-apply_foodPermit__areaSqm').fill('60');
      await page.locator('#le-apply_foodPermit__safetyManager').fill('王建国');

      // One material list: each asked once; a commitment where the law allows one.
      let count = 0;
      while (await page.getByTestId(`cs-material-${count}`).count()) count++;
      assert(count >= 5, `the asked materials are listed (${count})`);
      for (let i = 0; i < count; i++) {
        const m = page.getByTestId(`cs-material-${i}`);
        const commitment = m.getByText('告知承诺', { exact: true });
        if (await commitment.count()) await commitment.click();
        else {
          const name = ((await m.locator('legend').textContent()) ?? `material-${i}`).replace(/\s*\(.*$/, '');
          await m.locator('input[type=file]').setInputFiles({ name: `${i}.pdf`, mimeType: 'application/pdf', buffer: PDF(name) });
          await m.getByText(`${i}.pdf`, { exact: true }).waitFor();
        }
      }
      await page.screenshot({ path: artifact('life-event-apply-375.png'), fullPage: true });
      await page.getByRole('button', { name: buttonName('提交申请') }).click();
      await page.waitForURL(/\/life-events\/applications\/YJS\d{13}$/);
      await page.getByText('企业设立登记').first().waitFor();
      const text = (await page.textContent('body')) ?? '';
      assert(text.includes('等待前置结果'), 'the dependants wait for the licence');
      assert(text.includes('办理中'), 'the licence and the health certificate are in progress');
      assert(text.includes('承诺办结日期'), 'the parent has its own due date');
      await page.screenshot({ path: artifact('life-event-bundle-375.png'), fullPage: true });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert(!wide, 'the page does not scroll sideways at 375 px');
    },
  },
];
