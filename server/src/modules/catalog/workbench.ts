import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { can, scopesOf } from '../../platform/auth/index.ts';
import { diffGuides, itemTypeNames, type ItemType } from './guide.ts';
import { findImplementation, loadImplementations, pageBaseItems, pageForWorkbench, versionsOf, type ImplRow } from './repository.ts';
import { presentVersion, scopeOf, summary } from './presenters.ts';
import { catalogPermissions as P } from './policy.ts';
import type { BaseItemQuery, WorkbenchListQuery } from './schemas.ts';

/** Implementations in the actor's edit or review scope, every state. */
export async function listForWorkbench(ctx: Ctx, q: z.infer<typeof WorkbenchListQuery>) {
  const grants = [...scopesOf(ctx.actor, P.edit).scopes, ...scopesOf(ctx.actor, P.review).scopes];
  const everywhere = grants.some((g) => g.regionPath === '' && !g.departmentId);
  const page = await pageForWorkbench(ctx.database.db, everywhere ? undefined : grants, q);
  const rows = await loadImplementations(ctx.database.db, page.ids);
  return pageOf(
    rows.map((r) => summary(r.impl, r.item)),
    page.total,
    q,
  );
}

/** An implementation staff may see: in their edit or their review scope. */
function mayView(ctx: Ctx, impl: ImplRow): boolean {
  return can(ctx.actor, P.edit, scopeOf(impl)) || can(ctx.actor, P.review, scopeOf(impl));
}

/** Everything staff see: the working (draft/submitted) version, the published one, the diff between them. */
export async function getForWorkbench(ctx: Ctx, code: string) {
  const db = ctx.database.db;
  const found = await findImplementation(db, code);
  if (!found) throw notFound('catalog implementation', code);
  if (!mayView(ctx, found.impl)) throw new AppError('auth.out_of_scope');
  const versions = await versionsOf(db, found.impl.id);
  const working = versions.find((v) => v.status === 'draft' || v.status === 'submitted');
  const published = versions.find((v) => v.status === 'published');
  return {
    ...summary(found.impl, found.item),
    legalBasis: found.item.legalBasis,
    keywords: found.item.keywords,
    stateReason: found.impl.stateReason,
    working: working ? { ...presentVersion(working), guide: working.guide } : null,
    published: published ? { ...presentVersion(published), guide: published.guide } : null,
    changes: working ? diffGuides(published?.guide ?? {}, working.guide) : [],
    versions: versions.map(presentVersion),
  };
}
export type WorkbenchView = Awaited<ReturnType<typeof getForWorkbench>>;

/** Base catalog items, for staff who implement one (with how many implementations each has). */
export async function listBaseItems(ctx: Ctx, q: z.infer<typeof BaseItemQuery>) {
  const { rows, total } = await pageBaseItems(ctx.database.db, q);
  return pageOf(
    rows.map(({ item, n }) => ({
      baseCode: item.baseCode,
      name: item.name,
      itemType: item.itemType as ItemType,
      itemTypeName: itemTypeNames[item.itemType as ItemType] ?? item.itemType,
      subjectTypes: item.subjectTypes,
      themes: item.themes,
      keywords: item.keywords,
      legalBasis: item.legalBasis,
      implementations: n,
    })),
    total,
    q,
  );
}
