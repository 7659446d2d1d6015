import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The Content-Security-Policy of every response. The web app is built by Vite into external
 * module scripts (web/dist/index.html has no inline script), so scripts come from 'self' only and
 * inline event handlers are off. Styles need 'unsafe-inline': Ant Design (CSS-in-JS) writes
 * <style> elements at run time, and index.html has the tiny loading-screen style. That admits
 * injected CSS, not script; no user text is ever rendered as HTML. Images may be data: (Ant Design
 * icons, Swagger UI) and blob: (a photo previewed before upload). Nothing may frame the site.
 * Swagger UI at /api/docs loads only its own files from /api/docs/static and fits the same policy.
 */
export const cspDirectives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
} as const;

export const CSP = Object.entries(cspDirectives)
  .map(([k, v]) => `${k} ${v.join(' ')}`)
  .join('; ');

/** Strict-Transport-Security for responses to https requests: 180 days, this host only. */
export const HSTS = 'max-age=15552000';

export const helmetOptions: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: Object.fromEntries(Object.entries(cspDirectives).map(([k, v]) => [k, [...v]])) },
  // Set per request in app.ts, only over TLS.
  strictTransportSecurity: false,
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  // Helmet's defaults for the rest: X-Content-Type-Options nosniff, Cross-Origin-Opener-Policy and
  // Cross-Origin-Resource-Policy same-origin, Origin-Agent-Cluster, X-DNS-Prefetch-Control off, ...
};

/** The headers a response gets even when it is answered before the hooks run (a malformed URL). */
export const securityHeaders: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
};
