import { and, asc, count, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { newId, rawRows, type Executor } from '../../platform/db/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { AppError, notFound, type FieldError } from '../../platform/errors.ts';
import { offsetOf, pageOf } from '../../platform/db/paging.ts';
import { scopesOf } from '../../platform/auth/index.ts';
import { toCsv } from '../../platform/csv.ts';
import { getDepartment, getRegion, findRegion } from '../org/index.ts';
import { catalogFees, catalogGuideVersions, catalogImplementations, catalogItems, catalogSearchTerms } from './tables.ts';
import { Guide, diffGuides, implementationCode, itemTypeNames, levelOfRegion, normalizeGuide, onlineLevel, publicGuide, type FieldChange, type GuideInput } from './guide.ts';
import { likePrefix, termsFor, tokenizeQuery } from './search.ts';
import { listFees, listIntermediaries, listPowers } from './lists.ts';
import { assertCan, catalogPermissions as P } from './policy.ts';
import { holdsCityWide } from '../../platform/auth/city-wide.ts';
import type { BaseItemQuery, ImplementationCreate, ItemCreate, SearchQuery, WorkbenchListQuery } from './schemas.ts';

type ItemRow = typeof catalogItems.$inferSelect;
type ImplRow = typeof catalogImplementations.$inferSelect;
type VersionRow = typeof catalogGuideVersions.$inferSelect;

/** Today in Asia/Shanghai, 'YYYY-MM-DD'. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

// ---------- validation ----------

/** Parses a guide and applies the catalog's rules; throws 400 with every bad field. */
export async function validateGuide(db: Executor, input: unknown, prefix = 'guide', today = todayInChina()): Promise<Guide> {
  const parsed = Guide.safeParse(input);
  if (!parsed.success) {
    throw new AppError('request.invalid', {
      fields: parsed.error.issues.map((i) => ({
        field: [prefix, ...i.path.map(String)].join('.'),
        code: ((i as { params?: { code?: string } }).params?.code ?? (i.code === 'invalid_type' && i.input === undefined ? 'required' : i.code)) as string,
      })),
    });
  }
  const guide = normalizeGuide(parsed.data);
  const fieldErrors = await feeErrors(db, guide, prefix, today);
  if (fieldErrors.length) throw new AppError('catalog.fee_invalid', { fields: fieldErrors });
  return guide;
}

/** Fees only from the fee catalog, and only while effective. */
export async function feeErrors(db: Executor, guide: Guide, prefix: string, today: string): Promise<FieldError[]> {
  if (guide.fees.length === 0) return [];
  const rows = await db.select().from(catalogFees).where(inArray(catalogFees.code, guide.fees.map((f) => f.feeCode)));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const out: FieldError[] = [];
  guide.fees.forEach((f, i) => {
    const fee = byCode.get(f.feeCode);
    if (!fee) out.push({ field: `${prefix}.fees.${i}.feeCode`, code: 'not_in_fee_catalog' });
    else if (fee.retiredAt || fee.effectiveFrom > today || (fee.effectiveTo && fee.effectiveTo < today)) out.push({ field: `${prefix}.fees.${i}.feeCode`, code: 'fee_not_effective' });
  });
  return out;
}

// ---------- presenting ----------

async function loadImpls(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ impl: catalogImplementations, item: catalogItems })
    .from(catalogImplementations)
    .innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId))
    .where(inArray(catalogImplementations.id, ids));
}

/** The published guide's flags and figures copied onto the implementation (lists, filters, summaries). */
export function publishedFigures(guide: Guide) {
  return { doNow: guide.doNow, doOnline: guide.doOnline, doInOneVisit: guide.doInOneVisit, onlineLevel: onlineLevel(guide), promisedLimitDays: guide.promisedLimitDays, visitsRequired: guide.visitsRequired };
}

function summary(impl: ImplRow, item: ItemRow, score?: number) {
  return {
    implementationCode: impl.implementationCode,
    baseCode: item.baseCode,
    name: item.name,
    itemType: item.itemType as keyof typeof itemTypeNames,
    itemTypeName: itemTypeNames[item.itemType as keyof typeof itemTypeNames] ?? item.itemType,
    subjectTypes: item.subjectTypes,
    themes: item.themes,
    departmentId: impl.departmentId,
    departmentName: impl.departmentName,
    regionCode: impl.regionCode,
    regionPath: impl.regionPath,
    level: impl.level,
    state: impl.state,
    publishedVersion: impl.publishedVersion,
    doNow: impl.doNow,
    doOnline: impl.doOnline,
    doInOneVisit: impl.doInOneVisit,
    onlineLevel: impl.onlineLevel,
    promisedLimitDays: impl.promisedLimitDays,
    visitsRequired: impl.visitsRequired,
    views: impl.views,
    ...(score !== undefined ? { score } : {}),
  };
}
export type ImplementationSummary = ReturnType<typeof summary>;

async function presentSummaries(db: Executor, ids: string[], scores?: Map<string, number>) {
  const rows = await loadImpls(db, ids);
  const byId = new Map(rows.map((r) => [r.impl.id, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean).map((r) => summary(r.impl, r.item, scores?.get(r.impl.id)));
}

// ---------- public: search, guide, versions, lists ----------

const flagColumns = { 'do-now': catalogImplementations.doNow, 'do-online': catalogImplementations.doOnline, 'do-in-one-visit': catalogImplementations.doInOneVisit } as const;

async function regionPathOf(ctx: Ctx, code: string | undefined): Promise<string | undefined> {
  if (!code) return undefined;
  return (await findRegion(ctx, code))?.path ?? '-';
}

function withinPath(path: string | undefined): SQL | undefined {
  if (path === undefined) return undefined;
  return or(eq(catalogImplementations.regionPath, path), like(catalogImplementations.regionPath, `${path}/%`));
}

/** Per query token, the most implementations it brings into the ranking (its best by weight and popularity). */
export const SEARCH_CANDIDATES = 1000;
/** A browse without a query counts its total up to this many (the page itself is never capped). */
export const BROWSE_COUNT_CAP = 1000;
/** Per prefix token (pinyin, initials, codes), the most index entries read. */
const PREFIX_SCAN = 5000;

/**
 * Search and browse the published catalog: relevance (search terms) then popularity. Only published
 * implementations have search terms (they are added at publish and resume, removed at suspend and
 * abolish), so an unfiltered search never reads the implementations table except for the page.
 */
export async function searchItems(ctx: Ctx, q: z.infer<typeof SearchQuery>) {
  const db = ctx.database.db;
  const flags = (q.flags ?? '').split(',').map((f) => f.trim()).filter((f): f is keyof typeof flagColumns => f in flagColumns);
  const where = and(
    eq(catalogImplementations.state, 'published'),
    q.department ? eq(catalogImplementations.departmentId, q.department) : undefined,
    withinPath(await regionPathOf(ctx, q.region)),
    q.subject ? sql`${catalogItems.subjectTypes} @> ${JSON.stringify([q.subject])}::jsonb` : undefined,
    q.theme ? sql`${catalogItems.themes} @> ${JSON.stringify([q.theme])}::jsonb` : undefined,
    q.itemType ? eq(catalogItems.itemType, q.itemType) : undefined,
    ...flags.map((f) => eq(flagColumns[f], true)),
  );
  const hasFilters = Boolean(q.department || q.region || q.subject || q.theme || q.itemType || flags.length);
  const tokens = q.q ? tokenizeQuery(q.q) : [];
  if (q.q && tokens.length === 0) return pageOf([], 0, q);
  if (tokens.length === 0) {
    // Browse by popularity: the (state, views) index read in order, stopping at the page; the
    // total is counted up to BROWSE_COUNT_CAP (a browse never counts all 20,000 rows).
    const base = db.select({ id: catalogImplementations.id }).from(catalogImplementations).innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId)).where(where);
    const [ids, [total]] = await Promise.all([
      base.orderBy(desc(catalogImplementations.views), asc(catalogImplementations.implementationCode)).limit(q.pageSize).offset(offsetOf(q)),
      rawRows<{ n: number | string }>(
        db,
        sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${catalogImplementations} JOIN ${catalogItems} ON ${catalogItems.id} = ${catalogImplementations.itemId} WHERE ${where} LIMIT ${BROWSE_COUNT_CAP}) c`,
      ),
    ]);
    return pageOf(await presentSummaries(db, ids.map((r) => r.id)), Number(total?.n ?? 0), q);
  }
  // Each token contributes at most SEARCH_CANDIDATES implementations, its best ones by (weight,
  // popularity): an exact term reads the rank index in order and stops; a prefix reads at most
  // PREFIX_SCAN index entries. Scoring and paging then run on this small set from the terms table
  // alone; implementations and items are joined only for the filters and for the page shown.
  const parts = tokens.map((t) =>
    t.prefix
      ? sql`(SELECT implementation_id, max(weight) AS w, max(popularity) AS p FROM (SELECT implementation_id, weight, popularity FROM catalog_search_terms WHERE term COLLATE "C" LIKE ${likePrefix(t.token)} LIMIT ${PREFIX_SCAN}) x GROUP BY implementation_id ORDER BY w DESC NULLS LAST, p DESC NULLS LAST LIMIT ${SEARCH_CANDIDATES})`
      : sql`(SELECT implementation_id, weight AS w, popularity AS p FROM catalog_search_terms WHERE term COLLATE "C" = ${t.token} ORDER BY weight DESC NULLS LAST, popularity DESC NULLS LAST LIMIT ${SEARCH_CANDIDATES})`,
  );
  const scored = sql`SELECT implementation_id AS id, sum(w)::int AS score, max(p) AS pop FROM (${sql.join(parts, sql` UNION ALL `)}) m GROUP BY implementation_id`;
  const filtered = hasFilters
    ? sql`SELECT s.* FROM (${scored}) s JOIN ${catalogImplementations} ON ${catalogImplementations.id} = s.id JOIN ${catalogItems} ON ${catalogItems.id} = ${catalogImplementations.itemId} WHERE ${where}`
    : scored;
  // One statement: the total comes with the page (count(*) OVER ()), so the scoring runs once.
  const rows = await rawRows<{ id: string; score: number; total: number | string }>(
    db,
    sql`SELECT f.id, f.score, count(*) OVER () AS total FROM (${filtered}) f ORDER BY f.score DESC, f.pop DESC, f.id LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`,
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && q.page > 1) {
    const [c] = await rawRows<{ n: number | string }>(db, sql`SELECT count(*) AS n FROM (${filtered}) f`);
    total = Number(c?.n ?? 0);
  }
  const scores = new Map(rows.map((r) => [r.id, Number(r.score)]));
  return pageOf(await presentSummaries(db, rows.map((r) => r.id), scores), total, q);
}

async function findImpl(db: Executor, code: string) {
  const [row] = await db
    .select({ impl: catalogImplementations, item: catalogItems })
    .from(catalogImplementations)
    .innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId))
    .where(eq(catalogImplementations.implementationCode, code));
  return row;
}

async function findVersion(db: Executor, implementationId: string, version: number) {
  const [row] = await db.select().from(catalogGuideVersions).where(and(eq(catalogGuideVersions.implementationId, implementationId), eq(catalogGuideVersions.version, version)));
  return row;
}

async function feesOf(db: Executor, guide: Guide) {
  if (guide.fees.length === 0) return [];
  const rows = await db.select().from(catalogFees).where(inArray(catalogFees.code, guide.fees.map((f) => f.feeCode)));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return guide.fees.map((f) => {
    const fee = byCode.get(f.feeCode);
    return { feeCode: f.feeCode, note: f.note ?? null, name: fee?.name ?? f.feeCode, kind: fee?.kind ?? 'administrative_fee', standard: fee?.standard ?? '', basis: fee?.basis ?? '' };
  });
}

function presentGuideDoc(impl: ImplRow, item: ItemRow, v: VersionRow, guide: ReturnType<typeof publicGuide> | Guide, fees: Awaited<ReturnType<typeof feesOf>>) {
  return {
    ...summary(impl, item),
    version: v.version,
    versionStatus: v.status,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    legalBasis: item.legalBasis,
    keywords: item.keywords,
    onlineLevel: onlineLevel(v.guide),
    guide,
    feeDetails: fees,
  };
}

/**
 * Counts a guide view. The search terms carry a copy of the popularity, refreshed every 10th view
 * (so a popular guide does not rewrite its ~30 search rows on every view).
 */
async function countView(db: Executor, implementationId: string) {
  const [row] = await db.update(catalogImplementations).set({ views: sql`${catalogImplementations.views} + 1` }).where(eq(catalogImplementations.id, implementationId)).returning({ views: catalogImplementations.views });
  if (row && row.views % 10 === 0) await db.update(catalogSearchTerms).set({ popularity: row.views }).where(eq(catalogSearchTerms.implementationId, implementationId));
}

/** The published guide (or an older published version) for the portal; review rules left out. */
export async function getPublishedGuide(ctx: Ctx, code: string, version?: number, opts: { countView?: boolean } = {}) {
  const db = ctx.database.db;
  const found = await findImpl(db, code);
  if (!found || found.impl.publishedVersion == null) throw notFound('catalog implementation', code);
  const v = await findVersion(db, found.impl.id, version ?? found.impl.publishedVersion);
  if (!v || (v.status !== 'published' && v.status !== 'superseded')) throw notFound('catalog guide version', `${code}@${version}`);
  if (opts.countView) await countView(db, found.impl.id);
  return presentGuideDoc(found.impl, found.item, v, publicGuide(v.guide), await feesOf(db, v.guide));
}

/** Version history with the field-by-field difference to the previous published version. */
export async function listPublishedVersions(ctx: Ctx, code: string) {
  const db = ctx.database.db;
  const found = await findImpl(db, code);
  if (!found || found.impl.publishedVersion == null) throw notFound('catalog implementation', code);
  const rows = await db
    .select()
    .from(catalogGuideVersions)
    .where(and(eq(catalogGuideVersions.implementationId, found.impl.id), inArray(catalogGuideVersions.status, ['published', 'superseded'])))
    .orderBy(asc(catalogGuideVersions.version));
  const out = rows.map((v, i) => ({
    version: v.version,
    status: v.status,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    changeNote: v.changeNote,
    changes: i === 0 ? [] : diffGuides(rows[i - 1]!.guide, v.guide, { hide: ['reviewRules'] }),
  }));
  return { implementationCode: code, name: found.item.name, current: found.impl.publishedVersion, versions: out.reverse() };
}

export async function flagList(ctx: Ctx, list: keyof typeof flagColumns, q: { page: number; pageSize: number; q?: string }) {
  return searchItems(ctx, { ...q, flags: list });
}

/** Themes and life situations of the published catalog, most used first. */
export async function listThemes(ctx: Ctx) {
  const rows = await rawRows<{ theme: string; n: number | string }>(
    ctx.database.db,
    sql`SELECT t.theme, count(*) AS n FROM ${catalogImplementations} JOIN ${catalogItems} ON ${catalogItems.id} = ${catalogImplementations.itemId} CROSS JOIN LATERAL jsonb_array_elements_text(${catalogItems.themes}) AS t(theme) WHERE ${catalogImplementations.state} = 'published' GROUP BY t.theme ORDER BY n DESC, t.theme`,
  );
  return rows.map((r) => ({ theme: r.theme, count: Number(r.n) }));
}

/** Base catalog items, for staff who implement one (with how many implementations each has). */
export async function listBaseItems(ctx: Ctx, q: z.infer<typeof BaseItemQuery>) {
  const db = ctx.database.db;
  const where = and(
    q.q ? or(like(catalogItems.name, `%${q.q}%`), like(catalogItems.baseCode, `${q.q.toUpperCase()}%`)) : undefined,
    q.itemType ? eq(catalogItems.itemType, q.itemType) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({ item: catalogItems, n: sql<number>`(SELECT count(*) FROM catalog_implementations ci WHERE ci.item_id = "catalog_items"."id")`.mapWith(Number) })
      .from(catalogItems)
      .where(where)
      .orderBy(asc(catalogItems.baseCode))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select({ n: count() }).from(catalogItems).where(where),
  ]);
  return pageOf(
    rows.map(({ item, n }) => ({ baseCode: item.baseCode, name: item.name, itemType: item.itemType as ItemRow['itemType'] & keyof typeof itemTypeNames, itemTypeName: itemTypeNames[item.itemType as keyof typeof itemTypeNames] ?? item.itemType, subjectTypes: item.subjectTypes, themes: item.themes, keywords: item.keywords, legalBasis: item.legalBasis, implementations: n })),
    total?.n ?? 0,
    q,
  );
}

const levelNames: Record<number, string> = { 1: '国家级', 2: '省级', 3: '市级', 4: '县级', 5: '乡级', 6: '村级' };
const feeKindNames = { administrative_fee: '行政事业性收费', government_fund: '政府性基金' } as const;

/**
 * A public list as a CSV download (platform/csv.ts: UTF-8 with a byte order mark, formula-like cells
 * defused): the whole list, the same rows as its page.
 */
export async function listCsv(ctx: Ctx, list: 'do-now' | 'do-online' | 'do-in-one-visit' | 'power' | 'fees' | 'intermediary'): Promise<string> {
  const all = { page: 1, pageSize: 100_000 };
  let rows: unknown[][];
  if (list === 'fees') {
    rows = [['收费编码', '收费名称', '类别', '收费依据', '收费标准', '收费部门', '生效日期', '失效日期', '状态']];
    for (const f of (await listFees(ctx, all)).items) rows.push([f.code, f.name, feeKindNames[f.kind], f.basis, f.standard, f.collectingDepartmentName, f.effectiveFrom, f.effectiveTo ?? '', f.effective ? '有效' : '已失效']);
  } else if (list === 'power') {
    rows = [['编码', '权力名称', '权力类型', '设定依据', '责任事项', '追责情形', '实施部门']];
    for (const p of (await listPowers(ctx, all)).items) rows.push([p.code, p.name, p.powerType, p.basis, p.responsibilities, p.accountability, p.departmentName]);
  } else if (list === 'intermediary') {
    rows = [['编码', '中介服务名称', '设定依据', '对应事项', '服务机构要求', '时限', '收费', '部门']];
    for (const m of (await listIntermediaries(ctx, all)).items) rows.push([m.code, m.name, m.basis, m.requiredFor, m.providerRequirements, m.timeLimit ?? '', m.feeNote ?? '', m.departmentName]);
  } else {
    rows = [['事项名称', '实施编码', '基本编码', '事项类型', '实施部门', '行使层级', '承诺时限（工作日）', '到现场次数', '网上办理等级']];
    for (const i of (await searchItems(ctx, { ...all, flags: list })).items) rows.push([i.name, i.implementationCode, i.baseCode, i.itemTypeName, i.departmentName, levelNames[i.level] ?? i.level, i.promisedLimitDays ?? '', i.visitsRequired ?? '', i.onlineLevel ?? '']);
  }
  return toCsv(rows);
}

// ---------- for other modules ----------

/**
 * The guide version a case is filed under: the current published version. Throws
 * `catalog.not_applicable` when the item is unpublished, suspended or abolished.
 */
export async function getApplicableVersion(ctx: Ctx, code: string) {
  const found = await findImpl(ctx.database.db, code);
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
    itemType: found.item.itemType,
    departmentId: found.impl.departmentId,
    regionPath: found.impl.regionPath,
    version: v.version,
    guide: v.guide,
  };
}

// ---------- workbench ----------

function scopeOf(impl: ImplRow) {
  return { regionPath: impl.regionPath, departmentId: impl.departmentId };
}

/** Implementations in the actor's edit or review scope, every state. */
export async function listForWorkbench(ctx: Ctx, q: z.infer<typeof WorkbenchListQuery>) {
  const db = ctx.database.db;
  const grants = [...scopesOf(ctx.actor, P.edit).scopes, ...scopesOf(ctx.actor, P.review).scopes];
  const scope = grants.some((g) => g.regionPath === '' && !g.departmentId)
    ? undefined
    : grants.length === 0
      ? sql`false`
      : or(
          ...grants.map((g) =>
            and(
              g.regionPath ? or(eq(catalogImplementations.regionPath, g.regionPath), like(catalogImplementations.regionPath, `${g.regionPath}/%`)) : undefined,
              g.departmentId ? eq(catalogImplementations.departmentId, g.departmentId) : undefined,
            ),
          ),
        );
  const pending = q.pending
    ? sql`EXISTS (SELECT 1 FROM ${catalogGuideVersions} WHERE ${catalogGuideVersions.implementationId} = ${catalogImplementations.id} AND ${catalogGuideVersions.status} = ${q.pending})`
    : undefined;
  const where = and(
    scope,
    pending,
    q.state ? eq(catalogImplementations.state, q.state) : undefined,
    q.department ? eq(catalogImplementations.departmentId, q.department) : undefined,
    q.q ? or(like(catalogItems.name, `%${q.q}%`), like(catalogImplementations.implementationCode, `%${q.q.toUpperCase()}%`)) : undefined,
  );
  const [ids, [total]] = await Promise.all([
    db.select({ id: catalogImplementations.id }).from(catalogImplementations).innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId)).where(where).orderBy(asc(catalogImplementations.implementationCode)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(catalogImplementations).innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId)).where(where),
  ]);
  return pageOf(await presentSummaries(db, ids.map((r) => r.id)), total?.n ?? 0, q);
}

async function latestVersions(db: Executor, implementationId: string) {
  return db.select().from(catalogGuideVersions).where(eq(catalogGuideVersions.implementationId, implementationId)).orderBy(desc(catalogGuideVersions.version));
}

function presentVersion(v: VersionRow) {
  return {
    version: v.version,
    status: v.status,
    changeNote: v.changeNote,
    reviewComment: v.reviewComment,
    submittedAt: v.submittedAt?.toISOString() ?? null,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    updatedAt: v.updatedAt.toISOString(),
  };
}

/** Everything staff see: the working (draft/submitted) version, the published one, the diff between them. */
export async function getForWorkbench(ctx: Ctx, code: string) {
  const db = ctx.database.db;
  const found = await findImpl(db, code);
  if (!found) throw notFound('catalog implementation', code);
  if (!ctxCanSee(ctx, found.impl)) throw new AppError('auth.out_of_scope');
  const versions = await latestVersions(db, found.impl.id);
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

function ctxCanSee(ctx: Ctx, impl: ImplRow): boolean {
  const s = scopeOf(impl);
  try {
    assertCan(ctx.actor, P.edit, s);
    return true;
  } catch {
    try {
      assertCan(ctx.actor, P.review, s);
      return true;
    } catch {
      return false;
    }
  }
}

export async function createItem(ctx: Ctx, input: z.infer<typeof ItemCreate>) {
  return transact(ctx, async (t) => {
    if (!holdsCityWide(t.actor, P.review)) throw new AppError('auth.out_of_scope', { extra: { permission: P.review } });
    if ((await t.tx.select({ id: catalogItems.id }).from(catalogItems).where(eq(catalogItems.baseCode, input.baseCode))).length) {
      throw new AppError('resource.conflict', { fields: [{ field: 'baseCode', code: 'duplicate' }] });
    }
    const row = { id: newId(), ...input };
    await t.tx.insert(catalogItems).values(row);
    t.audit({ action: 'catalog.item.create', objectType: 'catalog_item', objectId: input.baseCode, summary: { after: input } });
    return input;
  });
}

/** A new implementation of a base item by a department, with its first draft guide. */
export async function createImplementation(ctx: Ctx, input: z.infer<typeof ImplementationCreate>) {
  return transact(ctx, async (t) => {
    const [item] = await t.tx.select().from(catalogItems).where(eq(catalogItems.baseCode, input.baseCode));
    if (!item) throw new AppError('request.invalid', { fields: [{ field: 'baseCode', code: 'not_found' }] });
    const dept = await getDepartment(t, input.departmentId).catch(() => {
      throw new AppError('request.invalid', { fields: [{ field: 'departmentId', code: 'not_found' }] });
    });
    assertCan(t.actor, P.edit, { regionPath: dept.regionPath, departmentId: dept.id });
    const region = await getRegion(t, dept.regionCode);
    const code = implementationCode(dept.uscc, levelOfRegion[region.level] ?? 3, item.baseCode);
    if ((await t.tx.select({ id: catalogImplementations.id }).from(catalogImplementations).where(eq(catalogImplementations.implementationCode, code))).length) {
      throw new AppError('resource.conflict', { fields: [{ field: 'baseCode', code: 'duplicate' }], extra: { implementationCode: code } });
    }
    const guide = await validateGuide(t.tx, input.guide ?? (await starterGuide(t.tx, item.id, dept)));
    const id = newId();
    await t.tx.insert(catalogImplementations).values({
      id,
      implementationCode: code,
      itemId: item.id,
      departmentId: dept.id,
      departmentUscc: dept.uscc,
      departmentName: dept.name,
      regionCode: dept.regionCode,
      regionPath: dept.regionPath,
      level: levelOfRegion[region.level] ?? 3,
    });
    await t.tx.insert(catalogGuideVersions).values({ id: newId(), implementationId: id, version: 1, status: 'draft', guide, changeNote: input.changeNote ?? null, editedBy: t.actor.id });
    t.audit({ action: 'catalog.implementation.create', objectType: 'catalog_implementation', objectId: code, summary: { baseCode: item.baseCode, departmentId: dept.id } });
    return getForWorkbench(t, code);
  });
}

/**
 * The first draft of a new implementation when the editor sends none: the newest guide of another
 * implementation of the same item (a sibling department's, places and phones replaced by this
 * department's), else a skeleton to fill in. Review rules are never copied across departments.
 */
async function starterGuide(db: Executor, itemId: string, dept: { name: string; phone?: string | null; address?: string | null }): Promise<GuideInput> {
  const [sibling] = await db
    .select({ guide: catalogGuideVersions.guide })
    .from(catalogGuideVersions)
    .innerJoin(catalogImplementations, eq(catalogImplementations.id, catalogGuideVersions.implementationId))
    .where(and(eq(catalogImplementations.itemId, itemId), inArray(catalogGuideVersions.status, ['published', 'superseded'])))
    .orderBy(desc(catalogGuideVersions.publishedAt))
    .limit(1);
  const phone = dept.phone || '12345';
  const places = [{ name: dept.name, address: dept.address || '待填写', hours: '工作日 9:00-12:00，13:30-17:00' }];
  if (sibling) return { ...sibling.guide, places, phones: { inquiry: phone, complaint: '12345' }, reviewRules: '', fees: sibling.guide.fees };
  return {
    acceptanceConditions: ['待填写'],
    materials: [],
    process: [{ step: '受理', description: '待填写' }],
    statutoryLimitDays: 20,
    promisedLimitDays: 10,
    processingType: 'promised',
    visitsRequired: 1,
    onlineDepth: [1],
    doNow: false,
    doOnline: false,
    doInOneVisit: true,
    places,
    phones: { inquiry: phone, complaint: '12345' },
    result: { name: '待填写', type: 'other' },
    delivery: ['pickup'],
  };
}

async function lockImpl(t: TxCtx, code: string) {
  const found = await findImpl(t.tx, code);
  if (!found) throw notFound('catalog implementation', code);
  return found;
}

/** Starts a new version by copying the latest one (published, or the last superseded). */
export async function startDraft(ctx: Ctx, code: string) {
  return transact(ctx, async (t) => {
    const { impl } = await lockImpl(t, code);
    assertCan(t.actor, P.edit, scopeOf(impl));
    if (impl.state === 'abolished') throw new AppError('workflow.action_not_allowed', { detail: 'abolished items cannot change' });
    const versions = await latestVersions(t.tx, impl.id);
    if (versions.some((v) => v.status === 'draft' || v.status === 'submitted')) throw new AppError('catalog.draft_exists');
    const from = versions[0]!;
    const version = from.version + 1;
    await t.tx.insert(catalogGuideVersions).values({ id: newId(), implementationId: impl.id, version, status: 'draft', guide: from.guide, editedBy: t.actor.id });
    t.audit({ action: 'catalog.draft.create', objectType: 'catalog_implementation', objectId: code, summary: { version, copiedFrom: from.version } });
    return getForWorkbench(t, code);
  });
}

async function workingVersion(t: TxCtx, implementationId: string, status: 'draft' | 'submitted') {
  const [impl] = await t.tx.select({ state: catalogImplementations.state }).from(catalogImplementations).where(eq(catalogImplementations.id, implementationId));
  if (impl?.state === 'abolished') throw new AppError('workflow.action_not_allowed', { detail: 'abolished items cannot change' });
  const [v] = await t.tx
    .select()
    .from(catalogGuideVersions)
    .where(and(eq(catalogGuideVersions.implementationId, implementationId), eq(catalogGuideVersions.status, status)));
  if (!v) throw new AppError('workflow.action_not_allowed', { detail: `no ${status} version` });
  return v;
}

export async function updateDraft(ctx: Ctx, code: string, input: { guide: GuideInput; changeNote?: string }) {
  return transact(ctx, async (t) => {
    const { impl } = await lockImpl(t, code);
    assertCan(t.actor, P.edit, scopeOf(impl));
    const v = await workingVersion(t, impl.id, 'draft');
    const guide = await validateGuide(t.tx, input.guide);
    const changes = diffGuides(v.guide, guide);
    await t.tx
      .update(catalogGuideVersions)
      .set({ guide, changeNote: input.changeNote ?? v.changeNote, editedBy: t.actor.id, updatedAt: new Date() })
      .where(and(eq(catalogGuideVersions.id, v.id), eq(catalogGuideVersions.status, 'draft')));
    t.audit({ action: 'catalog.draft.update', objectType: 'catalog_implementation', objectId: code, summary: { version: v.version, fields: changes.map((c) => c.field).slice(0, 50) } });
    return getForWorkbench(t, code);
  });
}

export async function submitDraft(ctx: Ctx, code: string) {
  return transact(ctx, async (t) => {
    const { impl } = await lockImpl(t, code);
    assertCan(t.actor, P.edit, scopeOf(impl));
    const v = await workingVersion(t, impl.id, 'draft');
    await validateGuide(t.tx, v.guide);
    await t.tx.update(catalogGuideVersions).set({ status: 'submitted', submittedBy: t.actor.id, submittedAt: new Date(), reviewComment: null, updatedAt: new Date() }).where(eq(catalogGuideVersions.id, v.id));
    t.audit({ action: 'catalog.draft.submit', objectType: 'catalog_implementation', objectId: code, summary: { version: v.version } });
    return getForWorkbench(t, code);
  });
}

export async function rejectSubmitted(ctx: Ctx, code: string, reason: string) {
  return transact(ctx, async (t) => {
    const { impl } = await lockImpl(t, code);
    assertCan(t.actor, P.review, scopeOf(impl));
    const v = await workingVersion(t, impl.id, 'submitted');
    await t.tx.update(catalogGuideVersions).set({ status: 'draft', reviewComment: reason, updatedAt: new Date() }).where(eq(catalogGuideVersions.id, v.id));
    t.audit({ action: 'catalog.draft.reject', objectType: 'catalog_implementation', objectId: code, summary: { version: v.version, reason } });
    return getForWorkbench(t, code);
  });
}

/**
 * Rebuilds an implementation's search terms from its item (names, keywords, themes, codes), or
 * removes them: only published implementations are searchable.
 */
export async function indexImplementation(db: Executor, impl: Pick<ImplRow, 'id' | 'implementationCode' | 'views'>, item: Pick<ItemRow, 'name' | 'keywords' | 'themes' | 'baseCode'>, searchable = true) {
  await db.delete(catalogSearchTerms).where(eq(catalogSearchTerms.implementationId, impl.id));
  if (!searchable) return;
  const terms = termsFor({ ...item, implementationCode: impl.implementationCode });
  if (terms.length) await db.insert(catalogSearchTerms).values(terms.map((x) => ({ ...x, implementationId: impl.id, popularity: impl.views })));
}

/** Re-indexes the published implementations of an item whose name, keywords or themes changed. */
export async function reindexItem(db: Executor, item: ItemRow) {
  const impls = await db.select().from(catalogImplementations).where(and(eq(catalogImplementations.itemId, item.id), eq(catalogImplementations.state, 'published')));
  for (const impl of impls) await indexImplementation(db, impl, item);
}

export async function publishSubmitted(ctx: Ctx, code: string, comment?: string) {
  return transact(ctx, async (t) => {
    const { impl, item } = await lockImpl(t, code);
    assertCan(t.actor, P.review, scopeOf(impl));
    if (impl.state === 'abolished') throw new AppError('workflow.action_not_allowed', { detail: 'abolished' });
    const v = await workingVersion(t, impl.id, 'submitted');
    await validateGuide(t.tx, v.guide);
    const previous = impl.publishedVersion != null ? await findVersion(t.tx, impl.id, impl.publishedVersion) : undefined;
    const changes = diffGuides(previous?.guide ?? {}, v.guide);
    const now = new Date();
    if (previous) await t.tx.update(catalogGuideVersions).set({ status: 'superseded', updatedAt: now }).where(eq(catalogGuideVersions.id, previous.id));
    await t.tx.update(catalogGuideVersions).set({ status: 'published', publishedBy: t.actor.id, publishedAt: now, reviewComment: comment ?? null, updatedAt: now }).where(eq(catalogGuideVersions.id, v.id));
    await t.tx
      .update(catalogImplementations)
      .set({
        publishedVersion: v.version,
        state: impl.state === 'suspended' ? 'suspended' : 'published',
        ...publishedFigures(v.guide),
        version: sql`${catalogImplementations.version} + 1`,
        updatedAt: now,
      })
      .where(eq(catalogImplementations.id, impl.id));
    await indexImplementation(t.tx, impl, item, impl.state !== 'suspended');
    t.audit({ action: 'catalog.version.publish', objectType: 'catalog_implementation', objectId: code, summary: { version: v.version, previous: previous?.version ?? null, fields: changes.map((c) => c.field).slice(0, 50) } });
    return getForWorkbench(t, code);
  });
}

export async function changeState(ctx: Ctx, code: string, action: 'suspend' | 'resume' | 'abolish', reason: string) {
  return transact(ctx, async (t) => {
    const { impl, item } = await lockImpl(t, code);
    assertCan(t.actor, P.review, scopeOf(impl));
    const allowed = { suspend: ['published'], resume: ['suspended'], abolish: ['published', 'suspended', 'unpublished'] }[action];
    if (!allowed.includes(impl.state)) throw new AppError('workflow.action_not_allowed', { detail: `${action} from ${impl.state}` });
    const state = action === 'suspend' ? 'suspended' : action === 'resume' ? 'published' : 'abolished';
    await t.tx.update(catalogImplementations).set({ state, stateReason: reason, version: sql`${catalogImplementations.version} + 1`, updatedAt: new Date() }).where(eq(catalogImplementations.id, impl.id));
    await indexImplementation(t.tx, impl, item, state === 'published');
    t.audit({ action: `catalog.implementation.${action}`, objectType: 'catalog_implementation', objectId: code, summary: { before: impl.state, after: state, reason } });
    return getForWorkbench(t, code);
  });
}

export type { FieldChange };
