import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { foodCaseKit } from '../../../test/food-case-kit.ts';
import { searchItems } from '../catalog/index.ts';

// The honor list's incentives applied by the cases workflow (the dishonesty list's sanctions, including the
// on-site check before the decision, are in credit.test.ts). 明湖餐饮 (enterprise1) is on the honor list in the demo.
let t: TestApp;
const kit = foodCaseKit(() => t);
let foodCode = '';
beforeAll(async () => {
  t = await createTestApp();
  const page = await searchItems(t.ctx, { q: '食品经营许可', region: '990100', page: 1, pageSize: 50 } as never);
  foodCode = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find(
    (i) => i.name === '食品经营许可' && i.regionCode === '990100',
  )!.implementationCode;
});
afterAll(() => t.close());

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
async function upload(user: string, name: string): Promise<string> {
  const res = await kit.call(user, 'POST', `/api/cases/uploads?name=${encodeURIComponent(name)}`, pdf, { 'content-type': 'application/octet-stream' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
/** A 食品经营许可 application without its 申请书 (required, not on the item's 容缺 list). */
async function submitWithoutForm(user: string) {
  return kit.call(user, 'POST', '/api/cases', {
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
      { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload(user, '布局图.pdf')] },
      { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
    ],
    delivery: 'pickup',
  });
}

describe('the honor list in a case', () => {
  it('容缺 reaches every material the applicant provides, and the case takes the fast lane (first in the to-do list)', async () => {
    // Not on the honor list: the 申请书 is not on the 容缺 list, so it is required.
    const plain = await submitWithoutForm('citizen1');
    expect(plain.statusCode, plain.body).toBe(400);
    expect(plain.json().code).toBe('cases.materials_missing');
    expect(plain.json().errors).toContainEqual(expect.objectContaining({ code: 'required' }));

    const honored = await submitWithoutForm('enterprise1');
    expect(honored.statusCode, honored.body).toBe(201);
    const caseNo = honored.json().caseNo as string;
    expect(honored.json().materials.find((m: { name: string }) => m.name === '食品经营许可申请书')).toMatchObject({ provision: 'missing' });

    // 绿色通道: marked, and first in the clerk's to-do list (default order) although others are due earlier.
    const todo = await kit.call('scjg.clerk', 'GET', '/api/workbench/todo?pageSize=50');
    expect(todo.statusCode, todo.body).toBe(200);
    const items = todo.json().items as { caseNo: string; fastLane: boolean; dueDate: string }[];
    expect(items[0]).toMatchObject({ caseNo, fastLane: true });
    expect(items.slice(1).every((i) => !i.fastLane)).toBe(true);
    expect(items.some((i) => i.dueDate < items[0]!.dueDate)).toBe(true);

    // Accepted with the 申请书 pending (容缺受理), which the item's list alone would refuse.
    const accepted = await kit.call('scjg.clerk', 'POST', `/api/cases/${caseNo}/actions/accept`, { pendingMaterials: ['食品经营许可申请书'] });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().materials.find((m: { name: string }) => m.name === '食品经营许可申请书')).toMatchObject({ provision: 'pending' });
    const checks = await kit.call('credit.officer', 'GET', `/api/workbench/credit/checks/${caseNo}`);
    expect(checks.json().map((c: { stage: string; measures: string[] }) => [c.stage, c.measures])).toEqual([
      ['submit', ['fast_lane', 'deferral_allowed']],
      ['accept', ['fast_lane', 'deferral_allowed']],
    ]);
  });
});
