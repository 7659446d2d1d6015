import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, count, eq, inArray, lt } from 'drizzle-orm';
import type { Config } from '../config/index.ts';
import { transact, type Ctx, type TxCtx } from '../context.ts';
import type { Executor } from '../db/types.ts';
import { newId } from '../db/ids.ts';
import { AppError, registerErrors } from '../errors.ts';
import { hitRateLimit } from '../http/rate-limit.ts';
import { registerFieldMessages } from '../i18n/index.ts';
import { sm3 } from '../crypto/index.ts';
import { detectContentType, detectableTypes, extensionOf, type DetectableType } from './detect.ts';
import { LocalDiskFileStore, type FileStore } from './store.ts';
import { S3FileStore, s3OptionsFromConfig } from './s3.ts';
import { storedFiles } from './tables.ts';

export { storedFiles } from './tables.ts';
export { detectContentType, detectableTypes, zipEntryNames, type DetectableType } from './detect.ts';
export { LocalDiskFileStore, MemoryFileStore, FileNotFoundError, type FileStore } from './store.ts';
export { S3FileStore, S3Error, s3OptionsFromConfig, type S3Options } from './s3.ts';
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
    if (config.NODE_ENV !== 'test' && config.FILE_STORE === 's3') store = new S3FileStore(s3OptionsFromConfig(config));
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

registerErrors({
  'files.daily_quota': {
    status: 429,
    zh: '今天上传的文件已达上限，请稍后再试',
    en: 'You have reached your upload limit for today; try again later',
  },
  'files.unattached_limit': {
    status: 429,
    zh: '已上传但尚未提交的文件过多：请先提交或等待旧文件清理后再上传',
    en: 'Too many uploaded files not yet attached to an application or request: submit them first, or wait until old ones are cleared',
  },
});

registerFieldMessages({
  daily_files: { zh: '今日上传文件数已达上限', en: 'Daily number of uploads reached' },
  daily_bytes: { zh: '今日上传文件总大小已达上限', en: 'Daily upload volume reached' },
  unattached_files: { zh: '未提交的已上传文件过多', en: 'Too many uploads not yet attached' },
});

/**
 * Upload quota of the signed-in uploader, checked in the upload's transaction: at most
 * UPLOAD_DAILY_FILES files and UPLOAD_DAILY_MB megabytes per account and 24-hour window (counted in
 * rate_windows, so every process agrees and a refused or rolled-back upload does not count), and at
 * most UPLOAD_UNATTACHED_MAX files waiting to be attached. The window row is locked until commit, so
 * parallel uploads of one account are counted one after another.
 */
async function assertUploadQuota(t: TxCtx, size: number): Promise<void> {
  const accountId = t.actor.id!;
  const day = { windowSeconds: 86_400 };
  const files = await hitRateLimit(t.tx, 'upload.files', accountId, { ...day, max: t.config.UPLOAD_DAILY_FILES });
  if (!files.ok)
    throw new AppError('files.daily_quota', {
      fields: [{ field: 'file', code: 'daily_files' }],
      extra: { retryAfterSeconds: files.retryAfterSeconds, maxFiles: t.config.UPLOAD_DAILY_FILES },
    });
  const kib = await hitRateLimit(t.tx, 'upload.kib', accountId, { ...day, max: t.config.UPLOAD_DAILY_MB * 1024 }, new Date(), Math.ceil(size / 1024));
  if (!kib.ok)
    throw new AppError('files.daily_quota', {
      fields: [{ field: 'file', code: 'daily_bytes' }],
      extra: { retryAfterSeconds: kib.retryAfterSeconds, maxMegabytes: t.config.UPLOAD_DAILY_MB },
    });
  const [waiting] = await t.tx
    .select({ n: count() })
    .from(storedFiles)
    .where(and(inArray(storedFiles.ownerKind, [...uploadKinds]), eq(storedFiles.ownerId, accountId)));
  if ((waiting?.n ?? 0) >= t.config.UPLOAD_UNATTACHED_MAX) {
    throw new AppError('files.unattached_limit', {
      fields: [{ field: 'file', code: 'unattached_files' }],
      extra: { maxUnattached: t.config.UPLOAD_UNATTACHED_MAX },
    });
  }
}

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
    throw new AppError('request.unsupported_media_type', {
      fields: [{ field: 'file', code: 'file_type' }],
      extra: { allowed: [...allowed], detected: contentType ?? null },
    });
  }
  // Uploads waiting to be attached are the uploader's: those sent over HTTP count against the
  // uploader's quota (the demo seed and CLI commands, without a request, do not).
  if (uploadKinds.has(input.ownerKind) && t.actor.id && t.requestId) await assertUploadQuota(t, input.data.length);
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
  t.audit({
    action: 'file.store',
    objectType: 'file',
    objectId: id,
    summary: { ownerKind: row.ownerKind, ownerId: row.ownerId, contentType, size: row.size, sm3: row.sm3 },
  });
  return inserted!;
}

export async function findFile(db: Executor, id: string): Promise<StoredFile | undefined> {
  const [row] = await db.select().from(storedFiles).where(eq(storedFiles.id, id));
  return row;
}

export async function filesOf(db: Executor, ownerKind: string, ownerId: string): Promise<StoredFile[]> {
  return db
    .select()
    .from(storedFiles)
    .where(and(eq(storedFiles.ownerKind, ownerKind), eq(storedFiles.ownerId, ownerId)));
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

export async function sweepOrphanFiles(
  ctx: Ctx,
  opts: { uploadDays?: number; graceHours?: number; now?: Date } = {},
): Promise<{ uploads: number; bytes: number }> {
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
      await t.tx.delete(storedFiles).where(
        inArray(
          storedFiles.id,
          stale.map((f) => f.id),
        ),
      );
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
      const known = new Set(
        (await ctx.database.db.select({ k: storedFiles.storageKey }).from(storedFiles).where(inArray(storedFiles.storageKey, batch))).map((r) => r.k),
      );
      for (const key of batch) {
        if (known.has(key)) continue;
        await store.delete(key);
        bytes++;
      }
    }
  }
  return { uploads: stale.length, bytes };
}
