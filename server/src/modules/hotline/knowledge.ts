import { pinyin } from 'pinyin-pro';
import type { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { categoryRepo, knowledgeRepo, type ArticleRow } from './repository.ts';
import type { KnowledgeCreate, KnowledgeQuery, KnowledgeUpdate } from './schemas.ts';
import { assertCityWideManager } from './policy.ts';

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
 * Pinyin from every position of each Han run to its end, full and initials (as the catalog does):
 * 占道经营 → zhandaojingying, daojingying, …, zdjy, djy, …; matched by prefix, so "zhandao", "jingying"
 * and "zdjy" all find it.
 */
export function pinyinSuffixes(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const full = pinyin(run, { toneType: 'none', type: 'array', v: true }).map((p) => p.toLowerCase().replace(/[^a-z]/g, ''));
    for (let i = 0; i < full.length; i++) {
      const f = full.slice(i).join('');
      const n = full
        .slice(i)
        .map((p) => p[0] ?? '')
        .join('');
      if (f.length >= 2) out.push(f);
      if (n.length >= 2) out.push(n);
    }
  }
  return out;
}

/**
 * The search terms of an article: bigrams of title, keywords and body, pinyin (full and initials) of
 * the title and keywords, and latin words. Searching is LIKE over ` term ` (the same on PGlite and PostgreSQL).
 */
export function searchTerms(title: string, keywords: string, body: string): string {
  const latin = `${title} ${keywords}`.toLowerCase().match(/[a-z0-9]{2,}/g) ?? [];
  const terms = new Set([...bigrams(`${title} ${keywords} ${body}`), ...initials(`${title} ${keywords}`), ...pinyinSuffixes(`${title} ${keywords}`), ...latin]);
  return ` ${[...terms].join(' ')} `;
}

export interface QueryToken {
  token: string;
  /** true: a stored term starting with the token (pinyin, latin); false: the exact term (Chinese). */
  prefix: boolean;
}

/** The query's tokens: Chinese bigrams (a lone character as itself) and latin words (pinyin, full or initials). */
export function queryTokens(q: string): QueryToken[] {
  const tokens = new Map<string, QueryToken>();
  for (const run of q.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    const parts = chars.length === 1 ? chars : chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
    for (const p of parts) tokens.set(`=${p}`, { token: p, prefix: false });
  }
  for (const w of q.toLowerCase().match(/[a-z0-9]+/g) ?? []) tokens.set(`^${w}`, { token: w, prefix: true });
  return [...tokens.values()].slice(0, 24);
}

/**
 * Articles by overlap with the query, as the catalog ranks (see knowledgeRepo.search). Articles matching
 * no token are left out; not every token has to match: 路灯坏了 still finds 路灯不亮如何报修.
 */
export async function searchKnowledge(ctx: Ctx, q: z.infer<typeof KnowledgeQuery> & { includeRetired?: boolean }) {
  const tokens = q.q ? queryTokens(q.q) : undefined;
  if (q.q && !tokens?.length) return pageOf([], 0, q);
  const { rows, total } = await knowledgeRepo.search(ctx.database.db, { ...q, tokens });
  return pageOf(rows.map(presentArticle), total, q);
}

export function presentArticle(r: ArticleRow) {
  return { id: r.id, title: r.title, body: r.body, categoryId: r.categoryId, keywords: r.keywords, active: r.active, updatedAt: r.updatedAt.toISOString() };
}

export function articleRow(input: z.infer<typeof KnowledgeCreate>, id = newId()) {
  return {
    id,
    title: input.title,
    body: input.body,
    categoryId: input.categoryId ?? null,
    keywords: input.keywords,
    searchTerms: searchTerms(input.title, input.keywords, input.body),
  };
}

export async function createArticle(ctx: Ctx, input: z.infer<typeof KnowledgeCreate>) {
  assertCityWideManager(ctx.actor);
  return transact(ctx, async (t) => {
    if (input.categoryId && !(await categoryRepo.find(t.tx, input.categoryId)))
      throw new AppError('request.invalid', { fields: [{ field: 'categoryId', code: 'not_found' }] });
    const row = articleRow(input);
    await knowledgeRepo.insert(t.tx, [row]);
    t.audit({ action: 'hotline.knowledge.create', objectType: 'hotline_knowledge', objectId: row.id, summary: { title: row.title } });
    const saved = await knowledgeRepo.find(t.tx, row.id);
    return presentArticle(saved!);
  });
}

/** Edit or retire (active: false) an article; its search terms are recomputed. */
export async function updateArticle(ctx: Ctx, id: string, input: z.infer<typeof KnowledgeUpdate>) {
  assertCityWideManager(ctx.actor);
  return transact(ctx, async (t) => {
    const before = await knowledgeRepo.find(t.tx, id);
    if (!before) throw notFound('hotline_knowledge', id);
    if (input.categoryId && !(await categoryRepo.find(t.tx, input.categoryId)))
      throw new AppError('request.invalid', { fields: [{ field: 'categoryId', code: 'not_found' }] });
    const title = input.title ?? before.title;
    const body = input.body ?? before.body;
    const keywords = input.keywords ?? before.keywords;
    const patch = {
      title,
      body,
      keywords,
      categoryId: input.categoryId === undefined ? before.categoryId : input.categoryId,
      active: input.active ?? before.active,
      searchTerms: searchTerms(title, keywords, body),
      updatedAt: new Date(),
    };
    const saved = await knowledgeRepo.update(t.tx, id, patch);
    const changed = (['title', 'body', 'keywords', 'categoryId', 'active'] as const).filter((k) => patch[k] !== before[k]);
    t.audit({
      action: before.active && !patch.active ? 'hotline.knowledge.retire' : 'hotline.knowledge.update',
      objectType: 'hotline_knowledge',
      objectId: id,
      summary: { title, changed },
    });
    return presentArticle(saved!);
  });
}
