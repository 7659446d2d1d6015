import { transact, type Ctx } from '../../platform/context.ts';
import { bumpGeneration } from '../../platform/meta/generations.ts';
import { searchItems } from '../catalog/index.ts';
import { casePaymentRules, caseDeferralLists } from './tables.ts';
import { seedDemoCases } from './demo-cases.ts';
import { seedSharedMaterialCases } from './shared-materials-demo.ts';
import { seedDemoBundle } from './bundles-demo.ts';
import { casesReferenceGeneration } from './workflows.ts';
import { refreshCaseLights } from './supervision.ts';

/** 容缺清单 of demo items: secondary materials a case may be accepted without (supplied before issue). */
export const demoDeferralLists: Record<string, string[]> = {
  食品经营许可: ['与食品经营相适应的主要设备设施布局、操作流程等文件', '食品安全管理人员健康证明'],
  食品生产许可: ['食品生产设备布局图和食品生产工艺流程图'],
  公共场所卫生许可: ['公共场所卫生检测或者评价报告'],
};

/**
 * 缴费规则 of a demo item (payment-wait.ts): 普通护照签发 (fee 因私普通护照工本费 in force, intake by
 * `window.clerk`) waits for payment before acceptance, the clock not paused. No other seed files
 * cases of this item, so the other demos (payments, delivery) are not held up by it.
 */
export const demoPaymentRules: Record<string, Omit<typeof casePaymentRules.$inferInsert, 'implementationCode'>> = {
  普通护照签发: { beforeStep: 'accept', pauseClock: false, legalBasis: '《中华人民共和国护照法》第六条；因私普通护照工本费缴清后受理，缴费期间计入办理时限' },
};

export async function seedCasesDemo(ctx: Ctx): Promise<void> {
  const rules: (typeof casePaymentRules.$inferInsert)[] = [];
  for (const [name, rule] of Object.entries(demoPaymentRules)) {
    const page = await searchItems(ctx, { q: name, page: 1, pageSize: 50 } as never);
    for (const item of page.items as { name: string; implementationCode: string }[])
      if (item.name === name) rules.push({ implementationCode: item.implementationCode, ...rule });
  }
  const rows: (typeof caseDeferralLists.$inferInsert)[] = [];
  for (const [name, materials] of Object.entries(demoDeferralLists)) {
    const page = await searchItems(ctx, { q: name, page: 1, pageSize: 50 } as never);
    for (const item of page.items as { name: string; implementationCode: string }[])
      if (item.name === name) rows.push({ implementationCode: item.implementationCode, materials });
  }
  await transact(ctx, async (t) => {
    if (rows.length) await t.tx.insert(caseDeferralLists).values(rows).onConflictDoNothing();
    if (rules.length) await t.tx.insert(casePaymentRules).values(rules).onConflictDoNothing();
    await bumpGeneration(t, casesReferenceGeneration);
    t.audit({ action: 'seed.demo', objectType: 'module', objectId: 'cases', summary: { deferralLists: rows.length, paymentRules: rules.length } });
  });
  await seedDemoCases(ctx);
  await seedSharedMaterialCases(ctx);
  await seedDemoBundle(ctx);
  // Every demo case was acted on at a staged day, so its cached light is that day's: today's, once for all of them.
  await refreshCaseLights(ctx, { force: true });
}
