import type { Middleware } from 'openapi-fetch';
import { apiFetch } from '../api/client';
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
 * A file as the raw request body of an upload or import (declared `format: binary`, typed Blob by
 * scripts/gen-api.mjs): sent as it is, with its media type, instead of being JSON-encoded.
 */
export function fileBody(file: Blob, contentType: string) {
  return { body: file, bodySerializer: (body: Blob) => body, headers: { 'Content-Type': contentType } };
}

/**
 * A raw request body for a route whose OpenAPI document declares none (the client then types `body`
 * as `never`): the file is put on the request here. Declare the body instead and use fileBody.
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
 * The client's fetch for a request that reads a failed answer's typed problem body (members beyond
 * `errors[]`, e.g. an import's bad rows): an answer with `status` comes back as openapi-fetch's
 * `error`; every other failure is thrown by the same apiFetch as always.
 */
export const passStatus =
  (status: number) =>
  (request: Request): Promise<Response> =>
    apiFetch(request, [status]);

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
