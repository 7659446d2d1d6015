import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import { assertMayGrantApiScopes } from './scope-grants.ts';

/**
 * Who may give a department system an API scope, as a generated matrix: every registrant (by what
 * they hold and where) × every scope kind × the client's department inside or outside their region.
 */
const CITY = '990000/990100';
const DISTRICT = `${CITY}/990102`;
const OTHER_DISTRICT = `${CITY}/990103`;
const DEPT = 'dept-in-district';

const scopes = {
  'api:operational': { permissions: ['cases.case.read'] },
  'api:guarded': { permissions: ['identity.person.read_sensitive'] },
};

const grant = (permissions: string[], regionPath: string, departmentId: string | null = null): Grant => ({ role: 'r', permissions, regionPath, departmentId });
const actor = (grants: Grant[]): Actor => ({ id: 'a', kind: 'staff', name: 'a', grants });

const registrants: Record<string, { actor: Actor; operational: boolean; guarded: boolean }> = {
  'district IT admin (manages staff, holds no case power)': {
    actor: actor([grant(['oidc.client.manage', 'identity.staff.manage'], DISTRICT)]),
    operational: true,
    guarded: false,
  },
  'client manager without staff management': { actor: actor([grant(['oidc.client.manage'], DISTRICT)]), operational: false, guarded: false },
  'client manager holding the case power there': {
    actor: actor([grant(['oidc.client.manage', 'cases.case.read'], DISTRICT)]),
    operational: true,
    guarded: false,
  },
  'client manager holding the guarded power there': {
    actor: actor([grant(['oidc.client.manage', 'identity.person.read_sensitive'], DISTRICT)]),
    operational: false,
    guarded: true,
  },
  'IT admin of the other district': {
    actor: actor([grant(['oidc.client.manage', 'identity.staff.manage', 'cases.case.read'], OTHER_DISTRICT)]),
    operational: false,
    guarded: false,
  },
  'staff manager of another department only': {
    actor: actor([grant(['oidc.client.manage', 'identity.staff.manage'], DISTRICT, 'another-dept')]),
    operational: false,
    guarded: false,
  },
  'platform admin': { actor: actor([grant(['*'], '')]), operational: true, guarded: true },
};

const refusal = (fn: () => void) => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof AppError ? { code: e.code, fields: e.fields } : e;
  }
};

describe('giving a department system an API scope', () => {
  for (const [who, r] of Object.entries(registrants)) {
    for (const kind of ['operational', 'guarded'] as const) {
      const scope = `api:${kind}`;
      const allowed = r[kind];
      it(`${who}: ${scope} ${allowed ? 'allowed' : 'refused'}`, () => {
        const result = refusal(() => assertMayGrantApiScopes(r.actor, ['openid', scope], { regionPath: DISTRICT, departmentId: DEPT }, scopes));
        if (allowed) expect(result).toBeUndefined();
        else expect(result).toEqual({ code: 'auth.forbidden', fields: [{ field: 'scopes.1', code: 'beyond_granter' }] });
      });
    }
  }

  it('a scope the client already had is kept by someone who could not have given it', () => {
    const lesser = registrants['client manager without staff management']!.actor;
    const department = { regionPath: DISTRICT, departmentId: DEPT };
    expect(refusal(() => assertMayGrantApiScopes(lesser, ['api:guarded'], department, scopes, ['api:guarded']))).toBeUndefined();
    expect(refusal(() => assertMayGrantApiScopes(lesser, ['api:guarded', 'api:operational'], department, scopes, ['api:guarded']))).toMatchObject({
      fields: [{ field: 'scopes.1', code: 'beyond_granter' }],
    });
  });
});
