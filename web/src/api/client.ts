import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { ApiError, readApiError } from './errors';

let acceptLanguage = 'zh-CN';

/** Called by i18n whenever the language changes; the server localizes problem messages by it. */
export function setApiLanguage(language: string): void {
  acceptLanguage = language;
}

/**
 * The one place requests go through: same-origin cookies, the current language, and every failure
 * turned into an ApiError (thrown), so callers only ever see successful data. `pass`: statuses
 * answered as they are instead (openapi-fetch then gives their typed `error`, e.g. an import's 422).
 */
export async function apiFetch(request: Request, pass: readonly number[] = []): Promise<Response> {
  request.headers.set('Accept-Language', acceptLanguage);
  if (!request.headers.has('Accept')) request.headers.set('Accept', 'application/json');
  let res: Response;
  try {
    res = await fetch(request, { credentials: 'same-origin' });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network', title: 'Network error', detail: e instanceof Error ? e.message : undefined });
  }
  if (!res.ok && !pass.includes(res.status)) throw await readApiError(res);
  return res;
}

/** Typed over the `paths` generated from the server's OpenAPI document (`npm run -w web gen:api`). */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin', fetch: (request) => apiFetch(request) });

/**
 * openapi-fetch answers `{ data } | { error }`; apiFetch already threw on every error, so what reaches
 * here is success. `unwrap(api.GET(...))` gives the data, typed.
 */
export async function unwrap<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (error !== undefined) throw await readApiError(response);
  return data as D;
}
