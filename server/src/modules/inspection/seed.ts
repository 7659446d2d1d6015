import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { sm3 } from '../../platform/crypto/index.ts';
import { completeUscc } from '../../platform/validators.ts';
import { demoCity, demoDepartmentId, demoId } from '../org/index.ts';
import { demoEnterprises, demoStaff } from '../identity/index.ts';
import { commitDraw } from './commit-draw.ts';
import { discloseTask } from './disclosure.ts';
import { addressKey, upsertEntities } from './entities-service.ts';
import { recordResult } from './results-service.ts';
import { drawTask } from './run-draw.ts';
import { createPlan, createTask } from './tasks-service.ts';
import { inspectionAssignments, inspectionInspectors, inspectionItems, inspectionRelations, inspectionRules } from './tables.ts';
import { eq, asc } from 'drizzle-orm';
import type { CreditLevel, RiskLevel } from './draw.ts';

const CITY = demoCity.city.code;
const cityPath = `${demoCity.province.code}/${CITY}`;
export const DEMO_ENTITY_COUNT = 3000;

const industries = ['餐饮', '食品销售', '零售', '制造', '住宿', '美容美发', '医疗机构', '广告'] as const;
const roads = ['湖滨路', '望湖大道', '青石桥街', '东岭路', '桂园路', '长丰大道', '西江路', '渡口街', '白沙路'];
const suffixes = ['餐饮管理有限公司', '商贸有限公司', '食品有限公司', '科技有限公司', '酒店管理有限公司', '美容美发店', '诊所', '广告传媒有限公司'];

/** Deterministic pseudo-random number in [0, n) for demo data. */
const pick = (key: string, n: number) => parseInt(sm3(key).slice(0, 8), 16) % n;

/** Demo entity i: USCC 9199010xMA + 7 characters + check character. */
export function demoEntityUscc(i: number): string {
  const d = demoCity.districts[i % 3]!;
  return completeUscc(`91${d.code}MA${String(100 + i).padStart(7, '0')}`);
}

export async function seedInspectionDemo(ctx: Ctx): Promise<void> {
  const scjg = demoDepartmentId('scjg', CITY);
  const wjw = demoDepartmentId('wjw', CITY);
  const itemId = (code: string) => demoId('inspection-item', code);
  await transact(ctx, async (t) => {
    await t.tx.insert(inspectionItems).values([
      {
        id: itemId('SC-01'),
        departmentId: scjg,
        code: 'SC-01',
        name: '食品经营者检查',
        subItem: '经营条件、进货查验、从业人员健康',
        legalBasis: '《中华人民共和国食品安全法》第八十七条、第一百一十条',
        subjectType: '食品经营者',
        method: 'on_site',
      },
      {
        id: itemId('SC-02'),
        departmentId: scjg,
        code: 'SC-02',
        name: '广告发布行为检查',
        subItem: null,
        legalBasis: '《中华人民共和国广告法》第四十九条',
        subjectType: '广告发布者',
        method: 'documents',
      },
      {
        id: itemId('SC-03'),
        departmentId: scjg,
        code: 'SC-03',
        name: '企业公示信息检查',
        subItem: '年度报告、即时信息',
        legalBasis: '《企业信息公示暂行条例》第十四条',
        subjectType: '企业',
        method: 'online',
      },
      {
        id: itemId('SC-04'),
        departmentId: scjg,
        code: 'SC-04',
        name: '公共场所经营者登记事项检查',
        subItem: null,
        legalBasis: '《中华人民共和国市场主体登记管理条例》第三十五条',
        subjectType: '公共场所经营者',
        method: 'on_site',
        joint: true,
      },
      {
        id: itemId('WJ-01'),
        departmentId: wjw,
        code: 'WJ-01',
        name: '公共场所卫生检查',
        subItem: '卫生许可、从业人员健康证明、空气质量',
        legalBasis: '《公共场所卫生管理条例》第十三条',
        subjectType: '公共场所经营者',
        method: 'on_site',
        joint: true,
      },
      {
        id: itemId('WJ-02'),
        departmentId: wjw,
        code: 'WJ-02',
        name: '医疗机构依法执业检查',
        subItem: null,
        legalBasis: '《医疗机构管理条例》第四十条',
        subjectType: '医疗机构',
        method: 'on_site',
      },
    ]);
    await t.tx.insert(inspectionRules).values([
      {
        id: demoId('inspection-rules', 'scjg'),
        departmentId: scjg,
        title: '示范市市场监督管理局“双随机、一公开”监管实施细则',
        body: '一、抽查对象从检查对象名录库中随机抽取，检查人员从执法检查人员名录库中随机选派，每户不少于两名。\n二、检查人员与检查对象有利害关系的，应当回避。\n三、抽查结果自检查完成之日起 20 个工作日内通过本平台和国家企业信用信息公示系统公示。',
      },
      {
        id: demoId('inspection-rules', 'wjw'),
        departmentId: wjw,
        title: '示范市卫生健康委员会随机抽查工作细则',
        body: '公共场所、医疗机构按风险等级确定抽查比例；高风险单位抽查比例不低于 10%。',
      },
    ]);

    const rows = [];
    for (let i = 0; i < DEMO_ENTITY_COUNT; i++) {
      const d = demoCity.districts[i % 3]!;
      const ind = pick(`ind${i}`, industries.length);
      const street = pick(`st${i}`, 3) + 1;
      const address = `示范市${d.name}${roads[pick(`rd${i}`, roads.length)]}${1 + pick(`no${i}`, 300)}号`;
      const r = pick(`risk${i}`, 10);
      const c = pick(`credit${i}`, 20);
      rows.push({
        uscc: demoEntityUscc(i),
        name: `示范市${d.name.slice(0, 2)}${['华', '信', '正', '和', '兴', '盛', '达', '源', '安', '康'][pick(`n1${i}`, 10)]}${['泰', '丰', '隆', '瑞', '嘉', '诚', '远', '通', '顺', '祥'][pick(`n2${i}`, 10)]}${suffixes[ind]}${i % 7 === 0 ? '' : `（${i}）`}`,
        entityType: ind === 5 || ind === 6 ? '个体工商户' : '有限责任公司',
        industry: industries[ind]!,
        regionCode: `${d.code}${String(street).padStart(3, '0')}`,
        regionPath: `${cityPath}/${d.code}/${d.code}${String(street).padStart(3, '0')}`,
        address,
        riskLevel: (r < 6 ? 'low' : r < 9 ? 'medium' : 'high') as RiskLevel,
        creditLevel: (c < 8 ? 'A' : c < 16 ? 'B' : c < 19 ? 'C' : 'D') as CreditLevel,
      });
    }
    // The credit demo's companies (same USCCs as the identity/credit seeds): 明湖餐饮 (enterprise1, on the
    // honor list) and 西江建设 (enterprise2, on the dishonesty list). Their imported letter is the neutral
    // B; the draw weights them by the level credit computes from their file (refreshed at each draw).
    const [minghu, xijiang] = demoEnterprises;
    for (const [e, industry, street, address] of [
      [minghu!, '餐饮', '001', '示范市明湖区湖滨路8号'],
      [xijiang!, '建筑施工', '002', '示范市西江区渡口街18号'],
    ] as const) {
      rows.push({
        uscc: completeUscc(e.body),
        name: e.name,
        entityType: e.type,
        industry,
        regionCode: `${e.regionCode}${street}`,
        regionPath: `${cityPath}/${e.regionCode}/${e.regionCode}${street}`,
        address,
        riskLevel: 'low' as RiskLevel,
        creditLevel: 'B' as CreditLevel,
      });
    }
    await upsertEntities(t, rows, 'demo');

    // Inspectors: the demo accounts, then directory-only colleagues (no platform account).
    const certOf = (username: string) => `99${String(demoStaff.findIndex((s) => s[0] === username)).padStart(6, '0')}`;
    const insp: (typeof inspectionInspectors.$inferInsert)[] = [
      ['scjg.inspector1', '吴执法', scjg],
      ['scjg.inspector2', '郑执法', scjg],
      ['wjw.inspector', '蒋卫监', wjw],
    ].map(([u, name, dept]) => ({
      id: demoId('inspector', u!),
      staffId: demoId('staff', u!),
      name: name!,
      certificateNo: certOf(u!),
      departmentId: dept!,
      regionCode: CITY,
      regionPath: cityPath,
      qualifications: [],
    }));
    const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
    const given = ['建华', '志强', '秀兰', '海燕', '立新', '晓明', '国庆', '文静', '俊杰', '丽娟'];
    for (let i = 0; i < 30; i++) {
      const dept = i < 22 ? scjg : wjw;
      const district = i % 5 === 4 ? demoCity.districts[i % 3]! : null;
      insp.push({
        id: demoId('inspector', `dir${i}`),
        staffId: null,
        name: `${surnames[i % surnames.length]}${given[i % given.length]}`,
        certificateNo: `99${dept === scjg ? '1' : '2'}${String(i + 1).padStart(5, '0')}`,
        departmentId: dept,
        regionCode: district ? district.code : CITY,
        regionPath: district ? `${cityPath}/${district.code}` : cityPath,
        qualifications: i % 6 === 5 ? ['SC-03'] : [],
        available: i !== 7,
        // Lives at a demo entity's address: same-address recusal applies.
        addressKey: i === 3 ? addressKey(rows[0]!.address) : null,
      });
    }
    await t.tx.insert(inspectionInspectors).values(insp);
    await t.tx.insert(inspectionRelations).values([
      { id: newId(), inspectorId: demoId('inspector', 'scjg.inspector1'), uscc: rows[3]!.uscc, relation: '近亲属任该企业法定代表人' },
      { id: newId(), inspectorId: demoId('inspector', 'dir2'), uscc: rows[9]!.uscc, relation: '曾在该企业任职（3 年内）' },
    ]);
    t.audit({ action: 'seed.demo', objectType: 'module', objectId: 'inspection', summary: { entities: rows.length, inspectors: insp.length } });
  });

  const plan = await createPlan(ctx, { year: 2026, title: '示范市 2026 年度“双随机、一公开”抽查计划', regionCode: CITY, departmentId: scjg });
  const base = {
    scope: {},
    inspectorsPerEntity: 2,
    riskWeights: { low: 1, medium: 2, high: 4 },
    creditWeights: { A: 1, B: 1, C: 2, D: 3 },
    recentTasks: 3,
    disclosureWorkingDays: 20,
  };

  // Finished, results disclosed: the public page's re-runnable draw.
  const done = await createTask(ctx, plan.id, {
    ...base,
    title: '2026 年广告发布行为专项抽查',
    itemIds: [itemId('SC-02')],
    departmentIds: [scjg],
    scope: { industries: ['广告', '零售'] },
    count: 12,
    proportionPercent: null,
    dueDate: '2026-10-31',
  });
  await commitDraw(ctx, done.id);
  const doneDraw = await drawTask(ctx, done.id);
  const outcomes = ['normal', 'normal', 'problems_found', 'normal', 'not_found_at_address', 'normal'] as const;
  for (const [i, a] of (await assignmentsOf(ctx, doneDraw.id)).entries()) {
    const outcome = outcomes[i % outcomes.length]!;
    await recordResult(ctx, a.id, {
      outcome,
      inspectedOn: `2026-10-${String(9 + (i % 10)).padStart(2, '0')}`,
      notes: outcome === 'problems_found' ? '发布的广告使用“最佳”等绝对化用语' : null,
      photoRefs: [],
      followUp: outcome === 'problems_found' ? 'order_to_correct' : outcome === 'not_found_at_address' ? 'case_transferred' : 'none',
      followUpNote: null,
    });
  }
  await discloseTask(ctx, done.id);

  // Drawn and in progress: a few results recorded, the rest wait for the inspectors.
  const food = await createTask(ctx, plan.id, {
    ...base,
    title: '2026 年食品经营者“双随机”抽查',
    itemIds: [itemId('SC-01')],
    departmentIds: [scjg],
    scope: { industries: ['餐饮', '食品销售'] },
    count: null,
    proportionPercent: 5,
    dueDate: '2026-12-20',
  });
  await commitDraw(ctx, food.id);
  const foodDraw = await drawTask(ctx, food.id);
  for (const a of (await assignmentsOf(ctx, foodDraw.id)).slice(0, 4)) {
    await recordResult(ctx, a.id, { outcome: 'normal', inspectedOn: '2026-11-18', notes: null, photoRefs: [], followUp: 'none', followUpNote: null });
  }

  // Joint task of scjg and wjw: drawn, inspectors from both.
  const joint = await createTask(ctx, plan.id, {
    ...base,
    title: '公共场所卫生与登记事项联合抽查',
    itemIds: [itemId('SC-04'), itemId('WJ-01')],
    departmentIds: [scjg, wjw],
    scope: { industries: ['住宿', '美容美发'] },
    count: 10,
    proportionPercent: null,
    dueDate: '2026-12-31',
  });
  await commitDraw(ctx, joint.id);
  await drawTask(ctx, joint.id);

  // Planned: not yet committed.
  await createTask(ctx, plan.id, {
    ...base,
    title: '2026 年第四季度企业公示信息抽查',
    itemIds: [itemId('SC-03')],
    departmentIds: [scjg],
    count: null,
    proportionPercent: 3,
    dueDate: '2027-01-15',
  });
}

async function assignmentsOf(ctx: Ctx, drawId: string) {
  return ctx.database.db.select().from(inspectionAssignments).where(eq(inspectionAssignments.drawId, drawId)).orderBy(asc(inspectionAssignments.seq));
}
