/**
 * The staff side of a 一件事 application for journey 16: each member department's demo staff take
 * their child case to its result through the actions its case offers them (read from the case API:
 * `allowedActions`), and the application's one delivery, when the server arranges one, is signed for
 * by the lead department's clerk. Nothing here assumes which step comes next: a child goes through
 * whatever its workflow and the bundle ask.
 */
import type { APIRequestContext, Locator, Page } from 'playwright-core';
import { assert, buttonName, DEMO_PASSWORD } from './lib.ts';

export interface BundleView {
  bundleNo: string;
  status: string;
  members: {
    key: string;
    itemName: string;
    departmentName: string;
    status: string;
    caseNo: string | null;
    caseStatus?: string | null;
    note?: string | null;
    issuedOn?: string | null;
    attached?: { from: string; certificateIdentifier?: string | null }[];
  }[];
  /** The one delivery of the results, when the application has one (its shape is the server's). */
  delivery?: unknown;
}

/** Demo staff of each member department (README, demo accounts); window.clerk may take any city department's window steps. */
const STAFF: Record<string, string[]> = {
  示范市市场监督管理局: ['scjg.clerk', 'scjg.reviewer', 'scjg.approver'],
  示范市卫生健康委员会: ['wjw.clerk'],
  示范市城市管理局: ['cgj.clerk'],
  示范市消防救援支队: ['xfjy.clerk'],
};
/** The lead department's clerk (政务服务局 leads the demo bundles): signs for the one delivery. */
const LEAD_CLERK = 'window.clerk';

/** The actions that take a case forward, in the order a case offers them; with the body each needs. */
const FORWARD: [string, Record<string, unknown>][] = [
  ['accept', {}],
  ['approve', { opinion: '经审查，符合规定' }],
  ['issue', {}],
  ['deliver', { method: 'electronic' }],
];
const ENDED = new Set(['concluded', 'refused', 'denied', 'withdrawn', 'expired', 'stopped', 'start_failed']);

/** Clicks the action button on the staff case page, fills the modal, confirms, waits until it closes (as journey 04). */
export async function staffAct(page: Page, action: string, fill?: (modal: Locator) => Promise<void>) {
  await page
    .getByTestId('cs-actions')
    .getByRole('button', { name: buttonName(action) })
    .click();
  const modal = page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: action }) });
  await modal.waitFor();
  if (fill) await fill(modal);
  await modal.getByRole('button', { name: buttonName(action) }).click();
  await modal.waitFor({ state: 'hidden' });
}

/** Any `{ id, status }` order under the bundle's `delivery` (the one result order), if the server shows one. */
function deliveryOrder(b: BundleView): { id: string; status: string } | null {
  const seen = (x: unknown): { id: string; status: string } | null => {
    if (!x || typeof x !== 'object') return null;
    const o = x as Record<string, unknown>;
    if (typeof o.id === 'string' && typeof o.status === 'string' && ('method' in o || 'contents' in o)) return { id: o.id, status: o.status };
    for (const v of Object.values(o)) {
      const found = seen(v);
      if (found) return found;
    }
    return null;
  };
  return seen(b.delivery);
}

/**
 * Takes every child of the application to its end: round after round, each open child is acted on
 * by the first of its department's staff offered a forward action; when no child can move, the
 * one delivery (if any) is signed for. Returns what was done, in order.
 */
export async function driveBundle(opts: {
  baseUrl: string;
  newPage: (o?: { width?: number; height?: number }) => Promise<Page>;
  bundle: () => Promise<BundleView>;
}): Promise<string[]> {
  const { baseUrl } = opts;
  const sessions = new Map<string, APIRequestContext>();
  const as = async (username: string) => {
    let r = sessions.get(username);
    if (!r) {
      r = (await opts.newPage()).request;
      const res = await r.post(`${baseUrl}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } });
      assert(res.ok(), `login ${username}: ${res.status()}`);
      sessions.set(username, r);
    }
    return r;
  };
  const log: string[] = [];
  let idle = 0;
  for (let round = 0; round < 60; round++) {
    const b = await opts.bundle();
    const open = b.members.filter((m) => m.caseNo && !ENDED.has(m.status) && !ENDED.has(m.caseStatus ?? ''));
    if (!b.members.some((m) => m.status === 'waiting') && !open.length) return log;
    let moved = false;
    for (const m of open) {
      for (const username of [...(STAFF[m.departmentName] ?? []), LEAD_CLERK]) {
        const r = await as(username);
        const view = await r.get(`${baseUrl}/api/cases/${m.caseNo}`);
        if (!view.ok()) continue;
        const offered = ((await view.json()) as { allowedActions: string[] }).allowedActions;
        const next = FORWARD.find(([a]) => offered.includes(a));
        if (!next) continue;
        const res = await r.post(`${baseUrl}/api/cases/${m.caseNo}/actions/${next[0]}`, { data: next[1] });
        // A child whose results come in the application's one delivery is delivered by signing for it.
        if (res.status() === 409 && ((await res.json()) as { code?: string }).code === 'cases.bundle_delivers_once') continue;
        assert(res.ok(), `${username} ${next[0]} on ${m.key} ${m.caseNo}: ${res.status()} ${await res.text()}`);
        log.push(`${m.key} ${next[0]} by ${username}`);
        moved = true;
        break;
      }
    }
    if (moved) {
      idle = 0;
      continue;
    }
    const order = deliveryOrder(b);
    if (order && order.status !== 'signed') {
      const r = await as(LEAD_CLERK);
      const res = await r.post(`${baseUrl}/api/workbench/delivery/orders/${order.id}/status`, {
        data: { status: 'signed', note: '申请人到窗口领取全部结果，核验身份后签收' },
      });
      assert(res.ok(), `sign for the application's delivery ${order.id}: ${res.status()} ${await res.text()}`);
      log.push(`one delivery signed for by ${LEAD_CLERK}`);
      continue;
    }
    // Nothing to do now: a dependant may be filed by an event just after; wait a moment, then give up.
    if (++idle > 5) throw new Error(`no staff action takes the application further: ${JSON.stringify(b.members.map((x) => [x.key, x.status, x.caseStatus]))}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the application did not end in 60 rounds');
}

/**
 * The lead department (zwfw.catalog, 政务服务局) publishes the bundle again, as is: its combined
 * material list is computed from the member guides in force at publication, and an earlier journey
 * (03) published a new version of 食品经营许可 with a material renamed. Until the bundle follows, a
 * member filed on the new guide is refused (start_failed, cases.materials_missing).
 */
export async function republishBundle(baseUrl: string, newPage: (o?: { width?: number; height?: number }) => Promise<Page>, code: string): Promise<void> {
  const r = (await newPage()).request;
  const login = await r.post(`${baseUrl}/api/auth/login`, { data: { username: 'zwfw.catalog', password: DEMO_PASSWORD } });
  assert(login.ok(), `login zwfw.catalog: ${login.status()}`);
  const wb = await r.get(`${baseUrl}/api/workbench/catalog/life-events/${code}`);
  assert(wb.ok(), `bundle ${code} in the workbench: ${wb.status()} ${await wb.text()}`);
  const view = (await wb.json()) as { departmentId: string; working: { definition: unknown } };
  const saved = await r.put(`${baseUrl}/api/workbench/catalog/life-events/${code}/draft`, {
    data: { departmentId: view.departmentId, definition: view.working.definition, changeNote: '成员事项办事指南更新，重新发布（e2e）' },
  });
  assert(saved.ok(), `save the draft of ${code}: ${saved.status()} ${await saved.text()}`);
  const published = await r.post(`${baseUrl}/api/workbench/catalog/life-events/${code}/publish`);
  assert(published.ok(), `publish ${code}: ${published.status()} ${await published.text()}`);
}
