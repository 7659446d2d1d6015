import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile, readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';

/**
 * Where file bytes live. Keys are opaque strings made by the platform (`yyyy/mm/<uuid>`); the
 * metadata is in the `stored_files` table. Implementations: local disk (default, one server) and
 * an S3-compatible object store (several server processes; see s3.ts).
 */
export interface FileStore {
  readonly kind: string;
  put(key: string, data: Buffer): Promise<void>;
  /** The bytes as a stream; throws FileNotFoundError when missing. */
  get(key: string): Promise<Readable>;
  /** The bytes in memory (small files: materials are at most a few MiB). */
  read(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Every key with its last modification (for the orphan sweeper); stores that cannot list leave it out. */
  list?(): AsyncIterable<{ key: string; modifiedAt: Date }>;
}

export class FileNotFoundError extends Error {
  constructor(key: string) {
    super(`file ${key} not found`);
    this.name = 'FileNotFoundError';
  }
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function assertValidKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((s) => s === '..' || s === '.') || key.length > 300) throw new Error(`invalid file key ${JSON.stringify(key)}`);
}

/** Files under a root directory; each write goes to a temporary name first, then is renamed into place. */
export class LocalDiskFileStore implements FileStore {
  readonly kind = 'local';
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, target);
  }

  async get(key: string): Promise<Readable> {
    const p = this.pathOf(key);
    if (!(await this.exists(key))) throw new FileNotFoundError(key);
    return createReadStream(p);
  }

  async read(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new FileNotFoundError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  async *list(): AsyncIterable<{ key: string; modifiedAt: Date }> {
    let entries;
    try {
      entries = await readdir(this.root, { recursive: true, withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries) {
      if (!e.isFile()) continue;
      const full = path.join(e.parentPath, e.name);
      const key = path.relative(this.root, full).split(path.sep).join('/');
      yield { key, modifiedAt: (await stat(full)).mtime };
    }
  }
}

/** In memory: for tests that need no disk. */
export class MemoryFileStore implements FileStore {
  readonly kind = 'memory';
  private readonly files = new Map<string, Buffer>();
  async put(key: string, data: Buffer) {
    assertValidKey(key);
    this.files.set(key, Buffer.from(data));
  }
  async get(key: string) {
    return Readable.from([await this.read(key)]);
  }
  async read(key: string) {
    const b = this.files.get(key);
    if (!b) throw new FileNotFoundError(key);
    return Buffer.from(b);
  }
  async delete(key: string) {
    this.files.delete(key);
  }
  async exists(key: string) {
    return this.files.has(key);
  }
  private readonly times = new Map<string, Date>();
  /** For tests: pretend a key was written at this time. */
  touch(key: string, at: Date) {
    this.times.set(key, at);
  }
  async *list() {
    for (const key of this.files.keys()) yield { key, modifiedAt: this.times.get(key) ?? new Date() };
  }
}
