import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** Everything yiwang reads from the environment, validated once at start-up. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  PUBLIC_URL: z.string().url().optional(),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, zctx) => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === 'string') {
        zctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DATA_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters')
    .optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Sessions whose actor each process keeps in memory (least recently used beyond it are rebuilt). */
  ACTOR_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  /**
   * How long a process trusts the session rows and generation counters it last read before reading
   * them again (docs/architecture.md). A change made through this process takes effect at once; one
   * made by another process on the same database (a second server, a CLI command) within this many
   * seconds. 0: read them on every request.
   */
  CACHE_RECHECK_SECONDS: z.coerce.number().min(0).max(60).default(5),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Failed sign-ins from one client address per window before it must wait (docs/security.md). */
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(100_000).default(50),
  LOGIN_ADDRESS_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** SMS codes (docs/identity.md): wrong tries per code, and codes sent per mobile number and per client address per hour and per day. */
  SMS_CODE_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  SMS_SENDS_PER_PHONE_HOUR: z.coerce.number().int().min(1).max(1000).default(5),
  SMS_SENDS_PER_PHONE_DAY: z.coerce.number().int().min(1).max(10_000).default(10),
  SMS_SENDS_PER_ADDRESS_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  SMS_SENDS_PER_ADDRESS_DAY: z.coerce.number().int().min(1).max(1_000_000).default(200),
  /** Uploads per account and rolling 24 hours, and files uploaded but not yet attached (docs/security.md). */
  UPLOAD_DAILY_FILES: z.coerce.number().int().min(1).max(100_000).default(200),
  UPLOAD_DAILY_MB: z.coerce.number().int().min(1).max(1_000_000).default(1024),
  UPLOAD_UNATTACHED_MAX: z.coerce.number().int().min(1).max(10_000).default(60),
  /** Cases (docs/cases.md): a case's light turns yellow this many working days before its due date. */
  CASES_YELLOW_DAYS: z.coerce.number().int().min(0).max(60).default(2),
  /** Working days an applicant has to supply a requested correction before the case ends. */
  CASES_CORRECTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Largest material file one upload may be, in MB. */
  CASES_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(20),
  /** The CJK font of certificate PDFs (a .ttc/.ttf/.otf path) and the face inside a collection; unset: Debian's fonts-noto-cjk. */
  CERTIFICATE_FONT: z.string().optional(),
  CERTIFICATE_FONT_NAME: z.string().optional(),
  /** The SM2 key certificates are signed with; set it when several server processes run (unset: kept in DATA_DIR/secrets.json). */
  SIGNING_PRIVATE_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters')
    .optional(),
  DEMO_PASSWORD: z.string().min(8).optional(),
  ADMIN_PASSWORD: z.string().min(10).optional(),
  SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('yiwang <noreply@yiwang.local>'),
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  /**
   * The simulated real-name provider and market register (docs/identity.md) pass documented test
   * identities: 'allow' outside production by default, refused in production unless set to 'allow'.
   */
  SIMULATED_IDENTITY_ADAPTERS: z.enum(['allow', 'refuse']).optional(),
  JOBS: z.enum(['on', 'off']).default('on'),
  OPEN311_API_KEY: z.string().optional(),
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  /** Where uploaded files live: DATA_DIR/files, or S3-compatible object storage (docs/cases.md). */
  FILE_STORE: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_SESSION_TOKEN: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  S3_PREFIX: z.string().optional(),
});

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/**
 * Which peers may tell us the client's address and protocol (X-Forwarded-For / -Proto): nobody
 * (`false`, the default), the reverse proxies at these addresses or networks (`10.0.0.5,10.1.0.0/16`,
 * or `loopback`, `linklocal`, `uniquelocal`), or the nearest N hops (`1` when exactly one proxy
 * stands in front and the server cannot be reached around it). `true` ("believe any
 * X-Forwarded-For") is refused: a client could then choose its own address and slip past the
 * per-address limits, and claim https.
 */
export type TrustProxy = false | { hops: number } | { addresses: string[] };

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** The parsed setting, or a message saying what is wrong with it. */
/** The address users reach, without a trailing slash: PUBLIC_URL, or http://localhost:PORT when unset (links in messages and on paper must be absolute). */
export function publicOrigin(config: Pick<Config, 'PUBLIC_URL' | 'PORT'>): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
}

export function parseTrustProxy(raw: string): TrustProxy | string {
  const v = raw.trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '*') {
    return "trusting any X-Forwarded-For lets every client choose its own address: give the proxies' addresses (e.g. 10.0.0.5,10.1.0.0/16) or a hop count (e.g. 1) / 不能信任任意 X-Forwarded-For，请填写代理地址或跳数";
  }
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 10 ? { hops } : 'a hop count is 1 to 10';
  }
  const addresses = v
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  for (const a of addresses) {
    if (PROXY_NAMES.has(a)) continue;
    const [ip, prefix, extra] = a.split('/');
    const family = isIP(ip ?? '');
    const maxPrefix = family === 4 ? 32 : 128;
    if (!family || extra !== undefined || (prefix !== undefined && !(/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix))) {
      return `"${a}" is not an IP address, a CIDR network (10.1.0.0/16) or one of loopback, linklocal, uniquelocal`;
    }
  }
  return { addresses };
}

export type Env = z.infer<typeof envSchema>;

export interface Config extends Env {
  dataDir: string;
  storage: 'pglite' | 'postgres';
  secrets: Secrets;
}

export interface Secrets {
  /** HMAC key for session tokens and blind indexes. */
  sessionSecret: string;
  /** SM4 key (hex) for personal data at rest. */
  dataKey: string;
  /** SM2 key pair (hex) for signing results and certificates. */
  signingPrivateKey?: string;
  signingPublicKey?: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set" (as shells and compose files often leave them).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration / 配置错误:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const missing = e.FILE_STORE === 's3' ? S3_REQUIRED.filter((name) => !e[name]) : [];
  if (missing.length)
    throw new ConfigError(
      `Invalid configuration / 配置错误:\n${missing.map((name) => `  ${name}: required with FILE_STORE=s3 / 使用对象存储时必填`).join('\n')}`,
    );
  const dataDir = path.resolve(e.DATA_DIR);
  const storage = e.DATABASE_URL ? 'postgres' : 'pglite';
  const secrets = loadSecrets(dataDir, e);
  return { ...e, dataDir, storage, secrets };
}

/**
 * Secrets given by the environment win (production); otherwise they are generated on first start
 * and kept in DATA_DIR/secrets.json (mode 600), so a restart keeps sessions and encrypted data readable.
 */
function loadSecrets(dataDir: string, e: Env): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  const stored: Partial<Secrets> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>) : {};
  if (e.SESSION_SECRET && e.DATA_KEY) {
    return { sessionSecret: e.SESSION_SECRET, dataKey: e.DATA_KEY, signingPrivateKey: stored.signingPrivateKey, signingPublicKey: stored.signingPublicKey };
  }
  const kept = storeSecrets(dataDir, { sessionSecret: randomBytes(32).toString('hex'), dataKey: randomBytes(32).toString('hex') });
  return { ...kept, sessionSecret: e.SESSION_SECRET ?? kept.sessionSecret, dataKey: e.DATA_KEY ?? kept.dataKey };
}

/**
 * Adds the secrets `offered` to DATA_DIR/secrets.json where it has none yet, and answers what the
 * file holds afterwards. Several processes starting at once on one DATA_DIR agree on one set: the
 * first to write wins, the others adopt its values (a lock file orders them; the file is replaced
 * atomically, never half-written).
 */
export function storeSecrets(dataDir: string, offered: Partial<Secrets>): Secrets {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'secrets.json');
  const lock = `${file}.lock`;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let tries = 0; ; tries++) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock left by a process killed while holding it (it is held for milliseconds).
      if (tries > 100) {
        rmSync(lock, { force: true });
        continue;
      }
      Atomics.wait(pause, 0, 0, 20);
    }
  }
  try {
    const stored: Partial<Secrets> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>) : {};
    const merged = { ...offered, ...Object.fromEntries(Object.entries(stored).filter(([, v]) => v)) } as Secrets;
    if (JSON.stringify(merged) !== JSON.stringify(stored)) {
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(merged, null, 2), { mode: 0o600 });
      renameSync(tmp, file);
    }
    chmodSync(file, 0o600);
    return merged;
  } finally {
    rmSync(lock, { force: true });
  }
}

/** A config for tests: in-memory database, fixed secrets, nothing written to disk. */
export function testConfig(overrides: Partial<Env> = {}): Config {
  const e = envSchema.parse({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS: 'off', ...overrides });
  return {
    ...e,
    dataDir: path.resolve('./data-test-unused'),
    storage: process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite',
    secrets: { sessionSecret: 'test-session-secret-0123456789abcdef', dataKey: '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff' },
  };
}
