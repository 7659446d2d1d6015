import type { TxCtx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { reassignFiles } from '../../../platform/files/index.ts';
import type { ActionPayload } from '../workflow/engine.ts';
import { materialsAfterCorrection } from '../shared-materials.ts';
import type { ActingCase, ActionHandler, Prepared } from './types.ts';

// What the applicant supplies to an open case: a requested correction, or pending 容缺 materials.
// Their uploads become the case's (a file not theirs, or already used, is not found).

/** Moves the applicant's uploads to the case; answers the ids that moved. */
async function takeUploads(t: TxCtx, { row }: ActingCase, fileIds: readonly string[]): Promise<string[]> {
  return reassignFiles(t, [...fileIds], { kind: 'upload', id: t.actor.id ?? '-' }, { kind: 'case', id: row.caseNo });
}

export const submitCorrection: ActionHandler<'submit_correction'> = {
  async prepare(t, c, payload): Promise<Prepared> {
    const ids = payload.fileIds ?? [];
    const moved = await takeUploads(t, c, ids);
    if (moved.length !== ids.length) throw new AppError('request.invalid', { fields: [{ field: 'fileIds', code: 'not_found' }] });
    // A failed shared material the correction asked for is given by the applicant's files now.
    const materials = materialsAfterCorrection(c.row.materials, c.state.correctionItems, ids);
    return { payload: { ...payload }, ...(materials ? { materials } : {}) };
  },
};

export const supplementMaterials: ActionHandler<'supplement_materials'> = {
  async prepare(t, c, payload: Readonly<ActionPayload<'supplement_materials'>>): Promise<Prepared> {
    const supplied = payload.materials;
    const moved = new Set(
      await takeUploads(
        t,
        c,
        supplied.flatMap((m) => m.fileIds),
      ),
    );
    const missing = supplied.flatMap((m, i) =>
      m.fileIds.flatMap((id, j) => (moved.has(id) ? [] : [{ field: `materials.${i}.fileIds.${j}`, code: 'not_found' }])),
    );
    if (missing.length) throw new AppError('request.invalid', { fields: missing });
    const materials = c.row.materials.map((m) => {
      const s = supplied.find((x) => x.name === m.name);
      return s ? { ...m, provision: 'upload' as const, fileIds: [...m.fileIds, ...s.fileIds] } : m;
    });
    return { payload: { ...payload }, materials };
  },
};
