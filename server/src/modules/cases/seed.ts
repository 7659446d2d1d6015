import { transact, type Ctx } from '../../platform/context.ts';
import { bumpGeneration } from '../../platform/meta/generations.ts';
import { searchItems } from '../catalog/index.ts';
import { caseDeferralLists } from './tables.ts';
import { seedDemoCases } from './demo-cases.ts';
import { seedSharedMaterialCases } from './shared-materials-demo.ts';
import { casesReferenceGeneration } from './workflows.ts';

/** 容缺清单 of demo items: secondary materials a case may be accepted without (supplied before issue). */
export const demoDeferralLists: Record<string, string[]> = {
  食品经营许可: ['与食品经营相适应的主要设备设施布局、操作流程等文件', '食品安全管理人员健康证明'],
  食品生产许可: ['食品生产设备布局图和食品生产工艺流程图'],
  公共场所卫生许可: ['公共场所卫生检测或者评价报告'],
};

export async function seedCasesDemo(ctx: Ctx): Promise<void> {
  const rows: (typeof caseDeferralLists.$inferInsert)[] = [];
  for (const [name, materials] of Object.entries(demoDeferralLists)) {
    const page = await searchItems(ctx, { q: name, page: 1, pageSize: 50 } as never);
    for (const item of page.items as { name: string; implementationCode: string }[])
      if (item.name === name) rows.push({ implementationCode: item.implementationCode, materials });
  }
  await transact(ctx, async (t) => {
    if (rows.length) await t.tx.insert(caseDeferralLists).values(rows).onConflictDoNothing();
    await bumpGeneration(t, casesReferenceGeneration);
    t.audit({ action: 'seed.demo', objectType: 'module', objectId: 'cases', summary: { deferralLists: rows.length } });
  });
  await seedDemoCases(ctx);
  await seedSharedMaterialCases(ctx);
}
