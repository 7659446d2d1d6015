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
  .join(';');

/** Strict-Transport-Security for responses to https requests: 180 days, this host only. */
export const HSTS = 'max-age=15552000';

/**
 * The security headers of every response, set once per request from this constant object (in
 * app.ts's first hook, and on answers given before any hook runs: a malformed URL). They are what
 * @fastify/helmet set with our options (X-Frame-Options DENY, our referrer policy and CSP, no HSTS
 * over plain http) and its defaults for the rest; helmet itself is not used because it rebuilt the
 * CSP string and ran a dozen middlewares on every request (about a tenth of a bare request's CPU).
 * HSTS is added per request, over TLS only (app.ts).
 */
export const securityHeaders: Record<string, string> = {
  'content-security-policy': CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
