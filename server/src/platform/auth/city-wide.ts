import { can, type Actor } from './actor.ts';

/**
 * Objects that serve the whole installation: the national holiday notice, a calendar override for
 * everywhere (region ""), the hotline's limits table, category tree and knowledge base. An
 * installation serves one city, so a city-wide grant is enough: a grant whose region is the city,
 * the province or the root ("", at most two levels of the region path), bound to no department.
 * A district's grant, or a grant bound to one department, never changes them.
 */
export function holdsCityWide(actor: Actor, permission: string): boolean {
  return actor.grants.some(
    (g) => g.departmentId === null && (g.regionPath === '' || g.regionPath.split('/').length <= 2) && can({ ...actor, grants: [g] }, permission),
  );
}

/**
 * May the actor change an object owned by `owner`? An owner region "" means the whole installation
 * (a city-wide grant); otherwise the actor's grant must cover the region and, when the object
 * belongs to a department, that department (a department-bound grant never covers a region-wide object).
 */
export function mayChangeOwned(actor: Actor, permission: string, owner: { regionPath: string; departmentId: string | null }): boolean {
  if (owner.regionPath === '') return holdsCityWide(actor, permission);
  return can(actor, permission, { regionPath: owner.regionPath, departmentId: owner.departmentId });
}
