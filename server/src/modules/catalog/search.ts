import { pinyin } from 'pinyin-pro';

/**
 * Search keys computed in the application, so that the same query finds the same items on PGlite
 * and PostgreSQL whatever the database locale (no pg_trgm, no text-search parser):
 * - Chinese: character bigrams of each run of Han characters (a single character alone is a unigram);
 * - pinyin: for every position in the name or keyword, the toneless full pinyin and the initials from
 *   there to the end, matched by prefix ("shipinjingying", "jingying", "spjy" all find 食品经营许可);
 * - codes: base code and implementation code, matched by prefix.
 * A query is tokenized the same way; an item's score is the sum over query tokens of the best weight
 * it matched; ties go to popularity.
 */
export interface Term {
  term: string;
  weight: number;
}

export const weights = { nameBigram: 3, keywordBigram: 2, themeBigram: 1, namePinyin: 3, keywordPinyin: 2, code: 10 } as const;

const HAN = /\p{Script=Han}+/gu;

export function normalize(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

function hanRuns(s: string): string[] {
  return normalize(s).match(HAN) ?? [];
}

export function bigrams(s: string): string[] {
  const out: string[] = [];
  for (const run of hanRuns(s)) {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** Pinyin suffixes (full and initials) of each Han run, at least 2 letters long. */
export function pinyinSuffixes(s: string): string[] {
  const out: string[] = [];
  for (const run of hanRuns(s)) {
    const full = pinyin(run, { toneType: 'none', type: 'array', v: true }).map((p) => p.replace(/[^a-z]/g, ''));
    const initials = full.map((p) => p[0] ?? '');
    for (let i = 0; i < full.length; i++) {
      const f = full.slice(i).join('');
      const n = initials.slice(i).join('');
      if (f.length >= 2) out.push(f);
      if (n.length >= 2) out.push(n);
    }
  }
  return out;
}

export interface Searchable {
  name: string;
  keywords: string[];
  themes: string[];
  baseCode: string;
  implementationCode: string;
}

/** The terms stored for one published implementation (best weight per term). */
export function termsFor(item: Searchable): Term[] {
  const best = new Map<string, number>();
  const add = (term: string, weight: number) => {
    if (term && (best.get(term) ?? 0) < weight) best.set(term, weight);
  };
  for (const t of bigrams(item.name)) add(t, weights.nameBigram);
  for (const t of pinyinSuffixes(item.name)) add(t, weights.namePinyin);
  for (const k of item.keywords) {
    for (const t of bigrams(k)) add(t, weights.keywordBigram);
    for (const t of pinyinSuffixes(k)) add(t, weights.keywordPinyin);
  }
  for (const th of item.themes) for (const t of bigrams(th)) add(t, weights.themeBigram);
  add(normalize(item.baseCode), weights.code);
  add(normalize(item.implementationCode), weights.code);
  return [...best].map(([term, weight]) => ({ term, weight }));
}

export interface QueryToken {
  token: string;
  /** true: match stored terms starting with the token (pinyin, codes); false: exact (Chinese). */
  prefix: boolean;
}

/** Splits a query into Chinese bigrams and latin/digit tokens (pinyin, initials or codes). */
export function tokenizeQuery(q: string): QueryToken[] {
  const tokens = new Map<string, QueryToken>();
  for (const t of bigrams(q)) tokens.set(`=${t}`, { token: t, prefix: false });
  for (const w of normalize(q).match(/[a-z0-9]+/g) ?? []) {
    if (w.length >= 2) tokens.set(`^${w}`, { token: w, prefix: true });
  }
  return [...tokens.values()].slice(0, 24);
}

/** Escapes LIKE wildcards (tokens are [a-z0-9] only, but be safe). */
export function likePrefix(token: string): string {
  return `${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
