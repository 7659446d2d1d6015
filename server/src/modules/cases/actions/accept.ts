import type { TxCtx } from '../../../platform/context.ts';
import { AppError, type FieldError } from '../../../platform/errors.ts';
import { checkCredit, deferrableWithCredit } from '../credit.ts';
import { deferrableMaterials } from '../deferral-service.ts';
import type { ActionPayload } from '../workflow/engine.ts';
import { failedSharedMaterials } from '../shared-materials.ts';
import type { ActingCase, ActionHandler, Prepared } from './types.ts';

/**
 * 受理, and 容缺受理 when materials are accepted as pending: they must be on the item's 容缺 list
 * and every required material still missing must be among them; refused to an applicant on a
 * dishonesty list (the credit seam, asked at every acceptance). Sets the date they are due (at the latest the case's due
 * date) and marks them pending among the case's materials.
 */
async function prepareAccept(t: TxCtx, { row }: ActingCase, payload: Readonly<ActionPayload<'accept'>>): Promise<Prepared> {
  // Every acceptance checks the applicant's credit (the credit module records the check and its measures).
  const credit = await checkCredit(t, { kind: row.applicantKind, id: row.applicantId }, { caseNo: row.caseNo, stage: 'accept' });
  const pending = [...new Set(payload.pendingMaterials ?? [])];
  const missingRequired = row.materials.filter((m) => m.required && m.provision === 'missing').map((m) => m.name);
  // A failed fetch from shared data is never a silent gap: fetched again, asked of the applicant (a correction), or accepted as pending (容缺) here.
  const failedShared = failedSharedMaterials(row.materials);
  const unresolved = failedShared.filter((name) => !pending.includes(name));
  if (unresolved.length)
    throw new AppError('cases.shared_material_failed', {
      fields: unresolved.map((name) => ({ field: 'pendingMaterials', code: 'shared_fetch_failed', message: name })),
      extra: { materials: unresolved },
    });
  if (pending.length === 0) {
    if (missingRequired.length)
      throw new AppError('cases.materials_missing', {
        fields: missingRequired.map((name) => ({ field: 'pendingMaterials', code: 'missing_not_listed', message: name })),
      });
    const { pendingMaterials: _none, supplyBy: _noDate, ...plain } = payload;
    return { payload: plain };
  }
  if (credit.dishonest || credit.measures?.includes('no_deferral')) throw new AppError('cases.deferral_refused', { extra: { source: credit.source } });
  // The honor list's 容缺 (credit measure deferral_allowed) reaches every material the applicant provides.
  const list = deferrableWithCredit(
    credit,
    await deferrableMaterials(t, row.implementationCode),
    row.materials.filter((m) => m.provision !== 'government' && m.provision !== 'shared').map((m) => m.name),
  );
  const fields: FieldError[] = [];
  pending.forEach((name, i) => {
    if (!row.materials.some((m) => m.name === name)) fields.push({ field: `pendingMaterials.${i}`, code: 'unknown_material' });
    // A failed shared material needs no place on the 容缺 list: the gap is the government's, not the applicant's.
    else if (!list.includes(name) && !failedShared.includes(name)) fields.push({ field: `pendingMaterials.${i}`, code: 'not_deferrable' });
  });
  for (const name of missingRequired) if (!pending.includes(name)) fields.push({ field: 'pendingMaterials', code: 'missing_not_listed', message: name });
  const supplyBy = payload.supplyBy ?? row.dueDate;
  if (supplyBy > row.dueDate) fields.push({ field: 'supplyBy', code: 'beyond_due_date' });
  if (supplyBy < t.calendar.today()) fields.push({ field: 'supplyBy', code: 'in_the_past' });
  if (fields.length) throw new AppError('request.invalid', { fields });
  return {
    payload: { ...payload, pendingMaterials: pending, supplyBy },
    materials: row.materials.map((m) => (pending.includes(m.name) ? { ...m, provision: 'pending' as const } : m)),
  };
}

export const accept: ActionHandler<'accept'> = { prepare: prepareAccept, notify: 'cases.accepted' };
