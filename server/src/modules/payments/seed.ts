import { asActor, type Ctx } from '../../platform/context.ts';
import { getApplicableVersion, searchItems } from '../catalog/index.ts';
import { listCases, submitCase, uploadMaterial } from '../cases/index.ts';
import { actorForUsername, demoIdNumber } from '../identity/index.ts';
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

/** The demo item whose payment rule makes a case wait before acceptance (cases seed, `demoPaymentRules`). */
export const demoWaitingItem = '普通护照签发';

/**
 * 张明's 普通护照签发, filed for him at the city service center by `window.clerk` (the item asks him
 * in person: not online). The payment rule makes it wait at submit and issues his order.
 */
async function demoWaitingCase(ctx: Ctx): Promise<void> {
  const code = await codeOf(ctx, demoWaitingItem);
  if (!code) return;
  const { guide } = await getApplicableVersion(ctx, code);
  const clerk = asActor(ctx, await actorForUsername(ctx, 'window.clerk'));
  const materials = [];
  for (const m of guide.materials) {
    if (m.source === 'commitment') materials.push({ name: m.name, fileIds: [], commitment: true });
    else if (m.source === 'applicant' && m.required)
      materials.push({ name: m.name, fileIds: [(await uploadMaterial(clerk, pdf(m.name), `${m.name}.pdf`)).id] });
  }
  await submitCase(clerk, {
    implementationCode: code,
    formData: { applicantName: '张明', contactPhone: '13800001111', contactAddress: '示范市明湖区湖滨街道湖滨路 8 号' },
    materials,
    delivery: 'pickup',
    applicant: { kind: 'person', name: '张明', idNumber: demoIdNumber(0), phone: '13800001111' },
  });
}

/**
 * Demo: 张明 has two 不动产抵押登记 cases (an item applied for online, fee 550.00 元): one with an
 * unpaid order (his payment page shows it), one paid through the simulated gateway, whose receipt
 * downloads; and a 普通护照签发 case filed for him at the window, waiting for its 120 元 fee before
 * acceptance (待缴费: the rule made it wait at submit and issued the order). Seeding again adds nothing.
 */
export async function seedPaymentsDemo(ctx: Ctx): Promise<void> {
  const me = asActor(ctx, await actorForUsername(ctx, 'citizen1'));
  const mine = await listCases(me, { page: 1, pageSize: 100, mine: '1' });
  if (!(mine.items as { itemName: string }[]).some((c) => c.itemName === demoWaitingItem)) await demoWaitingCase(ctx);
  if ((mine.items as { itemName: string }[]).some((c) => c.itemName === '不动产抵押登记')) return;
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
