import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';

export type Logger = FastifyBaseLogger;

/**
 * Logs never hold personal data or secrets. Known fields are redacted by path; any string that
 * looks like an ID number or a mobile number is masked wherever it appears.
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
        req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({ method: req.method, url: scrub(req.url ?? ''), requestId: req.id, remoteAddress: req.ip }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        err: (err: Error) => {
          const e = pino.stdSerializers.err(err);
          return { ...e, message: scrub(e.message ?? ''), stack: scrub(e.stack ?? '') };
        },
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
