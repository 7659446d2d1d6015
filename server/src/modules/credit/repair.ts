import type { z } from 'zod';
import { assertCan } from '../../platform/auth/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { newId, pageOf } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { creditPermissions as P } from './policy.ts';
import { nowOf, presentEntry, presentRecord, presentRepair } from './present.ts';
import { entryRepo, recordRepo, repairRepo } from './repository.ts';
import type { RepairCreate, RepairDecision, RepairListQuery } from './schemas.ts';
import { signedInSubject } from './subjects.ts';

/** Working days the office has to decide a repair application (国家发展改革委令第58号). */
export const REPAIR_WORKING_DAYS = 5;
/** Records a subject may apply to repair (a licence is no blemish). */
const REPAIRABLE = ['penalty', 'inspection', 'complaint', 'commitment_breach', 'other'];

/** The signed-in subject's own credit file (every record, repaired ones marked) and repair applications. */
export async function myCreditFile(ctx: Ctx) {
  const s = await signedInSubject(ctx);
  const today = ctx.calendar.today();
  const records = await recordRepo.ofSubject(ctx.database.db, s.kind, s.key);
  const repairs = await repairRepo.page(ctx.database.db, { page: 1, pageSize: 100, subjectKey: s.key });
  const entries = await entryRepo.ofSubject(ctx.database.db, s.kind, s.key);
  return { records: records.map((r) => presentRecord(r, today, today)), repairs: repairs.rows.map(presentRepair), entries: entries.map(presentEntry) };
}

/** The subject applies to repair one of its records, stating and proving the correction. */
export async function applyForRepair(ctx: Ctx, input: z.infer<typeof RepairCreate>) {
  const s = await signedInSubject(ctx);
  await ctx.calendar.refresh();
  return transact(ctx, async (t) => {
    const record = await recordRepo.lock(t.tx, input.recordId);
    if (!record || record.subjectKind !== s.kind || record.subjectKey !== s.key) throw new AppError('credit.not_subject');
    if (!REPAIRABLE.includes(record.kind) || record.repairedOn) throw new AppError('credit.not_repairable');
    if (await repairRepo.pendingFor(t.tx, record.id)) throw new AppError('credit.repair_pending');
    const today = t.calendar.today();
    const due = t.calendar.addWorkingDays(today, REPAIR_WORKING_DAYS);
    const row = await repairRepo.insert(t.tx, {
      id: newId(),
      recordId: record.id,
      subjectKind: s.kind,
      subjectKey: s.key,
      applicantAccountId: t.actor.id,
      statement: input.statement,
      evidence: input.evidence,
      appliedOn: today,
      dueOn: due.date,
      dueEstimated: due.estimated,
      status: 'applied',
      createdAt: nowOf(t),
    });
    t.audit({ action: 'credit.repair.apply', objectType: 'credit_repair', objectId: row.id, summary: { recordId: record.id, dueOn: due.date } });
    return presentRepair(row);
  });
}

/** The office decides: a repaired record stops being published (and is no longer a blemish) but stays in the file and the audit trail. */
export async function decideRepair(ctx: Ctx, id: string, input: z.infer<typeof RepairDecision>) {
  assertCan(ctx.actor, P.repair);
  return transact(ctx, async (t) => {
    const r = await repairRepo.lock(t.tx, id);
    if (!r) throw notFound('credit_repair', id);
    if (r.status !== 'applied') throw new AppError('credit.repair_decided');
    const today = t.calendar.today();
    await repairRepo.update(t.tx, id, { status: input.decision, decisionNote: input.note, decidedBy: t.actor.id, decidedOn: today });
    if (input.decision === 'repaired') {
      await recordRepo.update(t.tx, r.recordId, { repairedOn: today });
      await endListingsOf(t, r.recordId, id);
    }
    t.audit({
      action: `credit.repair.${input.decision === 'repaired' ? 'grant' : 'refuse'}`,
      objectType: 'credit_repair',
      objectId: id,
      summary: { recordId: r.recordId, onTime: today <= r.dueOn },
    });
    return presentRepair({ ...r, status: input.decision, decisionNote: input.note, decidedOn: today });
  });
}

/**
 * A repaired record no longer supports the listings that rest on it (国家发展改革委令第58号: 信用修复 moves the
 * subject off the list): a listed entry is removed, one still in its procedure is withdrawn. Audited each.
 */
async function endListingsOf(t: TxCtx, recordId: string, repairId: string) {
  for (const e of await entryRepo.restingOn(t.tx, recordId)) {
    const status = e.status === 'listed' || e.status === 'removal_proposed' ? ('removed' as const) : ('withdrawn' as const);
    await entryRepo.update(t.tx, e.id, { status, removalReason: '信用修复', version: e.version + 1, updatedAt: nowOf(t) });
    t.audit({
      action: 'credit.list.end_repaired',
      objectType: 'credit_list_entry',
      objectId: e.id,
      summary: { from: e.status, to: status, repairId, recordId },
    });
  }
}

export async function listRepairs(ctx: Ctx, q: z.infer<typeof RepairListQuery>) {
  assertCan(ctx.actor, P.read);
  const { rows, total } = await repairRepo.page(ctx.database.db, q);
  return pageOf(rows.map(presentRepair), total, q);
}
