import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('health, readiness and metrics answer', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('yiwang_http_requests_total{method="GET",route="/healthz",status="200"}');
    expect(metrics.body).toContain('process_resident_memory_bytes');
  });

  it('serves the OpenAPI 3.1 document and the docs page', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/admin/departments', '/api/admin/staff']));
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('describes raw-file bodies: uploads and imports by media type, exports by content type, the import 422 with its bad rows', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const binary = { schema: { type: 'string', format: 'binary' } };
    expect(doc.paths['/api/cases/uploads'].post.requestBody).toMatchObject({ required: true, content: { 'application/pdf': binary, 'image/jpeg': binary } });
    expect(Object.keys(doc.paths['/api/workbench/inspection/entities/import'].post.requestBody.content)).toEqual([
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
    expect(doc.paths['/api/workbench/catalog/import'].post.requestBody.content).not.toHaveProperty('application/json');
    expect(doc.paths['/api/workbench/catalog/export'].get.responses['200'].content).toEqual({
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': binary,
    });
    expect(doc.paths['/api/certificates/{identifier}/pdf'].get.responses['200'].content).toEqual({ 'application/pdf': binary });
    const problem = doc.paths['/api/workbench/inspection/entities/import'].post.responses['422'].content['application/problem+json'].schema;
    expect(problem.properties.badRows.items.required).toEqual(['row', 'field', 'code']);
  });

  it('answers a body that is no file, sent to a raw-file route, with 415 and the accepted types', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/cases/uploads', headers: { cookie: await t.login('citizen1') }, payload: { file: 'x' } });
    expect(res.json()).toMatchObject({ status: 415, code: 'request.unsupported_media_type', accepted: expect.arrayContaining(['application/pdf']) });
  });
});

describe('holiday calendar administration', () => {
  it('reports 2027 as estimated with a warning, until its notice is entered', async () => {
    const cookie = await t.login('it.admin');
    const status = (await t.app.inject({ method: 'GET', url: '/api/admin/calendar/status', headers: { cookie, 'accept-language': 'en' } })).json();
    const y2027 = status.years.find((y: { year: number }) => y.year === 2027);
    expect(y2027.status).toBe('estimated');
    expect(status.warnings.join(' ')).toContain('2027');

    const days = (await t.app.inject({ method: 'GET', url: '/api/calendar/days?from=2027-02-05&to=2027-02-09' })).json();
    expect(days.map((d: { working: boolean }) => d.working)).toEqual([false, false, false, false, true]);
    expect(days.every((d: { estimated: boolean }) => d.estimated)).toBe(true);

    const notice = await t.app.inject({
      method: 'POST',
      url: '/api/admin/calendar/notices',
      headers: { cookie },
      payload: {
        year: 2027,
        source: '测试用放假通知',
        holidays: ['2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].map((date) => ({
          date,
          name: '春节',
        })),
        makeupWorkdays: [{ date: '2027-02-13', name: '春节调休' }],
      },
    });
    expect(notice.statusCode).toBe(200);
    expect(notice.json().status).toBe('notice-entered');
    // 09–11 off by the notice, Friday 12 a normal working day, Saturday 13 a make-up working day.
    const after = (await t.app.inject({ method: 'GET', url: '/api/calendar/days?from=2027-02-09&to=2027-02-13' })).json();
    expect(after.map((d: { working: boolean }) => d.working)).toEqual([false, false, false, true, true]);
    expect(after[4].reason).toBe('makeup-workday');
    expect(after[0].estimated).toBe(false);
  });

  it('a district override applies to that district only, and is audited', async () => {
    const cookie = await t.login('it.admin');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/calendar/overrides',
      headers: { cookie },
      payload: { date: '2026-12-01', kind: 'holiday', name: '明湖区防汛停工日', regionPath: '990000/990100/990102' },
    });
    expect(res.statusCode).toBe(201);
    const here = (
      await t.app.inject({ method: 'GET', url: '/api/calendar/days?from=2026-12-01&to=2026-12-01&regionPath=990000/990100/990102/990102001' })
    ).json();
    const there = (await t.app.inject({ method: 'GET', url: '/api/calendar/days?from=2026-12-01&to=2026-12-01&regionPath=990000/990100/990103' })).json();
    expect(here[0]).toMatchObject({ working: false, reason: 'override-holiday' });
    expect(there[0].working).toBe(true);
    const audit = (
      await t.app.inject({ method: 'GET', url: `/api/admin/audit?objectType=calendar_override&objectId=${res.json().id}`, headers: { cookie } })
    ).json();
    expect(audit.items[0]).toMatchObject({ action: 'calendar.override.create', actorName: '周信息' });
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/admin/calendar/overrides',
      headers: { cookie },
      payload: { date: '2026-12-01', kind: 'workday', name: 'x', regionPath: '990000/990100/990102' },
    });
    expect(dup.statusCode).toBe(409);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/admin/calendar/overrides',
      headers: { cookie },
      payload: { date: '2026-02-30', kind: 'holiday', name: 'x' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('staff administration', () => {
  it('an admin creates a staff member with a role; they must change the password, then see their permissions', async () => {
    const cookie = await t.login('it.admin');
    const depts = (await t.app.inject({ method: 'GET', url: '/api/admin/departments?q=明湖区市场', headers: { cookie } })).json();
    const dept = depts.items[0];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff',
      headers: { cookie },
      payload: {
        username: 'new.clerk',
        name: '新窗口',
        departmentId: dept.id,
        password: 'initial-pass-123',
        roles: [{ roleCode: 'dept_admin', departmentId: dept.id, regionCode: '990102' }],
      },
    });
    expect(res.statusCode).toBe(201);
    const staffCookie = await t.login('new.clerk', 'initial-pass-123');
    const blocked = await t.app.inject({ method: 'GET', url: '/api/admin/staff', headers: { cookie: staffCookie } });
    expect(blocked.json().code).toBe('auth.password_change_required');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: staffCookie },
      payload: { currentPassword: 'initial-pass-123', newPassword: 'changed-pass-456' },
    });
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: staffCookie } })).json();
    expect(me.permissions).toContain('identity.staff.manage');
    expect(me.staff.departmentName).toBe(dept.name);
    const list = (await t.app.inject({ method: 'GET', url: '/api/admin/staff?pageSize=100', headers: { cookie: staffCookie } })).json();
    expect(list.items.every((s: { departmentId: string }) => s.departmentId === dept.id)).toBe(true);
  });

  it('a district admin cannot hand out a role outside their district', async () => {
    const cookie = await t.login('mh.admin');
    const depts = (await t.app.inject({ method: 'GET', url: '/api/admin/departments', headers: { cookie } })).json();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/admin/staff',
      headers: { cookie },
      payload: {
        username: 'sneaky.one',
        name: '越权',
        departmentId: depts.items[0].id,
        password: 'initial-pass-123',
        roles: [{ roleCode: 'it_admin', regionCode: '990100' }],
      },
    });
    expect(res.statusCode).toBe(403);
  });
});
