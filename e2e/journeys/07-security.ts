import { assert, signIn, type Journey } from '../lib.ts';

/**
 * The security headers in a real browser: the pages work under the Content-Security-Policy (the
 * runner fails any journey whose pages report a CSP violation), Swagger UI included, and the site
 * refuses to be framed.
 */
export const journeys: Journey[] = [
  {
    name: 'the API documentation (Swagger UI) renders under the CSP',
    async run({ baseUrl, newPage }) {
      const page = await newPage();
      const res = await page.goto(`${baseUrl}/api/docs`);
      assert(res?.headers()['content-security-policy']?.includes("script-src 'self'"), 'the docs page carries the CSP');
      // Swagger UI parses the whole OpenAPI document (a few MB, every module's routes) before it draws anything.
      await page.locator('.swagger-ui .info .title').first().waitFor({ timeout: 60_000 });
      assert(((await page.locator('.swagger-ui .info .title').first().textContent()) ?? '').includes('yiwang API'), 'Swagger UI shows the API title');
      await page.locator('.opblock').first().waitFor();
    },
  },
  {
    name: 'a staff member works in the workbench and the admin pages under the CSP; nothing can frame the site',
    async run({ baseUrl, newPage }) {
      const page = await newPage();
      const res = await page.goto(`${baseUrl}/`);
      const headers = res?.headers() ?? {};
      assert(headers['x-frame-options'] === 'DENY' && headers['x-content-type-options'] === 'nosniff', 'frame and sniffing headers');
      await signIn(page, baseUrl, 'admin', undefined, '/admin');
      await page.waitForURL(/\/admin/);
      await page.locator('main, [role="main"]').first().waitFor();
      // A page of another origin (about:blank with a data iframe would be same-process): try to frame the site.
      const framed = await newPage();
      await framed.setContent(`<iframe id="f" src="${baseUrl}/"></iframe>`);
      await framed.waitForTimeout(1500);
      const inner = framed.frames().find((f) => f !== framed.mainFrame());
      const loaded = inner ? await inner.evaluate(() => !!document.querySelector('#root')).catch(() => false) : false;
      assert(!loaded, 'the site does not render inside a frame of another origin');
    },
  },
];
