import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);

/** A response body as it is held: already gzipped (e.g. stored so), or plain. */
export interface HeldBody {
  encoding: 'gzip' | 'identity';
  body: Buffer;
}

export function acceptsGzip(req: FastifyRequest): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

/**
 * Sends a body the way the client takes it (Accept-Encoding): a gzipped body as it is
 * (Content-Encoding: gzip) or decompressed on the way as a stream; a plain body as it is, or
 * gzipped (level 1: fast, the body is usually big) for a client that takes gzip. Sets Vary.
 */
export async function sendNegotiated(req: FastifyRequest, reply: FastifyReply, held: HeldBody): Promise<FastifyReply> {
  const gzipOk = acceptsGzip(req);
  reply.header('vary', 'accept-encoding');
  if (held.encoding === 'gzip') {
    if (gzipOk) return reply.header('content-encoding', 'gzip').send(held.body);
    return reply.send(Readable.from([held.body]).pipe(createGunzip()));
  }
  if (gzipOk) return reply.header('content-encoding', 'gzip').send(await gzipAsync(held.body, { level: 1 }));
  return reply.send(held.body);
}
