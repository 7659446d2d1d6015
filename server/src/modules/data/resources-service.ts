import type { z } from 'zod';
import { assertCan, can } from '../../platform/auth/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { getDepartment } from '../org/index.ts';
import { dataPermissions as P } from './policy.ts';
import { departmentNames, presentResource, scopesOfAny } from './present.ts';
import { resourceRepo, type ResourceRow } from './repository.ts';
import type { ResourceCreate, ResourceListQuery, ResourceUpdate } from './schemas.ts';
import type { ResourceSnapshot } from './tables.ts';
import { resourceWorkflow, type ResourceAction } from './workflow.ts';

const nowOf = (ctx: Ctx) => ctx.now?.() ?? new Date();

async function present(ctx: Ctx, row: ResourceRow) {
  return presentResource(row, await departmentNames(ctx, [row.departmentId]));
}

export function snapshotOf(r: ResourceRow): ResourceSnapshot {
  const { name, description, subjectKind, fields, sharingType, open, updateFrequency, sourceSystem, connector } = r;
  return { name, description, subjectKind, fields, sharingType, open, updateFrequency, sourceSystem, connector };
}

/** A department declares a resource it holds (a draft until the data office publishes it). */
export async function createResource(ctx: Ctx, body: z.infer<typeof ResourceCreate>) {
  const dept = await getDepartment(ctx, body.departmentId);
  assertCan(ctx.actor, P.declare, { regionPath: dept.regionPath, departmentId: dept.id });
  const id = newId();
  await transact(ctx, async (t) => {
    if (await resourceRepo.byCode(t.tx, body.code)) throw new AppError('data.code_taken', { fields: [{ field: 'code', code: 'duplicate' }] });
    await resourceRepo.insert(t.tx, { id, ...body, regionPath: dept.regionPath, status: 'draft', version: 1, createdBy: t.actor.id });
    t.audit({ action: 'data.resource.create', objectType: 'data_resource', objectId: id, summary: { code: body.code, sharingType: body.sharingType } });
  });
  return present(ctx, (await resourceRepo.find(ctx.database.db, id))!);
}

/** Visible: published once, or within the actor's declaring or reviewing scope. Otherwise 404. */
function visible(ctx: Ctx, r: ResourceRow): boolean {
  const scope = { regionPath: r.regionPath, departmentId: r.departmentId };
  return r.publishedVersion !== null || can(ctx.actor, P.declare, scope) || can(ctx.actor, P.publish, scope);
}

export async function getResource(ctx: Ctx, id: string) {
  const r = await resourceRepo.find(ctx.database.db, id);
  if (!r || !visible(ctx, r)) throw notFound('data_resource', id);
  return present(ctx, r);
}

export async function listResources(ctx: Ctx, q: z.infer<typeof ResourceListQuery>) {
  const { rows, total } = await resourceRepo.page(ctx.database.db, { ...q, editable: scopesOfAny(ctx.actor, [P.declare, P.publish]) });
  const names = await departmentNames(
    ctx,
    rows.map((r) => r.departmentId),
  );
  return pageOf(
    rows.map((r) => presentResource(r, names)),
    total,
    q,
  );
}

export async function resourceVersions(ctx: Ctx, id: string) {
  await getResource(ctx, id);
  return (await resourceRepo.versionsOf(ctx.database.db, id)).map((v) => ({
    version: v.version,
    publishedAt: v.publishedAt.toISOString(),
    snapshot: { ...v.snapshot },
  }));
}

/** One step of a resource's life, checked by the state machine and the permission the step needs. */
async function step(ctx: Ctx, id: string, action: ResourceAction, change: (r: ResourceRow) => Partial<ResourceRow>, note?: string) {
  await transact(ctx, async (t) => {
    const r = await resourceRepo.lock(t.tx, id);
    if (!r || !visible(t, r)) throw notFound('data_resource', id);
    const scope = { regionPath: r.regionPath, departmentId: r.departmentId };
    const permission = action === 'publish' || action === 'reject' ? P.publish : P.declare;
    if (!(action === 'withdraw' && can(t.actor, P.publish, scope))) assertCan(t.actor, permission, scope);
    const status = resourceWorkflow.next(r.status, action);
    const set: Partial<ResourceRow> = { ...change(r), status };
    if (action === 'edit' && r.status !== 'draft') set.version = r.version + 1;
    if (action === 'publish') {
      await resourceRepo.insertVersion(t.tx, {
        id: newId(),
        resourceId: id,
        version: r.version,
        snapshot: snapshotOf(r),
        publishedBy: t.actor.id,
        publishedAt: nowOf(t),
      });
      set.publishedVersion = r.version;
      set.reviewNote = note ?? null;
    }
    if (action === 'reject') set.reviewNote = note ?? null;
    if (action === 'withdraw') set.publishedVersion = null;
    await resourceRepo.update(t.tx, id, set);
    t.audit({
      action: `data.resource.${action}`,
      objectType: 'data_resource',
      objectId: id,
      summary: { code: r.code, version: set.version ?? r.version, status, note },
    });
  });
  return present(ctx, (await resourceRepo.find(ctx.database.db, id))!);
}

export const updateResource = (ctx: Ctx, id: string, body: z.infer<typeof ResourceUpdate>) => step(ctx, id, 'edit', () => body);
export const submitResource = (ctx: Ctx, id: string) => step(ctx, id, 'submit', () => ({ reviewNote: null }));
export const publishResource = (ctx: Ctx, id: string, note?: string) => step(ctx, id, 'publish', () => ({}), note);
export const rejectResource = (ctx: Ctx, id: string, note?: string) => step(ctx, id, 'reject', () => ({}), note);
export const withdrawResource = (ctx: Ctx, id: string) => step(ctx, id, 'withdraw', () => ({}));

/** The published catalog as open data (modules/open-data): every resource's version in force, no data of anyone. */
export async function publishedResources(ctx: Ctx) {
  const rows: Record<string, unknown>[] = [];
  for (let page = 1; ; page++) {
    const { rows: found, total } = await resourceRepo.page(ctx.database.db, { page, pageSize: 100, editable: [] });
    const [names, snapshots] = await Promise.all([
      departmentNames(
        ctx,
        found.map((r) => r.departmentId),
      ),
      resourceRepo.publishedSnapshots(ctx.database.db, found),
    ]);
    for (const r of found) {
      const s = snapshots.get(r.id);
      if (s)
        rows.push({
          code: r.code,
          name: s.name,
          department: names.get(r.departmentId) ?? '',
          sharingType: s.sharingType,
          open: s.open,
          updateFrequency: s.updateFrequency,
          fields: s.fields.map((f) => f.label).join('、'),
          version: r.publishedVersion,
        });
    }
    if (page * 100 >= total) return rows;
  }
}
