import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';

/**
 * Bodies that are not JSON, described the way fastify-type-provider-zod and @fastify/swagger
 * intend: a request body is one zod schema plus the route's `consumes` (its media types, each given
 * that schema in the document); a response is `{ description, content: { [mediaType]: { schema } } }`,
 * which Fastify also uses to pick a serializer by the reply's content type. A raw file is
 * `type: string, format: binary`; the web's generator (web/scripts/gen-api.mjs) types it as a Blob.
 */

/** A raw file as the whole request body (the route's content-type parser hands it over as a Buffer). */
export const rawFileBody = z
  .custom<Buffer>((v) => Buffer.isBuffer(v), { message: 'the raw file as the request body' })
  .meta({ type: 'string', format: 'binary' });

/**
 * The route's preValidation hook with rawFileBody: a body that is no file (JSON or text, which
 * Fastify's own parsers read) is a 415 naming the accepted types, not a 400 from the body schema.
 */
export function rawFileOnly(mediaTypes: readonly string[]) {
  return async (request: FastifyRequest) => {
    if (!Buffer.isBuffer(request.body)) throw new AppError('request.unsupported_media_type', { extra: { accepted: mediaTypes } });
  };
}

// Sent as they are (Fastify serializes neither a Buffer nor a string with a non-JSON type): never checked.
const rawFile = z.custom<Buffer | string>(() => true).meta({ type: 'string', format: 'binary' });

/** A response that is a file of one of these media types (an export, a PDF…). */
export function fileResponse(description: string, mediaTypes: readonly string[]) {
  return { description, content: Object.fromEntries(mediaTypes.map((t) => [t, { schema: rawFile }])) };
}

/** RFC 9457 problem+json as platform/http/problem.ts writes it; `extra`: a module's own members. */
export function problemSchema<T extends z.ZodRawShape>(extra: T) {
  return z.looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), in: z.string().optional(), code: z.string(), message: z.string() })).optional(),
    ...extra,
  });
}

/** An error answer whose body the client reads beyond `code` (e.g. an import's bad rows). */
export function problemResponse<T extends z.ZodRawShape>(description: string, extra: T) {
  return { description, content: { 'application/problem+json': { schema: problemSchema(extra) } } };
}
