import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import type { TxCtx } from '../../platform/context.ts';
import { searchItems } from '../catalog/index.ts';
import { actionHandlers, withPickupCode } from './actions/handlers.ts';
import { setCreditCheck } from './credit.ts';
import type { ActingCase } from './actions/types.ts';
import { caseMachine } from './workflow/machine.ts';
import { allowedActionsByStatus, caseStatuses } from './workflow/engine.ts';

// The action path (actions/act.ts), its handlers and the state machine; uploads under a configured limit.

let t: TestApp;
let foodCode: string;
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method, url, payload: payload as object, headers: { cookie: await t.login(user), ...headers } });
}
async function upload(user: string, data: Buffer) {
  return t.app.inject({
    method: 'POST',
    url: '/api/cases/uploads?name=a.pdf',
    payload: data,
    headers: { cookie: await t.login(user), 'content-type': 'application/octet-stream' },
  });
}

beforeAll(async () => {
  // A 1 MB upload limit through the platform config (CASES_MAX_UPLOAD_MB), not the process environment.
  t = await createTestApp({ CASES_MAX_UPLOAD_MB: 1 });
  const page = await searchItems(t.ctx, { q: '食品经营许可', region: '990100', page: 1, pageSize: 50 } as never);
  foodCode = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find(
    (i) => i.name === '食品经营许可' && i.regionCode === '990100',
  )!.implementationCode;
});
afterAll(() => t.close());

describe('the action path', () => {
  it('answers an action the status does not allow with 409 naming the status and the actions allowed there (no system actions)', async () => {
    const fileIds = async () => [(await upload('citizen1', pdf)).json().id as string];
    const submitted = await call('citizen1', 'POST', '/api/cases', {
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
        { name: '食品经营许可申请书', fileIds: await fileIds() },
        { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: await fileIds() },
        { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
      ],
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const no = submitted.json().caseNo as string;
    const early = await call('scjg.clerk', 'POST', `/api/cases/${no}/actions/deliver`, { method: 'electronic' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'workflow.action_not_allowed',
      status: 409,
      currentStatus: 'pending_acceptance',
      allowed: ['accept', 'refuse', 'request_correction', 'transfer', 'claim', 'withdraw'],
    });
    expect((await call('scjg.clerk', 'POST', `/api/cases/${no}/actions/accept`, {})).statusCode).toBe(200);
    const wrong = await call('scjg.reviewer', 'POST', `/api/cases/${no}/actions/issue`, {});
    expect(wrong.statusCode).toBe(409);
    // under_review without pending materials: no supplement_materials, and expire is the platform's.
    expect(wrong.json()).toMatchObject({
      code: 'workflow.action_not_allowed',
      status: 409,
      currentStatus: 'under_review',
      allowed: ['approve', 'return_to_previous', 'transfer', 'claim', 'start_special_procedure', 'withdraw'],
    });
  });

  it('refuses an upload past the configured limit with 413, and takes one within it', async () => {
    const big = await upload('citizen1', Buffer.concat([pdf, Buffer.alloc(1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('request.too_large');
    expect((await upload('citizen1', pdf)).statusCode).toBe(201);
  });
});

describe('action handlers', () => {
  const acting = { row: { materials: [], dueDate: '2026-12-31' }, today: '2026-10-09' } as unknown as ActingCase;
  const noTx = {} as TxCtx;

  it('give back a new payload and leave the one they were given as it was', async () => {
    const accept = Object.freeze({ note: '受理', pendingMaterials: [] as string[], supplyBy: undefined });
    // Every acceptance asks the credit seam (the credit module reads the database): stubbed, as there is no transaction here.
    const restore = setCreditCheck(async () => ({ dishonest: false, source: 'stub' }));
    const accepted = await actionHandlers.accept.prepare!(noTx, acting, accept).finally(restore);
    expect(accepted.payload).toEqual({ note: '受理' });
    expect(accept).toEqual({ note: '受理', pendingMaterials: [], supplyBy: undefined });
    const deliver = Object.freeze({ method: 'pickup' as const });
    // The deliver handler first asks the database whether a 一件事 delivers the case; its payload part is withPickupCode.
    expect(withPickupCode(deliver, false)).toMatchObject({ method: 'pickup', pickupCode: expect.stringMatching(/^\d{6}$/) });
    expect(withPickupCode(deliver, true)).toEqual({ method: 'pickup' });
    expect(deliver).toEqual({ method: 'pickup' });
  });

  it('the state machine is the status table: every status allows exactly what it lists, and terminal ones nothing', () => {
    for (const status of caseStatuses) expect(caseMachine.allowed(status)).toEqual(allowedActionsByStatus[status]);
    expect(caseMachine.next('pending_delivery', 'deliver')).toBe('concluded');
    expect(caseMachine.next('under_review', 'approve')).toBe('next_step');
    expect(() => caseMachine.next('concluded', 'withdraw')).toThrow(
      expect.objectContaining({ code: 'workflow.action_not_allowed', extra: expect.objectContaining({ currentStatus: 'concluded', allowed: [] }) }),
    );
  });
});
