import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { diffGuides, onlineLevel, publicGuide, type Guide, type ItemType } from './guide.ts';
import { generationCache } from '../../platform/meta/generation-cache.ts';
import { CATALOG_GENERATION, countView, findImplementation, findVersion, publishedHistory } from './repository.ts';
import { summary, type ImplementationSummary } from './presenters.ts';
import { feeDetails } from './guide-rules.ts';

/** A published guide as the portal shows it (no review rules), with its fees' details. */
export type PublishedGuideDocument = ImplementationSummary & {
  version: number;
  versionStatus: string;
  publishedAt: string | null;
  legalBasis: string;
  keywords: string[];
  guide: Omit<Guide, 'reviewRules'>;
  feeDetails: Awaited<ReturnType<typeof feeDetails>>;
};

/** The published guide (or an older published version) for the portal; review rules left out. */
export async function getPublishedGuide(ctx: Ctx, code: string, version?: number, opts: { countView?: boolean } = {}): Promise<PublishedGuideDocument> {
  const db = ctx.database.db;
  const found = await findImplementation(db, code);
  if (!found || found.impl.publishedVersion == null) throw notFound('catalog implementation', code);
  const v = await findVersion(db, found.impl.id, version ?? found.impl.publishedVersion);
  if (!v || (v.status !== 'published' && v.status !== 'superseded')) throw notFound('catalog guide version', `${code}@${version}`);
  if (opts.countView) await countView(db, found.impl.id);
  return {
    ...summary(found.impl, found.item),
    version: v.version,
    versionStatus: v.status,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    legalBasis: found.item.legalBasis,
    keywords: found.item.keywords,
    onlineLevel: onlineLevel(v.guide),
    guide: publicGuide(v.guide),
    feeDetails: await feeDetails(db, v.guide),
  };
}

/** Version history with the field-by-field difference to the previous published version. */
export async function listPublishedVersions(ctx: Ctx, code: string) {
  const db = ctx.database.db;
  const found = await findImplementation(db, code);
  if (!found || found.impl.publishedVersion == null) throw notFound('catalog implementation', code);
  const rows = await publishedHistory(db, found.impl.id);
  const out = rows.map((v, i) => ({
    version: v.version,
    status: v.status,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    changeNote: v.changeNote,
    changes: i === 0 ? [] : diffGuides(rows[i - 1]!.guide, v.guide, { hide: ['reviewRules'] }),
  }));
  return { implementationCode: code, name: found.item.name, current: found.impl.publishedVersion, versions: out.reverse() };
}

/** The guide version a case is filed under (getApplicableVersion). */
export interface ApplicableVersion {
  implementationCode: string;
  implementationId: string;
  baseCode: string;
  name: string;
  itemType: ItemType;
  departmentId: string;
  regionPath: string;
  version: number;
  guide: Guide;
}

/**
 * The guide version a case is filed under: the current published version. Throws
 * `catalog.not_applicable` when the item is unpublished, suspended or abolished.
 *
 * Outside a transaction it comes from a per-process cache valid for one catalog generation (every
 * change of an item, implementation or guide version bumps it, repository.ts), so a submit does
 * not re-read the implementation and its guide; the answer is shared: callers must not change it.
 */
export async function getApplicableVersion(ctx: Ctx, code: string): Promise<ApplicableVersion> {
  if ('tx' in ctx) return loadApplicableVersion(ctx, code);
  const byCode = await applicableVersions(ctx);
  let answer = byCode.get(code);
  if (!answer) {
    answer = loadApplicableVersion(ctx, code);
    byCode.set(code, answer);
    // Refusals and failures are not kept: the next request asks again.
    answer.catch(() => {
      if (byCode.get(code) === answer) byCode.delete(code);
    });
    if (byCode.size > MAX_CACHED) byCode.delete(byCode.keys().next().value!);
  }
  return answer;
}

/** At most this many implementations' applicable versions are kept per process (oldest first out). */
const MAX_CACHED = 2000;
const applicableVersions = generationCache(CATALOG_GENERATION, async () => new Map<string, Promise<ApplicableVersion>>());

async function loadApplicableVersion(ctx: Ctx, code: string): Promise<ApplicableVersion> {
  const found = await findImplementation(ctx.database.db, code);
  if (!found) throw notFound('catalog implementation', code);
  if (found.impl.state !== 'published' || found.impl.publishedVersion == null) {
    throw new AppError('catalog.not_applicable', { extra: { implementationCode: code, state: found.impl.state } });
  }
  const v = (await findVersion(ctx.database.db, found.impl.id, found.impl.publishedVersion))!;
  return {
    implementationCode: code,
    implementationId: found.impl.id,
    baseCode: found.item.baseCode,
    name: found.item.name,
    itemType: found.item.itemType as ItemType,
    departmentId: found.impl.departmentId,
    regionPath: found.impl.regionPath,
    version: v.version,
    guide: v.guide,
  };
}
