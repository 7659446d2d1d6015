import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { searchItems } from '../catalog/index.ts';

let t: TestApp;
let foodCode: string;
const cookies: Record<string, string> = {};
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);

async function call(
  user: string | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  if (user) cookies[user] ??= await t.login(user);
  return t.app.inject({ method, url, payload: payload as object, headers: { ...(user ? { cookie: cookies[user]! } : {}), ...headers } });
}
async function upload(user: string, data: Buffer, name: string): Promise<string> {
  const res = await call(user, 'POST', `/api/cases/uploads?name=${encodeURIComponent(name)}`, data, { 'content-type': 'application/octet-stream' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function submit(user: string) {
  const res = await call(user, 'POST', '/api/cases', {
    implementationCode: foodCode,
    formData: {
      legalRepresentative: '张明',
      premises: '示范市明湖区湖滨路 8 号',
      businessForm: '小餐饮',
      areaSqm: 60,
      safetyManager: '张明',
      contactPhone: '13800001111',
    },
    materials: [
      { name: '食品经营许可申请书', fileIds: [await upload(user, pdf, '申请书.pdf')] },
      { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload(user, png, '布局图.png')] },
      { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
    ],
    delivery: 'pickup',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { caseNo: string };
}

type Page = { items: { id: string; template: string; params: Record<string, unknown>; readAt: string | null }[]; total: number; unread: number };
const inbox = async (user: string, query = ''): Promise<Page> => {
  const res = await call(user, 'GET', `/api/me/messages${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  const page = await searchItems(t.ctx, { q: '食品经营许可', region: '990100', page: 1, pageSize: 50 } as never);
  foodCode = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find(
    (i) => i.name === '食品经营许可' && i.regionCode === '990100',
  )!.implementationCode;
});
afterAll(() => t.close());

describe('my in-site messages (notification centre)', () => {
  it('each step of a case reaches the applicant as an unread message; one or all can be marked read', async () => {
    const before = await inbox('citizen2');
    const c = await submit('citizen2');
    expect(
      (
        await call('scjg.clerk', 'POST', `/api/cases/${c.caseNo}/actions/request_correction`, {
          items: [{ material: '食品经营许可申请书', problem: '缺少签字' }],
        })
      ).statusCode,
    ).toBe(200);

    const page = await inbox('citizen2', '?page=1&pageSize=1');
    expect(page.total).toBe(before.total + 2);
    expect(page.unread).toBe(before.unread + 2);
    expect(page.items).toHaveLength(1);
    // Newest first, with what the page needs to render it in either language and link to the case.
    expect(page.items[0]).toMatchObject({
      template: 'cases.correction_requested',
      params: { caseNo: c.caseNo, itemName: '食品经营许可', items: [{ material: '食品经营许可申请书', problem: '缺少签字' }] },
      readAt: null,
    });
    const second = await inbox('citizen2', '?page=2&pageSize=1');
    expect(second.items[0]).toMatchObject({ template: 'cases.submitted', params: { caseNo: c.caseNo } });

    // Someone else's message: not found, and still unread.
    expect((await call('citizen1', 'POST', `/api/me/messages/${page.items[0]!.id}/read`)).statusCode).toBe(404);
    expect((await inbox('citizen2')).unread).toBe(before.unread + 2);
    expect((await call(null, 'GET', '/api/me/messages')).statusCode).toBe(401);

    // One read.
    expect((await call('citizen2', 'POST', `/api/me/messages/${page.items[0]!.id}/read`)).statusCode).toBe(204);
    const afterOne = await inbox('citizen2');
    expect(afterOne.unread).toBe(before.unread + 1);
    expect(afterOne.items.find((m) => m.id === page.items[0]!.id)!.readAt).not.toBeNull();
    expect((await call('citizen2', 'POST', '/api/me/messages/00000000-0000-4000-8000-000000000000/read')).statusCode).toBe(404);

    // All read; the applicant's other messages are untouched for others.
    const othersUnread = (await inbox('scjg.clerk')).unread;
    const all = await call('citizen2', 'POST', '/api/me/messages/read-all');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toEqual({ updated: before.unread + 1 });
    expect((await inbox('citizen2')).unread).toBe(0);
    expect((await inbox('scjg.clerk')).unread).toBe(othersUnread);
    expect((await call('citizen2', 'POST', '/api/me/messages/read-all')).json()).toEqual({ updated: 0 });
  });
});
