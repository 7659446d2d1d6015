import { pdfmake, type FontChoice } from '../../platform/pdf.ts';

/** What a credit report certifies (stored with it; its SM3 is the content digest printed on it). */
export interface ReportContent {
  reportNo: string;
  uscc: string;
  name: string;
  issuedOn: string;
  level: { level: string; score: number };
  lists: { list: string; reason: string; legalBasis: string; validFrom: string; validUntil: string | null; authority: string }[];
  records: {
    kind: string;
    title: string;
    legalBasis: string;
    decidedOn: string;
    validUntil: string | null;
    departmentName: string;
    publishedOn: string | null;
  }[];
}

const LIST = {
  honor: '守信激励对象名单（红名单）',
  dishonesty: '严重失信主体名单',
  abnormal_operation: '经营异常名录',
  judgment_defaulter: '失信被执行人名单',
} as Record<string, string>;
const KIND = { licence: '行政许可', penalty: '行政处罚' } as Record<string, string>;
const LEVEL = { A: 'A 级（诚信）', B: 'B 级（守信）', C: 'C 级（基本守信）', D: 'D 级（失信）' } as Record<string, string>;

/** The report as a PDF (pdfmake, the CJK font of platform/pdf.ts). */
export async function renderCreditReportPdf(
  font: FontChoice,
  c: ReportContent,
  v: { code: string; contentDigest: string; verifyUrl: string },
): Promise<Buffer> {
  const pm = await pdfmake(font);
  const none = (text: string) => ({ text, color: '#666', margin: [0, 0, 0, 8] });
  const doc = {
    info: { title: `信用报告 ${c.reportNo}`, subject: c.reportNo },
    defaultStyle: { font: 'cjk', fontSize: 10 },
    content: [
      { text: '法人和其他组织信用报告', fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      { text: '（公开信用信息）', alignment: 'center', color: '#666', margin: [0, 0, 0, 12] },
      {
        table: {
          widths: [110, '*'],
          body: [
            ['报告编号', c.reportNo],
            ['主体名称', c.name],
            ['统一社会信用代码', c.uscc],
            ['出具日期', c.issuedOn],
            ['信用等级', `${LEVEL[c.level.level] ?? c.level.level}（${c.level.score} 分）`],
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 12],
      },
      { text: '一、信用名单', bold: true, fontSize: 12, margin: [0, 0, 0, 6] },
      c.lists.length
        ? {
            table: {
              headerRows: 1,
              widths: [90, '*', '*', 60, 60],
              body: [
                ['名单', '列入事由', '依据', '列入日期', '有效期至'],
                ...c.lists.map((l) => [LIST[l.list] ?? l.list, l.reason, l.legalBasis, l.validFrom, l.validUntil ?? '']),
              ],
            },
            margin: [0, 0, 0, 12],
          }
        : none('未列入任何信用名单。'),
      { text: '二、行政许可和行政处罚信息（双公示）', bold: true, fontSize: 12, margin: [0, 0, 0, 6] },
      c.records.length
        ? {
            table: {
              headerRows: 1,
              widths: [50, '*', '*', 60, 80],
              body: [
                ['类别', '事项', '依据', '决定日期', '决定机关'],
                ...c.records.map((r) => [KIND[r.kind] ?? r.kind, r.title, r.legalBasis, r.decidedOn, r.departmentName]),
              ],
            },
            margin: [0, 0, 0, 12],
          }
        : none('无公示中的行政许可和行政处罚信息。'),
      { text: '验证', bold: true, fontSize: 12, margin: [0, 12, 0, 6] },
      {
        text: [
          { text: '验证码：', bold: true },
          { text: v.code, fontSize: 14, bold: true },
        ],
      },
      { text: `在 ${v.verifyUrl} 输入验证码，可核验本报告的真实性及其载明的内容。` },
      { text: `内容摘要（SM3）：${v.contentDigest}`, fontSize: 7, color: '#666', margin: [0, 4, 0, 0] },
      {
        text: '本报告仅载明出具之日公开的信用信息，已信用修复的信息不再载明；个人信用信息不在公开范围。本报告由一网政务服务平台生成。',
        fontSize: 8,
        color: '#666',
        margin: [0, 16, 0, 0],
      },
    ],
  };
  return pm.createPdf(doc).getBuffer();
}
