import type { Ctx } from '../../platform/context.ts';
import { scopesOf, type Actor } from '../../platform/auth/index.ts';
import { findDepartments } from '../org/index.ts';
import type { DeptScope, ResourceRow } from './repository.ts';
import type { ShareRow } from './share-repository.ts';

/** Department names by id, one batched look-up (cached reference data). */
export async function departmentNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  return new Map((await findDepartments(ctx, unique)).map((d) => [d.id, d.name]));
}

/** The scopes of `permissions` together: 'all' when one of them is unrestricted. */
export function scopesOfAny(actor: Actor, permissions: string[]): DeptScope[] | 'all' {
  const found = permissions.map((p) => scopesOf(actor, p));
  if (found.some((f) => f.all)) return 'all';
  return found.flatMap((f) => f.scopes);
}

export function presentResource(r: ResourceRow, names: Map<string, string>) {
  return {
    id: r.id,
    code: r.code,
    departmentId: r.departmentId,
    departmentName: names.get(r.departmentId) ?? '',
    name: r.name,
    description: r.description,
    subjectKind: r.subjectKind,
    fields: r.fields,
    sharingType: r.sharingType,
    open: r.open,
    updateFrequency: r.updateFrequency,
    sourceSystem: r.sourceSystem,
    connector: r.connector,
    status: r.status,
    version: r.version,
    publishedVersion: r.publishedVersion,
    reviewNote: r.reviewNote,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function presentShare(s: ShareRow, resource: { code: string; name: string } | undefined, names: Map<string, string>) {
  return {
    id: s.id,
    resourceId: s.resourceId,
    resourceCode: resource?.code ?? '',
    resourceName: resource?.name ?? '',
    requesterDepartmentId: s.requesterDepartmentId,
    requesterDepartmentName: names.get(s.requesterDepartmentId) ?? '',
    ownerDepartmentId: s.ownerDepartmentId,
    ownerDepartmentName: names.get(s.ownerDepartmentId) ?? '',
    purpose: s.purpose,
    legalBasis: s.legalBasis,
    fieldsRequested: s.fieldsRequested,
    fieldsGranted: s.fieldsGranted,
    expiresAt: s.expiresAt?.toISOString() ?? null,
    status: s.status,
    decisionNote: s.decisionNote,
    createdAt: s.createdAt.toISOString(),
    decidedAt: s.decidedAt?.toISOString() ?? null,
  };
}
