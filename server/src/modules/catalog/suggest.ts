import { sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import type { Ctx } from '../../platform/context.ts';
import { rawRows, type Executor } from '../../platform/db/index.ts';
import { normalize } from './search.ts';

/**
 * "Did you mean": when no published name, keyword or theme contains the query, the published name or
 * keyword that holds the closest match to it by edit distance (a typo: 食品经营许克 → 食品经营许可,
 * shipingjingying → 食品经营). Computed in the service over a cached list of the published names and
 * keywords (no pg_trgm: the same answer on PGlite and PostgreSQL whatever the database has installed).
 */
export interface Phrase {
  /** The name or keyword as published. */
  text: string;
  /** Normalised (NFKC, lower case). */
  norm: string;
  /** Toneless full pinyin of the Han characters, letters only (computed when a latin query first needs it). */
  readonly pinyin: string;
  /** Their initials. */
  readonly initials: string;
}

const CACHE_MS = 60_000;
const cache = new WeakMap<object, { at: number; phrases: Promise<Phrase[]> }>();
/** Pinyin by text, for the life of the process (pinyin-pro takes ~0.3 ms a phrase: never on every reload). */
const pinyinOf = new Map<string, { pinyin: string; initials: string }>();

function spell(norm: string): { pinyin: string; initials: string } {
  let hit = pinyinOf.get(norm);
  if (!hit) {
    const han = norm.match(/\p{Script=Han}/gu)?.join('') ?? '';
    const syllables = han ? pinyin(han, { toneType: 'none', type: 'array', v: true }).map((x) => x.replace(/[^a-z]/g, '')) : [];
    hit = { pinyin: syllables.join(''), initials: syllables.map((x) => x[0] ?? '').join('') };
    if (pinyinOf.size < 200_000) pinyinOf.set(norm, hit);
  }
  return hit;
}

/** Spells the phrases in the background, 200 at a time, so a latin query seldom waits for pinyin-pro. */
function warm(list: Phrase[], from = 0): void {
  if (from >= list.length) return;
  setImmediate(() => {
    for (const p of list.slice(from, from + 200)) void p.pinyin;
    warm(list, from + 200);
  });
}

export function phraseOf(text: string): Phrase {
  const norm = normalize(text);
  return {
    text,
    norm,
    get pinyin() {
      return spell(norm).pinyin;
    },
    get initials() {
      return spell(norm).initials;
    },
  };
}

async function loadPhrases(db: Executor): Promise<Phrase[]> {
  const rows = await rawRows<{ text: string }>(
    db,
    sql`SELECT DISTINCT x.text FROM (SELECT i.name AS text FROM catalog_items i WHERE EXISTS (SELECT 1 FROM catalog_implementations m WHERE m.item_id = i.id AND m.state = 'published')
        UNION SELECT t.th AS text FROM catalog_items i CROSS JOIN LATERAL jsonb_array_elements_text(i.themes) AS t(th) WHERE EXISTS (SELECT 1 FROM catalog_implementations m WHERE m.item_id = i.id AND m.state = 'published')
        UNION SELECT k.kw AS text FROM catalog_items i CROSS JOIN LATERAL jsonb_array_elements_text(i.keywords) AS k(kw) WHERE EXISTS (SELECT 1 FROM catalog_implementations m WHERE m.item_id = i.id AND m.state = 'published')) x`,
  );
  return rows.map((r) => phraseOf(r.text)).filter((p) => p.norm.length >= 2);
}

/**
 * The published names, keywords and themes, read at most once a minute per database; a stale list
 * answers while the next one loads (only the very first search waits for it).
 */
function phrases(ctx: Ctx, now = Date.now()): Promise<Phrase[]> {
  const key = ctx.database as object;
  const hit = cache.get(key);
  if (hit && now - hit.at < CACHE_MS) return hit.phrases;
  const loading = loadPhrases(ctx.database.db);
  loading.then(
    (list) => {
      cache.set(key, { at: now, phrases: loading });
      warm(list);
    },
    () => {
      if (cache.get(key)?.phrases === loading) cache.delete(key);
    },
  );
  if (hit) {
    cache.set(key, { at: now, phrases: hit.phrases }); // one reload at a time
    return hit.phrases;
  }
  cache.set(key, { at: now, phrases: loading });
  return loading;
}

/** Forgets the cached names (tests, or after publishing when the answer must be current). */
export function forgetPhrases(ctx: Ctx): void {
  cache.delete(ctx.database as object);
}

/**
 * The fewest edits (insert, delete, replace a code point) that turn `query` into some part of `text`
 * (Sellers' approximate substring match: the part may start and end anywhere in `text`).
 */
export function substringDistance(query: string, text: string): number {
  const x = [...query];
  const y = [...text];
  let prev = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return Math.min(...prev);
}

/**
 * Typos allowed for a query of this many characters: none under 4 Han characters or 5 letters (护照
 * is one edit from 执照, yet no typo of it), then one, and two from 7 Han characters or 9 letters.
 */
function allowed(length: number, han: boolean): number {
  if (han) return length < 4 ? 0 : length < 7 ? 1 : 2;
  return length < 5 ? 0 : length < 9 ? 1 : 2;
}

/**
 * The suggestion for `q` among `list`, or undefined: a query that a name or keyword already contains
 * needs none; otherwise the phrase within the allowed distance (Chinese: of the characters; latin:
 * of the pinyin), the closest first, then the one nearest in length, then the shorter.
 */
export function suggestAmong(q: string, list: Phrase[]): string | undefined {
  const query = normalize(q).replace(/\s+/g, '');
  if (!query || /\d/.test(query)) return undefined; // codes are not corrected
  const han = /\p{Script=Han}/u.test(query);
  if (han && !/^\p{Script=Han}+$/u.test(query)) return undefined;
  if (!han && !/^[a-z]+$/.test(query)) return undefined;
  const max = allowed([...query].length, han);
  if (max === 0) return undefined;
  if (list.some((p) => (han ? p.norm.includes(query) : p.pinyin.includes(query) || p.initials.includes(query)))) return undefined;
  let best: { text: string; d: number; gap: number } | undefined;
  const chars = [...query];
  const pairs = chars.slice(1).map((c, i) => chars[i]! + c);
  // Each edit breaks at most two of the query's character pairs: a text holding fewer of them than
  // that cannot match (a cheap test before the edit distance).
  const needed = pairs.length - 2 * max;
  for (const p of list) {
    const target = han ? p.norm : p.pinyin;
    if ([...target].length < chars.length - max) continue;
    if (needed > 0 && pairs.filter((x) => target.includes(x)).length < needed) continue;
    const d = substringDistance(query, target);
    if (d === 0 || d > max) continue;
    const gap = Math.abs([...target].length - [...query].length);
    if (!best || d < best.d || (d === best.d && (gap < best.gap || (gap === best.gap && p.text.length < best.text.length)))) best = { text: p.text, d, gap };
  }
  return best?.text;
}

/** "Did you mean" for a search query (none when a published name, keyword or theme contains it). */
export async function suggestFor(ctx: Ctx, q: string): Promise<string | undefined> {
  return suggestAmong(q, await phrases(ctx));
}
