import type { Middleware } from 'openapi-fetch';
import i18n from 'i18next';
import { ApiError, readApiError } from '../api/errors';
import type { paths } from '../api/schema';

/**
 * Small pieces the features use with the one typed client (`api` and `unwrap` in web/src/api/client.ts).
 * The client itself does the cross-cutting work: same-origin cookies, Accept-Language, and every failed
 * answer thrown as an ApiError (problem+json → localized message and field errors); the query client
 * turns a 401 into the sign-in redirect (app/query-client.ts).
 */

/** The Idempotency-Key header of a creating POST: the same key on a retry of the same submission. */
export const idempotent = (key: string) => ({ 'Idempotency-Key': key });

/**
 * Drops empty-string and null filters so they are not sent as `?status=` (the server would reject an
 * empty enum value); undefined is left out by openapi-fetch already.
 */
export function compact<Q extends object>(query: Q): Q {
  const out: Partial<Q> = {};
  for (const key of Object.keys(query) as (keyof Q)[]) {
    const value = query[key];
    if (value !== '' && value !== null && value !== undefined) out[key] = value;
  }
  return out as Q;
}

/**
 * A raw request body (a file upload) for the routes whose OpenAPI document declares no request body:
 * the client then types `body` as `never`, so the file is put on the request here. Path, query and the
 * answer stay typed by the client.
 */
export function rawBody(body: Blob, contentType: string): Middleware {
  return {
    onRequest({ request }) {
      const headers = new Headers(request.headers);
      headers.set('Content-Type', contentType);
      return new Request(request, { body, headers });
    },
  };
}

/**
 * The client's fetch for the one request that must read a failed answer's whole problem body (members
 * beyond `errors[]`, e.g. an import's bad rows): an answer with `status` comes back as openapi-fetch's
 * `error` instead of being thrown. Every other failure becomes an ApiError exactly as in the client's
 * own fetch (apiFetch), so callers handle errors in one way.
 */
export function passStatus(status: number) {
  return async (request: Request): Promise<Response> => {
    request.headers.set('Accept-Language', i18n.language || 'zh-CN');
    if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
    let res: Response;
    try {
      res = await fetch(request, { credentials: 'same-origin' });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError({ status: 0, code: 'network', title: 'Network error', detail: e instanceof Error ? e.message : undefined });
    }
    if (res.ok || res.status === status) return res;
    throw await readApiError(res);
  };
}

type PathParams<P extends string> = P extends `${string}{${infer K}}${infer Rest}` ? { [key in K]: string } & PathParams<Rest> : unknown;

/**
 * The address of a GET route the browser opens itself (a download link, an <img>, a file the user
 * saves): the path is checked against the document like the client's, so a renamed route is a type
 * error, and the `{name}` parameters are filled in, encoded.
 */
export function apiUrl<P extends keyof paths & string>(path: P, params: PathParams<P>, query?: Record<string, string | number | undefined>): string {
  const values: Record<string, string> = { ...(params as object) };
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${filled}?${qs}` : filled;
}

/** A filter value read from the URL, kept only when it is one of the values the route accepts. */
export function oneOf<T extends string>(allowed: readonly T[], value: string | null | undefined): T | undefined {
  return allowed.find((a) => a === value);
}

/**
 * A value the form's rules require, for a typed request body: missing only if a form lost its rule,
 * and then it fails loudly here rather than sending a made-up value.
 */
export function filled<T>(value: T | null | undefined, field: string): T {
  if (value === undefined || value === null || value === '') throw new Error(`${field} is required`);
  return value;
}
