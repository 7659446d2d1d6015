import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { cjkFont, pdfmake } from '../../platform/pdf.ts';
import { yuan } from './amounts.ts';
import { readableOrder } from './shared.ts';

const KIND = { administrative_fee: '行政事业性收费', government_fund: '政府性基金' } as const;

/**
 * 缴费凭证 (PDF) of a paid (or since refunded) order, for its payer and the department's staff. It needs
 * a CJK font: without one, 503 `payments.receipt_unavailable` rather than a PDF with missing characters.
 */
export async function receiptPdf(ctx: Ctx, orderNo: string): Promise<{ data: Buffer; fileName: string }> {
  const o = await readableOrder(ctx, ctx.database.db, orderNo);
  if (o.status !== 'paid' && o.status !== 'refunded') throw new AppError('payments.not_paid');
  const font = cjkFont(ctx.config);
  if (!font) throw new AppError('payments.receipt_unavailable');
  const pm = await pdfmake(font);
  const doc = {
    info: { title: `缴费凭证 ${o.orderNo}`, subject: o.orderNo },
    defaultStyle: { font: 'cjk', fontSize: 10 },
    content: [
      { text: '政务服务缴费凭证', fontSize: 18, bold: true, alignment: 'center', margin: [0, 0, 0, 12] },
      {
        table: {
          widths: [90, '*'],
          body: [
            ['缴费单号', o.orderNo],
            ['办件编号', o.caseNo],
            ['事项', o.itemName],
            ['执收单位', o.departmentName],
            ['缴款人', o.payerName],
            ['支付渠道流水号', o.gatewayTradeNo ?? ''],
            ['支付时间', o.paidAt ? `${shanghaiDate(o.paidAt)} ${new Date(o.paidAt.getTime() + 8 * 3_600_000).toISOString().slice(11, 19)}` : ''],
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 12],
      },
      {
        table: {
          headerRows: 1,
          widths: ['*', 90, 40, 70],
          body: [
            ['收费项目', '类别', '数量', '金额（元）'],
            ...o.lines.map((l) => [l.name, KIND[l.kind], String(l.quantity), yuan(l.amountFen)]),
            [{ text: '合计', bold: true }, '', '', { text: yuan(o.paidFen ?? o.amountFen), bold: true }],
          ],
        },
      },
      o.status === 'refunded' ? { text: `已退费 ${yuan(o.refundedFen ?? 0)} 元：${o.refundReason ?? ''}`, margin: [0, 12, 0, 0], color: '#b00' } : '',
      { text: '本凭证由一网政务服务平台生成，仅作缴费证明。', fontSize: 8, color: '#666', margin: [0, 24, 0, 0] },
    ],
  };
  return { data: await pm.createPdf(doc).getBuffer(), fileName: `${o.orderNo}.pdf` };
}
