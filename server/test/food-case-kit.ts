/** What tests of modules that follow a case share (evaluation, credit): signed-in calls and an open or concluded 食品经营许可 case of citizen1, made through the cases API. */
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './harness.ts';
import { searchItems } from '../src/modules/catalog/index.ts';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

export function foodCaseKit(current: () => TestApp) {
  const cookies: Record<string, string> = {};
  let foodCode = '';
  async function call(
    user: string | null,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    if (user) cookies[user] ??= await current().login(user);
    return current().app.inject({ method, url, payload: payload as object, headers: { ...(user ? { cookie: cookies[user] } : {}), ...headers } });
  }
  async function upload(name: string): Promise<string> {
    const res = await call('citizen1', 'POST', `/api/cases/uploads?name=${encodeURIComponent(name)}`, pdf, { 'content-type': 'application/octet-stream' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }
  async function act(user: string, caseNo: string, action: string, body: Record<string, unknown> = {}) {
    const res = await call(user, 'POST', `/api/cases/${caseNo}/actions/${action}`, body);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  }
  /** A new case of citizen1, still open (accepted only). */
  async function openCase(): Promise<string> {
    if (!foodCode) {
      const page = await searchItems(current().ctx, { q: '食品经营许可', region: '990100', page: 1, pageSize: 50 } as never);
      foodCode = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find(
        (i) => i.name === '食品经营许可' && i.regionCode === '990100',
      )!.implementationCode;
    }
    const res = await call('citizen1', 'POST', '/api/cases', {
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
        { name: '食品经营许可申请书', fileIds: [await upload('申请书.pdf')] },
        { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload('布局图.pdf')] },
        { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
      ],
      delivery: 'pickup',
    });
    expect(res.statusCode, res.body).toBe(201);
    const caseNo = res.json().caseNo as string;
    await act('scjg.clerk', caseNo, 'accept');
    return caseNo;
  }
  /** A new case of citizen1, concluded (accepted, reviewed, approved, issued and delivered by the market regulation bureau). */
  async function concludedCase(): Promise<string> {
    const caseNo = await openCase();
    await act('scjg.reviewer', caseNo, 'approve');
    await act('scjg.approver', caseNo, 'approve');
    await act('scjg.clerk', caseNo, 'issue');
    await act('scjg.clerk', caseNo, 'deliver', { method: 'pickup' });
    return caseNo;
  }
  return { call, openCase, concludedCase };
}
