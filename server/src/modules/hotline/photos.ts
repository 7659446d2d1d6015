import type { Ctx, TxCtx } from '../../platform/context.ts';
import { transact } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findFile, readStoredFile, reassignFiles, registerUploadKind, storeFile } from '../../platform/files/index.ts';

/** Photos: JPEG or PNG (checked by content), up to 5 MB each, nine per reply or request. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const UPLOAD = 'hotline_upload';
const TICKET = 'hotline_ticket';
// Photos uploaded but never sent with a reply or request are swept after a week, like case uploads.
registerUploadKind(UPLOAD);

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
