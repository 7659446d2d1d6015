import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';

export type Logger = FastifyBaseLogger;

/**
 * Logs never hold personal data or secrets. Known fields are redacted by path; any string that
 * looks like an ID number or a mobile number is masked wherever it appears; request URLs keep their
 * query's keys but not its values; a logged error never carries the values of a failed query (its
 * `params`, the database's `detail`, quoted values in database messages): names and addresses
 * match no pattern, so they are withheld by where they sit, not by what they look like.
 */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.idNumber',
  '*.phone',
  '*.token',
];

const ID_PATTERN = /\b(\d{6})(\d{8})(\d{3}[\dXx])\b/g;
const PHONE_PATTERN = /\b(1[3-9]\d)(\d{4})(\d{4})\b/g;

export function scrub(text: string): string {
  return text.replace(ID_PATTERN, '$1********$3').replace(PHONE_PATTERN, '$1****$3');
}

/** Query values that are never personal data and help reading a log; every other value is masked. */
const PLAIN_QUERY_KEYS = new Set([
  'page',
  'pageSize',
  'sort',
  'order',
  'status',
  'state',
  'kind',
  'type',
  'level',
  'from',
  'to',
  'year',
  'format',
  'lang',
  'locale',
]);

/** A URL for the log: the path (numbers scrubbed) and the query's keys, values masked unless plainly harmless. */
export function maskUrl(url: string): string {
  const at = url.indexOf('?');
  if (at === -1) return scrub(url);
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq === -1) return scrub(pair);
      const key = pair.slice(0, eq);
      let plain = false;
      try {
        plain = PLAIN_QUERY_KEYS.has(decodeURIComponent(key));
      } catch {
        plain = false;
      }
      return plain ? scrub(pair) : `${scrub(key)}=*`;
    })
    .join('&');
  return `${scrub(url.slice(0, at))}?${query}`;
}

/** Properties of errors (drizzle, pg, PGlite, our own) that hold the values of a query or a row. */
const DATA_KEYS = new Set(['params', 'parameters', 'values', 'detail', 'where', 'internalQuery', 'internalPosition', 'body', 'data', 'row', 'rows']);

/** A database message quotes the offending value after a colon (invalid input syntax for type uuid: "张三"). */
const maskQuotedValues = (text: string) => text.replace(/(: )"[^"\n]*"/g, '$1"…"');

/** The message of one error without data: a drizzle query error keeps its SQL, not its parameters. */
function safeMessage(err: Error): string {
  const e = err as Error & { query?: unknown; params?: unknown };
  if (typeof e.query === 'string' && Array.isArray(e.params)) return `Failed query: ${e.query}\nparams: [${e.params.length} values withheld]`;
  return maskQuotedValues(err.message);
}

export function serializeError(err: Error): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrub(String(err)) };
  const e = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  let message = String(e.message ?? '');
  let stack = String(e.stack ?? '');
  // pino joins the messages of the cause chain into message and stack: each is replaced by its safe form.
  let current: unknown = err;
  for (let depth = 0; current instanceof Error && depth < 8; depth++, current = current.cause) {
    const safe = safeMessage(current);
    if (current.message && safe !== current.message) {
      message = message.split(current.message).join(safe);
      stack = stack.split(current.message).join(safe);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(e)) {
    if (key === 'message' || key === 'stack') continue;
    if (DATA_KEYS.has(key)) {
      if (Array.isArray(value)) out[key] = `[${value.length} values withheld]`;
      continue;
    }
    out[key] = typeof value === 'string' ? scrub(maskQuotedValues(value)) : scrubObject(value);
  }
  return { ...out, message: scrub(message), stack: scrub(stack) };
}

export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        // Masks numbers in messages and string fields that the redaction paths do not name.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrub(a) : a && typeof a === 'object' ? scrubObject(a) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
        req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({
          method: req.method,
          url: maskUrl(req.url ?? ''),
          requestId: req.id,
          remoteAddress: req.ip,
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: serializeError,
      },
    },
    destination,
  );
}

function scrubObject(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return typeof value === 'string' ? scrub(value) : value;
  if (Array.isArray(value)) return value.map((v) => scrubObject(v, depth + 1));
  // Only plain objects are copied: framework objects (requests, errors) keep their prototypes.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  if (Array.isArray(value)) return value.map((v) => scrubObject(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = typeof v === 'string' ? scrub(v) : scrubObject(v, depth + 1);
  return out;
}
