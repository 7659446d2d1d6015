import { AppError } from '../../../platform/errors.ts';
import { cjkFont, pdfmake, type FontConfig } from '../../../platform/pdf.ts';

/**
 * The printable certificate (PDF) rendered with pdfmake (platform/pdf.ts: loaded on the first
 * download, with CERTIFICATE_FONT or Debian's fonts-noto-cjk).
 */
export type { FontConfig };
/** The font to render with, or null when none is installed. */
export const certificateFont = cjkFont;

export interface CertificatePdfInput {
  identifier: string;
  name: string;
  holder: { name: string; code?: string | null; kind: string };
  issuer: { name: string; code?: string | null };
  item?: string | null;
  caseNo: string;
  fields: Record<string, unknown>;
  issuedOn: string;
  validUntil: string | null;
  status: string;
  statusLabel: string;
  signature: string;
  keyId: string;
  /** The verification URL; with `#code=…` when the certificate has a verification code. */
  verifyUrl: string;
  /** XXXX-XXXX-XXXX: whoever holds it may read the full content on the verification page (null: issued before codes existed). */
  verificationCode: string | null;
}

const show = (v: unknown): string =>
  v === null || v === undefined || v === '' ? '—' : typeof v === 'boolean' ? (v ? '是' : '否') : typeof v === 'object' ? JSON.stringify(v) : String(v);

/**
 * Long unbroken strings (the identifier, the address, the signature) as lines of at most `width`
 * characters, broken after a '.', '/' or '#' where one is near: pdfmake breaks lines only at spaces,
 * so these ran off the page.
 */
export function hardWrap(value: string, width: number): string {
  const lines: string[] = [];
  let rest = value;
  while (rest.length > width) {
    const window = rest.slice(0, width);
    const at = Math.max(window.lastIndexOf('.'), window.lastIndexOf('/'), window.lastIndexOf('#'));
    const cut = at >= width / 2 ? at + 1 : width;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  lines.push(rest);
  return lines.join('\n');
}

/** Renders the certificate as a PDF (A4): its fields, identifier, holder, issuer, dates, the verification code, a QR code of the verification page (carrying the code), and the SM2 signature. */
export async function renderCertificatePdf(config: FontConfig, c: CertificatePdfInput): Promise<Buffer> {
  const font = certificateFont(config);
  if (!font) throw new AppError('cases.certificate_pdf_unavailable');
  const pm = await pdfmake(font);
  const row = (label: string, value: unknown) => [{ text: label, style: 'label' }, { text: show(value) }];
  const doc = {
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    info: {
      title: `${c.name} ${c.identifier}`,
      subject: c.identifier,
      keywords: `${c.identifier} ${c.caseNo}`,
      creator: 'yiwang',
      producer: 'yiwang (pdfmake)',
    },
    defaultStyle: { font: 'cjk', fontSize: 10.5, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 24, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 11, alignment: 'center', color: '#555555', margin: [0, 0, 0, 18] },
      label: { color: '#444444' },
      heading: { fontSize: 12, bold: true, margin: [0, 14, 0, 6] },
      status: { fontSize: 14, bold: true, color: '#b00020', alignment: 'center', margin: [0, 0, 0, 12] },
      mono: { fontSize: 8, color: '#333333' },
    },
    content: [
      { text: c.name, style: 'title' },
      { text: '电子证照 · Electronic certificate', style: 'subtitle' },
      ...(c.status === 'valid' ? [] : [{ text: `本证照${c.statusLabel}，不再有效`, style: 'status' }]),
      {
        table: {
          widths: [110, '*'],
          body: [
            row('证照标识', hardWrap(c.identifier, 40)),
            row('持证主体', c.holder.code ? `${c.holder.name}（${c.holder.code}）` : c.holder.name),
            row('发证机关', c.issuer.code ? `${c.issuer.name}（${c.issuer.code}）` : c.issuer.name),
            row('事项', c.item),
            row('办件编号', c.caseNo),
            row('发证日期', c.issuedOn),
            row('有效期至', c.validUntil ?? '长期'),
            row('状态', c.statusLabel),
            ...(c.verificationCode ? [row('核验码', c.verificationCode)] : []),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      ...(Object.keys(c.fields).length
        ? [
            { text: '证照信息', style: 'heading' },
            { table: { widths: [110, '*'], body: Object.entries(c.fields).map(([k, v]) => row(k, v)) }, layout: 'lightHorizontalLines' },
          ]
        : []),
      {
        margin: [0, 20, 0, 0],
        columns: [
          {
            width: 'auto',
            stack: [
              { qr: c.verifyUrl, fit: 110, eccLevel: 'M' },
              { text: '扫码核验', alignment: 'center', margin: [0, 4, 0, 0] },
            ],
          },
          {
            width: '*',
            margin: [16, 0, 0, 0],
            stack: [
              { text: '在线核验', bold: true },
              { text: hardWrap(c.verifyUrl.replace(/#.*$/, ''), 52), style: 'mono', margin: [0, 2, 0, 2] },
              {
                text: c.verificationCode
                  ? `扫码或输入核验码 ${c.verificationCode} 可查看证照完整内容；仅凭证照标识只能核验真伪和状态。`
                  : '凭证照标识可核验真伪和状态。',
                fontSize: 9,
                margin: [0, 0, 0, 8],
              },
              { text: '数字签名（SM2 / SM3，签名者 ID 1234567812345678）', bold: true },
              { text: hardWrap(c.signature, 60), style: 'mono', margin: [0, 2, 0, 4] },
              { text: `密钥标识 ${c.keyId}`, style: 'mono', margin: [0, 0, 0, 8] },
              { text: '签名覆盖证照内容的规范化 JSON；离线核验请下载签名 JSON 并使用平台公布的 SM2 公钥。本 PDF 为打印件。', color: '#555555', fontSize: 9 },
            ],
          },
        ],
      },
    ],
  };
  return pm.createPdf(doc).getBuffer();
}
