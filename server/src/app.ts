import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config, TrustProxy } from './platform/config/index.ts';
import type { Database } from './platform/db/index.ts';
import { ping } from './platform/db/index.ts';
import type { Logger } from './platform/logger.ts';
import { maskUrl } from './platform/logger.ts';
import type { Ctx } from './platform/context.ts';
import { anonymousActor, can } from './platform/auth/index.ts';
import { pickLocale } from './platform/i18n/index.ts';
import { AppError } from './platform/errors.ts';
import { sendProblem, toAppError } from './platform/http/problem.ts';
import { rejectBadInput } from './platform/http/input-guard.ts';
import { HSTS, securityHeaders } from './platform/http/security-headers.ts';
import { observeRequest, renderMetrics } from './platform/http/metrics.ts';
import { checkIdempotency, storeIdempotentResponse } from './platform/http/idempotency.ts';
import { SharedRateLimiter } from './platform/http/rate-limit.ts';
import type { WorkingCalendar } from './platform/calendar/service.ts';
import type { YiwangModule } from './platform/module.ts';
import { platformRoutes } from './platform/http/platform-routes.ts';
import { resolveActor, SESSION_COOKIE } from './modules/identity/index.ts';
import { bearerToken, resolveBearer, apiScopes } from './modules/oidc/index.ts';
import { ActorCache } from './platform/auth/actor-cache.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  calendar: WorkingCalendar;
  log: Logger;
  modules: YiwangModule[];
  /** Called for every route as it is added (tests enumerate the route table with it). */
  onRoute?: (route: RouteOptions) => void;
}

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * Fastify's trustProxy from TRUST_PROXY. A hop count trusts the nearest N peers whatever their address
 * (Fastify's own number option ignores X-Forwarded-* altogether); a list trusts those addresses only.
 * request.ip and request.protocol (hence the Secure cookie, the rate limits, login throttling, audit
 * addresses) follow it.
 */
export function trustProxyOption(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (!trust) return false;
  if ('hops' in trust) return (_address, hop) => hop < trust.hops;
  return trust.addresses;
}

/**
 * Does this request need to know who asks? Only the API does: static files, the web app's pages,
 * /healthz, /readyz and /metrics answer everyone alike, and a route may say so with
 * `config: { session: false }`. Those never read the session (no statement for a cookie).
 */
export function needsSession(routeUrl: string | undefined, routeConfig: { session?: boolean } | undefined): boolean {
  if (routeConfig?.session === false || !routeUrl) return false;
  return (routeUrl.startsWith('/api/') && !routeUrl.startsWith('/api/docs')) || routeUrl.startsWith('/open311/');
}

/**
 * Kept-alive connections: the server closes an idle one after KEEP_ALIVE_IDLE_MS, but tells clients
 * (`Keep-Alive: timeout=5`) to stop reusing it after 5 s. Node's own header would advertise the idle
 * timer itself, and a client may then send a request just before it runs out: if the process is
 * busy at that moment (a long synchronous PGlite query holds the one thread for seconds), the timer
 * fires when the thread comes back, before the waiting request is read, and the client gets a reset
 * connection (ECONNRESET: the bench's PGlite half, 2026-12-06). With the gap, a reset needs the
 * thread held for over a minute. A reverse proxy that ignores the header must keep its own upstream
 * idle timeout well under KEEP_ALIVE_IDLE_MS (docs/operations.md).
 */
export const KEEP_ALIVE_IDLE_MS = 72_000;
const KEEP_ALIVE_ADVERTISED = 'timeout=5';

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database, calendar, log } = deps;
  const app = Fastify({
    loggerInstance: log,
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    bodyLimit: 2 * 1024 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    routerOptions: { ignoreTrailingSlash: true },
    // A path that is not valid UTF-8 (a lone surrogate's bytes) or too long: a problem like any other 4xx.
    // (Answered before any hook runs, so the security headers are set here.)
    frameworkErrors: (error, request, reply) => sendProblem(request, reply.headers(securityHeaders), toAppError(error)),
    // Plugins load in well under a second on a quiet machine; a busy one should still start.
    pluginTimeout: 60_000,
    keepAliveTimeout: KEEP_ALIVE_IDLE_MS,
  }).withTypeProvider<ZodTypeProvider>();

  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie, { secret: config.secrets.sessionSecret });
  // Answers under 4 KiB go uncompressed: compressing a case's JSON cost about a tenth of a submit's
  // CPU and saves a few milliseconds on the slowest line; lists, pages and bundles are larger.
  await app.register(compress, { threshold: 4096, encodings: ['br', 'gzip'] });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'yiwang API',
        version: '0.1.0',
        description:
          'The API of yiwang (一网), the city government services platform. Errors are RFC 9457 problem+json with a stable `code`. ' +
          'Sign in with POST /api/auth/login; the session is a cookie. POSTs that create things accept an Idempotency-Key header.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          // Registered department systems: a client credentials token from /oidc/token (docs/oidc.md).
          oauth2: {
            type: 'oauth2',
            flows: { clientCredentials: { tokenUrl: '/oidc/token', scopes: Object.fromEntries(Object.entries(apiScopes).map(([k, v]) => [k, v.en])) } },
          },
          bearer: { type: 'http', scheme: 'bearer', description: 'An access token from /oidc/token (client credentials)' },
        },
      },
      security: [{ session: [] }, { oauth2: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI loads only its own scripts and styles from /api/docs/static: the site's CSP fits it.
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { validatorUrl: null } });

  const limiter = new SharedRateLimiter(database);
  // Who is behind each session, per app instance; good for one auth generation (docs/architecture.md).
  const actors = new ActorCache(config.ACTOR_CACHE_SIZE);
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('startedAt', 0n);

  // One hook for what every request needs first (each hook costs a promise per request).
  app.addHook('onRequest', async (request, reply) => {
    request.startedAt = process.hrtime.bigint();
    // Security headers on every response (platform/http/security-headers.ts; docs/security.md). HSTS
    // only when the request came over TLS (directly or from a trusted proxy): over plain http it would
    // be ignored at best, and a test install on http:// must keep working.
    reply.headers(securityHeaders);
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    reply.header('x-request-id', request.id);
    reply.header('keep-alive', KEEP_ALIVE_ADVERTISED);
    request.ctx = {
      config,
      database,
      calendar,
      log: request.log,
      actor: anonymousActor,
      requestId: request.id,
      ip: request.ip,
      locale: pickLocale(request.headers['accept-language']),
      generations: {},
    };
    const token = request.cookies[SESSION_COOKIE];
    if (token && needsSession(request.routeOptions.url, request.routeOptions.config)) {
      const actor = await resolveActor(request.ctx, token, actors);
      if (actor) request.ctx.actor = actor;
    } else if (!token && request.headers.authorization && needsSession(request.routeOptions.url, request.routeOptions.config)) {
      // A registered department system's access token (modules/oidc/bearer.ts): its scopes' permissions in its department.
      const bearer = bearerToken(request.headers.authorization);
      const client = bearer ? await resolveBearer(request.ctx, bearer) : undefined;
      if (client) request.ctx.actor = client;
    }
  });

  // NUL characters, lone surrogates and absurdly deep JSON: a 400 for every route, before validation.
  app.addHook('preValidation', rejectBadInput);

  app.addHook('preHandler', async (request, reply) => {
    const routeConfig = request.routeOptions.config;
    const actor = request.ctx.actor;
    const needsSignIn = routeConfig.permission || routeConfig.auth === 'signed-in' || routeConfig.auth === 'staff';
    if (needsSignIn && actor.kind === 'anonymous') throw new AppError('auth.required');
    if (routeConfig.auth === 'staff' && actor.kind !== 'staff') throw new AppError('auth.forbidden');
    if (needsSignIn && actor.mustChangePassword && !routeConfig.allowWithInitialPassword) throw new AppError('auth.password_change_required');
    if (routeConfig.permission && !can(actor, routeConfig.permission)) {
      throw new AppError('auth.forbidden', { extra: { permission: routeConfig.permission } });
    }
    const limit = routeConfig.rateLimit;
    if (limit && config.RATE_LIMITS === 'on' && (!limit.anonymousOnly || actor.kind === 'anonymous')) {
      const { ok, retryAfterSeconds } = await limiter.hit(limit, request.ip);
      if (!ok) {
        reply.header('retry-after', String(retryAfterSeconds));
        throw new AppError('rate.limited', { extra: { retryAfterSeconds } });
      }
    }
    if (routeConfig.idempotent && request.method === 'POST') {
      const outcome = await checkIdempotency(request, reply, request.ctx);
      if (outcome === 'replayed') return reply;
      if (outcome) request.ctx.idempotency = outcome;
    }
  });

  // Callback hooks (no promise) for what most requests skip: storing an idempotent answer, metrics.
  app.addHook('onSend', (request, reply, payload, done) => {
    const claim = request.ctx?.idempotency;
    if (!claim?.claimed || reply.statusCode >= 500) return done(null, payload);
    let body: unknown = null;
    try {
      body = typeof payload === 'string' ? JSON.parse(payload) : null;
    } catch {
      body = null;
    }
    storeIdempotentResponse(request.ctx, claim, reply.statusCode, body).then(
      () => done(null, payload),
      (err: Error) => done(err),
    );
  });

  app.addHook('onResponse', (request, reply, done) => {
    const seconds = Number(process.hrtime.bigint() - request.startedAt) / 1e9;
    observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, seconds);
    done();
  });

  app.setErrorHandler((err, request, reply) => {
    const appError = toAppError(err);
    if (appError.status >= 500) request.log.error({ err, url: maskUrl(request.url) }, 'request failed');
    return sendProblem(request, reply, appError);
  });

  app.setNotFoundHandler((request, reply) => {
    const isApi = /^\/(api|open311|healthz|readyz|metrics)(\/|$|\?)/.test(request.url);
    // A missing hashed asset is a real 404 (the web app then offers a reload after a deploy).
    const isAsset = request.url.startsWith('/assets/');
    if (!isApi && !isAsset && request.method === 'GET' && existsSync(path.join(webDist, 'index.html'))) {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', webDist);
    }
    return sendProblem(request, reply, new AppError('resource.not_found', { detail: `${request.method} ${request.url.split('?')[0]}` }));
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    const ok = await ping(database);
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'database unreachable', storage: database.kind });
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => reply.type('text/plain; version=0.0.4').send(await renderMetrics()));
  app.get('/api/openapi.json', { config: { session: false }, schema: { hide: true } }, async () => app.swagger());

  await app.register(platformRoutes);
  for (const module of deps.modules) {
    if (module.routes) await app.register(module.routes);
  }

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: false,
      // Our own rule below: hashed assets for a year, everything else revalidated.
      cacheControl: false,
      setHeaders(res, filePath) {
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', webDist);
    });
  }

  return app as unknown as FastifyInstance;
}
