import { createHash, randomBytes } from 'node:crypto';
import type { Ctx, TxCtx } from '../../platform/context.ts';
import { transact } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { filesOf, findFile, readStoredFile, reassignFiles, registerUploadKind, storeFile } from '../../platform/files/index.ts';
import { hitRateLimit } from '../../platform/http/rate-limit.ts';

/** Photos: JPEG or PNG (checked by content), up to 5 MB each, nine per reply or request. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const UPLOAD = 'hotline_upload';
const TICKET = 'hotline_ticket';
/** Anonymous uploads: owned by the digest of the key handed to the uploader (nobody else can attach them). */
const PUBLIC_UPLOAD = 'hotline_public_upload';
/** Photos an anonymous request may carry. */
export const MAX_PUBLIC_PHOTOS = 3;
/**
 * Anonymous uploads per client address and day, counted in the database (city-wide, every process):
 * 30 photos and 60 MB. Beyond: 429 `files.daily_quota`. The route also takes at most 10 per 10 minutes.
 */
export const PUBLIC_PHOTO_QUOTA = { files: 30, megabytes: 60 } as const;
// Photos uploaded but never sent with a reply or request are swept after a week, like case uploads.
registerUploadKind(UPLOAD);
registerUploadKind(PUBLIC_UPLOAD);

const digest = (key: string) => createHash('sha256').update(key).digest('hex');

/** Stores a photo for the signed-in uploader; it is theirs until a reply or a request takes it. */
export async function uploadPhoto(ctx: Ctx, data: Buffer, originalName?: string) {
  if (!ctx.actor.id) throw new AppError('auth.required');
  return transact(ctx, async (t) => {
    const f = await storeFile(t, {
      data,
      ownerKind: UPLOAD,
      ownerId: t.actor.id!,
      originalName: originalName ?? null,
      allowedTypes: PHOTO_TYPES,
      maxBytes: MAX_PHOTO_BYTES,
    });
    return { id: f.id, contentType: f.contentType, size: f.size };
  });
}

/**
 * A photo for an anonymous portal request (the caller is not signed in): the same checks as a signed-in
 * upload (JPEG/PNG by content, ≤ 5 MB) and a daily quota per client address. Answers a `key`, a
 * random secret: the request names its photos by their keys, and only the digest is stored, so a
 * photo can be attached only by whoever uploaded it.
 */
export async function uploadPublicPhoto(ctx: Ctx, data: Buffer, originalName?: string) {
  if (ctx.actor.id) return uploadPhoto(ctx, data, originalName);
  const address = ctx.ip ?? 'unknown';
  return transact(ctx, async (t) => {
    const day = { windowSeconds: 86_400 };
    const files = await hitRateLimit(t.tx, 'hotline.public_photo.files', address, { ...day, max: PUBLIC_PHOTO_QUOTA.files });
    const kib = await hitRateLimit(
      t.tx,
      'hotline.public_photo.kib',
      address,
      { ...day, max: PUBLIC_PHOTO_QUOTA.megabytes * 1024 },
      new Date(),
      Math.ceil(data.length / 1024),
    );
    if (!files.ok || !kib.ok)
      throw new AppError('files.daily_quota', {
        fields: [{ field: 'file', code: files.ok ? 'daily_bytes' : 'daily_files' }],
        extra: {
          retryAfterSeconds: Math.max(files.retryAfterSeconds, kib.retryAfterSeconds),
          maxFiles: PUBLIC_PHOTO_QUOTA.files,
          maxMegabytes: PUBLIC_PHOTO_QUOTA.megabytes,
        },
      });
    const key = randomBytes(24).toString('base64url');
    const f = await storeFile(t, {
      data,
      ownerKind: PUBLIC_UPLOAD,
      ownerId: digest(key),
      originalName: originalName ?? null,
      allowedTypes: PHOTO_TYPES,
      maxBytes: MAX_PHOTO_BYTES,
    });
    return { id: f.id, contentType: f.contentType, size: f.size, key };
  });
}

/** Moves anonymous uploads, named by their keys, to the ticket; an unknown or used key is a 400. */
export async function attachPublicPhotos(t: TxCtx, ticketId: string, keys: string[]): Promise<string[]> {
  const unique = [...new Set(keys)];
  const ids: string[] = [];
  for (const [i, key] of unique.entries()) {
    const owner = { kind: PUBLIC_UPLOAD, id: digest(key) };
    const [file] = await filesOf(t.tx, owner.kind, owner.id);
    const moved = file ? await reassignFiles(t, [file.id], owner, { kind: TICKET, id: ticketId }) : [];
    if (!moved.length) throw new AppError('request.invalid', { fields: [{ field: `photoKeys.${i}`, code: 'not_found' }] });
    ids.push(...moved);
  }
  return ids;
}

/** Moves the actor's uploaded photos to the ticket; a photo that is not the actor's upload is a 400. */
export async function attachPhotos(t: TxCtx, ticketId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  if (!t.actor.id) throw new AppError('request.invalid', { fields: [{ field: 'photos', code: 'sign_in_required' }] });
  const moved = await reassignFiles(t, unique, { kind: UPLOAD, id: t.actor.id }, { kind: TICKET, id: ticketId });
  const missing = unique.filter((id) => !moved.includes(id));
  if (missing.length) throw new AppError('request.invalid', { fields: missing.map(() => ({ field: 'photos', code: 'not_found' })), extra: { missing } });
  return unique;
}

/** A photo of a ticket (or of the ticket it was merged into), for someone who may read the ticket. */
export async function ticketPhoto(ctx: Ctx, ticket: { id: string; mergedInto: string | null }, fileId: string) {
  const file = await findFile(ctx.database.db, fileId);
  if (!file || file.ownerKind !== TICKET || (file.ownerId !== ticket.id && file.ownerId !== ticket.mergedInto)) throw notFound('file', fileId);
  return { file, data: await readStoredFile(ctx, file) };
}
