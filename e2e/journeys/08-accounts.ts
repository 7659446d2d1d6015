/**
 * Citizens' own accounts (docs/identity.md) on a phone-sized screen: a new person registers with
 * an SMS code (the demo answers the code: no SMS gateway), is refused an item that requires
 * real-name verification, passes it on 账号与安全, applies and follows the case; then signs out
 * everywhere else and signs in again by SMS code.
 */
import type { APIRequestContext, Page } from 'playwright-core';
import { assert, buttonName, signIn, type Journey } from '../lib.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid GB 11643 number (sequence code never 999, which the simulated register does not know). */
function randomIdNumber(): string {
  const seq = String(100 + Math.floor(Math.random() * 800));
  const day = String(10 + Math.floor(Math.random() * 18));
  const body = `9901021991${'0' + String(1 + Math.floor(Math.random() * 9))}${day}${seq}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

async function findItem(request: APIRequestContext, baseUrl: string, q: string, name: string): Promise<string> {
  const res = await request.get(`${baseUrl}/api/catalog/items?q=${encodeURIComponent(q)}&pageSize=20`);
  assert(res.ok(), `catalog search ${q}: ${res.status()}`);
  const hit = ((await res.json()) as { items: { name: string; regionCode: string; implementationCode: string }[] }).items.find(
    (i) => i.name === name && i.regionCode === '990100',
  );
  assert(hit, `city-level ${name} in the catalog`);
  return hit.implementationCode;
}

/** Presses 获取验证码 and reads the code the demo shows under the field. */
async function demoCode(page: Page, field: string): Promise<string> {
  await page.getByTestId(`send-code-${field}`).click();
  const note = page.getByTestId(`sms-note-${field}`);
  await note.filter({ hasText: /\d{6}/ }).waitFor();
  const code = /(\d{6})/.exec((await note.textContent()) ?? '')?.[1];
  assert(code, 'the demo shows the SMS code');
  return code;
}

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

export const journeys: Journey[] = [
  {
    name: 'a new person registers by SMS code on a phone, is asked for real-name verification by an item that needs it, passes it, applies and follows the case; signs out everywhere else and signs in by SMS code',
    async run({ baseUrl, newPage, artifact }) {
      const page = await newPage({ width: 375, height: 800 });
      const mobile = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      const idNumber = randomIdNumber();

      // 1. Register: from the sign-in page's link.
      await page.goto(`${baseUrl}/login`);
      await page.getByRole('link', { name: '没有账号？注册' }).click();
      await page.waitForURL(/\/register$/);
      await page.locator('#register_name').fill('林小满');
      await page.locator('#register_idNumber').fill(idNumber);
      await page.locator('#register_mobile').fill(mobile);
      await page.locator('#register_smsCode').fill(await demoCode(page, 'mobile'));
      await page.locator('#register_password').fill('Harbour-lantern-47-Quill');
      await page.screenshot({ path: artifact('accounts-register-375.png'), fullPage: true });
      await page.getByRole('button', { name: '注册并登录' }).click();
      await page.waitForURL(/\/me\/account$/);
      await page.getByTestId('assurance-level').filter({ hasText: '已注册（未实名）' }).waitFor();

      // 2. An item that requires real-name verification refuses the online application with a clear message.
      const code = await findItem(page.request, baseUrl, '失业保险金', '失业保险金申领');
      const application = {
        implementationCode: code,
        formData: {
          lastEmployer: '示范市西江物流有限公司',
          separationDate: '2026-10-31',
          insuredYears: 4,
          bankAccount: '6217990100123458888',
          contactPhone: mobile,
          contactAddress: '示范市明湖区湖滨街道湖滨路 30 号',
        },
        materials: [] as { name: string; fileIds: string[] }[],
        delivery: 'electronic',
      };
      const refused = await page.request.post(`${baseUrl}/api/cases`, { data: application });
      assert(refused.status() === 403, `below the required level: 403, got ${refused.status()}`);
      const problem = (await refused.json()) as { code: string; title: string };
      assert(problem.code === 'identity.assurance_required' && problem.title.includes('实名认证'), `asks to raise the level: ${JSON.stringify(problem)}`);

      // 3. Real-name verification on 账号与安全.
      await page.getByRole('button', { name: '立即实名认证' }).click();
      await page.getByTestId('assurance-level').filter({ hasText: '已实名认证' }).waitFor();
      await page.screenshot({ path: artifact('accounts-verified-375.png'), fullPage: true });

      // 4. Now the application goes in (the proof of separation uploaded), and the person follows the case.
      const upload = await page.request.post(`${baseUrl}/api/cases/uploads?name=${encodeURIComponent('解除劳动合同证明.pdf')}`, {
        data: PDF,
        headers: { 'content-type': 'application/octet-stream' },
      });
      assert(upload.status() === 201, `upload: ${upload.status()} ${await upload.text()}`);
      application.materials = [{ name: '终止或者解除劳动合同的证明', fileIds: [((await upload.json()) as { id: string }).id] }];
      const submitted = await page.request.post(`${baseUrl}/api/cases`, { data: application });
      assert(submitted.status() === 201, `submitted after verification: ${submitted.status()} ${await submitted.text()}`);
      const caseNo = ((await submitted.json()) as { caseNo: string }).caseNo;
      await page.goto(`${baseUrl}/cases/mine`);
      await page.getByText(caseNo).first().waitFor();
      await page.goto(`${baseUrl}/cases/${caseNo}`);
      await page.getByText('失业保险金申领').first().waitFor();
      await page.screenshot({ path: artifact('accounts-case-375.png'), fullPage: true });

      // 5. Another device; "sign out everywhere" from this one ends it at once.
      const other = await newPage({ width: 1280, height: 800 });
      const login = await other.request.post(`${baseUrl}/api/auth/login`, { data: { username: mobile, password: 'Harbour-lantern-47-Quill' } });
      assert(login.ok(), `password sign-in with the mobile number: ${login.status()}`);
      await page.goto(`${baseUrl}/me/account`);
      await page.getByRole('button', { name: '退出其他所有设备' }).click();
      await page.getByText(/已退出其他 \d+ 个设备/).waitFor();
      const after = await other.request.get(`${baseUrl}/api/auth/me`);
      assert(after.status() === 401, `the other device is signed out: ${after.status()}`);

      // 6. Sign in by SMS code on the other device.
      await other.goto(`${baseUrl}/login`);
      await other.getByRole('link', { name: '用短信验证码登录' }).click();
      await other.waitForURL(/\/login\/sms$/);
      await other.locator('#sms-login_mobile').fill(mobile);
      await other.locator('#sms-login_smsCode').fill(await demoCode(other, 'mobile'));
      await other.getByRole('button', { name: /登\s*录/ }).click();
      await other.waitForURL((url) => !url.pathname.startsWith('/login'));
    },
  },
  {
    name: 'an agent (citizen3) switches to act for an enterprise he is authorised for, then back as himself',
    async run({ baseUrl, newPage, artifact }) {
      const page = await newPage({ width: 375, height: 800 });
      await signIn(page, baseUrl, 'citizen3', undefined, '/me/account');
      const card = page.getByTestId('acting-for');
      const row = card.locator('.ant-list-item').filter({ hasText: '示范市明湖餐饮管理有限公司' });
      await row.getByRole('button', { name: buttonName('切换') }).click();
      await row.getByText('当前身份').waitFor();
      const me = (await (await page.request.get(`${baseUrl}/api/auth/me`)).json()) as { displayName: string };
      assert(me.displayName === '示范市明湖餐饮管理有限公司', `acting for the enterprise: ${me.displayName}`);
      await page.screenshot({ path: artifact('accounts-acting-for-375.png'), fullPage: true });
      // Switching refetches every query of the page (who I am changed), and the cards above this one
      // change height: let them settle before the second switch (it timed out once on a busy machine).
      await page.waitForLoadState('networkidle');
      await card
        .locator('.ant-list-item')
        .filter({ hasText: '本人' })
        .getByRole('button', { name: buttonName('切换') })
        .click({ timeout: 30_000 });
      await card.locator('.ant-list-item').filter({ hasText: '本人' }).getByText('当前身份').waitFor();
    },
  },
];
