import { asActor, type Ctx } from '../../platform/context.ts';
import { getApplicableVersion, searchItems } from '../catalog/index.ts';
import { submitCase, uploadMaterial } from '../cases/index.ts';
import { actorForUsername } from '../identity/index.ts';
import { receiveCallback } from './callbacks.ts';
import { signSimulated } from './gateway.ts';
import { issueOrder, payOrder } from './orders.ts';
import { tradeRepo } from './repository.ts';

const CITY = '990100';
const pdf = (title: string) => Buffer.from(`%PDF-1.7\n% ${title}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

async function codeOf(ctx: Ctx, name: string): Promise<string | undefined> {
  const page = await searchItems(ctx, { q: name, region: CITY, page: 1, pageSize: 50 } as never);
  return (page.items as { name: string; regionCode: string; implementationCode: string }[]).find((i) => i.name === name && i.regionCode === CITY)
    ?.implementationCode;
}

/** 张明 (citizen1) applies online for an item with fees, the way the portal does; returns the case number. */
export async function demoFeeCase(ctx: Ctx, itemName: string, username = 'citizen1'): Promise<string | undefined> {
  const code = await codeOf(ctx, itemName);
  if (!code) return undefined;
  const { guide } = await getApplicableVersion(ctx, code);
  const me = asActor(ctx, await actorForUsername(ctx, username));
  const materials = [];
  for (const m of guide.materials) {
    if (m.source === 'commitment') materials.push({ name: m.name, fileIds: [], commitment: true });
    else if (m.source === 'applicant' && m.required) materials.push({ name: m.name, fileIds: [(await uploadMaterial(me, pdf(m.name), `${m.name}.pdf`)).id] });
  }
  const submitted = await submitCase(me, {
    implementationCode: code,
    formData: { applicantName: '张明', contactPhone: '13800001111', contactAddress: '示范市明湖区湖滨街道湖滨路 8 号' },
    materials,
    delivery: 'electronic',
  });
  return submitted.caseNo;
}

/**
 * Demo: 张明 has two 不动产抵押登记 cases (an item applied for online, fee 550.00 元): one with an
 * unpaid order (his payment page shows it), one paid through the simulated gateway, whose receipt downloads.
 */
export async function seedPaymentsDemo(ctx: Ctx): Promise<void> {
  const me = asActor(ctx, await actorForUsername(ctx, 'citizen1'));
  const unpaid = await demoFeeCase(ctx, '不动产抵押登记');
  if (unpaid) await issueOrder(me, unpaid, 'applicant');
  const paidCase = await demoFeeCase(ctx, '不动产抵押登记');
  if (!paidCase) return;
  const order = await issueOrder(me, paidCase, 'applicant');
  await payOrder(me, order.orderNo);
  // The gateway's notice, delivered now rather than by the job runner.
  const trade = (await tradeRepo.byOrder(ctx.database.db, order.orderNo))!;
  const event = signSimulated(ctx, {
    eventId: `EV-${trade.tradeNo}`,
    orderNo: order.orderNo,
    kind: 'paid',
    tradeNo: trade.tradeNo,
    amountFen: trade.amountFen,
    occurredAt: trade.paidAt.toISOString(),
  });
  await receiveCallback(ctx, 'simulated', event);
}
