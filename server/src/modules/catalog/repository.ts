import { and, asc, count, desc, eq, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import { rawRows, type Executor } from '../../platform/db/index.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { catalogGuideVersions, catalogImplementations, catalogItems, catalogSearchTerms } from './tables.ts';
import { likePrefix, type QueryToken, type Term } from './search.ts';
import type { Guide } from './guide.ts';
import type { ImplementationState } from './lifecycle.ts';
import { sqlRegionWithin } from '../../platform/auth/index.ts';
import { generationBumpedIn } from '../../platform/meta/generations.ts';

/**
 * Data access for the catalog's items, implementations, guide versions and search terms. The
 * services above it hold the rules; every query of these tables is here.
 */
export type ItemRow = typeof catalogItems.$inferSelect;
export type ImplRow = typeof catalogImplementations.$inferSelect;
export type VersionRow = typeof catalogGuideVersions.$inferSelect;
export type ItemFields = Omit<typeof catalogItems.$inferInsert, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export type ImplInsert = typeof catalogImplementations.$inferInsert;
export type VersionInsert = typeof catalogGuideVersions.$inferInsert;
type Paging = { page: number; pageSize: number };

/** Per query token, the most implementations it brings into the ranking (its best by weight and popularity). */
export const SEARCH_CANDIDATES = 1000;
/** A browse without a query counts its total up to this many (the page itself is never capped). */
export const BROWSE_COUNT_CAP = 1000;
/** Per prefix token (pinyin, initials, codes), the most index entries read. */
const PREFIX_SCAN = 5000;

/**
 * The catalog's generation counter (platform/meta/generations.ts), bumped in the statement's
 * transaction by every change of an item, an implementation or a guide version: the applicable
 * guide a case is filed under is cached per process for one generation (published-guides.ts).
 * View counts leave it alone.
 */
export const CATALOG_GENERATION = 'catalog';

async function bumpCatalogGeneration(db: Executor): Promise<void> {
  const key = `generation.${CATALOG_GENERATION}`;
  await db.execute(sql`
    INSERT INTO system_meta (key, value, updated_at) VALUES (${key}, '1'::jsonb, now())
    ON CONFLICT (key) DO UPDATE SET value = to_jsonb((system_meta.value #>> '{}')::bigint + 1), updated_at = now()`);
  generationBumpedIn(db);
}

// ---------- implementations with their item ----------

export async function findImplementation(db: Executor, code: string): Promise<{ impl: ImplRow; item: ItemRow } | undefined> {
  const [row] = await db
    .select({ impl: catalogImplementations, item: catalogItems })
    .from(catalogImplementations)
    .innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId))
    .where(eq(catalogImplementations.implementationCode, code));
  return row;
}

/** Implementations with their items, in the order of `ids`. */
export async function loadImplementations(db: Executor, ids: string[]): Promise<{ impl: ImplRow; item: ItemRow }[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ impl: catalogImplementations, item: catalogItems })
    .from(catalogImplementations)
    .innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId))
    .where(inArray(catalogImplementations.id, ids));
  const byId = new Map(rows.map((r) => [r.impl.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

export async function implementationCodeTaken(db: Executor, code: string): Promise<boolean> {
  return (
    (await db.select({ id: catalogImplementations.id }).from(catalogImplementations).where(eq(catalogImplementations.implementationCode, code))).length > 0
  );
}

export async function insertImplementation(db: Executor, row: ImplInsert): Promise<void> {
  await db.insert(catalogImplementations).values(row);
}

/** Changes an implementation's state or published figures (its version + 1). */
export async function updateImplementation(db: Executor, id: string, set: Partial<ImplInsert>): Promise<void> {
  await db
    .update(catalogImplementations)
    .set({ ...set, version: sql`${catalogImplementations.version} + 1`, updatedAt: new Date() })
    .where(eq(catalogImplementations.id, id));
  await bumpCatalogGeneration(db);
}

export async function allImplementations(db: Executor): Promise<{ impl: ImplRow; baseCode: string }[]> {
  return db
    .select({ impl: catalogImplementations, baseCode: catalogItems.baseCode })
    .from(catalogImplementations)
    .innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId))
    .orderBy(asc(catalogImplementations.implementationCode));
}

export async function publishedImplementationsOf(db: Executor, itemId: string): Promise<ImplRow[]> {
  return db
    .select()
    .from(catalogImplementations)
    .where(and(eq(catalogImplementations.itemId, itemId), eq(catalogImplementations.state, 'published')));
}

/**
 * Counts a guide view. The search terms carry a copy of the popularity, refreshed every 10th view
 * (so a popular guide does not rewrite its ~30 search rows on every view).
 */
export async function countView(db: Executor, implementationId: string): Promise<void> {
  const [row] = await db
    .update(catalogImplementations)
    .set({ views: sql`${catalogImplementations.views} + 1` })
    .where(eq(catalogImplementations.id, implementationId))
    .returning({ views: catalogImplementations.views });
  if (row && row.views % 10 === 0)
    await db.update(catalogSearchTerms).set({ popularity: row.views }).where(eq(catalogSearchTerms.implementationId, implementationId));
}

// ---------- guide versions ----------

export async function findVersion(db: Executor, implementationId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await db
    .select()
    .from(catalogGuideVersions)
    .where(and(eq(catalogGuideVersions.implementationId, implementationId), eq(catalogGuideVersions.version, version)));
  return row;
}

/** Every version of an implementation, newest first. */
export async function versionsOf(db: Executor, implementationId: string): Promise<VersionRow[]> {
  return db.select().from(catalogGuideVersions).where(eq(catalogGuideVersions.implementationId, implementationId)).orderBy(desc(catalogGuideVersions.version));
}

/** The published and superseded versions, oldest first. */
export async function publishedHistory(db: Executor, implementationId: string): Promise<VersionRow[]> {
  return db
    .select()
    .from(catalogGuideVersions)
    .where(and(eq(catalogGuideVersions.implementationId, implementationId), inArray(catalogGuideVersions.status, ['published', 'superseded'])))
    .orderBy(asc(catalogGuideVersions.version));
}

/** Each implementation's newest version (draft or submitted if it has one), by implementation id. */
export async function latestVersions(db: Executor): Promise<Map<string, VersionRow>> {
  const versions = await db.select().from(catalogGuideVersions).orderBy(desc(catalogGuideVersions.version));
  const latest = new Map<string, VersionRow>();
  for (const v of versions) if (!latest.has(v.implementationId)) latest.set(v.implementationId, v);
  return latest;
}

/** The newest published guide of any implementation of the item (a new implementation's starting point). */
export async function newestPublishedGuideOfItem(db: Executor, itemId: string): Promise<Guide | undefined> {
  const [sibling] = await db
    .select({ guide: catalogGuideVersions.guide })
    .from(catalogGuideVersions)
    .innerJoin(catalogImplementations, eq(catalogImplementations.id, catalogGuideVersions.implementationId))
    .where(and(eq(catalogImplementations.itemId, itemId), inArray(catalogGuideVersions.status, ['published', 'superseded'])))
    .orderBy(desc(catalogGuideVersions.publishedAt))
    .limit(1);
  return sibling?.guide;
}

export async function insertVersion(db: Executor, row: VersionInsert): Promise<void> {
  await db.insert(catalogGuideVersions).values(row);
}

export async function updateVersion(db: Executor, id: string, set: Partial<VersionInsert>): Promise<void> {
  await db
    .update(catalogGuideVersions)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(catalogGuideVersions.id, id));
  await bumpCatalogGeneration(db);
}

// ---------- base items ----------

export async function findItem(db: Executor, baseCode: string): Promise<ItemRow | undefined> {
  const [item] = await db.select().from(catalogItems).where(eq(catalogItems.baseCode, baseCode));
  return item;
}

export async function allItems(db: Executor): Promise<ItemRow[]> {
  return db.select().from(catalogItems).orderBy(asc(catalogItems.baseCode));
}

export async function insertItem(db: Executor, row: ItemFields & { id: string }): Promise<void> {
  await db.insert(catalogItems).values(row);
}

export async function updateItem(db: Executor, id: string, set: ItemFields): Promise<void> {
  await db
    .update(catalogItems)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(catalogItems.id, id));
  await bumpCatalogGeneration(db);
}

/** Base items by name or code prefix, with their number of implementations. */
export async function pageBaseItems(
  db: Executor,
  q: Paging & { q?: string; itemType?: string },
): Promise<{ rows: { item: ItemRow; n: number }[]; total: number }> {
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
  return { rows, total: total?.n ?? 0 };
}

/** Themes of the published catalog with their number of implementations, most used first. */
export async function themeCounts(db: Executor): Promise<{ theme: string; count: number }[]> {
  const rows = await rawRows<{ theme: string; n: number | string }>(
    db,
    sql`SELECT t.theme, count(*) AS n FROM ${catalogImplementations} JOIN ${catalogItems} ON ${catalogItems.id} = ${catalogImplementations.itemId} CROSS JOIN LATERAL jsonb_array_elements_text(${catalogItems.themes}) AS t(theme) WHERE ${catalogImplementations.state} = 'published' GROUP BY t.theme ORDER BY n DESC, t.theme`,
  );
  return rows.map((r) => ({ theme: r.theme, count: Number(r.n) }));
}

// ---------- search terms ----------

/** Replaces an implementation's search terms (none: it leaves the search). */
export async function replaceSearchTerms(db: Executor, implementationId: string, terms: Term[], popularity: number): Promise<void> {
  await db.delete(catalogSearchTerms).where(eq(catalogSearchTerms.implementationId, implementationId));
  if (terms.length) await db.insert(catalogSearchTerms).values(terms.map((x) => ({ ...x, implementationId, popularity })));
}

// ---------- lists ----------

// The filter's "" means the platform's own region only, as before (callers pass a real region to mean a subtree).
const regionSubtree = (path: string): SQL | undefined =>
  path === '' ? eq(catalogImplementations.regionPath, '') : sqlRegionWithin(catalogImplementations.regionPath, path);
/**
 * The public filter by place: the implementations inside the region, and those of the places above it
 * (the city's, the province's: 全市通办 items serve every district's residents) for items that have
 * no implementation of their own inside the region (a district's own office is the one to go to).
 */
function servingRegion(path: string): SQL | undefined {
  if (path === '' || path === '-') return regionSubtree(path);
  const inside = regionSubtree(path);
  const own = sql`SELECT 1 FROM ${catalogImplementations} own WHERE own.item_id = ${catalogImplementations.itemId} AND own.state = 'published' AND (own.region_path = ${path} OR left(own.region_path, ${path.length + 1}) = ${`${path}/`})`;
  // An ancestor: its path followed by "/" starts the chosen path (no LIKE, so no wildcards in codes matter).
  const above = sql`(${catalogImplementations.regionPath} = '' OR left(${path}, length(${catalogImplementations.regionPath}) + 1) = ${catalogImplementations.regionPath} || '/')`;
  return or(inside, and(above, sql`NOT EXISTS (${own})`));
}
const flagColumns = {
  'do-now': catalogImplementations.doNow,
  'do-online': catalogImplementations.doOnline,
  'do-in-one-visit': catalogImplementations.doInOneVisit,
} as const;
export type Flag = keyof typeof flagColumns;
export const isFlag = (f: string): f is Flag => f in flagColumns;

export interface PublishedFilters {
  department?: string;
  /** Region path of the subtree ('-' for an unknown region: nothing matches). */
  regionPath?: string;
  subject?: string;
  theme?: string;
  itemType?: string;
  flags: Flag[];
}

/**
 * Search and browse the published catalog: relevance (search terms) then popularity. Only published
 * implementations have search terms, so an unfiltered search never reads the implementations table
 * except for the page. Answers the page's implementation ids (with scores when searching) and the total.
 */
export async function searchPublished(
  db: Executor,
  f: PublishedFilters,
  tokens: QueryToken[],
  q: Paging,
): Promise<{ ids: string[]; scores?: Map<string, number>; total: number }> {
  const where = and(
    eq(catalogImplementations.state, 'published'),
    f.department ? eq(catalogImplementations.departmentId, f.department) : undefined,
    f.regionPath !== undefined ? servingRegion(f.regionPath) : undefined,
    f.subject ? sql`${catalogItems.subjectTypes} @> ${JSON.stringify([f.subject])}::jsonb` : undefined,
    f.theme ? sql`${catalogItems.themes} @> ${JSON.stringify([f.theme])}::jsonb` : undefined,
    f.itemType ? eq(catalogItems.itemType, f.itemType) : undefined,
    ...f.flags.map((flag) => eq(flagColumns[flag], true)),
  );
  const hasFilters = Boolean(f.department || f.regionPath !== undefined || f.subject || f.theme || f.itemType || f.flags.length);
  if (tokens.length === 0) {
    // Browse by popularity: the (state, views) index read in order, stopping at the page; the
    // total is counted up to BROWSE_COUNT_CAP (a browse never counts all 20,000 rows).
    const base = db
      .select({ id: catalogImplementations.id })
      .from(catalogImplementations)
      .innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId))
      .where(where);
    const [ids, [total]] = await Promise.all([
      base.orderBy(desc(catalogImplementations.views), asc(catalogImplementations.implementationCode)).limit(q.pageSize).offset(offsetOf(q)),
      rawRows<{ n: number | string }>(
        db,
        sql`SELECT count(*) AS n FROM (SELECT 1 FROM ${catalogImplementations} JOIN ${catalogItems} ON ${catalogItems.id} = ${catalogImplementations.itemId} WHERE ${where} LIMIT ${BROWSE_COUNT_CAP}) c`,
      ),
    ]);
    return { ids: ids.map((r) => r.id), total: Number(total?.n ?? 0) };
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
  return { ids: rows.map((r) => r.id), scores: new Map(rows.map((r) => [r.id, Number(r.score)])), total };
}

/**
 * Implementations within any of the scopes (undefined: everywhere; empty: nothing), every state,
 * in code order: the workbench list.
 */
export async function pageForWorkbench(
  db: Executor,
  scopes: { regionPath: string; departmentId: string | null }[] | undefined,
  q: Paging & { q?: string; state?: ImplementationState; pending?: 'draft' | 'submitted'; department?: string },
): Promise<{ ids: string[]; total: number }> {
  const scope =
    scopes === undefined
      ? undefined
      : scopes.length === 0
        ? sql`false`
        : or(
            ...scopes.map((g) =>
              and(g.regionPath ? regionSubtree(g.regionPath) : undefined, g.departmentId ? eq(catalogImplementations.departmentId, g.departmentId) : undefined),
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
    db
      .select({ id: catalogImplementations.id })
      .from(catalogImplementations)
      .innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId))
      .where(where)
      .orderBy(asc(catalogImplementations.implementationCode))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select({ n: count() }).from(catalogImplementations).innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId)).where(where),
  ]);
  return { ids: ids.map((r) => r.id), total: total?.n ?? 0 };
}
