import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'demo-Passw0rd!';

export interface JourneyContext {
  baseUrl: string;
  newPage(opts?: { width?: number; height?: number; locale?: string }): Promise<Page>;
  artifact(name: string): string;
}

export interface Journey {
  name: string;
  run(ctx: JourneyContext): Promise<void>;
}

/**
 * The accessible name of an antd button with a Chinese label: antd spaces the two characters of a
 * two-character label (受 理), and after a request the fading spinner's "loading" may still lead the
 * name for a moment (its leave animation can outlast the next click).
 */
export const buttonName = (text: string) => new RegExp(`^\\s*(loading\\s+)?${[...text].join('\\s*')}\\s*$`);

export class AssertionError extends Error {}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Signs in through the sign-in page as a person would. */
export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD, next = '/') {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(next)}`);
  await page.locator('input[autocomplete="username"], #username, input[name="username"]').first().fill(username);
  await page.locator('input[type="password"]').first().fill(password);
  await page.locator('button[type="submit"]').first().click();
  // 30 s as every other wait (run.ts): a sign-in hashes the password (argon2id) on a busy machine.
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 });
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.1 A/AA rules) in the page; returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  await settleAnimations(page);
  // Evaluated through the DevTools protocol: an inline <script> tag would be (rightly) refused by the site's CSP.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: unknown,
          ): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] }>;
        };
      }
    ).axe;
    // label-content-name-mismatch (WCAG 2.5.3, label in name) is experimental in axe, so off unless named.
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      rules: { 'label-content-name-mismatch': { enabled: true } },
    });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.split('\n').slice(1).join(' ').trim()}]` : ''}`),
    }));
}

/**
 * Waits for finite CSS transitions and animations to end, so that axe measures colours at rest
 * (a button fading back from its loading state is briefly below AA contrast, which no user reads).
 */
export async function settleAnimations(page: Page, timeoutMs = 3_000): Promise<void> {
  // A button still in its loading state (spinner, lowered opacity) is about to change: wait for it.
  // Its end is animated too: the spinner leaves and the button fades from 65 % back to full opacity.
  await page
    .waitForFunction(
      () =>
        !document.querySelector('.ant-btn-loading, .ant-btn-loading-icon') &&
        [...document.querySelectorAll('.ant-btn')].every((b) => b.closest('[disabled]') !== null || getComputedStyle(b).opacity === '1'),
      undefined,
      { timeout: timeoutMs, polling: 50 },
    )
    .catch(() => undefined);
  // Two frames: a transition that a state change starts begins on the next style recalculation.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.evaluate(async (limit) => {
    const finite = document.getAnimations().filter((a) => {
      const timing = a.effect?.getComputedTiming();
      return timing !== undefined && timing.iterations !== Infinity && a.playState === 'running';
    });
    await Promise.race([Promise.all(finite.map((a) => a.finished.catch(() => undefined))), new Promise((resolve) => setTimeout(resolve, limit))]);
  }, timeoutMs);
}

/**
 * Follows a page's requests from now on; `quiet()` resolves once none has been in flight for
 * `quietMs` (default 250 ms). Playwright's 'networkidle' waits 500 ms after the last connection closed
 * and averaged 1.2 s a page in the page checks, the largest part of a page's check.
 */
export function followRequests(page: Page): { quiet(quietMs?: number, timeoutMs?: number): Promise<void> } {
  let inFlight = 0;
  let last = performance.now();
  const start = () => {
    inFlight++;
    last = performance.now();
  };
  const end = () => {
    inFlight = Math.max(0, inFlight - 1);
    last = performance.now();
  };
  page.on('request', start);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  return {
    async quiet(quietMs = 250, timeoutMs = 15_000) {
      const until = performance.now() + timeoutMs;
      while (performance.now() < until && (inFlight > 0 || performance.now() - last < quietMs)) await new Promise((r) => setTimeout(r, 25));
    },
  };
}

export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The GB 32100 check character for the first 17 characters of a 统一社会信用代码. */
export function usccCheckChar(body17: string): string {
  assert(body17.length === 17, `USCC body is 17 characters, got ${body17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(body17[i]!);
    assert(v >= 0, `USCC character "${body17[i]}" is not allowed`);
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** A valid 18-character USCC: `prefix` (e.g. `11990102MB`) padded with random digits, plus the check character. */
export function randomUscc(prefix = '11990102MB'): string {
  let body = prefix;
  while (body.length < 17) body += String(Math.floor(Math.random() * 10));
  return body + usccCheckChar(body);
}

/** Opens an antd Select (or TreeSelect) `combobox`, types `text` and picks the option containing `option`. */
export async function pickOption(page: Page, combobox: import('playwright-core').Locator, text: string, option: string | RegExp = text) {
  await combobox.click();
  await combobox.fill(text);
  const item = page
    .locator(
      '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option, .ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-treenode',
    )
    .filter({ hasText: option })
    .first();
  await item.waitFor({ timeout: 30_000 });
  await item.click();
  // Under load a click can land while the dropdown still animates and pick nothing (CI met it
  // twice): a person looks at the field and picks again.
  const field = combobox.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const picked = field.filter({ hasText: text });
  for (let attempt = 0; attempt < 2 && !(await picked.isVisible().catch(() => false)); attempt++) {
    await page.waitForTimeout(500);
    if (await picked.isVisible().catch(() => false)) break;
    await combobox.click();
    await combobox.fill(text);
    await item.waitFor({ timeout: 30_000 });
    await item.click();
  }
}
