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

function pathWithin(path: string, root: string): boolean {
  return root === '' || path === root || path.startsWith(`${root}/`);
}

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

/** The scopes in which the actor holds `permission`: what list queries filter by. */
export function scopesOf(actor: Actor, permission: string): { all: boolean; scopes: { regionPath: string; departmentId: string | null }[] } {
  const grants = actor.grants.filter((g) => grantAllows(g, permission));
  const all = grants.some((g) => g.regionPath === '' && g.departmentId === null);
  return { all, scopes: grants.map((g) => ({ regionPath: g.regionPath, departmentId: g.departmentId })) };
}

export function allPermissions(actor: Actor): string[] {
  return [...new Set(actor.grants.flatMap((g) => g.permissions))].sort();
}
