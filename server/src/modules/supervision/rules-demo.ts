import { demoId } from '../org/index.ts';
import { asActor, type Ctx } from '../../platform/context.ts';
import { completeIdNumber } from '../../platform/validators.ts';
import { actOnCase, submitCase, uploadMaterial, type CaseAction } from '../cases/index.ts';
import { getApplicableVersion, searchItems } from '../catalog/index.ts';
import { actorForUsername } from '../identity/index.ts';

const pdf = (title: string) => Buffer.from(`%PDF-1.7\n% ${title}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

type Step = [minutes: number, by: string, action: CaseAction, body?: Record<string, unknown>];

/**
 * Three walk-in cases filed at the city 市场监管局's window (no demo account's own list changes), all
 * ended (none with a certificate), each breaking a rule the way offices do. `applicant` in a step:
 * the applicant hands in the corrected materials.
 */
const demoCases: { item: string; applicant: { name: string; idBody: string; phone: string }; formData: Record<string, unknown>; steps: Step[] }[] = [
  {
    // Two corrections, the first demanding 营业执照, which the window fetches through data sharing; then refused.
    item: '食品经营许可',
    applicant: { name: '陈立新', idBody: '99010319750308161', phone: '13600007771' },
    formData: {
      operatorName: '陈立新',
      legalRepresentative: '陈立新',
      premises: '示范市东岭区桂园路 12 号',
      businessForm: '小餐饮',
      areaSqm: 45,
      safetyManager: '陈立新',
      contactPhone: '13600007771',
    },
    steps: [
      [0, 'scjg.clerk', 'request_correction', { items: [{ material: '营业执照', problem: '请提供营业执照复印件并加盖公章' }] }],
      [1440, 'applicant', 'submit_correction', { note: '已补交营业执照复印件' }],
      [1500, 'scjg.clerk', 'request_correction', { items: [{ material: '食品安全管理人员健康证明', problem: '健康证明已过期，请重新提供' }] }],
      [2880, 'applicant', 'submit_correction', { note: '已补交新的健康证明' }],
      [2900, 'scjg.clerk', 'refuse', { reason: '经营场所位于居民楼内，不符合食品经营场所要求', legalBasis: '《食品经营许可和备案管理办法》第十二条' }],
    ],
  },
  {
    // Refused citing no law.
    item: '个体工商户设立登记',
    applicant: { name: '黄晓燕', idBody: '99010319820917242', phone: '13600007772' },
    formData: {
      tradeName: '桂园李记小吃店',
      businessScope: '小吃服务',
      premises: '示范市东岭区桂园路 14 号',
      capital: 3,
      employees: 1,
      contactPhone: '13600007772',
    },
    steps: [[30, 'scjg.clerk', 'refuse', { reason: '经营场所不符合要求', legalBasis: '不符合受理条件' }]],
  },
  {
    // Three special procedures stopping the clock, and accepted to denied within minutes.
    item: '食品经营许可',
    applicant: { name: '孙志强', idBody: '99010319900521383', phone: '13600007773' },
    formData: {
      operatorName: '孙志强',
      legalRepresentative: '孙志强',
      premises: '示范市东岭区桂园路 16 号',
      businessForm: '小餐饮',
      areaSqm: 38,
      safetyManager: '孙志强',
      contactPhone: '13600007773',
    },
    steps: [
      [10, 'scjg.clerk', 'accept'],
      [11, 'scjg.reviewer', 'start_special_procedure', { procedure: 'inspection', note: '现场核查' }],
      [12, 'scjg.reviewer', 'end_special_procedure'],
      [13, 'scjg.reviewer', 'start_special_procedure', { procedure: 'inspection', note: '再次现场核查' }],
      [14, 'scjg.reviewer', 'end_special_procedure'],
      [15, 'scjg.reviewer', 'start_special_procedure', { procedure: 'expert_review', note: '专家评审' }],
      [16, 'scjg.reviewer', 'end_special_procedure'],
      [17, 'scjg.reviewer', 'approve', { opinion: '核查通过' }],
      [18, 'scjg.approver', 'deny', { reason: '现场核查发现加工区与就餐区未分隔', legalBasis: '《中华人民共和国食品安全法》第三十三条' }],
    ],
  },
];

/**
 * Demo cases for the 电子监察 rules, made through the cases module's services with the clock set
 * to office hours a week ago (each step `minutes` after the submission). Returns their numbers.
 */
export async function seedRuleDemoCases(ctx: Ctx): Promise<string[]> {
  const codeOf = async (name: string) => {
    const page = await searchItems(ctx, { q: name, region: '990100', page: 1, pageSize: 50 } as never);
    return (page.items as { name: string; regionCode: string; implementationCode: string }[]).find((i) => i.name === name && i.regionCode === '990100')
      ?.implementationCode;
  };
  const start = new Date(`${ctx.calendar.today()}T09:20:00+08:00`).getTime() - 7 * 86_400_000;
  const as = async (username: string, minutes: number): Promise<Ctx> => ({
    ...asActor(ctx, await actorForUsername(ctx, username)),
    now: () => new Date(start + minutes * 60_000),
  });
  const made: string[] = [];
  for (const demo of demoCases) {
    const code = await codeOf(demo.item);
    if (!code) continue;
    const { guide } = await getApplicableVersion(ctx, code);
    const filer = await as('scjg.clerk', 0);
    const materials: Parameters<typeof submitCase>[1]['materials'] = [];
    for (const m of guide.materials) {
      if (m.source === 'commitment') materials.push({ name: m.name, fileIds: [], commitment: true });
      else if (m.source === 'applicant' && m.required)
        materials.push({ name: m.name, fileIds: [(await uploadMaterial(filer, pdf(m.name), `${m.name}.pdf`)).id] });
    }
    const { caseNo, applicant } = await submitCase(filer, {
      implementationCode: code,
      formData: demo.formData,
      materials,
      delivery: 'pickup',
      applicant: { kind: 'person', name: demo.applicant.name, idNumber: completeIdNumber(demo.applicant.idBody), phone: demo.applicant.phone },
      // Filed at the city center's 企业开办专窗 (A03), which serves the market regulation bureau.
      windowId: demoId('window', 'city:A03'),
    });
    // The walk-in applicant has no account: acting as the case's applicant, as the window does for them.
    const person = (minutes: number): Ctx => ({
      ...asActor(ctx, { id: null, kind: 'person', name: applicant.name, grants: [], subjectId: applicant.id }),
      now: () => new Date(start + minutes * 60_000),
    });
    for (const [minutes, by, action, body] of demo.steps)
      await actOnCase(by === 'applicant' ? person(minutes) : await as(by, minutes), caseNo, action, body ?? {});
    made.push(caseNo);
  }
  return made;
}
