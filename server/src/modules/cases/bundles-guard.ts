import type { Ctx, TxCtx } from '../../platform/context.ts';
import { AppError, registerErrors } from '../../platform/errors.ts';
import { bundleRepo } from './bundles-repository.ts';

registerErrors({
  'cases.bundle_delivers_once': {
    status: 409,
    zh: '该办件属于“一件事”联办，结果由“一件事”统一送达，不能单独送达',
    en: 'This case belongs to a life-event application whose results are delivered together; it cannot be delivered on its own',
  },
});

/**
 * A child of a 一件事 application whose applicant asked for one delivery, once its result is
 * issued, is delivered only with the others (bundles-delivery.ts): a clerk's own deliver is a 409.
 */
export async function assertNotDeliveredWithBundle(t: TxCtx, caseNo: string): Promise<void> {
  const bundleNo = await bundleDeliveringCase(t, caseNo);
  if (bundleNo) throw new AppError('cases.bundle_delivers_once', { extra: { bundleNo } });
}

/** The 一件事 application that delivers this case's result with the others (null: the case is delivered on its own). */
export async function bundleDeliveringCase(t: Pick<TxCtx, 'database'> & { tx?: TxCtx['tx'] }, caseNo: string): Promise<string | null> {
  const db = t.tx ?? t.database.db;
  const member = await bundleRepo.memberOfCase(db, caseNo);
  if (!member?.issuedOn || member.status !== 'filed') return null;
  const b = await bundleRepo.byId(db, member.bundleId);
  return b?.deliveryMethod ? b.bundleNo : null;
}

/**
 * For the delivery module: the 一件事 application that will deliver this case's result with the
 * others (its applicant asked for one delivery and the case has not ended), else null. An order of
 * the case's own for its result is then refused (`delivery.bundle_delivers_once`).
 */
export async function bundleDeliveringResultOf(ctx: Ctx, caseNo: string): Promise<string | null> {
  const db = ctx.database.db;
  const member = await bundleRepo.memberOfCase(db, caseNo);
  if (!member || member.status !== 'filed') return null;
  const b = await bundleRepo.byId(db, member.bundleId);
  return b?.deliveryMethod ? b.bundleNo : null;
}
