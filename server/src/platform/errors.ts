/**
 * One error catalogue: every error a client can see has a stable code, an HTTP status and a message
 * in zh-CN and en. Routes and services throw AppError; the HTTP error handler renders RFC 9457.
 */
export const errorCatalog = {
  'request.invalid': { status: 400, zh: '请求内容不符合要求', en: 'The request is not valid' },
  'request.too_large': { status: 413, zh: '请求内容过大', en: 'The request is too large' },
  'request.unsupported_media_type': { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  'resource.not_found': { status: 404, zh: '找不到请求的资源', en: 'The resource was not found' },
  'resource.conflict': { status: 409, zh: '资源已存在或状态冲突', en: 'The resource already exists or is in a conflicting state' },
  'resource.stale': { status: 409, zh: '数据已被他人修改，请刷新后重试', en: 'Someone else changed this first; reload and try again' },
  'auth.required': { status: 401, zh: '请先登录', en: 'Please sign in' },
  'auth.invalid_credentials': { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.locked': {
    status: 423,
    zh: '登录失败次数过多，账号已临时锁定，请稍后再试（在曾成功登录过的浏览器上仍可登录）',
    en: 'Too many failed sign-ins; the account is locked for a while (a browser you have signed in with before can still sign in)',
  },
  'auth.too_many_attempts': {
    status: 429,
    zh: '此网络地址登录失败次数过多，请稍后再试（在曾成功登录过的浏览器上仍可登录）',
    en: 'Too many failed sign-ins from this network address; try again later (a browser you have signed in with before can still sign in)',
  },
  'auth.password_change_required': { status: 403, zh: '请先修改初始密码', en: 'Please change your initial password first' },
  'auth.weak_password': {
    status: 400,
    zh: '密码强度不足：至少 10 位，且不能是常见密码、简单规律或包含用户名、姓名',
    en: 'Password too weak: at least 10 characters, not a common password, a simple pattern or your username or name',
  },
  'auth.wrong_password': { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  'auth.forbidden': { status: 403, zh: '没有权限执行此操作', en: 'You do not have permission to do this' },
  'auth.out_of_scope': { status: 403, zh: '无权访问本辖区或本部门以外的数据', en: 'This is outside your region or department' },
  'idempotency.conflict': { status: 422, zh: '相同的幂等键已用于不同的请求', en: 'This Idempotency-Key was used for a different request' },
  'idempotency.in_progress': { status: 409, zh: '相同的请求正在处理中', en: 'The same request is still being processed' },
  'rate.limited': { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  'validation.id_number': { status: 400, zh: '居民身份证号码无效（校验码不符）', en: 'Invalid citizen ID number (check digit mismatch)' },
  'validation.uscc': { status: 400, zh: '统一社会信用代码无效（校验码不符）', en: 'Invalid unified social credit code (check character mismatch)' },
  'workflow.action_not_allowed': { status: 409, zh: '当前状态下不允许此操作', en: 'This action is not allowed in the current state' },
  'server.internal': { status: 500, zh: '服务器内部错误，请稍后再试', en: 'Internal server error; try again later' },
  'server.unavailable': { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type BuiltInErrorCode = keyof typeof errorCatalog;
export type ErrorEntry = { status: number; zh: string; en: string };

const moduleCatalog = new Map<string, ErrorEntry>(Object.entries(errorCatalog));

/** Modules add their own codes (prefixed with the module name) at import time. */
export function registerErrors(entries: Record<string, ErrorEntry>): void {
  for (const [code, entry] of Object.entries(entries)) moduleCatalog.set(code, entry);
}

export function findErrorEntry(code: string): ErrorEntry | undefined {
  return moduleCatalog.get(code);
}

export interface FieldError {
  field: string;
  code: string;
  message?: string;
}

export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: FieldError[];
  readonly extra: Record<string, unknown>;
  readonly detail?: string;

  constructor(code: string, opts: { fields?: FieldError[]; detail?: string; extra?: Record<string, unknown>; status?: number } = {}) {
    const entry = moduleCatalog.get(code);
    super(entry?.en ?? code);
    this.name = 'AppError';
    this.code = code;
    this.status = opts.status ?? entry?.status ?? 400;
    this.fields = opts.fields ?? [];
    this.extra = opts.extra ?? {};
    this.detail = opts.detail;
  }
}

export const notFound = (what: string, id: string) => new AppError('resource.not_found', { detail: `${what} ${id}`, extra: { resource: what } });

export const invalid = (fields: FieldError[]) => new AppError('request.invalid', { fields });
