import { randomInt } from 'node:crypto';
import { publicOrigin } from '../../platform/config/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { blindIndex, sm3 } from '../../platform/crypto/index.ts';
import { newId } from '../../platform/db/index.ts';
import { AppError, registerErrors } from '../../platform/errors.ts';
import { cjkFont } from '../../platform/pdf.ts';
import { isValidUscc } from '../../platform/validators.ts';
import { findLegalEntityByUscc } from '../identity/index.ts';
import { creditLevelOf } from './levels.ts';
import { nowOf } from './present.ts';
import { renderCreditReportPdf, type ReportContent } from './report-pdf.ts';
import { reportRepo } from './report-repository.ts';
import { entryRepo, recordRepo } from './repository.ts';
import { normalUscc, signedInSubject } from './subjects.ts';

registerErrors({
  'credit.report_unavailable': {
    status: 503,
    zh: '服务器未安装中文字体，暂不能生成信用报告',
    en: 'No CJK font is installed on the server; the credit report cannot be rendered',
  },
  'credit.report_entities_only': {
    status: 403,
    zh: '信用报告仅向法人和其他组织出具（个人信用信息不公开）',
    en: 'Credit reports are issued for legal entities only (a person’s credit file is not public)',
  },
  'credit.subject_unknown': { status: 404, zh: '没有该统一社会信用代码的主体', en: 'No entity with this unified social credit code' },
});

/** Crockford base32 (no I, L, O, U: nothing to misread on paper). */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const randomCode = (n: number) => Array.from({ length: n }, () => CROCKFORD[randomInt(CROCKFORD.length)]).join('');
/** What a person typed, as generated: upper case, spaces and hyphens dropped, O → 0, I/L → 1. */
export const normalizeReportCode = (input: string) => input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
/** Stored instead of the code: HMAC-SM3 under DATA_KEY (a copied table yields no usable code). */
const codeDigest = (ctx: Ctx, code: string) => blindIndex(ctx.config.secrets.dataKey, `credit-report:${normalizeReportCode(code)}`);

/**
 * Issues a credit report (信用报告) of an entity as a PDF: the public part of its file on the day
 * (lists in force with reason, basis and period; published, unrepaired licence and penalty
 * decisions) and its computed credit level, with a verification code (12 characters, 60 bits) that
 * `verifyCreditReport` answers for. `as`: 'subject' (the enterprise signed in: its own USCC) or
 * 'public' (anyone, by USCC). Only entities: a person's file is not public. Audited; the requesting
 * account is kept with the report and in the audit trail, never printed nor verified.
 */
export async function issueCreditReport(
  ctx: Ctx,
  as: 'public' | 'subject',
  usccParam?: string,
): Promise<{ data: Buffer; fileName: string; reportNo: string; code: string }> {
  let uscc: string;
  let name: string | null = null;
  if (as === 'subject') {
    const s = await signedInSubject(ctx);
    if (s.kind !== 'entity') throw new AppError('credit.report_entities_only');
    uscc = s.key;
    name = s.name;
  } else {
    uscc = normalUscc(usccParam ?? '');
    if (!isValidUscc(uscc)) throw new AppError('validation.uscc', { fields: [{ field: 'uscc', code: 'uscc' }] });
  }
  const font = cjkFont(ctx.config);
  if (!font) throw new AppError('credit.report_unavailable');
  const db = ctx.database.db;
  const today = ctx.calendar.today();
  const records = await recordRepo.publicOfEntity(db, uscc);
  const entries = await entryRepo.inForce(db, 'entity', uscc, today);
  name ??= records[0]?.subjectName ?? entries[0]?.subjectName ?? (await findLegalEntityByUscc(ctx, uscc))?.name ?? null;
  if (!name) throw new AppError('credit.subject_unknown');
  const level = await creditLevelOf(ctx, { kind: 'entity', key: uscc });
  const code = randomCode(12);
  const reportNo = `XYBG${today.replaceAll('-', '')}${randomCode(8)}`;
  const content: ReportContent = {
    reportNo,
    uscc,
    name,
    issuedOn: today,
    level: { level: level.level, score: level.score },
    lists: entries.map((e) => ({
      list: e.list,
      reason: e.reason,
      legalBasis: e.legalBasis,
      validFrom: e.validFrom,
      validUntil: e.validUntil,
      authority: e.authority,
    })),
    records: records.map((r) => ({
      kind: r.kind,
      title: r.title,
      legalBasis: r.legalBasis,
      decidedOn: r.decidedOn,
      validUntil: r.validUntil,
      departmentName: r.departmentName,
      publishedOn: r.publishedOn,
    })),
  };
  const contentDigest = sm3(JSON.stringify(content));
  const verifyUrl = `${publicOrigin(ctx.config)}/credit/verify`;
  // Rendered before anything is written: no font trouble leaves a report nobody received.
  const data = await renderCreditReportPdf(font, content, { code: code.match(/.{4}/g)!.join('-'), contentDigest, verifyUrl });
  await transact(ctx, async (t) => {
    const id = newId();
    await reportRepo.insert(t.tx, {
      id,
      reportNo,
      codeDigest: codeDigest(t, code),
      subjectKind: 'entity',
      subjectKey: uscc,
      subjectName: name,
      issuedOn: today,
      level: level.level,
      content: content as unknown as Record<string, unknown>,
      contentDigest,
      requestedAs: as,
      requestedBy: t.actor.id,
      issuedAt: nowOf(t),
    });
    t.audit({ action: 'credit.report.issue', objectType: 'credit_report', objectId: id, summary: { reportNo, uscc, requestedAs: as, level: level.level } });
  });
  // The code is printed on the PDF only (the routes send the PDF); it is returned for callers inside the server.
  return { data, fileName: `${reportNo}.pdf`, reportNo, code };
}

/**
 * Whether a verification code is genuine and what its report certifies: the entity, the day, the
 * level, the lists and how many decisions it listed, and the SM3 digest of its content (printed on
 * the report). Nothing about who asked for it; an unknown or altered code is `genuine: false`.
 */
export async function verifyCreditReport(ctx: Ctx, code: string) {
  const row = await reportRepo.byCodeDigest(ctx.database.db, codeDigest(ctx, code));
  if (!row) return { genuine: false as const, report: null };
  const c = row.content as unknown as ReportContent;
  return {
    genuine: true as const,
    report: {
      reportNo: row.reportNo,
      uscc: row.subjectKey,
      name: row.subjectName,
      issuedOn: row.issuedOn,
      level: row.level as 'A' | 'B' | 'C' | 'D' | null,
      lists: c.lists.map((l) => l.list),
      recordCount: c.records.length,
      contentDigest: row.contentDigest,
    },
  };
}
