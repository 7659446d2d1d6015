import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { modules } from '../index.ts';
import { countStatements } from '../../platform/db/index.ts';
import { ActorCache } from '../../platform/auth/actor-cache.ts';
import { anonymousActor } from '../../platform/auth/actor.ts';
import { demoDepartmentId } from '../org/index.ts';
import { getStaff, listStaff, updateStaff } from './staff-service.ts';
import { createRole, updateRole } from './role-service.ts';

/**
 * The actor cache (platform/auth/actor-cache.ts) never outlives a change: a role's permissions,
 * a staff member's grants or a disabled account take effect on the next request, in the process
 * that made the change and in another process on the same database (here: a second app instance
 * with its own cache, as a second server process would have).
 */
let t: TestApp;
let other: FastifyInstance;
let cookie: string;
const get = (app: FastifyInstance, url = '/api/admin/staff?page=1&pageSize=5') => app.inject({ method: 'GET', url, headers: { cookie } });

beforeAll(async () => {
  t = await createTestApp();
  other = await buildApp({ config: t.config, database: t.database, calendar: t.calendar, log: t.log, modules });
  await other.ready();
  const admin = await t.as('admin');
  await createRole(admin, { code: 'cache_probe', name: '缓存探针', nameEn: 'cache probe', permissions: ['identity.staff.manage'] });
  const clerk = (await listStaff(admin, { page: 1, pageSize: 5, q: 'rsj.clerk' })).items[0]!;
  const current = await getStaff(admin, clerk.id);
  await updateStaff(admin, clerk.id, {
    roles: [...current.roles, { roleCode: 'cache_probe', departmentId: demoDepartmentId('rsj', '990100'), regionCode: '990100' }],
    version: current.version,
  });
  cookie = await t.login('rsj.clerk');
});
afterAll(async () => {
  await other.close();
  await t.close();
});

describe('the actor cache', () => {
  it('serves a warm session with no statement, a cold one with two', async () => {
    expect((await get(t.app)).statusCode).toBe(200);
    const { value, statements } = await countStatements(t.database, () => get(t.app, '/api/auth/me'));
    expect(value.statusCode).toBe(200);
    expect(statements).toBe(0);
    const cold = await countStatements(t.database, () => get(other, '/api/auth/me'));
    // The second instance reads the session row and builds the actor once, then serves it warm too.
    expect(cold.statements).toBe(2);
    expect((await countStatements(t.database, () => get(other, '/api/auth/me'))).statements).toBe(0);
  });

  it('applies a role permission change on the next request, in this process and in another', async () => {
    expect((await get(t.app)).statusCode).toBe(200);
    expect((await get(other)).statusCode).toBe(200);
    // Changed through the service: neither app instance's cache saw it happen.
    await updateRole(await t.as('admin'), 'cache_probe', { permissions: ['platform.jobs.read'] });
    expect((await get(t.app)).json().code).toBe('auth.forbidden');
    expect((await get(other)).json().code).toBe('auth.forbidden');

    // Changed through one instance's API: the other instance follows at once.
    const adminCookie = await t.login('admin');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/admin/roles/cache_probe',
      headers: { cookie: adminCookie },
      payload: { permissions: ['identity.staff.manage'] },
    });
    expect(patch.statusCode).toBe(200);
    expect((await get(other)).statusCode).toBe(200);
    expect((await get(t.app)).statusCode).toBe(200);
  });

  it('applies a change of grants and a deactivation at once', async () => {
    const admin = await t.as('admin');
    const clerk = (await listStaff(admin, { page: 1, pageSize: 5, q: 'rsj.clerk' })).items[0]!;
    expect((await get(other)).statusCode).toBe(200);
    const withoutProbe = clerk.roles.filter((r) => r.roleCode !== 'cache_probe');
    await updateStaff(admin, clerk.id, { roles: withoutProbe, version: clerk.version });
    expect((await get(other)).json().code).toBe('auth.forbidden');
    expect((await get(t.app, '/api/auth/me')).statusCode).toBe(200);

    const again = await getStaff(admin, clerk.id);
    await updateStaff(admin, clerk.id, { active: false, version: again.version });
    expect((await get(t.app, '/api/auth/me')).statusCode).toBe(401);
    expect((await get(other, '/api/auth/me')).statusCode).toBe(401);
  });

  it('never reads the session for /healthz, static files or web pages', async () => {
    const adminCookie = await t.login('admin');
    for (const url of ['/healthz', '/workbench']) {
      const { statements } = await countStatements(t.database, () => t.app.inject({ method: 'GET', url, headers: { cookie: adminCookie } }));
      expect(statements, url).toBe(0);
    }
  });
});

describe('ActorCache', () => {
  it('keeps at most its bound, dropping the least recently used', () => {
    const cache = new ActorCache(2);
    const actor = (name: string) => ({ ...anonymousActor, name });
    cache.set('a', 1, actor('a'));
    cache.set('b', 1, actor('b'));
    expect(cache.get('a', 1)?.name).toBe('a');
    cache.set('c', 1, actor('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)?.name).toBe('a');
  });

  it('answers only for the generation an entry was built at', () => {
    const cache = new ActorCache();
    cache.set('a', 3, { ...anonymousActor, name: 'a' });
    expect(cache.get('a', 4)).toBeUndefined();
    expect(cache.get('a', 3)).toBeUndefined();
  });
});
