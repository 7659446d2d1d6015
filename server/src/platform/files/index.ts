import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { Config } from '../config/index.ts';
import type { Ctx, TxCtx } from '../context.ts';
import type { Executor } from '../db/types.ts';
import { newId } from '../db/ids.ts';
import { AppError } from '../errors.ts';
import { sm3 } from '../crypto/index.ts';
import { detectContentType, detectableTypes, extensionOf, type DetectableType } from './detect.ts';
import { LocalDiskFileStore, type FileStore } from './store.ts';
import { storedFiles } from './tables.ts';

export { storedFiles } from './tables.ts';
export { detectContentType, detectableTypes, zipEntryNames, type DetectableType } from './detect.ts';
export { LocalDiskFileStore, MemoryFileStore, FileNotFoundError, type FileStore } from './store.ts';
export { S3FileStore, type S3Options } from './s3.ts';

/** Default size limit of one file (materials: scans and PDFs). */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

const stores = new WeakMap<Config, FileStore>();

/**
 * The file store of this installation: local disk under DATA_DIR/files (a fresh temporary
 * directory in tests), unless one was set with `useFileStore`.
 */
export function fileStoreFor(config: Config): FileStore {
  let store = stores.get(config);
  if (!store) {
    const root = config.NODE_ENV === 'test' ? mkdtempSync(path.join(tmpdir(), 'yiwang-files-')) : path.join(config.dataDir, 'files');
    store = new LocalDiskFileStore(root);
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
