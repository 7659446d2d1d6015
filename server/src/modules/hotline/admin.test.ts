import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { demoId } from '../org/index.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { shanghaiDate } from '../../platform/calendar/engine.ts';

let t: TestApp;
let admin: string;
let operator: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('it.admin');
  operator = await t.login('rx.operator');
});
afterAll(() => t.close());

const inject = (cookie: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie }, payload: payload as never });

describe('admin: categories', () => {
  it('edits the default department kind and limit, deactivates; a deactivated category takes no ticket and leaves Open311', async () => {
    const id = demoId('hotline-category', 'cg.wztc');
    let r = await inject(admin, 'PATCH', `/api/admin/hotline/categories/${id}`, { routing: 'department', departmentKind: 'jtj', limitDays: 7 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ routing: 'department', departmentKind: 'jtj', limitDays: 7, active: true });
    // department routing needs a kind
    r = await inject(admin, 'PATCH', `/api/admin/hotline/categories/${id}`, { departmentKind: null });
    expect(r.statusCode).toBe(400);
    // operators cannot manage
    expect((await inject(operator, 'PATCH', `/api/admin/hotline/categories/${id}`, { limitDays: 3 })).statusCode).toBe(403);

    const ticket = await inject(operator, 'POST', '/api/workbench/hotline/tickets', {
      callerPhone: '13811112222',
      kind: 'complaint',
      categoryId: id,
      text: '湖滨路人行道长期违停',
      address: '示范市明湖区湖滨街道湖滨路 1 号',
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    expect(ticket.json().ticket.dueDate).toBe(t.calendar.addWorkingDays(shanghaiDate(new Date(ticket.json().ticket.createdAt)), 7, null).date);

    r = await inject(admin, 'PATCH', `/api/admin/hotline/categories/${id}`, { active: false });
    expect(r.json().active).toBe(false);
    const refused = await inject(operator, 'POST', '/api/workbench/hotline/tickets', {
      callerPhone: '13811112222',
      kind: 'complaint',
      categoryId: id,
      text: '又有车违停',
      address: '示范市明湖区湖滨街道湖滨路 1 号',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'categoryId', code: 'inactive' })]);
    const services = await t.app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    expect(services.json().map((s: { service_code: string }) => s.service_code)).not.toContain('cg.wztc');
    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['hotline.category.update', 'hotline.category.deactivate']));
  });

  it('unknown category is a 404, bad input a 400', async () => {
    expect((await inject(admin, 'PATCH', `/api/admin/hotline/categories/${demoId('hotline-category', 'nope')}`, { name: 'x' })).statusCode).toBe(404);
    expect((await inject(admin, 'PATCH', `/api/admin/hotline/categories/${demoId('hotline-category', 'cg.zdjy')}`, { limitDays: 0 })).statusCode).toBe(400);
  });
});

describe('admin: knowledge base', () => {
  it('creates, edits (search follows the new text) and retires (the operator no longer finds it; admins still do)', async () => {
    let r = await inject(admin, 'POST', '/api/admin/hotline/knowledge', {
      title: '电动自行车上牌',
      body: '新购电动自行车须在购车后 15 日内到交警部门登记上牌。',
      keywords: '电动车 上牌',
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    const find = async (q: string, cookie?: string, extra = '') =>
      (
        await t.app.inject({
          method: 'GET',
          url: `${cookie ? '/api/admin/hotline/knowledge' : '/api/hotline/knowledge'}?q=${encodeURIComponent(q)}${extra}`,
          headers: cookie ? { cookie } : {},
        })
      )
        .json()
        .items.map((a: { id: string }) => a.id);
    expect(await find('电动车上牌')).toContain(id);
    r = await inject(admin, 'PATCH', `/api/admin/hotline/knowledge/${id}`, { title: '电动自行车登记挂牌', keywords: '挂牌' });
    expect(r.json()).toMatchObject({ title: '电动自行车登记挂牌', active: true });
    expect(await find('挂牌')).toContain(id);
    expect(await find('djgp')).toContain(id);
    r = await inject(admin, 'PATCH', `/api/admin/hotline/knowledge/${id}`, { active: false });
    expect(r.json().active).toBe(false);
    expect(await find('挂牌')).not.toContain(id);
    expect(await find('挂牌', admin)).not.toContain(id);
    expect(await find('挂牌', admin, '&includeRetired=true')).toContain(id);
    const audits = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, id)).orderBy(asc(auditEvents.seq));
    expect(audits.map((a) => a.action)).toEqual(['hotline.knowledge.create', 'hotline.knowledge.update', 'hotline.knowledge.retire']);
    expect((await inject(operator, 'PATCH', `/api/admin/hotline/knowledge/${id}`, { active: true })).statusCode).toBe(403);
  });
});

describe('admin: Open311 API keys', () => {
  it('issues a key shown once, which files a request; revoked, it is refused', async () => {
    const r = await inject(admin, 'POST', '/api/admin/hotline/api-keys', { name: '测试应用' });
    expect(r.statusCode, r.body).toBe(201);
    const { id, key } = r.json() as { id: string; key: string };
    const list = await inject(admin, 'GET', '/api/admin/hotline/api-keys');
    expect(list.body).not.toContain(key);
    const post = (k: string) =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: { api_key: k, service_code: 'cg.zdjy', address_string: '示范市明湖区湖滨路 8 号', description: '门口有摊贩占道' },
      });
    expect((await post(key)).statusCode).toBe(201);
    expect((await inject(admin, 'DELETE', `/api/admin/hotline/api-keys/${id}`)).json().revokedAt).not.toBeNull();
    expect((await post(key)).statusCode).toBe(403);
  });
});
