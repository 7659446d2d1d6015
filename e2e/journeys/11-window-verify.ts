/**
 * The window clerk's 当面核验与开户 page (docs/identity.md, "Window verification") on a phone-sized
 * screen: window.clerk opens it from the workbench menu, is told when the name does not match the
 * ID number, then verifies the demo citizen 李秀英 (citizen2) in person and sees the masked number
 * and the new level.
 */
import { assert, buttonName, pickOption, signIn, type Journey } from '../lib.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** server/src/modules/identity/seed.ts: demoIdNumber(1), citizen2's body with its GB 11643 check digit. */
function withCheckDigit(body: string): string {
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}
const CITIZEN2_ID = withCheckDigit('99010319520308234');
/** A fresh valid number (sequence code never 999, which the simulated register does not know). */
function randomIdNumber(): string {
  const seq = String(100 + Math.floor(Math.random() * 800));
  const day = String(10 + Math.floor(Math.random() * 18));
  return withCheckDigit(`9901021988${'0' + String(1 + Math.floor(Math.random() * 9))}${day}${seq}`);
}

export const journeys: Journey[] = [
  {
    name: 'window.clerk verifies the walk-in citizen 李秀英 in person on a phone-sized screen',
    async run({ baseUrl, newPage, artifact }) {
      const page = await newPage({ width: 375, height: 800 });
      page.setDefaultTimeout(30_000);
      await signIn(page, baseUrl, 'window.clerk', undefined, '/workbench');
      await page.goto(`${baseUrl}/workbench/window/identity`);
      await page.getByRole('heading', { name: '当面核验与开户' }).waitFor();
      await page.getByRole('tab', { name: '当面核验' }).waitFor();

      // A name that does not match the number: the field says so, nothing changes.
      await page.locator('#window-verify_name').fill('李秀');
      await page.locator('#window-verify_idNumber').fill(CITIZEN2_ID);
      await page.getByText('人工比对证件与本人').click();
      await page.getByRole('button', { name: buttonName('核验') }).click();
      await page.getByRole('alert').first().waitFor();
      await page.locator('#window-verify_name_help').waitFor();

      await page.locator('#window-verify_name').fill('李秀英');
      await page.getByRole('button', { name: buttonName('核验') }).click();
      const result = page.getByTestId('window-verify-result');
      await result.waitFor();
      const text = (await result.textContent()) ?? '';
      assert(text.includes('李秀英') && text.includes('citizen2'), `the result names the citizen: ${text}`);
      assert(text.includes('当面核验'), `the new level is shown: ${text}`);
      assert(!text.includes(CITIZEN2_ID), 'the full ID number is not shown back');
      assert(/\d{2,}\*+/.test(text), `the ID number is shown masked: ${text}`);
      await page.screenshot({ path: artifact('window-verify-375.png'), fullPage: true });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      assert(!wide, 'the page does not scroll sideways at 375 px');
    },
  },
  {
    name: 'window.clerk opens an account for a walk-in who has none (second tab) and sees the masked number',
    async run({ baseUrl, newPage }) {
      const page = await newPage({ width: 375, height: 800 });
      page.setDefaultTimeout(30_000);
      const username = `walkin${Date.now() % 1_000_000}`;
      const idNumber = randomIdNumber();
      await signIn(page, baseUrl, 'window.clerk', undefined, '/workbench/window/identity');
      await page.getByRole('tab', { name: '为来办群众开户' }).click();
      await page.locator('#window-open_name').fill('周来办');
      await page.locator('#window-open_idNumber').fill(idNumber);
      await page.locator('#window-open_username').fill(username);
      await page.locator('#window-open_phone').fill('13600001234');
      await pickOption(page, page.locator('#window-open_regionCode'), '明湖区', /990102\)/);
      await page.locator('#window-open_password').fill('Window-opened-29-Lark');
      await page.getByRole('button', { name: buttonName('开户') }).click();
      const result = page.getByTestId('window-open-result');
      await result.waitFor();
      const text = (await result.textContent()) ?? '';
      assert(text.includes(username) && text.includes('周来办'), `the result names the new account: ${text}`);
      assert(!text.includes(idNumber), 'the full ID number is not shown back');
    },
  },
];
