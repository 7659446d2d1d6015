import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestEnv, type TestEnv } from '../../../test/harness.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/auth/index.ts';
import { demoDepartmentId, demoId } from '../org/index.ts';
import { createStaff, guardedPermission, updateStaff } from './staff-service.ts';
import { createRole, syncBuiltInRoles, updateRole } from './role-service.ts';
import { staffRepo, roleRepo } from './repository.ts';
import { builtInRole, builtInRoles } from './roles.ts';

/**
 * Issue 11 §2: random sequences of admin calls (create a role, edit a role, create staff, change a
 * staff member's roles or password) by random actors, starting from the demo grants. After every
 * call that succeeds, an independent oracle (written here, not the service's own functions) checks
 * that the caller held what the call handed out, where it handed it out.
 */

const PROVINCE = '990000';
const CITY = `${PROVINCE}/990100`;
const PATHS: Record<string, string> = {
  '': '',
  '990100': CITY,
  '990102': `${CITY}/990102`,
  '990103': `${CITY}/990103`,
  '990102001': `${CITY}/990102/990102001`,
};
const REGIONS = Object.keys(PATHS);
const DEPTS = [
  null,
  demoDepartmentId('zwfw', '990102'),
  demoDepartmentId('zwfw', '990103'),
  demoDepartmentId('zwfw', '990100'),
  demoDepartmentId('scjg', '990100'),
];
const DEPT_REGION: Record<string, string> = { [DEPTS[1]!]: '990102', [DEPTS[2]!]: '990103', [DEPTS[3]!]: '990100', [DEPTS[4]!]: '990100' };
const PERMS = [
  'identity.staff.manage',
  'identity.role.manage',
  'identity.person.read_sensitive',
  'platform.audit.read',
  'org.department.manage',
  'cases.case.read',
  'cases.case.handle',
];
const BUILT_IN = ['platform_admin', 'it_admin', 'dept_admin', 'supervisor', 'window_clerk', 'reviewer', 'hotline_handler'];
/** The job roles a staff manager hands out in scope without holding their permissions (docs/security.md). */
const OPERATIONAL = new Set([
  'window_clerk',
  'reviewer',
  'approver',
  'catalog_editor',
  'catalog_reviewer',
  'hotline_operator',
  'hotline_dispatcher',
  'hotline_handler',
  'inspector',
  'inspection_manager',
  'credit_officer',
  'data_steward',
  'data_officer',
]);

// ---------- the oracle: what an actor holds, computed from scratch ----------
const inside = (path: string, root: string) => root === '' || path === root || path.startsWith(`${root}/`);
function holds(actor: Actor, permission: string, scope: { regionPath: string; departmentId: string | null }): boolean {
  if (permission === '*') return actor.grants.some((g) => g.permissions.includes('*') && g.regionPath === '' && g.departmentId === null);
  return actor.grants.some(
    (g) =>
      (g.permissions.includes('*') || g.permissions.includes(permission)) &&
      inside(scope.regionPath, g.regionPath) &&
      (g.departmentId === null || g.departmentId === scope.departmentId),
  );
}

let env: TestEnv;
const actors = ['admin', 'it.admin', 'mh.admin', 'dl.admin'];
const staffIds: string[] = ['it.admin', 'mh.admin', 'dl.admin', 'admin', 'mh.scjg.clerk', 'dl.scjg.clerk', 'window.clerk', 'supervisor'].map((u) =>
  demoId('staff', u),
);
const customRoles: string[] = [];
let seq = 0;
const violations: string[] = [];
const stats = { ok: 0, refused: 0 };

async function rolePermissions(code: string): Promise<{ permissions: string[]; owner?: { regionPath: string; departmentId: string | null } }> {
  const b = builtInRole(code);
  if (b) return { permissions: b.permissions };
  const r = await roleRepo.byCode(env.database.db, code);
  return r ? { permissions: r.permissions, owner: { regionPath: r.ownerRegionPath, departmentId: r.ownerDepartmentId } } : { permissions: ['*'] };
}

/** Would the oracle let `actor` hand out this assignment? */
async function mayHandOut(actor: Actor, a: { roleCode: string; regionPath: string; departmentId: string | null }): Promise<string | null> {
  const scope = { regionPath: a.regionPath, departmentId: a.departmentId };
  if (!holds(actor, 'identity.staff.manage', scope)) return `${actor.name} handed out ${a.roleCode} at ${a.regionPath || '*'} without managing staff there`;
  const role = await rolePermissions(a.roleCode);
  if (role.owner && !(inside(a.regionPath, role.owner.regionPath) && (role.owner.departmentId === null || role.owner.departmentId === a.departmentId)))
    return `${a.roleCode} used outside its owner scope`;
  if (OPERATIONAL.has(a.roleCode)) return null;
  const missing = role.permissions.filter((p) => !holds(actor, p, scope));
  return missing.length
    ? `${actor.name} handed out ${a.roleCode} (${missing.join(', ')}) at ${a.regionPath || '*'}/${a.departmentId ?? '-'} without holding it`
    : null;
}

const assignmentArb = fc.record({ role: fc.nat(), region: fc.constantFrom(...REGIONS), dept: fc.constantFrom(...DEPTS) });
const opArb = fc.oneof(
  fc.record({
    kind: fc.constant('createRole' as const),
    actor: fc.nat(),
    perms: fc.subarray(PERMS, { minLength: 1 }),
    owner: fc.option(fc.constantFrom(...REGIONS), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('updateRole' as const), actor: fc.nat(), role: fc.nat(), perms: fc.subarray(PERMS, { minLength: 1 }) }),
  fc.record({
    kind: fc.constant('createStaff' as const),
    actor: fc.nat(),
    dept: fc.constantFrom(...(DEPTS.slice(1) as string[])),
    roles: fc.array(assignmentArb, { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('updateStaff' as const),
    actor: fc.nat(),
    target: fc.nat(),
    roles: fc.option(fc.array(assignmentArb, { maxLength: 3 }), { nil: undefined }),
    reset: fc.boolean(),
  }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(xs: T[], n: number) => xs[n % xs.length]!;
const roleCodeOf = (n: number) => pick([...BUILT_IN, ...customRoles], n);
const toInput = (a: { role: number; region: string; dept: string | null }) => ({ roleCode: roleCodeOf(a.role), regionCode: a.region, departmentId: a.dept });

async function run(op: Op) {
  const username = pick(actors, op.actor);
  const ctx = await env.as(username);
  const actor = ctx.actor;
  const check = async (assignments: { roleCode: string; regionCode: string; departmentId: string | null }[]) => {
    for (const a of assignments) {
      const problem = await mayHandOut(actor, { roleCode: a.roleCode, regionPath: PATHS[a.regionCode]!, departmentId: a.departmentId });
      if (problem) violations.push(`${op.kind}: ${problem}`);
    }
  };
  try {
    if (op.kind === 'createRole') {
      const code = `prop_role_${++seq}`;
      const ownerPathBefore = op.owner !== undefined ? PATHS[op.owner]! : undefined;
      const role = await createRole(ctx, { code, name: code, nameEn: code, permissions: op.perms, ownerRegionCode: op.owner });
      customRoles.push(code);
      const owner = { regionPath: ownerPathBefore ?? PATHS[role.ownerRegionCode]!, departmentId: role.ownerDepartmentId };
      if (!holds(actor, 'identity.role.manage', owner)) violations.push(`${username} created a role owned by ${owner.regionPath} without managing roles there`);
      for (const p of op.perms) if (!holds(actor, p, owner)) violations.push(`${username} created ${code} with ${p} at ${owner.regionPath} without holding it`);
    } else if (op.kind === 'updateRole') {
      if (customRoles.length === 0) return;
      const code = pick(customRoles, op.role);
      const before = (await roleRepo.byCode(env.database.db, code))!;
      await updateRole(ctx, code, { permissions: op.perms });
      const owner = { regionPath: before.ownerRegionPath, departmentId: before.ownerDepartmentId };
      if (!holds(actor, 'identity.role.manage', owner)) violations.push(`${username} edited ${code} outside their role scope`);
      for (const p of op.perms.filter((p) => !before.permissions.includes(p)))
        if (!holds(actor, p, owner)) violations.push(`${username} added ${p} to ${code} without holding it at ${owner.regionPath}`);
    } else if (op.kind === 'createStaff') {
      const roles = op.roles.map(toInput);
      const created = await createStaff(ctx, { username: `prop.${++seq}`, name: `随机${seq}`, departmentId: op.dept, password: 'initial-Pass-9137x', roles });
      staffIds.push(created.id);
      if (!holds(actor, 'identity.staff.manage', { regionPath: PATHS[DEPT_REGION[op.dept]!]!, departmentId: op.dept }))
        violations.push(`${username} created staff in a department they do not manage`);
      await check(roles);
    } else {
      const target = pick(staffIds, op.target);
      const before = await staffRepo.assignments(env.database.db, [target]);
      const roles = op.roles?.map(toInput);
      await updateStaff(ctx, target, { ...(roles ? { roles } : {}), ...(op.reset ? { resetPassword: 'reset-Pass-4471q' } : { name: `改${seq}` }) });
      const self = actor.subjectId === target;
      if (self && roles) {
        const now = await staffRepo.assignments(env.database.db, [target]);
        const key = (a: { roleCode: string; regionPath: string; departmentId: string | null }) => `${a.roleCode}|${a.regionPath}|${a.departmentId}`;
        if (now.map(key).sort().join() !== before.map(key).sort().join()) violations.push(`${username} changed their own roles`);
      }
      if (!self) {
        // acting on someone is acting on all they hold
        for (const a of before) {
          const problem = await mayHandOut(actor, a);
          if (problem) violations.push(`updateStaff on a holder of more: ${problem}`);
        }
        if (roles) await check(roles);
      }
    }
    stats.ok += 1;
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
    stats.refused += 1;
  }
}

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('no sequence of admin calls hands out more than the caller holds', () => {
  it('random actors, random calls, from the demo grants', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 10 }), async (ops) => {
        for (const op of ops) await run(op);
        expect(violations).toEqual([]);
        // the demo admins act again with whatever they now hold: nobody but admin holds '*'
        for (const u of actors.filter((a) => a !== 'admin')) expect((await env.as(u)).actor.grants.some((g) => g.permissions.includes('*'))).toBe(false);
      }),
      { numRuns: 3, seed: 20261205, endOnFailure: true },
    );
    // the sequences exercised both outcomes
    expect(stats.ok).toBeGreaterThan(3);
    expect(stats.refused).toBeGreaterThan(3);
  });
});

describe('built-in roles', () => {
  it('operational roles carry no power over people, roles, the audit trail or personal data', () => {
    for (const r of builtInRoles().filter((b) => !b.administrative)) {
      expect(OPERATIONAL.has(r.code), r.code).toBe(true);
      expect(
        r.permissions.filter(
          (p) =>
            p === '*' ||
            p.startsWith('platform.') ||
            p.startsWith('org.') ||
            p.startsWith('identity.staff.') ||
            p.startsWith('identity.role.') ||
            p === 'identity.person.read_sensitive',
        ),
        r.code,
      ).toEqual([]);
      expect(r.permissions.filter(guardedPermission), r.code).toEqual([]);
    }
  });

  it('start-up synchronisation writes an audit event only when it changes something', async () => {
    const { rawRows } = await import('../../platform/db/index.ts');
    const { sql } = await import('drizzle-orm');
    const syncEvents = async () =>
      rawRows<{ summary: { created: string[]; changed: { code: string; added: string[]; removed: string[] }[] } }>(
        env.database.db,
        sql`select summary from audit_events where action = 'role.sync_built_in' order by seq`,
      );
    const before = (await syncEvents()).length;
    await syncBuiltInRoles(env.ctx);
    expect((await syncEvents()).length).toBe(before);
    // a role row drifted from the code (an older release, a hand edit): the sync repairs and says so
    await env.database.db.execute(sql`update roles set permissions = '["platform.audit.read"]'::jsonb where code = 'reviewer'`);
    await syncBuiltInRoles(env.ctx);
    const events = await syncEvents();
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)!.summary.changed).toEqual([
      { code: 'reviewer', added: builtInRole('reviewer')!.permissions, removed: ['platform.audit.read'], renamed: false },
    ]);
    expect((await roleRepo.byCode(env.database.db, 'reviewer'))!.permissions).toEqual(builtInRole('reviewer')!.permissions);
  });
});
