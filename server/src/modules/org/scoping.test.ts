import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { completeUscc } from '../../platform/validators.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('permission scoping by region', () => {
  it('a district admin sees only their district', async () => {
    const cookie = await t.login('mh.admin');
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/departments?pageSize=100', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { regionCode: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((d) => d.regionCode === '990102')).toBe(true);
  });

  it("a district admin cannot change another district's department", async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/departments?regionCode=990103', headers: { cookie: await t.login('it.admin') } });
    const other = list.json().items[0];
    expect(other.regionCode).toBe('990103');
    const cookie = await t.login('mh.admin');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/admin/departments/${other.id}`, headers: { cookie }, payload: { phone: '0999-1' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.out_of_scope');
  });

  it('a district admin cannot create a department in another district', async () => {
    const cookie = await t.login('mh.admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/departments',
      headers: { cookie },
      payload: { name: '东岭区测试局', shortName: '测试局', uscc: completeUscc('11990103MB9999999'), regionCode: '990103', kind: 'test' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('a citizen gets 403 and an anonymous caller 401 on admin routes', async () => {
    const cookie = await t.login('citizen1');
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/departments', headers: { cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/departments' })).statusCode).toBe(401);
  });

  it('rejects a bad USCC with a field error and writes nothing', async () => {
    const cookie = await t.login('it.admin');
    const before = (await t.app.inject({ method: 'GET', url: '/api/admin/departments', headers: { cookie } })).json().total;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/departments',
      headers: { cookie, 'accept-language': 'zh-CN' },
      payload: { name: '示范市测试局', shortName: '测试局', uscc: '91350100M000100Y4A', regionCode: '990100', kind: 'test' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'uscc', code: 'uscc', message: '统一社会信用代码校验失败' })]);
    expect((await t.app.inject({ method: 'GET', url: '/api/admin/departments', headers: { cookie } })).json().total).toBe(before);
  });
});

describe('idempotency', () => {
  it('the same Idempotency-Key twice creates one department and replays the answer', async () => {
    const cookie = await t.login('it.admin');
    const payload = { name: '示范市幂等测试局', shortName: '幂等局', uscc: completeUscc('11990100MB8888888'), regionCode: '990100', kind: 'idem' };
    const headers = { cookie, 'idempotency-key': 'key-123' };
    const first = await t.app.inject({ method: 'POST', url: '/api/admin/departments', headers, payload });
    const second = await t.app.inject({ method: 'POST', url: '/api/admin/departments', headers, payload });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().id).toBe(first.json().id);
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/departments?kind=idem', headers: { cookie } });
    expect(list.json().total).toBe(1);
    const changed = await t.app.inject({ method: 'POST', url: '/api/admin/departments', headers, payload: { ...payload, name: '另一个名字的局' } });
    expect(changed.statusCode).toBe(422);
  });
});
