import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Config } from '../config/index.ts';
import { transact, type Ctx, type TxCtx } from '../context.ts';
import type { Executor } from '../db/types.ts';
import { newId } from '../db/ids.ts';
import { AppError } from '../errors.ts';
import { sm3 } from '../crypto/index.ts';
import { detectContentType, detectableTypes, extensionOf, type DetectableType } from './detect.ts';
import { LocalDiskFileStore, type FileStore } from './store.ts';
import { S3FileStore, s3OptionsFromEnv } from './s3.ts';
import { storedFiles } from './tables.ts';

export { storedFiles } from './tables.ts';
export { detectContentType, detectableTypes, zipEntryNames, type DetectableType } from './detect.ts';
export { LocalDiskFileStore, MemoryFileStore, FileNotFoundError, type FileStore } from './store.ts';
export { S3FileStore, S3Error, s3OptionsFromEnv, type S3Options } from './s3.ts';
export { signRequest, parseAuthorization, signingKey, amzDate, type SignInput, type Signed } from './sigv4.ts';

/** Default size limit of one file (materials: scans and PDFs). */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const stores = new WeakMap<Config, FileStore>();

/**
 * The file store of this installation: local disk under DATA_DIR/files (a fresh temporary
 * directory in tests), or S3-compatible object storage with FILE_STORE=s3 (S3_* variables, see
 * s3.ts), unless one was set with `useFileStore`.
 */
export function fileStoreFor(config: Config): FileStore {
  let store = stores.get(config);
  if (!store) {
    if (config.NODE_ENV !== 'test' && process.env.FILE_STORE === 's3') store = new S3FileStore(s3OptionsFromEnv(process.env));
    else store = new LocalDiskFileStore(config.NODE_ENV === 'test' ? mkdtempSync(path.join(tmpdir(), 'yiwang-files-')) : path.join(config.dataDir, 'files'));
    stores.set(config, store);
  }
  return store;
}

/** Replaces the store (object storage in production, memory in tests). */
export function useFileStore(config: Config, store: FileStore): void {
  stores.set(config, store);
}

export type StoredFile = typeof storedFiles.$inferSelect;

export interface StoreFileInput {
  data: Buffer;
  ownerKind: string;
  ownerId: string;
  originalName?: string | null;
  /** Types accepted here (default: PDF, JPEG, PNG, OFD). */
  allowedTypes?: readonly DetectableType[];
  maxBytes?: number;
}

/**
 * Checks the bytes (size, type by content), writes them to the store and the metadata row in the
 * caller's transaction, with an audit event. When the transaction rolls back, the bytes stay as an
 * orphan without a row; they are harmless and unreachable (a sweeper can remove them later).
 */
export async function storeFile(t: TxCtx, input: StoreFileInput): Promise<StoredFile> {
  const max = input.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input.data.length === 0) throw new AppError('request.invalid', { fields: [{ field: 'file', code: 'empty' }] });
  if (input.data.length > max) throw new AppError('request.too_large', { fields: [{ field: 'file', code: 'too_big' }], extra: { maxBytes: max } });
  const contentType = detectContentType(input.data);
  const allowed = input.allowedTypes ?? detectableTypes;
  if (!contentType || !allowed.includes(contentType)) {
    throw new AppError('request.unsupported_media_type', { fields: [{ field: 'file', code: 'file_type' }], extra: { allowed: [...allowed], detected: contentType ?? null } });
  }
  const id = newId();
  const now = new Date();
  const storageKey = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${id}.${extensionOf[contentType]}`;
  await fileStoreFor(t.config).put(storageKey, input.data);
  const row = {
    id,
    ownerKind: input.ownerKind,
    ownerId: input.ownerId,
    storageKey,
    contentType,
    size: input.data.length,
    sha256: createHash('sha256').update(input.data).digest('hex'),
    sm3: sm3(input.data),
    originalName: input.originalName ? input.originalName.slice(0, 200) : null,
    createdBy: t.actor.id,
  };
  const [inserted] = await t.tx.insert(storedFiles).values(row).returning();
  t.audit({ action: 'file.store', objectType: 'file', objectId: id, summary: { ownerKind: row.ownerKind, ownerId: row.ownerId, contentType, size: row.size, sm3: row.sm3 } });
  return inserted!;
}

export async function findFile(db: Executor, id: string): Promise<StoredFile | undefined> {
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
  return row;
}

export async function filesOf(db: Executor, ownerKind: string, ownerId: string): Promise<StoredFile[]> {
  return db.select().from(storedFiles).where(and(eq(storedFiles.ownerKind, ownerKind), eq(storedFiles.ownerId, ownerId)));
}

/** The bytes of a file, checked against the recorded SM3 digest (a changed file on disk is an error). */
export async function readStoredFile(ctx: Ctx, file: StoredFile): Promise<Buffer> {
  const data = await fileStoreFor(ctx.config).read(file.storageKey);
  if (sm3(data) !== file.sm3) throw new AppError('server.internal', { detail: `file ${file.id} does not match its digest` });
  return data;
}

/** Removes the row (with an audit event) and then the bytes. */
export async function deleteStoredFile(t: TxCtx, id: string): Promise<boolean> {
  const [row] = await t.tx.delete(storedFiles).where(eq(storedFiles.id, id)).returning();
  if (!row) return false;
  t.audit({ action: 'file.delete', objectType: 'file', objectId: id, summary: { ownerKind: row.ownerKind, ownerId: row.ownerId, sm3: row.sm3 } });
  t.afterCommit(() => fileStoreFor(t.config).delete(row.storageKey));
  return true;
}

/**
 * Moves files to a new owner (e.g. uploads → the case they were submitted with), only those still
 * owned by `from`. Returns the ids that moved; the caller decides whether a missing one is an error.
 */
export async function reassignFiles(t: TxCtx, ids: string[], from: { kind: string; id: string }, to: { kind: string; id: string }): Promise<string[]> {
  if (ids.length === 0) return [];
  const moved = await t.tx
    .update(storedFiles)
    .set({ ownerKind: to.kind, ownerId: to.id })
    .where(and(inArray(storedFiles.id, ids), eq(storedFiles.ownerKind, from.kind), eq(storedFiles.ownerId, from.id)))
    .returning({ id: storedFiles.id });
  return moved.map((m) => m.id);
}

/**
 * Orphan sweeper. (1) Uploads never attached (owner kind `upload`) older than `uploadDays` days:
 * row and bytes removed, audited. (2) Bytes without a row (a transaction that rolled back after
 * writing them) older than `graceHours`: removed, when the store can list its keys. Returns counts.
 */
/**
 * Owner kinds of uploads that wait to be attached (to a case, a ticket…): the sweeper removes those
 * older than a week. A module whose uploads have a kind of their own registers it.
 */
const uploadKinds = new Set<string>(['upload']);
export function registerUploadKind(kind: string): void {
  uploadKinds.add(kind);
}

export async function sweepOrphanFiles(ctx: Ctx, opts: { uploadDays?: number; graceHours?: number; now?: Date } = {}): Promise<{ uploads: number; bytes: number }> {
  const now = opts.now ?? new Date();
  const store = fileStoreFor(ctx.config);
  const cutoff = new Date(now.getTime() - (opts.uploadDays ?? 7) * 86_400_000);
  const stale = await ctx.database.db
    .select()
    .from(storedFiles)
    .where(and(inArray(storedFiles.ownerKind, [...uploadKinds]), lt(storedFiles.createdAt, cutoff)))
    .limit(1000);
  if (stale.length) {
    await transact(ctx, async (t) => {
      await t.tx.delete(storedFiles).where(inArray(storedFiles.id, stale.map((f) => f.id)));
      t.audit({ action: 'file.sweep', objectType: 'file', objectId: 'uploads', summary: { removed: stale.length, olderThan: cutoff.toISOString() } });
    });
    for (const f of stale) await store.delete(f.storageKey);
  }
  let bytes = 0;
  if (store.list) {
    const grace = new Date(now.getTime() - (opts.graceHours ?? 24) * 3_600_000);
    const candidates: string[] = [];
    for await (const o of store.list()) if (o.modifiedAt < grace && !o.key.endsWith('.tmp')) candidates.push(o.key);
    for (let i = 0; i < candidates.length; i += 500) {
      const batch = candidates.slice(i, i + 500);
      const known = new Set((await ctx.database.db.select({ k: storedFiles.storageKey }).from(storedFiles).where(inArray(storedFiles.storageKey, batch))).map((r) => r.k));
      for (const key of batch) {
        if (known.has(key)) continue;
        await store.delete(key);
        bytes++;
      }
    }
  }
  return { uploads: stale.length, bytes };
}
