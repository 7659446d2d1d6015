import type { z } from 'zod';
import { assertCan, systemActor } from '../../platform/auth/index.ts';
import { onDomainEvent, transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { newId, pageOf } from '../../platform/db/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { readRecords, readTable, type RecordRow as TableRow, type RowError, type TableFormat } from '../../platform/table-import.ts';
import { evaluationCaseFacts } from '../cases/index.ts';
import { creditPermissions as P } from './policy.ts';
import { nowOf, presentRecord } from './present.ts';
import { recordRepo, type RecordInsert, type RecordRow } from './repository.ts';
import { RecordImportRow, type RecordListQuery } from './schemas.ts';
import { entitySubject, personSubject, subjectOfApplicant, type Subject } from './subjects.ts';

/** 双公示: licensing and penalty decisions are published within 7 working days of the decision (DOMAIN.md §8). */
export const DISCLOSURE_WORKING_DAYS = 7;
/** The board shows what falls due within this many working days. */
export const DUE_SOON_WORKING_DAYS = 2;

/** Today and the last day that counts as "due soon". */
function boardDates(ctx: Ctx) {
  const today = ctx.calendar.today();
  return { today, soon: ctx.calendar.addWorkingDays(today, DUE_SOON_WORKING_DAYS).date };
}

export interface RecordInput {
  subject: Subject;
  source: RecordRow['source'];
  sourceRef: string;
  kind: RecordRow['kind'];
  title: string;
  legalBasis: string;
  decidedOn: string;
  validUntil?: string | null;
  departmentName: string;
  regionPath: string;
}

/**
 * Files records in the caller's transaction: a licence or penalty decision is due for publication 7
 * working days after its decision date (in its region's calendar). A record already filed (same
 * source and reference) is left as it is. Returns the records filed.
 */
export async function fileRecords(t: TxCtx, inputs: RecordInput[]): Promise<RecordRow[]> {
  const now = nowOf(t);
  const rows: RecordInsert[] = inputs.map((r) => {
    const disclose = r.kind === 'licence' || r.kind === 'penalty';
    const due = disclose ? t.calendar.addWorkingDays(r.decidedOn, DISCLOSURE_WORKING_DAYS, r.regionPath) : undefined;
    return {
      id: newId(),
      subjectKind: r.subject.kind,
      subjectKey: r.subject.key,
      subjectName: r.subject.name,
      idMasked: r.subject.idMasked,
      source: r.source,
      sourceRef: r.sourceRef,
      kind: r.kind,
      title: r.title,
      legalBasis: r.legalBasis,
      decidedOn: r.decidedOn,
      validUntil: r.validUntil ?? null,
      departmentName: r.departmentName,
      regionPath: r.regionPath,
      disclose,
      disclosureDue: due?.date ?? null,
      disclosureDueEstimated: due?.estimated ?? false,
      createdAt: now,
    };
  });
  const filed = await recordRepo.insertNew(t.tx, rows);
  for (const r of filed.slice(0, 50))
    t.audit({ action: 'credit.record.file', objectType: 'credit_record', objectId: r.id, summary: { source: r.source, sourceRef: r.sourceRef, kind: r.kind } });
  if (filed.length > 50) t.audit({ action: 'credit.record.file_batch', objectType: 'credit_record', objectId: 'batch', summary: { count: filed.length } });
  return filed;
}

/**
 * Records from the other modules' events, in the transaction that published them: a concluded case is a
 * licensing decision (行政许可) for 双公示; an inspection result with problems is a record of the entity's file.
 */
export function subscribeCreditRecords(): void {
  onDomainEvent('cases.case.ended', async (t, e) => {
    if (e.status !== 'concluded') return;
    const facts = await evaluationCaseFacts({ ...t, actor: systemActor }, e.caseNo);
    const subject = await subjectOfApplicant(t, { kind: e.applicantKind, id: e.applicantId });
    if (!subject) return;
    await fileRecords(t, [
      {
        subject,
        source: 'cases',
        sourceRef: e.caseNo,
        kind: 'licence',
        title: `${e.itemName}（办件编号 ${e.caseNo}）`,
        legalBasis: '《中华人民共和国行政许可法》第三十八条',
        decidedOn: facts.concludedOn ?? t.calendar.today(),
        departmentName: facts.departmentName,
        regionPath: facts.regionPath,
      },
    ]);
  });
  onDomainEvent('inspection.result.recorded', async (t, e) => {
    if (e.outcome === 'normal') return;
    const subject = entitySubject(e.uscc, e.uscc);
    if (!subject) return;
    await fileRecords(t, [
      {
        subject,
        source: 'inspection',
        sourceRef: e.resultId,
        kind: 'inspection',
        title: `双随机抽查结果：${e.outcome}${e.followUp !== 'none' ? `（后续处置：${e.followUp}）` : ''}`,
        legalBasis: '《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》（国发〔2019〕5号）',
        decidedOn: e.inspectedOn,
        departmentName: '双随机抽查',
        regionPath: '',
      },
    ]);
  });
  // A penalty decided on an inspection result (行政处罚, 双公示); the same document number twice is a 409.
  onDomainEvent('inspection.penalty.decided', async (t, e) => {
    const subject = entitySubject(e.uscc, e.entityName);
    if (!subject) throw new AppError('request.invalid', { fields: [{ field: 'resultId', code: 'no_uscc' }] });
    const filed = await fileRecords(t, [
      {
        subject,
        source: 'inspection',
        sourceRef: `penalty:${e.documentNo}`,
        kind: 'penalty',
        title: `行政处罚（${e.documentNo}）：${e.penalty}。违法事实：${e.facts}${e.serious ? '（严重违法）' : ''}`,
        legalBasis: e.legalBasis,
        decidedOn: e.decidedOn,
        validUntil: e.validUntil,
        departmentName: e.departmentName,
        regionPath: e.regionPath,
      },
    ]);
    if (!filed.length) throw new AppError('resource.conflict', { fields: [{ field: 'documentNo', code: 'duplicate' }] });
  });
  onDomainEvent('hotline.complaint.substantiated', async (t, e) => {
    const subject = entitySubject(e.uscc, e.name);
    if (!subject) return;
    await fileRecords(t, [
      {
        subject,
        source: 'hotline',
        sourceRef: e.number,
        kind: 'complaint',
        title: `12345 ${e.kind === 'report' ? '举报' : '投诉'}经核查属实：${e.title}（工单 ${e.number}）`,
        legalBasis: COMPLAINT_LEGAL_BASIS,
        decidedOn: e.concludedOn,
        validUntil: yearsAfter(e.concludedOn, COMPLAINT_VALID_YEARS),
        departmentName: e.unitName,
        regionPath: e.regionPath,
      },
    ]);
  });
}

/** A complaint found true stays in the file as a blemish this long (the city's rule; repairable before). */
export const COMPLAINT_VALID_YEARS = 1;
const COMPLAINT_LEGAL_BASIS =
  '《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》（国办发〔2020〕53号）；《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令第58号）';

/** The day before the same date `years` later (a validity of whole years). */
function yearsAfter(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const columns: Record<string, string> = {
  subjectKind: 'subjectKind',
  主体类型: 'subjectKind',
  uscc: 'uscc',
  统一社会信用代码: 'uscc',
  idNumber: 'idNumber',
  身份证号码: 'idNumber',
  name: 'name',
  名称: 'name',
  姓名或名称: 'name',
  kind: 'kind',
  类别: 'kind',
  title: 'title',
  事项: 'title',
  legalBasis: 'legalBasis',
  依据: 'legalBasis',
  decidedOn: 'decidedOn',
  决定日期: 'decidedOn',
  validUntil: 'validUntil',
  有效期至: 'validUntil',
  department: 'department',
  决定机关: 'department',
  sourceRef: 'sourceRef',
  文书号: 'sourceRef',
};

/** All-or-nothing import of records from a department system (CSV or the first sheet of xlsx); a 422 lists every bad row. */
export async function importRecords(ctx: Ctx, file: Buffer, format: TableFormat) {
  assertCan(ctx.actor, P.manage);
  const { headerErrors, rows } = readRecords(await readTable(file, format), {
    columns,
    required: ['subjectKind', 'name', 'kind', 'title', 'legalBasis', 'decidedOn', 'department', 'sourceRef'],
    schema: RecordImportRow,
  });
  return fileImportRows(ctx, rows, headerErrors, 'file');
}

/**
 * The same import from a department system by API (OIDC client credentials, scope `api:credit.records`):
 * JSON rows in the file's shape, row n being the n-th element; all or nothing, idempotent by `sourceRef`.
 */
export async function submitRecords(ctx: Ctx, input: { records: Record<string, unknown>[] }) {
  const actor = ctx.actor;
  if (actor.kind !== 'api-client' || !actor.departmentId) throw new AppError('credit.api_only');
  assertCan(actor, P.submit, { departmentId: actor.departmentId });
  const rows = input.records.map((raw, i): TableRow<z.infer<typeof RecordImportRow>> => {
    const row = i + 1;
    const parsed = RecordImportRow.safeParse(raw);
    if (parsed.success) return { row, ok: true, value: parsed.data, raw: {} };
    const errors = parsed.error.issues.map((issue) => ({
      row,
      field: String(issue.path[0] ?? ''),
      code: issue.code === 'invalid_type' ? 'required' : 'invalid',
    }));
    return { row, ok: false, errors };
  });
  return fileImportRows(ctx, rows, [], 'api');
}

/** Rows read (from a file or JSON) → records filed in one transaction, or a 422 listing every bad row. */
async function fileImportRows(ctx: Ctx, rows: TableRow<z.infer<typeof RecordImportRow>>[], headerErrors: RowError[], via: 'file' | 'api') {
  const bad: RowError[] = [...headerErrors];
  const good: RecordInput[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (!r.ok) {
      bad.push(...r.errors);
      continue;
    }
    const v = r.value;
    const subject = v.subjectKind === 'entity' ? entitySubject(v.uscc ?? '', v.name) : personSubject(ctx, v.idNumber ?? '', v.name);
    if (!subject) {
      bad.push({ row: r.row, field: v.subjectKind === 'entity' ? 'uscc' : 'idNumber', code: 'invalid' });
      continue;
    }
    if (seen.has(v.sourceRef)) {
      bad.push({ row: r.row, field: 'sourceRef', code: 'duplicate' });
      continue;
    }
    seen.add(v.sourceRef);
    const { kind, title, legalBasis, decidedOn, validUntil, department, sourceRef } = v;
    good.push({ subject, source: 'import', sourceRef, kind, title, legalBasis, decidedOn, validUntil, departmentName: department, regionPath: '' });
  }
  if (bad.length) throw new AppError('credit.import_invalid', { extra: { badRows: bad.slice(0, 1000), badRowCount: bad.length } });
  await ctx.calendar.refresh();
  return transact(ctx, async (t) => {
    const filed = await fileRecords(t, good);
    t.audit({ action: 'credit.record.import', objectType: 'credit_record', objectId: 'import', summary: { via, rows: good.length, filed: filed.length } });
    return { imported: filed.length, skipped: good.length - filed.length };
  });
}

export async function listRecords(ctx: Ctx, q: z.infer<typeof RecordListQuery>) {
  assertCan(ctx.actor, P.read);
  const { rows, total } = await recordRepo.page(ctx.database.db, q);
  const { today, soon } = boardDates(ctx);
  return pageOf(
    rows.map((r) => presentRecord(r, today, soon)),
    total,
    q,
  );
}

/** Publishes a 双公示 decision on the portal (the legally required fields only; a person's name masked, no ID number). */
export async function publishRecord(ctx: Ctx, id: string) {
  assertCan(ctx.actor, P.manage);
  return transact(ctx, async (t) => {
    const row = await recordRepo.lock(t.tx, id);
    if (!row) throw notFound('credit_record', id);
    if (!row.disclose || row.repairedOn) throw new AppError('credit.not_disclosable');
    if (row.publishedOn) throw new AppError('credit.already_published');
    const today = t.calendar.today();
    await recordRepo.update(t.tx, id, { publishedOn: today });
    const late = row.disclosureDue !== null && today > row.disclosureDue;
    t.audit({ action: 'credit.record.publish', objectType: 'credit_record', objectId: id, summary: { publishedOn: today, due: row.disclosureDue, late } });
    return presentRecord({ ...row, publishedOn: today }, today, boardDates(t).soon);
  });
}

/** The 双公示 deadline board: unpublished decisions late or due within two working days, earliest first. */
export async function disclosureBoard(ctx: Ctx) {
  assertCan(ctx.actor, P.read);
  await ctx.calendar.refresh();
  const { today, soon } = boardDates(ctx);
  const rows = await recordRepo.board(ctx.database.db, soon);
  const items = rows.map((r) => presentRecord(r, today, soon));
  return { today, items, late: items.filter((i) => i.disclosure === 'late').length, dueSoon: items.filter((i) => i.disclosure === 'due_soon').length };
}
