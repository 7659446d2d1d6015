/**
 * Demo cases whose materials come from shared data (docs/data-centre.md): 张明's 户口迁移 (居民户口簿
 * from 公安局's household register) and 最低生活保障审核确认 (家庭成员身份证明, read by 民政局 under
 * its approval), both fetched; and 赵丽华's 离婚登记 filed at a window while the marriage register was
 * down, so the window clerk (window.clerk) finds a failed fetch with its three choices.
 */
import { asActor, type Ctx } from '../../platform/context.ts';
import { getApplicableVersion, searchItems } from '../catalog/index.ts';
import { dataSimulation } from '../data/index.ts';
import { completeIdNumber } from '../../platform/validators.ts';
import { actorForUsername } from '../identity/index.ts';
import type { CaseSubmit } from './schemas.ts';
import { submitCase } from './submit.ts';
import { uploadMaterial } from './uploads.ts';

const CITY = '990100';
const pdf = (title: string) => Buffer.from(`%PDF-1.7\n% ${title}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

interface SharedDemo {
  item: string;
  by: string;
  walkIn?: CaseSubmit['applicant'];
  formData: Record<string, unknown>;
  /** A simulated provider down during the submit (the failed fetch the clerk then resolves). */
  down?: string;
}

/** A walk-in without a demo account (the demo accounts' own case lists stay as the journeys expect them). */
const walkIn = { name: '赵丽华', idNumber: completeIdNumber('99010519820314562'), phone: '13500005555', address: '示范市明湖区湖滨街道湖滨路 12 号' };
export const sharedDemoCases: SharedDemo[] = [
  {
    item: '户口迁移（市内迁移）',
    by: 'citizen1',
    formData: { contactPhone: '13800001111', contactAddress: '示范市明湖区湖滨街道湖滨路 8 号', remarks: '市内迁移至东岭区' },
  },
  { item: '最低生活保障审核确认', by: 'citizen1', formData: { contactPhone: '13800001111', contactAddress: '示范市明湖区湖滨街道湖滨路 8 号' } },
  {
    item: '内地居民离婚登记',
    by: 'window.clerk',
    walkIn: { kind: 'person', name: walkIn.name, idNumber: walkIn.idNumber, phone: walkIn.phone },
    formData: { contactPhone: walkIn.phone, contactAddress: walkIn.address },
    down: 'sim.marriage',
  },
];

export async function seedSharedMaterialCases(ctx: Ctx): Promise<number> {
  let made = 0;
  for (const demo of sharedDemoCases) {
    const page = await searchItems(ctx, { q: demo.item, region: CITY, page: 1, pageSize: 50 } as never);
    const code = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find(
      (i) => i.name === demo.item && i.regionCode === CITY,
    )?.implementationCode;
    if (!code) continue;
    const { guide } = await getApplicableVersion(ctx, code);
    const filer = asActor(ctx, await actorForUsername(ctx, demo.by));
    const materials: CaseSubmit['materials'] = [];
    for (const m of guide.materials)
      if (m.source === 'applicant' && m.required) materials.push({ name: m.name, fileIds: [(await uploadMaterial(filer, pdf(m.name), `${m.name}.pdf`)).id] });
    if (demo.down) dataSimulation.down.add(demo.down);
    try {
      await submitCase(filer, { implementationCode: code, formData: demo.formData, materials, applicant: demo.walkIn });
    } finally {
      if (demo.down) dataSimulation.down.delete(demo.down);
    }
    made++;
  }
  return made;
}
