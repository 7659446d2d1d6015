import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../harness.ts';
import { buildApp } from '../../src/app.ts';
import { modules } from '../../src/modules/index.ts';
import { renameRegion, updateDepartment } from '../../src/modules/org/service.ts';
import { getDepartment } from '../../src/modules/org/index.ts';
import { countStatements } from '../../src/platform/db/index.ts';
import { currentGeneration } from '../../src/platform/meta/generations.ts';

/**
 * Reference data kept per generation (regions and departments, roles) changes on the next request
 * after a change, in this process and in another one on the same database (here a second app
 * instance: a separate actor cache; the reference caches live per database handle, which a second
 * process would not share, so it is the bump that both see).
 */
let t: TestApp;
let other: FastifyInstance;
let cookie: string;
const me = async (app: FastifyInstance) => (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json().staff;

beforeAll(async () => {
  t = await createTestApp();
  other = await buildApp({ config: t.config, database: t.database, calendar: t.calendar, log: t.log, modules });
  await other.ready();
  cookie = await t.login('scjg.clerk');
});
afterAll(async () => {
  await other.close();
  await t.close();
});

describe('reference data cached per generation', () => {
  it('is read once, then served from memory', async () => {
    await me(t.app);
    const warm = await countStatements(t.database, () => me(t.app));
    const again = await countStatements(t.database, () => me(t.app));
    expect(again.statements).toBe(warm.statements);
    expect(warm.statements).toBeLessThanOrEqual(3);
  });

  it('shows a renamed region and department on the next request', async () => {
    const before = await me(t.app);
    const generation = await currentGeneration(t.ctx, 'org');
    const admin = await t.as('admin');
    await renameRegion(admin, before.regionCode, '改名市');
    const department = await getDepartment(t.ctx, before.departmentId);
    await updateDepartment(admin, department.id, { name: '改名后的市场监管局', version: department.version });
    expect(await currentGeneration(t.ctx, 'org')).toBe(generation + 2);
    for (const app of [t.app, other]) {
      const after = await me(app);
      expect(after.regionName).toBe('改名市');
      expect(after.departmentName).toBe('改名后的市场监管局');
    }
  });

  it('reads its own writes inside a transaction', async () => {
    const admin = await t.as('admin');
    const { departmentId } = await me(t.app);
    const department = await getDepartment(t.ctx, departmentId);
    const updated = await updateDepartment(admin, department.id, { name: '再次改名', version: department.version });
    expect(updated.name).toBe('再次改名');
    expect((await getDepartment(t.ctx, departmentId)).name).toBe('再次改名');
  });
});
