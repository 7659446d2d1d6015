import type { z } from 'zod';
import { assertCan, can } from '../../platform/auth/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { getDepartment } from '../org/index.ts';
import { dataPermissions as P } from './policy.ts';
import { departmentNames, presentShare, scopesOfAny } from './present.ts';
import { resourceRepo } from './repository.ts';
import type { ShareCreate, ShareDecision, ShareListQuery } from './schemas.ts';
import { shareRepo, type ShareRow } from './share-repository.ts';
import { shareWorkflow } from './workflow.ts';

/** The end of `day` (YYYY-MM-DD) in Asia/Shanghai: an approval is good through its last day. */
export function endOfDayShanghai(day: string): Date {
  return new Date(`${day}T23:59:59.999+08:00`);
}

async function present(ctx: Ctx, s: ShareRow) {
  const [r, names] = await Promise.all([
    resourceRepo.find(ctx.database.db, s.resourceId),
    departmentNames(ctx, [s.requesterDepartmentId, s.ownerDepartmentId]),
  ]);
  return presentShare(s, r, names);
}

const requesterScope = (s: ShareRow) => ({ regionPath: s.requesterRegionPath, departmentId: s.requesterDepartmentId });
const ownerScope = (s: ShareRow) => ({ regionPath: s.ownerRegionPath, departmentId: s.ownerDepartmentId });

function mayRead(ctx: Ctx, s: ShareRow): boolean {
  return can(ctx.actor, P.request, requesterScope(s)) || can(ctx.actor, P.decide, ownerScope(s)) || can(ctx.actor, P.publish, ownerScope(s));
}

/** A department asks for a published conditional resource, naming the purpose, the legal basis and the fields. */
export async function requestShare(ctx: Ctx, body: z.infer<typeof ShareCreate>) {
  const dept = await getDepartment(ctx, body.departmentId);
  assertCan(ctx.actor, P.request, { regionPath: dept.regionPath, departmentId: dept.id });
  const id = newId();
  await transact(ctx, async (t) => {
    const r = await resourceRepo.find(t.tx, body.resourceId);
    if (!r || r.publishedVersion === null) throw new AppError('data.not_published', { fields: [{ field: 'resourceId', code: 'not_published' }] });
    const published = (await resourceRepo.version(t.tx, r.id, r.publishedVersion))!.snapshot;
    if (published.sharingType !== 'conditional') throw new AppError(published.sharingType === 'none' ? 'data.not_shared' : 'data.not_conditional');
    if (r.departmentId === dept.id) throw new AppError('data.own_resource');
    const known = new Set(published.fields.map((f) => f.name));
    const unknown = body.fields.findIndex((f) => !known.has(f));
    if (unknown >= 0) throw new AppError('request.invalid', { fields: [{ field: `fields.${unknown}`, code: 'unknown_field' }] });
    await shareRepo.insert(t.tx, {
      id,
      resourceId: r.id,
      requesterDepartmentId: dept.id,
      requesterRegionPath: dept.regionPath,
      ownerDepartmentId: r.departmentId,
      ownerRegionPath: r.regionPath,
      purpose: body.purpose,
      legalBasis: body.legalBasis,
      fieldsRequested: [...new Set(body.fields)],
      status: 'pending',
      requestedBy: t.actor.id,
    });
    t.audit({
      action: 'data.share.request',
      objectType: 'data_share_request',
      objectId: id,
      summary: { resource: r.code, fields: body.fields, purpose: body.purpose },
    });
  });
  return present(ctx, (await shareRepo.find(ctx.database.db, id))!);
}

/** The owner approves (a subset of the fields, an expiry) or rejects; the owner revokes; the requester withdraws. */
export async function decideShare(ctx: Ctx, id: string, body: z.infer<typeof ShareDecision>) {
  await transact(ctx, async (t) => {
    const s = await shareRepo.lock(t.tx, id);
    if (!s || !mayRead(t, s)) throw notFound('data_share_request', id);
    if (body.action === 'withdraw') assertCan(t.actor, P.request, requesterScope(s));
    else assertCan(t.actor, P.decide, ownerScope(s));
    const status = shareWorkflow.next(s.status, body.action);
    const set: Partial<ShareRow> = { status, decidedBy: t.actor.id, decidedAt: t.now?.() ?? new Date(), decisionNote: body.note ?? null };
    if (body.action === 'approve') {
      const beyond = body.fields.findIndex((f) => !s.fieldsRequested.includes(f));
      if (beyond >= 0) throw new AppError('request.invalid', { fields: [{ field: `fields.${beyond}`, code: 'not_requested' }] });
      const expiresAt = endOfDayShanghai(body.expiresOn);
      if (expiresAt <= (set.decidedAt as Date)) throw new AppError('request.invalid', { fields: [{ field: 'expiresOn', code: 'in_the_past' }] });
      set.fieldsGranted = [...new Set(body.fields)];
      set.expiresAt = expiresAt;
    }
    await shareRepo.update(t.tx, id, set);
    t.audit({
      action: `data.share.${body.action}`,
      objectType: 'data_share_request',
      objectId: id,
      summary: { status, fields: set.fieldsGranted, expiresAt: set.expiresAt?.toISOString(), note: body.note },
    });
  });
  return present(ctx, (await shareRepo.find(ctx.database.db, id))!);
}

export async function getShare(ctx: Ctx, id: string) {
  const s = await shareRepo.find(ctx.database.db, id);
  if (!s || !mayRead(ctx, s)) throw notFound('data_share_request', id);
  return present(ctx, s);
}

/** Requests the actor's departments made or must decide. */
export async function listShares(ctx: Ctx, q: z.infer<typeof ShareListQuery>) {
  const { rows, total } = await shareRepo.page(ctx.database.db, {
    ...q,
    asRequester: scopesOfAny(ctx.actor, [P.request]),
    asOwner: scopesOfAny(ctx.actor, [P.decide, P.publish]),
  });
  const names = await departmentNames(
    ctx,
    rows.flatMap((s) => [s.requesterDepartmentId, s.ownerDepartmentId]),
  );
  const resources = await resourceRepo.findMany(
    ctx.database.db,
    rows.map((s) => s.resourceId),
  );
  return pageOf(
    rows.map((s) => presentShare(s, resources.get(s.resourceId), names)),
    total,
    q,
  );
}
