/**
 * Demo cases: a handful of applications in every interesting state, made through the real services
 * (submit, accept, review, decide, issue, deliver, correction, refusal) with the clock set back, so
 * their timelines, deadlines and lights look like a working office's: one concluded with a
 * certificate in 张明's wallet, one window case concluded, two overdue (red: the housing
 * bureau's, urged by the supervision seed, and the market bureau's, not urged), one near its limit
 * (yellow), one waiting for the applicant's correction, one refused, two new ones, and one at a
 * 会签 step with the market bureau's branch signed and the health commission's open (countersign-demo.ts).
 *
 * Only e2e journey 12 depends on these (it urges the market bureau's red case): enterprise1 gets no case here (journey 04 counts its
 * 食品经营许可 cases) and the market bureau's accept step holds only one.
 */
import { demoId } from '../org/index.ts';
import { asActor, type Ctx } from '../../platform/context.ts';
import { completeIdNumber, completeUscc } from '../../platform/validators.ts';
import { getApplicableVersion, searchItems } from '../catalog/index.ts';
import { actorForUsername } from '../identity/index.ts';
import { actOnCase, submitCase, uploadMaterial } from './service.ts';
import type { CaseAction } from './workflow/engine.ts';
import { withJointReview } from './countersign-demo.ts';
import type { CaseSubmit } from './schemas.ts';
import type { WorkingCalendar } from '../../platform/calendar/service.ts';

const pdf = (title: string) => Buffer.from(`%PDF-1.7\n% ${title}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);

interface Step {
  /** Working days before today. */
  ago: number;
  by: string;
  action: CaseAction;
  body?: Record<string, unknown>;
}

interface DemoCase {
  item: string;
  /** Region code of the implementing department (the city's by default). */
  region?: string;
  ago: number;
  /** Online applicant's username, or the window clerk who files for `walkIn`. */
  by: string;
  walkIn?: CaseSubmit['applicant'];
  /** The city service center's window a walk-in case is filed at (its number; org's demo windows). */
  window?: string;
  formData: Record<string, unknown>;
  delivery?: CaseSubmit['delivery'];
  /** 会签 demo: the case is filed on the joint-review workflow (countersign-demo.ts). */
  workflow?: 'joint-review';
  steps: Step[];
}

const CITY = '990100';

export const demoCases: DemoCase[] = [
  {
    item: '个体工商户设立登记',
    ago: 12,
    by: 'citizen1',
    formData: {
      tradeName: '明湖张记便利店',
      businessScope: '日用百货、预包装食品零售',
      premises: '示范市明湖区湖滨街道湖滨路 8 号',
      capital: 5,
      employees: 2,
      contactPhone: '13800001111',
    },
    delivery: 'electronic',
    steps: [
      { ago: 12, by: 'scjg.clerk', action: 'accept' },
      { ago: 11, by: 'scjg.reviewer', action: 'approve', body: { opinion: '材料齐全，经营场所承诺属实' } },
      { ago: 11, by: 'scjg.approver', action: 'approve', body: { opinion: '准予登记' } },
      { ago: 10, by: 'scjg.clerk', action: 'issue' },
      { ago: 10, by: 'scjg.clerk', action: 'deliver', body: { method: 'electronic' } },
    ],
  },
  {
    item: '食品经营许可',
    ago: 9,
    by: 'scjg.clerk',
    walkIn: { kind: 'person', name: '刘桂芳', idNumber: completeIdNumber('99010319680412262'), phone: '13600006666' },
    window: 'A01',
    formData: {
      operatorName: '刘桂芳',
      legalRepresentative: '刘桂芳',
      premises: '示范市东岭区桂园街道桂园路 21 号',
      businessForm: '小餐饮',
      areaSqm: 28,
      safetyManager: '刘桂芳',
      contactPhone: '13600006666',
    },
    delivery: 'pickup',
    steps: [
      { ago: 9, by: 'scjg.clerk', action: 'accept', body: { note: '窗口核验身份证原件' } },
      { ago: 7, by: 'scjg.reviewer', action: 'approve', body: { opinion: '现场核查：布局合理，设施齐全' } },
      { ago: 6, by: 'scjg.approver', action: 'approve', body: { opinion: '准予许可' } },
      { ago: 5, by: 'scjg.clerk', action: 'issue' },
      { ago: 4, by: 'scjg.clerk', action: 'deliver', body: { method: 'pickup' } },
    ],
  },
  {
    item: '建筑工程施工许可证核发',
    ago: 6,
    by: 'enterprise2',
    formData: {
      applicantName: '示范市西江建设工程有限公司',
      contactPhone: '13700003333',
      contactAddress: '示范市西江区渡口街道江滨路 66 号',
      remarks: '西江区渡口街道安置房二期 3# 楼',
    },
    delivery: 'post',
    steps: [
      { ago: 6, by: 'zjj.editor', action: 'accept' },
      { ago: 5, by: 'zjj.approver', action: 'approve', body: { opinion: '施工图审查合格，质量安全监督手续已办理' } },
    ],
  },
  {
    item: '食品生产许可',
    ago: 8,
    by: 'scjg.clerk',
    walkIn: {
      kind: 'entity',
      name: '示范市东岭食品有限公司',
      uscc: completeUscc('91990103MA0000301'),
      entityType: '有限责任公司',
      legalRepresentative: '周海涛',
    },
    window: 'A03',
    formData: {
      productionAddress: '示范市东岭区工业园区科创路 9 号',
      categories: [
        { category: '糕点', detail: '烘烤类糕点（月饼、蛋糕）' },
        { category: '饮料', detail: '果蔬汁类' },
      ],
      contactPhone: '0999-88776655',
    },
    steps: [{ ago: 7, by: 'scjg.clerk', action: 'accept' }],
  },
  {
    // The market bureau's overdue (red) case, left un-urged so that the supervisor can urge it
    // (e2e journey 12); the seed's open urge is on the housing bureau's red case.
    item: '特种设备使用登记',
    ago: 9,
    by: 'scjg.clerk',
    walkIn: {
      kind: 'entity',
      name: '示范市明湖物业服务有限公司',
      uscc: completeUscc('91990102MA0000402'),
      entityType: '有限责任公司',
      legalRepresentative: '陈立新',
    },
    formData: {
      applicantName: '示范市明湖物业服务有限公司',
      contactPhone: '0999-66554433',
      contactAddress: '示范市明湖区湖滨街道湖滨路 36 号',
      remarks: '湖滨花园 5 栋乘客电梯 2 台',
    },
    steps: [
      { ago: 9, by: 'scjg.clerk', action: 'accept' },
      { ago: 8, by: 'scjg.reviewer', action: 'approve', body: { opinion: '监督检验合格，登记表信息与设备铭牌一致' } },
    ],
  },
  {
    // 会签: accepted, the market bureau's branch signed, the health commission's (a co-signing department) still open.
    item: '食品经营许可',
    ago: 3,
    by: 'scjg.clerk',
    walkIn: { kind: 'person', name: '孙丽', idNumber: completeIdNumber('99010219920308264'), phone: '13600007777' },
    workflow: 'joint-review',
    formData: {
      operatorName: '孙丽',
      legalRepresentative: '孙丽',
      premises: '示范市明湖区湖滨街道湖滨路 52 号',
      businessForm: '小餐饮',
      areaSqm: 120,
      safetyManager: '孙丽',
      contactPhone: '13600007777',
    },
    delivery: 'pickup',
    steps: [
      { ago: 3, by: 'scjg.clerk', action: 'accept' },
      { ago: 2, by: 'scjg.reviewer', action: 'countersign', body: { branch: 'market', result: 'agree', opinion: '证照材料齐全，经营场所与申报一致' } },
    ],
  },
  {
    item: '失业保险金申领',
    ago: 2,
    by: 'citizen3',
    formData: {
      lastEmployer: '示范市西江物流有限公司',
      separationDate: '2026-10-31',
      insuredYears: 8,
      bankAccount: '6217990100123456789',
      contactPhone: '13700003333',
      contactAddress: '示范市西江区渡口街道渡口新村 12 栋',
    },
    steps: [
      {
        ago: 1,
        by: 'rsj.clerk',
        action: 'request_correction',
        body: { items: [{ material: '终止或者解除劳动合同的证明', problem: '证明未加盖原单位公章，请补充盖章后的扫描件' }], note: '其他材料齐全' },
      },
    ],
  },
  {
    item: '企业注销登记',
    ago: 4,
    by: 'enterprise2',
    formData: {
      applicantName: '示范市西江建设工程有限公司',
      contactPhone: '13700003333',
      contactAddress: '示范市西江区渡口街道江滨路 66 号',
      remarks: '分支机构注销',
    },
    steps: [
      {
        ago: 3,
        by: 'scjg.clerk',
        action: 'refuse',
        body: { reason: '申请注销的分支机构尚有未办结的行政处罚案件，暂不能办理注销登记。', legalBasis: '《中华人民共和国市场主体登记管理条例》第三十二条' },
      },
    ],
  },
  {
    item: '灵活就业人员参保登记',
    ago: 0,
    by: 'citizen2',
    formData: {
      insurances: 'pension_and_medical',
      baseLevel: 60,
      startMonth: '2026-12-01',
      contactPhone: '13900002222',
      contactAddress: '示范市东岭区桂园街道桂园小区 3 栋',
    },
    steps: [],
  },
  {
    item: '企业变更登记',
    ago: 0,
    by: 'enterprise2',
    formData: {
      applicantName: '示范市西江建设工程有限公司',
      contactPhone: '13700003333',
      contactAddress: '示范市西江区渡口街道江滨路 66 号',
      remarks: '住所变更',
    },
    steps: [],
  },
];

/**
 * The day an event `n` working days ago is staged on. Counted from the last working day on or
 * before `today`, so that on a weekend or holiday the demo keeps the lights it promises: the
 * working days left to a deadline are the same counted from a Saturday as from the Friday before.
 */
export function stagedDay(calendar: Pick<WorkingCalendar, 'isWorkingDay'>, today: string, n: number): string {
  if (n <= 0) return today;
  const previous = (day: string) => {
    const d = new Date(`${day}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  };
  let day = today;
  while (!calendar.isWorkingDay(day)) day = previous(day);
  for (let left = n; left > 0;) {
    day = previous(day);
    if (calendar.isWorkingDay(day)) left--;
  }
  return day;
}

async function codeOf(ctx: Ctx, name: string, region: string): Promise<string | undefined> {
  const page = await searchItems(ctx, { q: name, region, page: 1, pageSize: 50 } as never);
  return (page.items as { name: string; regionCode: string; implementationCode: string }[]).find((i) => i.name === name && i.regionCode === region)
    ?.implementationCode;
}

export async function seedDemoCases(ctx: Ctx): Promise<number> {
  const today = ctx.calendar.today();
  // Office hours: each event a few minutes after the previous one, from 09:10 Beijing time.
  let minute = 0;
  const at = (ago: number) => {
    const date = stagedDay(ctx.calendar, today, ago);
    const stamp = new Date(`${date}T09:10:00+08:00`).getTime() + (minute++ % 400) * 60_000;
    // Today's events never lie in the future.
    return () => new Date(Math.min(stamp, Date.now()));
  };
  const as = async (username: string, ago: number): Promise<Ctx> => ({ ...asActor(ctx, await actorForUsername(ctx, username)), now: at(ago) });
  let made = 0;
  for (const demo of demoCases) {
    const code = await codeOf(ctx, demo.item, demo.region ?? CITY);
    if (!code) continue;
    const { guide } = await getApplicableVersion(ctx, code);
    const filer = await as(demo.by, demo.ago);
    const materials: CaseSubmit['materials'] = [];
    for (const m of guide.materials) {
      if (m.source === 'commitment') materials.push({ name: m.name, fileIds: [], commitment: true });
      else if (m.source === 'applicant' && m.required)
        materials.push({ name: m.name, fileIds: [(await uploadMaterial(filer, pdf(m.name), `${m.name}.pdf`)).id] });
    }
    const file = () =>
      submitCase(filer, {
        implementationCode: code,
        formData: demo.formData,
        materials,
        delivery: demo.delivery,
        applicant: demo.walkIn,
        windowId: demo.window ? demoId('window', `city:${demo.window}`) : undefined,
      });
    const submitted = demo.workflow ? await withJointReview(ctx, code, file) : await file();
    for (const step of demo.steps) {
      const body =
        step.action === 'deliver' && (step.body as { method?: string }).method === 'post'
          ? { carrier: 'EMS', trackingNumber: '1190000000001', ...step.body }
          : (step.body ?? {});
      await actOnCase(await as(step.by, step.ago), submitted.caseNo, step.action, body);
    }
    made++;
  }
  return made;
}
