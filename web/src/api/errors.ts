/** One field-level message from the server's problem+json `errors[]`. */
export interface FieldError {
  field: string;
  code?: string;
  message: string;
}

interface ApiErrorInit {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
  retryAfterSeconds?: number;
  extra?: Record<string, unknown>;
}

/**
 * Every failed request becomes an ApiError: an RFC 9457 problem from the server, a non-problem HTTP
 * failure (proxy pages, 502), or a network failure (`status === 0`, `code === 'network'`).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** The problem's members beyond the standard ones (a module's own, e.g. `currentStatus`, `badRows`). */
  readonly extra: Record<string, unknown>;

  constructor(init: ApiErrorInit) {
    super(init.detail ?? init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.extra = init.extra ?? {};
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const standardMembers = new Set(['type', 'title', 'status', 'code', 'detail', 'instance', 'requestId', 'errors', 'retryAfterSeconds']);

/** Reads a failed response; problem+json when the server sent one, a generic error otherwise. */
export async function readApiError(res: Response): Promise<ApiError> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Record<string, unknown>;
      const errors = Array.isArray(body.errors)
        ? (body.errors as unknown[]).flatMap((e): FieldError[] => {
            if (!e || typeof e !== 'object') return [];
            const o = e as Record<string, unknown>;
            const field = asString(o.field);
            if (!field) return [];
            return [{ field, code: asString(o.code), message: asString(o.message) ?? asString(o.code) ?? '' }];
          })
        : [];
      return new ApiError({
        status: res.status,
        code: asString(body.code) ?? `http.${res.status}`,
        title: asString(body.title) ?? res.statusText,
        detail: asString(body.detail),
        errors,
        requestId: asString(body.requestId) ?? res.headers.get('x-request-id') ?? undefined,
        retryAfterSeconds: typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : undefined,
        extra: Object.fromEntries(Object.entries(body).filter(([key]) => !standardMembers.has(key))),
      });
    } catch {
      // fall through: a JSON content type with an unreadable body
    }
  }
  return new ApiError({
    status: res.status,
    code: `http.${res.status}`,
    title: res.statusText || `HTTP ${res.status}`,
    requestId: res.headers.get('x-request-id') ?? undefined,
  });
}

/** `roles.0.roleCode` → `['roles', 0, 'roleCode']`, the name path antd's Form uses. */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
