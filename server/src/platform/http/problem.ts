import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, findErrorEntry, type FieldError } from '../errors.ts';
import { fieldMessage, pickLocale, type Locale } from '../i18n/index.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance: string;
  requestId: string;
  errors?: { field: string; in?: string; code: string; message: string }[];
  [extra: string]: unknown;
}

export function problemOf(request: FastifyRequest, error: AppError): Problem {
  const locale: Locale = pickLocale(request.headers['accept-language']);
  const entry = findErrorEntry(error.code);
  const title = entry ? (locale === 'en' ? entry.en : entry.zh) : error.code;
  // A module's extra members come first: the standard ones (RFC 9457) and our code are never overwritten by them.
  return {
    ...error.extra,
    type: `https://yiwang.dev/problems/${error.code}`,
    title,
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    instance: request.url.split('?')[0] ?? request.url,
    requestId: request.id,
    ...(error.fields.length ? { errors: error.fields.map((f: FieldError) => ({ ...f, message: f.message ?? fieldMessage(f.code, locale) })) } : {}),
  };
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  // Limits and lockouts say when to come back, in the body and in the standard header.
  const retryAfter = error.extra.retryAfterSeconds;
  if (typeof retryAfter === 'number' && retryAfter > 0) reply.header('retry-after', String(Math.ceil(retryAfter)));
  return reply.status(error.status).type('application/problem+json; charset=utf-8').send(problemOf(request, error));
}

/** Maps anything thrown to a problem; only what we do not understand is a 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const context = (err as { validationContext?: string }).validationContext;
    return new AppError('request.invalid', {
      fields: err.validation.map((v) => {
        const params = v.params as { params?: { code?: string } };
        return {
          field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || (context ?? 'body'),
          in: context,
          code: params.params?.code ?? (v.keyword === 'invalid_type' && /received undefined/.test(v.message ?? '') ? 'required' : v.keyword),
        };
      }),
    });
  }
  if (isResponseSerializationError(err)) return new AppError('server.internal');
  const fe = err as FastifyError;
  if (fe && typeof fe === 'object' && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.statusCode === 413) return new AppError('request.too_large');
    if (fe.statusCode === 415) return new AppError('request.unsupported_media_type');
    if (fe.statusCode === 429) return new AppError('rate.limited');
    return new AppError('request.invalid', { status: fe.statusCode, detail: fe.message });
  }
  return new AppError('server.internal');
}
