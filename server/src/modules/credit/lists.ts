import type { z } from 'zod';
import { assertCan } from '../../platform/auth/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { newId, pageOf } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { readRecords, readTable, type RowError, type TableFormat } from '../../platform/table-import.ts';
import { creditPermissions as P } from './policy.ts';
import { nowOf, presentEntry } from './present.ts';
import { entryRepo, recordRepo, type EntryInsert, type EntryRow } from './repository.ts';
import { ListImportRow, type EntryActionBody, type EntryCreate, type EntryListQuery } from './schemas.ts';
import { entitySubject, personSubject, signedInSubject, type Subject } from './subjects.ts';
import { nextListStatus, type ListAction } from './workflow.ts';

/** Working days the subject has to object after the notice is served (陈述申辩). */
export const OBJECTION_WORKING_DAYS = 5;

/** Who may take each action: proposing side or approving side (the approver is never the proposer). */
const approving: ReadonlySet<ListAction> = new Set(['approve', 'uphold_objection', 'reject_objection', 'approve_removal', 'reject_removal']);

function subjectOf(ctx: Ctx, v: { subjectKind: 'entity' | 'person'; uscc?: string | undefined; idNumber?: string | undefined; name: string }): Subject {
  const s = v.subjectKind === 'entity' ? entitySubject(v.uscc ?? '', v.name) : personSubject(ctx, v.idNumber ?? '', v.name);
  if (!s) throw new AppError('request.invalid', { fields: [{ field: v.subjectKind === 'entity' ? 'uscc' : 'idNumber', code: 'invalid' }] });
  return s;
}

function newEntry(
  ctx: Ctx,
  s: Subject,
  v: Omit<EntryInsert, 'id' | 'subjectKind' | 'subjectKey' | 'subjectName' | 'idMasked' | 'createdAt' | 'updatedAt' | 'regionPath'>,
): EntryInsert {
  const now = nowOf(ctx);
  return {
    id: newId(),
    subjectKind: s.kind,
    subjectKey: s.key,
    subjectName: s.name,
    idMasked: s.idMasked,
    regionPath: '',
    createdAt: now,
    updatedAt: now,
    ...v,
  };
}

/** Proposes an honor or dishonesty entry (提请列入). */
export async function proposeEntry(ctx: Ctx, input: z.infer<typeof EntryCreate>) {
  assertCan(ctx.actor, P.propose);
  const subject = subjectOf(ctx, input);
  return transact(ctx, async (t) => {
    if (input.recordId) {
      const record = await recordRepo.lock(t.tx, input.recordId);
      if (!record || record.subjectKind !== subject.kind || record.subjectKey !== subject.key || record.repairedOn)
        throw new AppError('request.invalid', { fields: [{ field: 'recordId', code: 'not_a_record_of_the_subject' }] });
    }
    const row = newEntry(t, subject, {
      recordId: input.recordId ?? null,
      list: input.list,
      reason: input.reason,
      legalBasis: input.legalBasis,
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
      authority: 'office',
      status: 'proposed',
      proposedBy: t.actor.id,
    });
    await entryRepo.insert(t.tx, [row]);
    t.audit({ action: 'credit.list.propose', objectType: 'credit_list_entry', objectId: row.id, summary: { list: row.list, subjectKind: row.subjectKind } });
    return presentEntry((await entryRepo.find(t.tx, row.id))!);
  });
}

/**
 * One step of an entry's workflow. Listing on the dishonesty list needs the notice served and the
 * objection period over (or the objection decided); the approving steps are taken by someone other
 * than the proposer. Every step is audited.
 */
export async function actOnEntry(ctx: Ctx, id: string, action: ListAction, body: z.infer<typeof EntryActionBody>) {
  assertCan(ctx.actor, approving.has(action) ? P.approve : P.propose);
  await ctx.calendar.refresh();
  return transact(ctx, async (t) => {
    const e = await entryRepo.lock(t.tx, id);
    if (!e) throw notFound('credit_list_entry', id);
    if (body.version !== undefined && body.version !== e.version) throw new AppError('resource.stale', { extra: { version: e.version } });
    if (e.authority !== 'office') throw new AppError('credit.imported_entry');
    const status = nextListStatus(e.status, action);
    if (approving.has(action) && e.proposedBy && e.proposedBy === t.actor.id) throw new AppError('credit.same_person');
    const today = t.calendar.today();
    const set: Partial<EntryRow> = { status, version: e.version + 1, updatedAt: nowOf(t) };
    const need = (field: 'note' | 'objection') => {
      const v = body[field]?.trim();
      if (!v) throw new AppError('request.invalid', { fields: [{ field, code: 'required' }] });
      return v;
    };
    switch (action) {
      case 'serve_notice':
        if (e.list !== 'dishonesty')
          throw new AppError('workflow.action_not_allowed', { extra: { currentStatus: e.status, action, allowed: ['approve', 'withdraw'] } });
        set.noticeServedOn = today;
        set.objectionDue = t.calendar.addWorkingDays(today, OBJECTION_WORKING_DAYS, e.regionPath || undefined).date;
        break;
      case 'object':
        if (e.objectionDue && today > e.objectionDue) throw new AppError('credit.objection_closed');
        set.objection = need('objection');
        break;
      case 'uphold_objection':
      case 'reject_objection':
        set.objectionDecision = need('note');
        break;
      case 'approve':
        if (e.list === 'dishonesty' && !e.noticeServedOn) throw new AppError('credit.notice_required');
        if (e.list === 'dishonesty' && !e.objectionDecision && e.objectionDue && today <= e.objectionDue) throw new AppError('credit.objection_period_open');
        set.decidedBy = t.actor.id;
        break;
      case 'propose_removal':
        set.removalReason = need('note');
        set.proposedBy = t.actor.id;
        break;
      case 'approve_removal':
      case 'reject_removal':
        set.decidedBy = t.actor.id;
        break;
      case 'withdraw':
        break;
    }
    await entryRepo.update(t.tx, id, set);
    t.audit({
      action: `credit.list.${action}`,
      objectType: 'credit_list_entry',
      objectId: id,
      summary: { from: e.status, to: status, list: e.list, note: body.note ?? null },
    });
    return presentEntry({ ...e, ...set } as EntryRow);
  });
}

/**
 * The subject objects online (陈述申辩) to a dishonesty entry it was notified of, within the objection
 * period; the entry goes to `objected` for the office to decide, as when the office records an objection.
 */
export async function objectAsSubject(ctx: Ctx, id: string, objection: string) {
  const s = await signedInSubject(ctx);
  await ctx.calendar.refresh();
  return transact(ctx, async (t) => {
    const e = await entryRepo.lock(t.tx, id);
    if (!e || e.subjectKind !== s.kind || e.subjectKey !== s.key) throw notFound('credit_list_entry', id);
    const status = nextListStatus(e.status, 'object');
    if (e.objectionDue && t.calendar.today() > e.objectionDue) throw new AppError('credit.objection_closed');
    const set: Partial<EntryRow> = { status, objection, version: e.version + 1, updatedAt: nowOf(t) };
    await entryRepo.update(t.tx, id, set);
    t.audit({ action: 'credit.list.object', objectType: 'credit_list_entry', objectId: id, summary: { from: e.status, to: status, by: 'subject' } });
    return presentEntry({ ...e, ...set } as EntryRow);
  });
}

export async function listEntries(ctx: Ctx, q: z.infer<typeof EntryListQuery>) {
  assertCan(ctx.actor, P.read);
  const { rows, total } = await entryRepo.page(ctx.database.db, q);
  return pageOf(rows.map(presentEntry), total, q);
}

const columns: Record<string, string> = {
  list: 'list',
  名单: 'list',
  subjectKind: 'subjectKind',
  主体类型: 'subjectKind',
  uscc: 'uscc',
  统一社会信用代码: 'uscc',
  idNumber: 'idNumber',
  身份证号码: 'idNumber',
  name: 'name',
  姓名或名称: 'name',
  reason: 'reason',
  列入事由: 'reason',
  legalBasis: 'legalBasis',
  依据: 'legalBasis',
  validFrom: 'validFrom',
  列入日期: 'validFrom',
  validUntil: 'validUntil',
  有效期至: 'validUntil',
  authority: 'authority',
  作出决定机关: 'authority',
};

/** All-or-nothing import of abnormal-operation (经营异常名录) and judgment-defaulter (失信被执行人) entries, listed as decided by their authorities. */
export async function importListEntries(ctx: Ctx, file: Buffer, format: TableFormat) {
  assertCan(ctx.actor, P.manage);
  const { headerErrors, rows } = readRecords(await readTable(file, format), {
    columns,
    required: ['list', 'subjectKind', 'name', 'reason', 'legalBasis', 'validFrom', 'authority'],
    schema: ListImportRow,
  });
  const bad: RowError[] = [...headerErrors];
  const good: EntryInsert[] = [];
  for (const r of rows) {
    if (!r.ok) {
      bad.push(...r.errors);
      continue;
    }
    const v = r.value;
    const s = v.subjectKind === 'entity' ? entitySubject(v.uscc ?? '', v.name) : personSubject(ctx, v.idNumber ?? '', v.name);
    if (!s) {
      bad.push({ row: r.row, field: v.subjectKind === 'entity' ? 'uscc' : 'idNumber', code: 'invalid' });
      continue;
    }
    const { list, reason, legalBasis, validFrom, authority } = v;
    good.push(newEntry(ctx, s, { list, reason, legalBasis, validFrom, validUntil: v.validUntil ?? null, authority, status: 'listed' }));
  }
  if (bad.length) throw new AppError('credit.import_invalid', { extra: { badRows: bad.slice(0, 1000), badRowCount: bad.length } });
  return transact(ctx, async (t) => {
    await entryRepo.insert(t.tx, good);
    t.audit({ action: 'credit.list.import', objectType: 'credit_list_entry', objectId: 'import', summary: { rows: good.length } });
    return { imported: good.length, skipped: 0 };
  });
}
