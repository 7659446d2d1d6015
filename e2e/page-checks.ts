/**
 * The check that keeps the pages usable (issue 15). Every page a journey visits is opened again
 * after the journey, as the same signed-in person, at 375 px in Chinese and at 1280 px in English,
 * and fails on:
 *   - overflow: the page is wider than the viewport (it scrolls sideways);
 *   - wrap: a table cell's text wraps to more than three lines;
 *   - console: an uncaught error or a console error (a failed request the page did not expect);
 *   - axe: a serious or critical WCAG 2.1 A/AA violation (axe-core);
 *   - cjk: in English, Chinese text in the interface (buttons, labels, headings of columns, menus,
 *     tabs, tags, alerts) — data (names, addresses, item names) is not checked.
 * A screenshot of each page at each width is kept in e2e/artifacts/pages/ (the last run's only).
 * Known problems stay listed in known-issues.ts, each with its reason and owner, so the check runs on
 * every page at once and a fixed page fails the list until its entry is removed.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { followRequests, seriousA11yViolations, settleAnimations } from './lib.ts';
import { knownIssues, type CheckKind } from './known-issues.ts';

export interface PageProblem {
  check: CheckKind;
  path: string;
  width: number;
  locale: 'zh' | 'en';
  detail: string;
}

/** A page a journey visited: its address and the browser context (who was signed in). */
interface Visit {
  url: string;
  context: BrowserContext;
}

/** The route behind an address: ids, case and ticket numbers and dates become placeholders, so a page is swept once. */
export function routeOf(url: string): string {
  const u = new URL(url);
  const p = u.pathname
    .split('/')
    .map((seg) => {
      const s = decodeURIComponent(seg);
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(s)) return ':id';
      if (/\d{6,}/.test(s) || /^\d+$/.test(s) || /^[\d.]{10,}/.test(s)) return ':n';
      return seg;
    })
    .join('/');
  return p;
}

const SKIP = [/^\/api\//, /\.(pdf|json|xlsx|csv|png|jpg)$/i, /^\/logout/];

/** Records the pages a journey's contexts visit, and the errors pages log while it runs. */
export class PageSweep {
  private visits = new Map<string, Visit>();
  readonly consoleErrors: { url: string; text: string }[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly artifactsDir: string,
  ) {}

  /** Call for every page a journey opens. */
  watch(page: Page) {
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      const url = frame.url();
      if (!url.startsWith(this.baseUrl)) return;
      const route = routeOf(url);
      if (SKIP.some((r) => r.test(new URL(url).pathname))) return;
      // The last visit of a route wins: the page as the journey left it.
      this.visits.set(route, { url, context: page.context() });
    });
  }

  get routes(): string[] {
    return [...this.visits.keys()];
  }

  /**
   * Opens each visited page again at 375 px in Chinese and at 1280 px in English, in the context that
   * visited it; returns the problems not on the known list, and the known entries that matched.
   */
  async run(label: string, seen: Set<string>): Promise<{ problems: PageProblem[]; known: Set<number>; checked: number }> {
    const problems: PageProblem[] = [];
    const known = new Set<number>();
    let checked = 0;
    for (const [route, visit] of this.visits) {
      // One sweep per route per run (journeys revisit the same pages).
      if (seen.has(route)) continue;
      seen.add(route);
      checked++;
      // Chinese at 375 px (axe, layout), English at 1280 px (untranslated text, layout in the longer
      // language). A third pass, Chinese at 1280 px, took 3 minutes of CI's 30 and found nothing the
      // other two did not; journeys that care about the desktop layout in Chinese check it themselves.
      for (const pass of [
        { width: 375, height: 800, locale: 'zh' as const },
        { width: 1280, height: 800, locale: 'en' as const },
      ]) {
        let page: Page | undefined;
        try {
          page = await visit.context.newPage();
          const found = await checkOnePage(page, visit.url, pass, this.artifactsDir, `${label}${route}`);
          for (const p of found) {
            const i = knownIssues.findIndex((k) => k.check === p.check && k.path.test(route) && (!k.match || k.match.test(p.detail)));
            if (i >= 0) known.add(i);
            else problems.push({ ...p, path: route });
          }
        } catch (err) {
          problems.push({
            check: 'console',
            path: route,
            width: pass.width,
            locale: pass.locale,
            detail: `could not check: ${String((err as Error).message).split('\n')[0]}`,
          });
        } finally {
          await page?.close().catch(() => {});
        }
      }
    }
    return { problems, known, checked };
  }
}

/** Fresh screenshots each run: the folder holds the last run's pages only. */
export function resetScreenshots(dir: string) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
}

async function checkOnePage(
  page: Page,
  url: string,
  pass: { width: number; height: number; locale: 'zh' | 'en' },
  dir: string,
  name: string,
): Promise<Omit<PageProblem, 'path'>[]> {
  const out: Omit<PageProblem, 'path'>[] = [];
  const at = { width: pass.width, locale: pass.locale };
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // The site's CSP reports are failed separately by run.ts.
    if (/Content[ -]Security[ -]Policy/i.test(text)) return;
    errors.push(`${text}${msg.location().url ? ` (${msg.location().url.replace(/^https?:\/\/[^/]+/, '')})` : ''}`);
  });
  // The failed request's address: the console says only "Failed to load resource: 404".
  page.on('response', (res) => {
    if (res.status() >= 400 && res.url().includes('/api/'))
      errors.push(`${res.status()} ${res.request().method()} ${res.url().replace(/^https?:\/\/[^/]+/, '')}`);
  });
  await page.setViewportSize({ width: pass.width, height: pass.height });
  await page.addInitScript((lang) => localStorage.setItem('yiwang.language', lang), pass.locale === 'en' ? 'en' : 'zh-CN');
  const requests = followRequests(page);
  await page.goto(url);
  await requests.quiet();
  await settleAnimations(page);

  if (await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)) {
    const widest = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      let worst = '';
      let right = vw;
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > right + 1 && r.width > 0 && getComputedStyle(el).position !== 'fixed') {
          right = r.right;
          worst = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''}`;
        }
      }
      return `${document.documentElement.scrollWidth} px wide at ${vw} px (widest: ${worst} to ${Math.round(right)} px)`;
    });
    out.push({ check: 'overflow', ...at, detail: widest });
  }

  for (const cell of await tallCells(page)) out.push({ check: 'wrap', ...at, detail: cell });

  if (pass.locale === 'zh') {
    for (const v of await seriousA11yViolations(page)) out.push({ check: 'axe', ...at, detail: `${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}` });
  } else {
    for (const text of await chineseInInterface(page)) out.push({ check: 'cjk', ...at, detail: text });
  }
  for (const e of new Set(errors)) out.push({ check: 'console', ...at, detail: e });

  const file = `${name
    .replace(/^\//, '')
    .replace(/[^\w\u4e00-\u9fff-]+/g, '_')
    .slice(0, 120)}-${pass.width}${pass.locale === 'en' ? '-en' : ''}.png`;
  await page.screenshot({ path: path.join(dir, file), fullPage: true }).catch(() => {});
  return out;
}

/** Table cells whose text runs over more than three lines (a text's line boxes, counted by their tops). */
async function tallCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>('td, th')) {
      if (cell.closest('.ant-table-measure-row, [aria-hidden="true"], .ant-picker-dropdown, .ant-picker-panel')) continue;
      if (cell.offsetParent === null) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      let most = 0;
      let worst = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        if (!text.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top / 4)));
        if (tops.size > most) {
          most = tops.size;
          worst = text.trim();
        }
      }
      if (most > 3) {
        const table = cell.closest('table');
        const col = cell.cellIndex >= 0 ? table?.querySelectorAll('thead th')[cell.cellIndex]?.textContent?.trim() : undefined;
        found.push(
          `${most} lines in ${col ? `column "${col}"` : cell.tagName.toLowerCase()}, ${Math.round(cell.getBoundingClientRect().width)} px wide: "${worst.slice(0, 40)}"`,
        );
      }
    }
    return [...new Set(found)].slice(0, 10);
  });
}

/** Chinese characters in interface text (not data): the words a translation should have replaced. */
async function chineseInInterface(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ui = [
      'button',
      'th',
      'label',
      'legend',
      '.ant-form-item-label',
      '.ant-menu-title-content',
      '.ant-tabs-tab',
      '.ant-radio-button-wrapper',
      '.ant-steps-item-title',
      '.ant-empty-description',
      '.ant-pagination',
      '.ant-alert-message',
      '.ant-alert-title',
      '.ant-card-head-title',
      '.ant-result-title',
      '.ant-breadcrumb',
      '.ant-select-selection-placeholder',
      'h1',
      'h2',
      'h3',
      'dt',
      '.staff-header',
      '.portal-header',
      '.portal-footer',
    ].join(',');
    const cjk = /[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]/;
    const found = new Set<string>();
    for (const el of document.querySelectorAll<HTMLElement>(ui)) {
      // Data inside interface text is marked by the page: a name, an item, a place (lang="zh" or translate="no").
      for (const n of [...el.childNodes].filter((c) => c.nodeType === Node.TEXT_NODE)) {
        const text = n.textContent?.trim() ?? '';
        if (!text || !cjk.test(text)) continue;
        if ((n.parentElement ?? el).closest('[lang^="zh"], [translate="no"], [data-data]')) continue;
        if (el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue;
        found.add(text.slice(0, 40));
      }
      // A placeholder attribute is interface text too.
      const ph = el.getAttribute('placeholder');
      if (ph && cjk.test(ph)) found.add(`placeholder "${ph.slice(0, 40)}"`);
    }
    for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')) {
      if (cjk.test(input.placeholder) && !input.closest('[lang^="zh"], [translate="no"]')) found.add(`placeholder "${input.placeholder.slice(0, 40)}"`);
    }
    return [...found].slice(0, 15);
  });
}

export function describeProblems(problems: PageProblem[]): string {
  const byPage = new Map<string, string[]>();
  for (const p of problems) {
    const k = `${p.path} @${p.width}${p.locale === 'en' ? ' en' : ''}`;
    byPage.set(k, [...(byPage.get(k) ?? []), `[${p.check}] ${p.detail}`]);
  }
  return [...byPage].map(([k, v]) => `${k}:\n      ${v.join('\n      ')}`).join('\n    ');
}
