import { assert, DEMO_PASSWORD, pickOption, signIn, type Journey } from '../lib.ts';

const suffix = `${Date.now() % 1_000_000}`;
const SYSTEM = `E2E许可系统${suffix}`;
const CALLBACK = 'http://localhost:3000/callback';
// RFC 7636's example verifier and challenge: the journey never exchanges the code, it only receives it.
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

export const journeys: Journey[] = [
  {
    name: 'it.admin registers a department system in 业务系统接入 and sees its secret once',
    async run({ baseUrl, newPage }) {
      const page = await newPage({ width: 1280, height: 900 });
      page.setDefaultTimeout(30_000);
      await signIn(page, baseUrl, 'it.admin', DEMO_PASSWORD, '/admin/oidc-clients');
      await page.waitForURL(/\/admin\/oidc-clients/);
      await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '示范市市场监管局许可审批系统' }).waitFor();

      await page.getByRole('button', { name: '登记业务系统' }).first().click();
      const form = page.locator('.form-drawer').first();
      await form.getByLabel('系统名称', { exact: true }).fill(SYSTEM);
      await pickOption(page, form.getByLabel('所属部门', { exact: true }), '市场监督', /示范市市场监督管理局/);
      await form.getByLabel('回调地址', { exact: true }).fill('https://e2e.example.gov.cn/callback');
      await form.locator('button[type="submit"]').click();

      const modal = page.locator('.ant-modal').filter({ hasText: '客户端密钥' });
      await modal.waitFor();
      assert(/yw-[A-Za-z0-9_-]+/.test((await modal.textContent()) ?? ''), 'the new client id is shown with its secret');
      await modal
        .getByRole('button')
        .filter({ hasText: /OK|确\s*定/ })
        .first()
        .click();
      await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: SYSTEM }).waitFor();
    },
  },
  {
    name: "a department app sends scjg.clerk to yiwang's sign-in and gets a code back (authorization code + PKCE)",
    async run({ baseUrl, newPage }) {
      const page = await newPage({ width: 1280, height: 900 });
      page.setDefaultTimeout(30_000);
      const auth = new URL('/oidc/auth', baseUrl);
      for (const [k, v] of Object.entries({
        client_id: 'yw-demo-scjg-licensing',
        response_type: 'code',
        scope: 'openid profile yiwang.staff',
        redirect_uri: CALLBACK,
        code_challenge: CHALLENGE,
        code_challenge_method: 'S256',
        state: `e2e${suffix}`,
      }))
        auth.searchParams.set(k, v);
      await page.goto(auth.toString());
      await page.waitForURL(/\/login\?next=%2Foidc%2Finteraction%2F/);
      await page.locator('input[autocomplete="username"], #username, input[name="username"]').first().fill('scjg.clerk');
      await page.locator('input[type="password"]').first().fill(DEMO_PASSWORD);
      // The department app itself is not running: its callback request is what the journey looks at.
      const callback = page.waitForRequest((request) => request.url().startsWith(CALLBACK), { timeout: 30_000 });
      await page.locator('button[type="submit"]').first().click();
      const back = new URL((await callback).url());
      assert(back.searchParams.get('code'), 'the callback carries a code');
      assert(back.searchParams.get('state') === `e2e${suffix}`, 'the callback carries the state');
    },
  },
];
