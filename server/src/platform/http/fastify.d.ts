import 'fastify';
import type { Ctx } from '../context.ts';
import type { RateLimit } from './rate-limit.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    startedAt: bigint;
  }
  interface FastifyContextConfig {
    /** Permission required (checked with the actor's grants before the handler). */
    permission?: string;
    /** 'public': no sign-in; 'signed-in': any signed-in actor; default 'public' unless permission is set. */
    auth?: 'public' | 'signed-in' | 'staff';
    /** Accepts an Idempotency-Key header. */
    idempotent?: boolean;
    /** Allowed while the actor must still change the initial password. */
    allowWithInitialPassword?: boolean;
    /** Requests per client address and window (429 `rate.limited` with Retry-After beyond it). */
    rateLimit?: RateLimit;
    /**
     * false: the route answers everyone alike, so the session cookie is not even read (no statement).
     * Routes outside /api and /open311 (static files, web pages, /healthz) never read it anyway.
     */
    session?: false;
  }
}
