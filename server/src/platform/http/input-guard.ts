import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { registerFieldMessages } from '../i18n/index.ts';

/**
 * Input no route can store or search for, rejected once for every route before validation: a NUL
 * character (PostgreSQL text cannot hold it, so the query failed with a 500), a lone UTF-16
 * surrogate (not a character: the database either refuses it or silently turns it into U+FFFD),
 * and JSON nested deeper than any form of ours (a 10,000-deep document reached JSONB and recursive
 * code). Answered as 400 `request.invalid` naming the field.
 */
export const MAX_INPUT_DEPTH = 32;

registerFieldMessages({
  invalid_characters: {
    zh: '包含不允许的字符（空字符或不完整的 Unicode 字符）',
    en: 'Contains characters that are not allowed (NUL or an incomplete Unicode character)',
  },
  too_deep: { zh: '嵌套层级过深', en: 'Nested too deeply' },
});

// With the u flag a surrogate pair is one code point, so \p{Cs} matches only a lone surrogate.
const BAD_CHARACTERS = /[\0\p{Cs}]/u;

export function hasBadCharacters(text: string): boolean {
  return BAD_CHARACTERS.test(text);
}

/** The first problem in a parsed value (query, params or JSON body), walked without recursion. */
export function findBadInput(value: unknown): { path: string[]; code: 'invalid_characters' | 'too_deep' } | undefined {
  const stack: { v: unknown; path: string[] }[] = [{ v: value, path: [] }];
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (hasBadCharacters(v)) return { path, code: 'invalid_characters' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    // Raw bodies (uploads, imports) are Buffers: their content is checked where it is parsed. Plain
    // objects only; the query parser's objects inherit from a prototype-less object.
    const isArray = Array.isArray(v);
    const proto = Object.getPrototypeOf(v) as object | null;
    if (!isArray && proto !== Object.prototype && proto !== null && Object.getPrototypeOf(proto) !== null) continue;
    if (path.length >= MAX_INPUT_DEPTH) return { path, code: 'too_deep' };
    if (isArray) {
      for (let i = (v as unknown[]).length - 1; i >= 0; i--) stack.push({ v: (v as unknown[])[i], path: [...path, String(i)] });
    } else {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        if (hasBadCharacters(key)) return { path: [...path, key.replace(BAD_CHARACTERS, '?')], code: 'invalid_characters' };
        stack.push({ v: item, path: [...path, key] });
      }
    }
  }
  return undefined;
}

const parts = [
  ['params', 'params'],
  ['query', 'querystring'],
  ['body', 'body'],
] as const;

/** preValidation hook: throws 400 `request.invalid` for the first bad value found. */
export async function rejectBadInput(request: FastifyRequest): Promise<void> {
  for (const [prop, where] of parts) {
    const found = findBadInput(request[prop]);
    if (!found) continue;
    const field = {
      field: found.path.map((p) => p.replace(BAD_CHARACTERS, '?')).join('.') || where,
      in: where,
      code: found.code,
    };
    // `in` as for schema errors (see toAppError): where the field was found.
    throw new AppError('request.invalid', { fields: [field] });
  }
}
