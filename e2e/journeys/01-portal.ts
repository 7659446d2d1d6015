import { assert, hasHorizontalScroll, seriousA11yViolations, signIn, type Journey } from '../lib.ts';

const portalPages = ['/', '/login', '/services/person', '/services/entity', '/lists/do-now'];

export const journeys: Journey[] = [
  {
    name: 'a citizen signs in, sees the masked ID number, switches to 长辈版 and to English, signs out',
    async run({ baseUrl, newPage }) {
      const page = await newPage({ width: 375, height: 800 });
      await signIn(page, baseUrl, 'citizen1', undefined, '/me');
      await page.waitForURL(/\/me/);
      const masked = page.locator('.mono').filter({ hasText: '*' }).first();
      await masked.waitFor();
      const text = (await masked.textContent()) ?? '';
      assert(/^9901\*{10}\d{3}[\dX]$/.test(text.trim()), `masked ID number shown, got "${text}"`);
      assert(!(await page.content()).includes('99010219850615123'), 'the full ID number is nowhere in the page');

      await page.getByRole('switch', { name: '长辈版' }).first().click();
      await page.waitForFunction(() => document.documentElement.classList.contains('elder'));
      await page.reload();
      assert(await page.evaluate(() => document.documentElement.classList.contains('elder')), 'elder mode persists across reloads');
      assert(!(await hasHorizontalScroll(page)), 'no horizontal scroll in elder mode at 375 px');

      await page
        .getByRole('button', { name: /switch language|切换|English/i })
        .first()
        .click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await page.getByText('ID number').first().waitFor();

      await page.getByRole('button', { name: 'Sign out' }).first().click();
      await page.waitForURL((u) => u.pathname === '/');
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
      assert(me === 401, `signed out: /api/auth/me answers 401, got ${me}`);
    },
  },
  {
    name: 'the portal home at 375 px and 1280 px has no horizontal scroll (screenshots in e2e/artifacts)',
    async run({ baseUrl, newPage, artifact }) {
      for (const width of [375, 1280]) {
        const page = await newPage({ width, height: 900 });
        await page.goto(`${baseUrl}/`);
        await page.locator('#home-title').waitFor();
        assert(!(await hasHorizontalScroll(page)), `no horizontal scroll at ${width} px`);
        await page.screenshot({ path: artifact(`portal-home-${width}.png`), fullPage: true });
      }
    },
  },
  {
    name: 'axe-core finds no serious or critical violations on portal pages, normal and 长辈版',
    async run({ baseUrl, newPage }) {
      const problems: string[] = [];
      for (const elder of [false, true]) {
        const page = await newPage({ width: 1280, height: 900 });
        await page.goto(`${baseUrl}/`);
        await page.evaluate((on) => localStorage.setItem('yiwang.elder', on ? '1' : '0'), elder);
        for (const path of portalPages) {
          await page.goto(`${baseUrl}${path}`);
          await page.locator('main').first().waitFor();
          await page.waitForLoadState('networkidle');
          for (const v of await seriousA11yViolations(page))
            problems.push(`${elder ? '[长辈版] ' : ''}${path}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
        }
      }
      assert(problems.length === 0, `accessibility violations:\n${problems.join('\n')}`);
    },
  },
];
