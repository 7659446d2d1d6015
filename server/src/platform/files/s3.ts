import { Readable } from 'node:stream';
import { assertValidKey, FileNotFoundError, type FileStore } from './store.ts';
import { sha256Hex, signRequest } from './sigv4.ts';
import type { Config } from '../config/index.ts';

export interface S3Options {
  /** `https://obs.cn-north-4.myhuaweicloud.com`, `http://minio.internal:9000`, … */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Path-style URLs (`endpoint/bucket/key`: MinIO, most on-premises stores); else virtual-host (`bucket.endpoint/key`). */
  forcePathStyle?: boolean;
  /** Key prefix inside the bucket (e.g. `yiwang/`). */
  prefix?: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** For tests: the clock used to sign. */
  now?: () => Date;
}

/** The S3 options from the environment (S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, optional S3_SESSION_TOKEN, S3_FORCE_PATH_STYLE, S3_PREFIX). */
/** The object-storage settings of a config with FILE_STORE=s3 (loadConfig has checked the required ones). */
export function s3OptionsFromConfig(
  config: Pick<
    Config,
    'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_SESSION_TOKEN' | 'S3_FORCE_PATH_STYLE' | 'S3_PREFIX'
  >,
): S3Options {
  const need = (name: 'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY') => {
    const v = config[name];
    if (!v) throw new Error(`FILE_STORE=s3 needs ${name}`);
    return v;
  };
  return {
    endpoint: need('S3_ENDPOINT'),
    bucket: need('S3_BUCKET'),
    region: config.S3_REGION,
    accessKeyId: need('S3_ACCESS_KEY_ID'),
    secretAccessKey: need('S3_SECRET_ACCESS_KEY'),
    sessionToken: config.S3_SESSION_TOKEN || undefined,
    forcePathStyle: config.S3_FORCE_PATH_STYLE !== 'false',
    prefix: config.S3_PREFIX || undefined,
  };
}

export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly operation: string,
    body: string,
  ) {
    super(`S3 ${operation} failed: HTTP ${status} ${body.slice(0, 300)}`);
    this.name = 'S3Error';
  }
}

/**
 * S3-compatible object storage: the store a city uses when several server processes share files.
 * PUT / GET / HEAD / DELETE object with AWS Signature V4 over fetch (payload hash signed).
 */
export class S3FileStore implements FileStore {
  readonly kind = 's3';
  constructor(readonly options: S3Options) {}

  /** The object URL (path-style or virtual-host). */
  urlOf(key: string): URL {
    assertValidKey(key);
    const base = new URL(this.options.endpoint);
    const objectKey = `${this.options.prefix ?? ''}${key}`;
    const basePath = base.pathname.replace(/\/$/, '');
    if (this.options.forcePathStyle) return new URL(`${base.protocol}//${base.host}${basePath}/${this.options.bucket}/${objectKey}`);
    return new URL(`${base.protocol}//${this.options.bucket}.${base.host}${basePath}/${objectKey}`);
  }

  private async request(method: 'PUT' | 'GET' | 'HEAD' | 'DELETE', key: string, body?: Buffer): Promise<Response> {
    const url = this.urlOf(key);
    const payload = body ?? Buffer.alloc(0);
    const headers: Record<string, string> = { 'x-amz-content-sha256': sha256Hex(payload) };
    if (body) headers['content-type'] = 'application/octet-stream';
    const signed = signRequest({
      method,
      url,
      headers,
      payloadHash: headers['x-amz-content-sha256'],
      region: this.options.region,
      service: 's3',
      accessKeyId: this.options.accessKeyId,
      secretAccessKey: this.options.secretAccessKey,
      sessionToken: this.options.sessionToken,
      date: this.options.now?.() ?? new Date(),
    });
    // fetch sets Host from the URL (the same value that was signed).
    const { host: _host, ...send } = signed.headers;
    return fetch(url, { method, headers: send, body: body ? new Uint8Array(body) : undefined, signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
  }

  private async fail(res: Response, operation: string): Promise<never> {
    throw new S3Error(res.status, operation, await res.text().catch(() => ''));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const res = await this.request('PUT', key, data);
    if (!res.ok) await this.fail(res, `PUT ${key}`);
    await res.arrayBuffer();
  }

  async read(key: string): Promise<Buffer> {
    const res = await this.request('GET', key);
    if (res.status === 404) {
      await res.arrayBuffer();
      throw new FileNotFoundError(key);
    }
    if (!res.ok) await this.fail(res, `GET ${key}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async get(key: string): Promise<Readable> {
    return Readable.from([await this.read(key)]);
  }

  async exists(key: string): Promise<boolean> {
    const res = await this.request('HEAD', key);
    if (res.status === 404) return false;
    if (!res.ok) await this.fail(res, `HEAD ${key}`);
    return true;
  }

  async delete(key: string): Promise<void> {
    const res = await this.request('DELETE', key);
    // Deleting a missing object is not an error (S3 answers 204 either way; some stores 404).
    if (!res.ok && res.status !== 404) await this.fail(res, `DELETE ${key}`);
    await res.arrayBuffer();
  }
}
