import { and, asc, count, desc, eq, like, sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import type { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { offsetOf, pageOf } from '../../platform/db/paging.ts';
import { hotlineKnowledge } from './tables.ts';
import type { KnowledgeCreate, KnowledgeQuery } from './schemas.ts';

const HAN = /\p{Script=Han}/u;

/** Overlapping two-character pieces of each run of Chinese characters (and single characters). */
export function bigrams(text: string): string[] {
  const out = new Set<string>();
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    for (const c of chars) out.add(c);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out];
}

/** Pinyin initials of each run of Chinese characters: 占道经营 → zdjy. */
export function initials(text: string): string[] {
  return (text.match(/\p{Script=Han}+/gu) ?? []).map((run) => pinyin(run, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase());
}

/**
 * The search terms of an article: bigrams of title, keywords and body, pinyin initials of the title
 * and keywords, and latin words. Searching is LIKE over ` term ` (the same on PGlite and PostgreSQL).
 */
export function searchTerms(title: string, keywords: string, body: string): string {
  const latin = `${title} ${keywords}`.toLowerCase().match(/[a-z0-9]{2,}/g) ?? [];
  const terms = new Set([...bigrams(`${title} ${keywords} ${body}`), ...initials(`${title} ${keywords}`), ...latin]);
  return ` ${[...terms].join(' ')} `;
}

/** The query's terms: every one must match. Latin input is taken as pinyin initials (prefix). */
export function queryConditions(q: string) {
  const conds = [];
  if (HAN.test(q)) {
    const parts = (q.match(/\p{Script=Han}+/gu) ?? []).flatMap((run) => {
      const chars = [...run];
      return chars.length === 1 ? chars : chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
    });
    for (const p of new Set(parts)) conds.push(like(hotlineKnowledge.searchTerms, `% ${p} %`));
  }
  for (const w of q.toLowerCase().match(/[a-z0-9]+/g) ?? []) conds.push(like(hotlineKnowledge.searchTerms, `% ${w}%`));
  return conds;
}

export async function searchKnowledge(ctx: Ctx, q: z.infer<typeof KnowledgeQuery>) {
  const conds = q.q ? queryConditions(q.q) : [];
  const where = and(eq(hotlineKnowledge.active, true), ...conds);
  const titleHit = q.q ? sql<number>`case when ${hotlineKnowledge.title} like ${`%${q.q}%`} then 0 else 1 end` : sql<number>`0`;
  const db = ctx.database.db;
  const [rows, [total]] = await Promise.all([
    db.select().from(hotlineKnowledge).where(where).orderBy(titleHit, desc(hotlineKnowledge.updatedAt), asc(hotlineKnowledge.id)).limit(q.pageSize).offset(offsetOf(q)),
    db.select({ n: count() }).from(hotlineKnowledge).where(where),
  ]);
  return pageOf(rows.map(presentArticle), total?.n ?? 0, q);
}

export function presentArticle(r: typeof hotlineKnowledge.$inferSelect) {
  return { id: r.id, title: r.title, body: r.body, categoryId: r.categoryId, keywords: r.keywords, updatedAt: r.updatedAt.toISOString() };
}

export function articleRow(input: z.infer<typeof KnowledgeCreate>, id = newId()) {
  return { id, title: input.title, body: input.body, categoryId: input.categoryId ?? null, keywords: input.keywords, searchTerms: searchTerms(input.title, input.keywords, input.body) };
}

export async function createArticle(ctx: Ctx, input: z.infer<typeof KnowledgeCreate>) {
  return transact(ctx, async (t) => {
    const row = articleRow(input);
    await t.tx.insert(hotlineKnowledge).values(row);
    t.audit({ action: 'hotline.knowledge.create', objectType: 'hotline_knowledge', objectId: row.id, summary: { title: row.title } });
    const [saved] = await t.tx.select().from(hotlineKnowledge).where(eq(hotlineKnowledge.id, row.id));
    return presentArticle(saved!);
  });
}
