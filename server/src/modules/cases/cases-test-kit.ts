/**
 * What the cases API tests share: signed-in calls, uploads and a complete 食品经营许可 application,
 * against the TestApp each test file builds in its beforeAll.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { searchItems, type LifeEventDocument } from '../catalog/index.ts';
import { combinedApplication } from './bundles-demo.ts';

export const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
export const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);

export async function implementationOf(t: TestApp, name: string, region: string) {
  const page = await searchItems(t.ctx, { q: name, region, page: 1, pageSize: 50 } as never);
  const found = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find((i) => i.name === name && i.regionCode === region);
  if (!found) throw new Error(`no ${name} in ${region}`);
  return found.implementationCode;
}

/** The answers of a 开办餐饮店-like 一件事 application, by the field's own key. */
const restaurantAnswers: Record<string, unknown> = {
  contactPhone: '13800001111',
  contactAddress: '示范市明湖区湖滨路 8 号',
  legalRepresentative: '王建国',
  premises: '示范市明湖区湖滨路 8 号',
  businessForm: '小餐饮',
  areaSqm: 60,
  safetyManager: '王建国',
};

/** A market-bureau case's steps: 受理 → 审查 → 决定 → 出件 → 送达. */
const marketSteps = [
  ['scjg.clerk', 'accept'],
  ['scjg.reviewer', 'approve'],
  ['scjg.approver', 'approve'],
  ['scjg.clerk', 'issue'],
  ['scjg.clerk', 'deliver'],
] as const;

/**
 * The usual set-up of a cases API test file: its own TestApp (closed after the file) and the code of
 * 食品经营许可 of the city market regulation bureau, both set in a beforeAll registered here (register
 * further set-up after calling this), with the calls of `casesApi`. Read `t` and `foodCode` off the
 * returned object in hooks and tests, not while the file is collected.
 */
export function casesTestFile() {
  const current = { t: undefined as unknown as TestApp, foodCode: '' };
  beforeAll(async () => {
    current.t = await createTestApp();
    current.foodCode = await implementationOf(current.t, '食品经营许可', '990100');
  });
  afterAll(() => current.t.close());
  return {
    get t() {
      return current.t;
    },
    get foodCode() {
      return current.foodCode;
    },
    ...casesApi(() => current),
  };
}

/**
 * The calls of one test file. `current` answers the file's app and the code of 食品经营许可 of the
 * city market regulation bureau, both set in its beforeAll.
 */
export function casesApi(current: () => { t: TestApp; foodCode: string }) {
  const cookies: Record<string, string> = {};
  async function login(user: string) {
    cookies[user] ??= await current().t.login(user);
    return cookies[user]!;
  }
  async function call(
    user: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return current().t.app.inject({ method, url, payload: payload as object, headers: { ...(user ? { cookie: await login(user) } : {}), ...headers } });
  }
  async function upload(user: string, data: Buffer, name: string): Promise<string> {
    const res = await current().t.app.inject({
      method: 'POST',
      url: `/api/cases/uploads?name=${encodeURIComponent(name)}`,
      payload: data,
      headers: { cookie: await login(user), 'content-type': 'application/octet-stream' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }
  /** A complete online application for 食品经营许可 by citizen1. */
  async function foodApplication(user = 'citizen1') {
    return {
      implementationCode: current().foodCode,
      formData: {
        legalRepresentative: '张明',
        premises: '示范市明湖区湖滨路 8 号',
        businessForm: '小餐饮',
        areaSqm: 60,
        safetyManager: '张明',
        contactPhone: '13800001111',
      } as Record<string, unknown>,
      materials: [
        { name: '食品经营许可申请书', fileIds: [await upload(user, pdf, '申请书.pdf')] },
        { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload(user, png, '布局图.png')] },
        { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
      ],
      delivery: 'pickup',
    };
  }
  async function submit(user = 'citizen1', key?: string) {
    const res = await call(user, 'POST', '/api/cases', await foodApplication(user), key ? { 'idempotency-key': key } : {});
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }
  const act = (user: string, caseNo: string, action: string, body: Record<string, unknown> = {}) =>
    call(user, 'POST', `/api/cases/${caseNo}/actions/${action}`, body);
  /** Takes a market-bureau case through its steps up to `last` (the whole way: delivered at the window), each answered 200; the last answer. */
  async function advance(caseNo: string, last: 'issue' | 'deliver' = 'deliver') {
    let res: LightMyRequestResponse | undefined;
    for (const [user, action] of marketSteps.slice(0, last === 'issue' ? 4 : 5)) {
      res = await act(user, caseNo, action, action === 'deliver' ? { method: 'pickup' } : {});
      expect(res.statusCode, `${action} ${res.body}`).toBe(200);
    }
    return res!;
  }
  /** A complete 一件事 application of `user` for `doc` (combinedApplication: the answers above, each asked material a PDF upload). */
  const lifeEventApplication = (doc: LifeEventDocument, user: string) =>
    combinedApplication(doc, restaurantAnswers, (name) => upload(user, pdf, `${name}.pdf`));
  return { login, call, upload, foodApplication, submit, act, advance, lifeEventApplication };
}
