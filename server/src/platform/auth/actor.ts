import { AppError } from '../errors.ts';

/**
 * Who is acting. Staff carry grants: a role's permissions within a department (or any department)
 * and a region subtree. One function, `can`, decides every permission question.
 */
export interface Grant {
  role: string;
  permissions: readonly string[];
  /** null: any department within the region subtree. */
  departmentId: string | null;
  /** Region path like "990000/990100/990102"; "" is the whole country (platform admin). */
  regionPath: string;
}

export type ActorKind = 'staff' | 'person' | 'entity' | 'system' | 'anonymous' | 'api-client';

export interface Actor {
  id: string | null;
  kind: ActorKind;
  name: string;
  grants: Grant[];
  sessionId?: string;
  /** For persons and entities: their subject id (person id or legal-entity id). */
  subjectId?: string;
  departmentId?: string;
  mustChangePassword?: boolean;
}

export interface Scope {
  regionPath?: string;
  departmentId?: string | null;
}

export const anonymousActor: Actor = { id: null, kind: 'anonymous', name: 'anonymous', grants: [] };
export const systemActor: Actor = {
  id: null,
  kind: 'system',
  name: 'system',
  grants: [{ role: 'system', permissions: ['*'], departmentId: null, regionPath: '' }],
};

function grantAllows(grant: Grant, permission: string): boolean {
  return grant.permissions.includes('*') || grant.permissions.includes(permission);
}

/** Is the region `path` inside the subtree of `root` ("" is the root of everything)? The one copy of this test. */
export function regionWithin(path: string, root: string): boolean {
  return root === '' || path === root || path.startsWith(`${root}/`);
}
const pathWithin = regionWithin;

/** May the actor do `permission`, optionally on an object in `scope`? */
export function can(actor: Actor, permission: string, scope?: Scope): boolean {
  return actor.grants.some((g) => {
    if (!grantAllows(g, permission)) return false;
    if (!scope) return true;
    if (scope.regionPath !== undefined && !pathWithin(scope.regionPath, g.regionPath)) return false;
    if (g.departmentId && scope.departmentId !== undefined && scope.departmentId !== g.departmentId) return false;
    return true;
  });
}

/**
 * Refuses with 403 `auth.out_of_scope` (naming the permission) unless the actor holds `permission`
 * over `scope`: the one check every module's policy uses, instead of a copy of its own.
 */
export function assertCan(actor: Actor, permission: string, scope?: Scope): void {
  if (!can(actor, permission, scope)) throw new AppError('auth.out_of_scope', { extra: { permission } });
}

/** The scopes in which the actor holds `permission`: what list queries filter by. */
export function scopesOf(actor: Actor, permission: string): { all: boolean; scopes: { regionPath: string; departmentId: string | null }[] } {
  const grants = actor.grants.filter((g) => grantAllows(g, permission));
  const all = grants.some((g) => g.regionPath === '' && g.departmentId === null);
  return { all, scopes: grants.map((g) => ({ regionPath: g.regionPath, departmentId: g.departmentId })) };
}

export function allPermissions(actor: Actor): string[] {
  return [...new Set(actor.grants.flatMap((g) => g.permissions))].sort();
}

/** A whole scope: a region subtree and, optionally, one department in it (null: every department). */
export interface FullScope {
  regionPath: string;
  departmentId: string | null;
}

/**
 * Does this grant cover the whole of `scope`? Stricter than `can`'s department test: a grant bound
 * to a department covers only that department, never "every department of the region".
 */
export function grantCovers(grant: Grant, scope: FullScope): boolean {
  if (!regionWithin(scope.regionPath, grant.regionPath)) return false;
  return grant.departmentId === null || grant.departmentId === scope.departmentId;
}

/** Does the actor hold `permission` over the whole of `scope`? */
export function holdsIn(actor: Actor, permission: string, scope: FullScope): boolean {
  return actor.grants.some((g) => grantAllows(g, permission) && grantCovers(g, scope));
}

/** Does the actor hold `permission` everywhere (a grant at the root, bound to no department)? */
export function holdsEverywhere(actor: Actor, permission: string): boolean {
  return scopesOf(actor, permission).all;
}

/**
 * The rule behind every grant and every role definition: nobody hands out more than they hold,
 * where they hold it. Each permission must be held by the granter over the whole target scope;
 * '*' only by a '*' holder at the root bound to no department. Returns the permissions that fail.
 */
export function permissionsBeyond(granter: Actor, permissions: readonly string[], scope: FullScope): string[] {
  return [...new Set(permissions)].filter((p) =>
    p === '*' ? !granter.grants.some((g) => g.permissions.includes('*') && g.regionPath === '' && g.departmentId === null) : !holdsIn(granter, p, scope),
  );
}

/** May `granter` give `permissions` over `scope`? (see `permissionsBeyond`) */
export function mayGrant(granter: Actor, permissions: readonly string[], scope: FullScope): boolean {
  return permissionsBeyond(granter, permissions, scope).length === 0;
}
