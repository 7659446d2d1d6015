import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { catalogGuideVersions, catalogImplementations, catalogItems } from './tables.ts';
import { catalogLifeEvents, catalogLifeEventVersions } from './life-events-tables.ts';
import type { LifeEventComputed, MemberGuide } from './life-events-definition.ts';
import type { Guide } from './guide.ts';

/** The SQL of 一件事 bundles (life-events.ts). */
export type LifeEventRow = typeof catalogLifeEvents.$inferSelect;
export type LifeEventVersionRow = typeof catalogLifeEventVersions.$inferSelect;

/** The published guides of the given implementations (one query), by implementation code. */
export async function memberGuides(db: Executor, codes: string[]): Promise<Map<string, MemberGuide>> {
  if (!codes.length) return new Map();
  const rows = await db
    .select({
      implementationCode: catalogImplementations.implementationCode,
      name: catalogItems.name,
      departmentId: catalogImplementations.departmentId,
      departmentName: catalogImplementations.departmentName,
      guideVersion: catalogGuideVersions.version,
      guide: catalogGuideVersions.guide,
    })
    .from(catalogImplementations)
    .innerJoin(catalogItems, eq(catalogItems.id, catalogImplementations.itemId))
    .innerJoin(
      catalogGuideVersions,
      and(eq(catalogGuideVersions.implementationId, catalogImplementations.id), eq(catalogGuideVersions.version, catalogImplementations.publishedVersion)),
    )
    .where(and(inArray(catalogImplementations.implementationCode, [...new Set(codes)]), eq(catalogImplementations.state, 'published')));
  return new Map(rows.map((r) => [r.implementationCode, { ...r, guide: r.guide as Guide }]));
}

export const lifeEventRepo = {
  async byCode(db: Executor, code: string): Promise<LifeEventRow | undefined> {
    const [row] = await db.select().from(catalogLifeEvents).where(eq(catalogLifeEvents.code, code));
    return row;
  },
  async version(db: Executor, id: string, version: number): Promise<LifeEventVersionRow | undefined> {
    const [row] = await db
      .select()
      .from(catalogLifeEventVersions)
      .where(and(eq(catalogLifeEventVersions.lifeEventId, id), eq(catalogLifeEventVersions.version, version)));
    return row;
  },
  async versions(db: Executor, id: string): Promise<LifeEventVersionRow[]> {
    return db.select().from(catalogLifeEventVersions).where(eq(catalogLifeEventVersions.lifeEventId, id)).orderBy(asc(catalogLifeEventVersions.version));
  },
  /** Every published bundle with its published version, by code. */
  async published(db: Executor) {
    return db
      .select({ e: catalogLifeEvents, v: catalogLifeEventVersions })
      .from(catalogLifeEvents)
      .innerJoin(
        catalogLifeEventVersions,
        and(eq(catalogLifeEventVersions.lifeEventId, catalogLifeEvents.id), eq(catalogLifeEventVersions.version, catalogLifeEvents.publishedVersion)),
      )
      .where(eq(catalogLifeEvents.state, 'published'))
      .orderBy(asc(catalogLifeEvents.code));
  },
  /** The versions of the given bundles without their computed documents (only the computed members' keys and names). */
  async versionSummaries(db: Executor, ids: string[]) {
    if (!ids.length) return [];
    return db
      .select({
        lifeEventId: catalogLifeEventVersions.lifeEventId,
        version: catalogLifeEventVersions.version,
        status: catalogLifeEventVersions.status,
        definition: catalogLifeEventVersions.definition,
        computedMembers: sql<{ key: string; name: string }[] | null>`${catalogLifeEventVersions.computed} -> 'members'`,
      })
      .from(catalogLifeEventVersions)
      .where(inArray(catalogLifeEventVersions.lifeEventId, ids))
      .orderBy(asc(catalogLifeEventVersions.lifeEventId), asc(catalogLifeEventVersions.version));
  },
  async all(db: Executor): Promise<LifeEventRow[]> {
    return db.select().from(catalogLifeEvents).orderBy(asc(catalogLifeEvents.code));
  },
  async insert(db: Executor, row: typeof catalogLifeEvents.$inferInsert): Promise<void> {
    await db.insert(catalogLifeEvents).values(row);
  },
  async insertVersion(db: Executor, row: typeof catalogLifeEventVersions.$inferInsert): Promise<void> {
    await db.insert(catalogLifeEventVersions).values(row);
  },
  async updateVersion(db: Executor, versionId: string, set: Partial<typeof catalogLifeEventVersions.$inferInsert>): Promise<void> {
    await db.update(catalogLifeEventVersions).set(set).where(eq(catalogLifeEventVersions.id, versionId));
  },
  /** The draft becomes the published version (the previous one superseded); the bundle carries its number. */
  async publish(db: Executor, row: LifeEventRow, draft: LifeEventVersionRow, computed: LifeEventComputed, by: string | null, now: Date): Promise<void> {
    if (row.publishedVersion != null)
      await db
        .update(catalogLifeEventVersions)
        .set({ status: 'superseded' })
        .where(and(eq(catalogLifeEventVersions.lifeEventId, row.id), eq(catalogLifeEventVersions.version, row.publishedVersion)));
    await db
      .update(catalogLifeEventVersions)
      .set({ status: 'published', computed, publishedBy: by, publishedAt: now, updatedAt: now })
      .where(eq(catalogLifeEventVersions.id, draft.id));
    await db
      .update(catalogLifeEvents)
      .set({ state: 'published', publishedVersion: draft.version, name: draft.definition.name, version: sql`${catalogLifeEvents.version} + 1`, updatedAt: now })
      .where(eq(catalogLifeEvents.id, row.id));
  },
};
