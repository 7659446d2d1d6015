import { transact, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findFile, readStoredFile, storeFile } from '../../platform/files/index.ts';
import { caseRepo } from './repository.ts';
import { caseSettings, mayRead } from './case-state.ts';

/**
 * Stores an uploaded material for the signed-in user (type checked by content: PDF, JPEG, PNG,
 * OFD; at most CASES_MAX_UPLOAD_MB). It belongs to the uploader until a submitted case or
 * correction takes it over.
 */
export async function uploadMaterial(ctx: Ctx, data: Buffer, originalName: string | undefined) {
  if (!ctx.actor.id) throw new AppError('auth.required');
  return transact(ctx, async (t) => {
    const f = await storeFile(t, {
      data,
      ownerKind: 'upload',
      ownerId: t.actor.id!,
      originalName: originalName ?? null,
      maxBytes: caseSettings(t.config).maxUploadBytes,
    });
    return { id: f.id, contentType: f.contentType, size: f.size, sm3: f.sm3, originalName: f.originalName };
  });
}

/** A material file of a case, for the applicant and for staff who may read the case. */
export async function caseFile(ctx: Ctx, caseNo: string, fileId: string) {
  const row = await caseRepo.byNo(ctx.database.db, caseNo);
  if (!row || !mayRead(ctx.actor, row)) throw notFound('case', caseNo);
  const file = await findFile(ctx.database.db, fileId);
  if (!file || file.ownerKind !== 'case' || file.ownerId !== caseNo) throw notFound('file', fileId);
  return { file, data: await readStoredFile(ctx, file) };
}
