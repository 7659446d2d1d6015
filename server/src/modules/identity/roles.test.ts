import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { AppError } from '../../platform/errors.ts';
import { rawRows } from '../../platform/db/index.ts';
import { demoDepartmentId } from '../org/index.ts';
import { createRole, listRoles, updateRole } from './role-service.ts';

/** Creating and editing roles (issue 13: identity was under-tested). */
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, code: e.code, fields: e.fields };
    throw e;
  }
  throw new Error('expected a refusal');
};
const role = (code: string, permissions: string[], extra: object = {}) => ({ code, name: code, nameEn: code, permissions, ...extra });

describe('creating a role', () => {
  it('stores a custom role owned by the given region, audits it in that scope', async () => {
    const ctx = await env.as('it.admin');
    const r = await createRole(ctx, role('dl_hr', ['identity.staff.manage', 'identity.staff.manage'], { ownerRegionCode: '990103' }));
    expect(r).toEqual({
      code: 'dl_hr',
      name: 'dl_hr',
      nameEn: 'dl_hr',
      permissions: ['identity.staff.manage'],
      builtIn: false,
      ownerRegionCode: '990103',
      ownerDepartmentId: null,
    });
    const [event] = await rawRows<{ region_path: string; actor_name: string }>(
      env.database.db,
      sql`select region_path, actor_name from audit_events where action = 'role.create' and object_id = 'dl_hr'`,
    );
    expect(event).toEqual({ region_path: '990000/990100/990103', actor_name: '周信息' });
    expect((await listRoles(await env.as('dl.admin'))).map((x) => x.code)).toContain('dl_hr');
    expect((await listRoles(await env.as('mh.admin'))).map((x) => x.code)).not.toContain('dl_hr');
  });

  it('may be owned by one department inside the owner region, not by one outside it', async () => {
    const ctx = await env.as('mh.admin');
    const dept = demoDepartmentId('zwfw', '990102');
    expect((await createRole(ctx, role('mh_zwfw_hr', ['identity.staff.manage'], { ownerDepartmentId: dept }))).ownerDepartmentId).toBe(dept);
    expect(
      await refusal(createRole(ctx, role('mh_bad_dept', ['identity.staff.manage'], { ownerDepartmentId: demoDepartmentId('zwfw', '990103') }))),
    ).toMatchObject({ status: 400, fields: [{ field: 'ownerDepartmentId', code: 'not_found' }] });
  });

  it('refuses unknown permissions, "*", a taken code and a built-in code', async () => {
    const ctx = await env.as('admin');
    expect(await refusal(createRole(ctx, role('r_unknown', ['no.such.permission'])))).toMatchObject({
      status: 400,
      fields: [{ field: 'permissions', code: 'invalid_value' }],
    });
    expect(await refusal(createRole(ctx, role('r_star', ['*'])))).toMatchObject({ status: 400 });
    expect(await refusal(createRole(ctx, role('window_clerk', [])))).toMatchObject({ status: 409, fields: [{ field: 'code', code: 'duplicate' }] });
    await createRole(ctx, role('r_once', []));
    expect(await refusal(createRole(ctx, role('r_once', [])))).toMatchObject({ status: 409 });
    expect(await refusal(createRole(ctx, role('r_region', [], { ownerRegionCode: '999999' })))).toMatchObject({
      status: 400,
      fields: [{ field: 'ownerRegionCode', code: 'not_found' }],
    });
  });

  it('a staff member without role management has no owner scope to create in', async () => {
    expect(await refusal(createRole(await env.as('scjg.clerk'), role('clerk_role', [])))).toMatchObject({ status: 403 });
  });
});

describe('editing a role', () => {
  it('renames and changes permissions; the audit event holds before and after', async () => {
    const ctx = await env.as('admin');
    await createRole(ctx, role('r_edit', ['platform.audit.read']));
    const r = await updateRole(ctx, 'r_edit', { name: '审计', permissions: ['identity.staff.manage'] });
    expect(r).toMatchObject({ name: '审计', permissions: ['identity.staff.manage'] });
    const [event] = await rawRows<{ summary: unknown }>(
      env.database.db,
      sql`select summary from audit_events where action = 'role.update' and object_id = 'r_edit'`,
    );
    expect(event!.summary).toEqual({
      before: { name: 'r_edit', permissions: ['platform.audit.read'] },
      after: { name: '审计', permissions: ['identity.staff.manage'] },
    });
  });

  it('keeps built-in permissions, answers an unknown role with 404', async () => {
    const ctx = await env.as('admin');
    expect(await refusal(updateRole(ctx, 'window_clerk', { permissions: [] }))).toMatchObject({ status: 409 });
    expect(await refusal(updateRole(ctx, 'no_such_role', { name: 'x' }))).toMatchObject({ status: 404 });
    expect(await refusal(updateRole(ctx, 'r_edit', { permissions: ['no.such.permission'] }))).toMatchObject({ status: 400 });
  });

  it('a district admin cannot rename a built-in role (owned by the root)', async () => {
    expect(await refusal(updateRole(await env.as('mh.admin'), 'platform_admin', { name: '我的' }))).toMatchObject({ status: 403 });
  });
});
