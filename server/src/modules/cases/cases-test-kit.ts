/**
 * What the cases API tests share: signed-in calls, uploads and a complete 食品经营许可 application,
 * against the TestApp each test file builds in its beforeAll.
 */
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../../test/harness.ts';
import { searchItems } from '../catalog/index.ts';

export const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
export const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);

export async function implementationOf(t: TestApp, name: string, region: string) {
  const page = await searchItems(t.ctx, { q: name, region, page: 1, pageSize: 50 } as never);
  const found = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find((i) => i.name === name && i.regionCode === region);
  if (!found) throw new Error(`no ${name} in ${region}`);
  return found.implementationCode;
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
  return { login, call, upload, foodApplication, submit, act };
}
