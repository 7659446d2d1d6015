import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { demoDepartmentId } from '../org/index.ts';
import { searchItems } from '../catalog/index.ts';
import { proofNameOf } from './proofs.ts';

/**
 * Issue 19, 证明事项清理: the public proof list, its maintenance by the data office (scoped,
 * audited), and the catalog refusing to publish a guide that asks for a proof not on the list.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
const as = async (user: string) => (cookies[user] ??= await t.login(user));
const call = async (user: string | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, payload: payload as object, headers: user ? { cookie: await as(user) } : {} });
const CITY = '990100';
/** The city implementation of an item (the district branches have their own). */
const cityCode = async (name: string) =>
  (await searchItems(t.ctx, { q: name, page: 1, pageSize: 20 })).items.find((i) => i.name === name && i.regionCode === CITY)!.implementationCode;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('the proof list', () => {
  it('recognises a proof by its name', () => {
    expect(proofNameOf('食品安全管理人员健康证明')).toBe('食品安全管理人员健康证明');
    expect(proofNameOf('食品安全管理人员健康证明（复印件加盖公章）')).toBe('食品安全管理人员健康证明');
    expect(proofNameOf('出生医学证明自填单')).toBeNull();
    expect(proofNameOf('营业执照')).toBeNull();
  });

  it('is public, with each proof’s basis and how it is met, and no personal data', async () => {
    const res = await call(null, 'GET', '/api/public/proofs?pageSize=100');
    expect(res.statusCode).toBe(200);
    const page = res.json() as { total: number; items: Record<string, unknown>[] };
    expect(page.total).toBeGreaterThanOrEqual(20);
    expect(page.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ proofName: '无犯罪记录证明', disposition: 'shared_data' }),
        expect.objectContaining({ proofName: '居住证明', disposition: 'commitment' }),
        expect.objectContaining({ proofName: '亲属关系证明', disposition: 'kept', legalBasis: expect.stringContaining('社会救助暂行办法') }),
      ]),
    );
    expect(Object.keys(page.items[0]!).sort()).toEqual([
      'departmentName',
      'disposition',
      'issuer',
      'itemName',
      'legalBasis',
      'proofName',
      'replacement',
      'updatedAt',
    ]);
    const dropped = (await call(null, 'GET', '/api/public/proofs?disposition=dropped')).json() as { items: { disposition: string }[] };
    expect(dropped.items.length).toBeGreaterThan(0);
    expect(dropped.items.every((i) => i.disposition === 'dropped')).toBe(true);
  });

  it('is maintained by the data office and the department’s steward in their scope, audited', async () => {
    const body = {
      itemName: '测试事项',
      proofName: '测试证明',
      issuer: '测试单位',
      legalBasis: '测试依据',
      disposition: 'kept',
      departmentId: demoDepartmentId('scjg', CITY),
    };
    // 公安局's steward does not edit 市场监管局's items.
    expect((await call('gaj.data', 'POST', '/api/data/proofs', body)).statusCode).toBe(403);
    expect((await call('citizen1', 'POST', '/api/data/proofs', body)).statusCode).toBe(403);
    const created = await call('data.officer', 'POST', '/api/data/proofs', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ editable: true, departmentName: expect.stringContaining('市场监督管理局') });
    expect((await call('data.officer', 'POST', '/api/data/proofs', body)).json()).toMatchObject({ code: 'data.proof_code_taken' });
    const changed = await call('data.officer', 'PATCH', `/api/data/proofs/${id}`, { disposition: 'commitment', replacement: '申请人承诺' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ disposition: 'commitment' });
    expect((await call('gaj.data', 'PATCH', `/api/data/proofs/${id}`, { disposition: 'dropped' })).statusCode).toBe(403);
    expect((await call('data.officer', 'DELETE', `/api/data/proofs/${id}`)).statusCode).toBe(204);
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['data.proof.create', 'data.proof.update', 'data.proof.delete']));
  });

  it('refuses to publish a guide asking for a proof that is not on the list, or that the list replaced', async () => {
    const code = await cityCode('食品生产许可');
    const started = await call('scjg.editor', 'POST', `/api/workbench/catalog/implementations/${code}/drafts`);
    expect(started.statusCode, started.body).toBe(200);
    const guide = started.json().working.guide as { materials: { name: string }[] };
    const n = guide.materials.length;
    const withProof = (source: string) => ({
      guide: { ...guide, materials: [...guide.materials, { name: '生产场所租赁证明', form: 'copy', copies: 1, required: true, source }] },
    });
    const submitAndPublish = async (source: string) => {
      const put = await call('scjg.editor', 'PUT', `/api/workbench/catalog/implementations/${code}/draft`, withProof(source));
      expect(put.statusCode, put.body).toBe(200);
      expect((await call('scjg.editor', 'POST', `/api/workbench/catalog/implementations/${code}/draft/submit`, {})).statusCode).toBe(200);
      const res = await call('zwfw.catalog', 'POST', `/api/workbench/catalog/implementations/${code}/submitted/publish`, {});
      if (res.statusCode !== 200)
        expect(
          (await call('zwfw.catalog', 'POST', `/api/workbench/catalog/implementations/${code}/submitted/reject`, { reason: '证明事项不合规' })).statusCode,
        ).toBe(200);
      return res;
    };
    const refused = await submitAndPublish('applicant');
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'data.proof_not_listed',
      errors: [expect.objectContaining({ field: `guide.materials.${n}.name`, code: 'proof_not_listed' })],
    });

    // Listed as replaced by a commitment: asked of the applicant it is still refused; as a commitment it is published.
    const listed = await call('data.officer', 'POST', '/api/data/proofs', {
      itemName: '食品生产许可',
      proofName: '生产场所租赁证明',
      issuer: '出租方',
      legalBasis: '《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》',
      disposition: 'commitment',
      replacement: '申请人承诺生产场所使用合法',
      departmentId: demoDepartmentId('scjg', CITY),
    });
    expect(listed.statusCode, listed.body).toBe(201);
    const asked = await submitAndPublish('applicant');
    expect(asked.json()).toMatchObject({ errors: [expect.objectContaining({ code: 'proof_replaced_by_commitment' })] });
    const published = await submitAndPublish('commitment');
    expect(published.statusCode, published.body).toBe(200);
  });
});
