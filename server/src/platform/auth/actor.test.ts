import { describe, expect, it } from 'vitest';
import { can, holdsIn, mayGrant, permissionsBeyond, regionWithin, type Actor, type Grant } from './actor.ts';

const CITY = '990000/990100';
const MINGHU = `${CITY}/990102`;
const DONGLING = `${CITY}/990103`;
const staff = (...grants: Grant[]): Actor => ({ id: 'x', kind: 'staff', name: 'x', grants });
const grant = (permissions: string[], regionPath: string, departmentId: string | null = null): Grant => ({ role: 'r', permissions, regionPath, departmentId });

describe('regionWithin', () => {
  it('is the subtree test: itself, below it, and everything under the root', () => {
    expect(regionWithin(MINGHU, MINGHU)).toBe(true);
    expect(regionWithin(`${MINGHU}/990102001`, MINGHU)).toBe(true);
    expect(regionWithin(MINGHU, '')).toBe(true);
    expect(regionWithin(CITY, MINGHU)).toBe(false);
    expect(regionWithin(DONGLING, MINGHU)).toBe(false);
    // a sibling whose code starts with the same digits is not inside
    expect(regionWithin(`${CITY}/9901021`, MINGHU)).toBe(false);
  });
});

describe('mayGrant: nobody grants beyond what they hold, where they hold it', () => {
  const mhAdmin = staff(grant(['identity.staff.manage', 'identity.role.manage', 'platform.audit.read'], MINGHU));
  it('allows permissions the granter holds inside the region the granter covers', () => {
    expect(mayGrant(mhAdmin, ['identity.staff.manage'], { regionPath: MINGHU, departmentId: null })).toBe(true);
    expect(mayGrant(mhAdmin, ['platform.audit.read'], { regionPath: `${MINGHU}/990102001`, departmentId: 'd1' })).toBe(true);
  });
  it('refuses a permission the granter lacks (mh.admin and identity.person.read_sensitive)', () => {
    expect(permissionsBeyond(mhAdmin, ['identity.staff.manage', 'identity.person.read_sensitive'], { regionPath: MINGHU, departmentId: null })).toEqual([
      'identity.person.read_sensitive',
    ]);
  });
  it('refuses a region outside the granter (another district, the whole city)', () => {
    expect(mayGrant(mhAdmin, ['identity.staff.manage'], { regionPath: DONGLING, departmentId: null })).toBe(false);
    expect(mayGrant(mhAdmin, ['identity.staff.manage'], { regionPath: CITY, departmentId: null })).toBe(false);
    expect(mayGrant(mhAdmin, ['identity.staff.manage'], { regionPath: '', departmentId: null })).toBe(false);
  });
  it('a department-bound granter grants only inside that department, never "every department"', () => {
    const deptAdmin = staff(grant(['identity.staff.manage'], CITY, 'dept-a'));
    expect(mayGrant(deptAdmin, ['identity.staff.manage'], { regionPath: MINGHU, departmentId: 'dept-a' })).toBe(true);
    expect(mayGrant(deptAdmin, ['identity.staff.manage'], { regionPath: MINGHU, departmentId: 'dept-b' })).toBe(false);
    expect(mayGrant(deptAdmin, ['identity.staff.manage'], { regionPath: MINGHU, departmentId: null })).toBe(false);
    // can() alone would say yes here: that looseness is why grants use holdsIn
    expect(can(deptAdmin, 'identity.staff.manage', { regionPath: MINGHU })).toBe(true);
    expect(holdsIn(deptAdmin, 'identity.staff.manage', { regionPath: MINGHU, departmentId: null })).toBe(false);
  });
  it("'*' only from a '*' holder at the root bound to no department", () => {
    const cityStar = staff(grant(['*'], CITY));
    expect(mayGrant(cityStar, ['*'], { regionPath: MINGHU, departmentId: null })).toBe(false);
    expect(mayGrant(cityStar, ['identity.person.read_sensitive'], { regionPath: MINGHU, departmentId: null })).toBe(true);
    expect(mayGrant(staff(grant(['*'], '', 'd')), ['*'], { regionPath: MINGHU, departmentId: 'd' })).toBe(false);
    expect(mayGrant(staff(grant(['*'], '')), ['*'], { regionPath: MINGHU, departmentId: null })).toBe(true);
  });
  it('permissions from two grants count only where each applies', () => {
    const split = staff(grant(['a.x'], MINGHU), grant(['a.y'], DONGLING));
    expect(mayGrant(split, ['a.x', 'a.y'], { regionPath: MINGHU, departmentId: null })).toBe(false);
    expect(mayGrant(split, ['a.y'], { regionPath: DONGLING, departmentId: null })).toBe(true);
  });
});
