import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { genericApplicationForm } from '../../platform/forms/index.ts';
import { demoCity, demoDepartmentId, findDepartments } from '../org/index.ts';
import { catalogGuideVersions, catalogImplementations, catalogItems, catalogSearchTerms } from './tables.ts';
import { catalogLifeEvents, catalogLifeEventVersions } from './life-events-tables.ts';
import { implementationCode } from './guide.ts';
import { termsFor } from './search.ts';
import { publishedFigures } from './presenters.ts';
import { demoBaseCode, demoCatalog, demoGuide } from './seed.ts';
import { memberGuides } from './life-events-repository.ts';
import { checkLifeEvent, computeLifeEvent, LifeEventDefinition, type LifeEventDefinitionInput } from './life-events-definition.ts';
import { lifeEventMemberBaseCode, lifeEventMemberItems } from './life-events-seed-items.ts';

/**
 * The demo 一件事 bundles (drawn from the national lists) and the member items the demo catalog
 * lacked, at city level. Seeded after the catalog (catalog/index.ts).
 */
const place = {
  name: '示范市市民之家（市政务服务中心）',
  address: '示范市明湖区市民大道 100 号',
  window: 'A05 “一件事”综合窗口',
  hours: '周一至周五 9:00-12:00，13:30-17:30（法定节假日除外）',
};
const phones = { inquiry: '0999-12345', complaint: '12345' };
const online = [
  { step: '一表申请', description: '在“一件事”专区或综合窗口填写一张表、提交一套材料' },
  { step: '并联办理', description: '各部门同时办理；需要前一事项结果的，结果出具后自动流转，无需再次提交' },
  { step: '统一出件', description: '结果统一送达：电子证照进入卡包，纸质结果一次寄递或窗口领取' },
];

type Member = [key: string, kind: string, name: string, dependsOn?: string[], onRefusedStop?: string[]];
interface Bundle {
  code: string;
  name: string;
  summary: string;
  subjectTypes: ('person' | 'entity')[];
  themes: string[];
  promised: number;
  visits: number;
  members: Member[];
  extraShared?: { key: string; members: { member: string; field: string }[] }[];
  fromResults?: { member: string; material: string; from: string }[];
}

export const demoLifeEvents: Bundle[] = [
  {
    code: 'open-restaurant',
    name: '开办餐饮店“一件事”',
    summary: '营业执照、食品经营许可、户外招牌设置、开业前消防安全检查、从业人员健康证明一次申请、一套材料、并联办理。',
    subjectTypes: ['entity'],
    themes: ['开办企业', '餐饮'],
    promised: 7,
    visits: 0,
    members: [
      ['licence', 'scjg', '企业设立登记', [], ['foodPermit', 'signboard', 'fireCheck']],
      ['foodPermit', 'scjg', '食品经营许可', ['licence']],
      ['signboard', 'cgj', '户外招牌设置审批', ['licence']],
      ['fireCheck', 'xfjy', '公众聚集场所投入使用、营业前消防安全检查', ['licence']],
      ['health', 'wjw', '食品从业人员健康证明办理'],
    ],
    // The food permit's operator is the applicant of the others.
    extraShared: [{ key: 'applicantName', members: [{ member: 'foodPermit', field: 'operatorName' }] }],
    fromResults: [
      { member: 'foodPermit', material: '营业执照', from: 'licence' },
      { member: 'signboard', material: '营业执照', from: 'licence' },
      { member: 'fireCheck', material: '营业执照', from: 'licence' },
    ],
  },
  {
    code: 'start-business',
    name: '企业开办“一件事”',
    summary: '营业执照、印章刻制、发票领用、社会保险参保登记、住房公积金缴存登记一次办（多证合一）。银行开户由银行办理，不在本清单内。',
    subjectTypes: ['entity'],
    themes: ['开办企业'],
    promised: 1,
    visits: 0,
    members: [
      ['licence', 'scjg', '企业设立登记', [], ['seal', 'invoice', 'socialInsurance', 'housingFund']],
      ['seal', 'gaj', '印章刻制备案', ['licence']],
      ['invoice', 'swj', '发票领用', ['licence']],
      ['socialInsurance', 'rsj', '单位社会保险参保登记', ['licence']],
      ['housingFund', 'zjj', '住房公积金单位缴存登记', ['licence']],
    ],
    fromResults: ['seal', 'invoice', 'socialInsurance', 'housingFund'].map((member) => ({ member, material: '营业执照', from: 'licence' })),
  },
  {
    code: 'newborn',
    name: '新生儿出生“一件事”',
    summary: '出生医学证明、户口登记、城乡居民医保参保、社会保障卡申领一次申请，结果统一送达。',
    subjectTypes: ['person'],
    themes: ['生育'],
    promised: 5,
    visits: 0,
    members: [
      ['birthCert', 'wjw', '出生医学证明办理'],
      ['hukou', 'gaj', '出生登记', ['birthCert']],
      ['insurance', 'ybj', '城乡居民基本医疗保险参保登记', ['hukou']],
      ['ssCard', 'rsj', '社会保障卡申领', ['hukou']],
    ],
    fromResults: [
      { member: 'hukou', material: '出生医学证明', from: 'birthCert' },
      { member: 'insurance', material: '居民户口簿', from: 'hukou' },
      { member: 'ssCard', material: '居民户口簿', from: 'hukou' },
    ],
  },
  {
    code: 'company-change',
    name: '企业信息变更“一件事”',
    summary: '营业执照变更后，税务、社保、公积金登记信息同步变更，一次申请。',
    subjectTypes: ['entity'],
    themes: ['开办企业'],
    promised: 3,
    visits: 0,
    members: [
      ['licence', 'scjg', '企业变更登记'],
      ['tax', 'swj', '税务登记信息变更', ['licence']],
      ['socialInsurance', 'rsj', '单位社会保险登记变更', ['licence']],
      ['housingFund', 'zjj', '住房公积金单位信息变更', ['licence']],
    ],
  },
  {
    code: 'retirement',
    name: '退休“一件事”',
    summary: '养老保险待遇申领、退休人员医保待遇核定、住房公积金退休提取一次申请。',
    subjectTypes: ['person'],
    themes: ['退休'],
    promised: 10,
    visits: 0,
    members: [
      ['pension', 'rsj', '职工基本养老保险待遇申领', [], ['medical', 'housingFund']],
      ['medical', 'ybj', '退休人员医疗保险待遇核定', ['pension']],
      ['housingFund', 'zjj', '住房公积金提取（退休）', ['pension']],
    ],
    fromResults: [
      { member: 'medical', material: '基本养老保险待遇核定表', from: 'pension' },
      { member: 'housingFund', material: '基本养老保险待遇核定表', from: 'pension' },
    ],
  },
  {
    code: 'after-death',
    name: '公民身后“一件事”',
    summary: '死亡医学证明、户口注销、丧葬补助金与抚恤金、医保个人账户继承一次申请，亲属少跑腿。',
    subjectTypes: ['person'],
    themes: ['身后'],
    promised: 10,
    visits: 1,
    members: [
      ['deathCert', 'wjw', '居民死亡医学证明（推断）书办理'],
      ['hukou', 'gaj', '死亡人员户口注销', ['deathCert']],
      ['funeral', 'rsj', '丧葬补助金、抚恤金申领', ['hukou']],
      ['medical', 'ybj', '医保个人账户余额继承', ['hukou']],
    ],
    fromResults: [
      { member: 'hukou', material: '居民死亡医学证明（推断）书', from: 'deathCert' },
      { member: 'funeral', material: '户口注销证明', from: 'hukou' },
      { member: 'medical', material: '户口注销证明', from: 'hukou' },
    ],
  },
];

/** The implementation code of a demo item (main catalog or bundle member) at city level. */
function codeResolver(depts: Map<string, { uscc: string }>) {
  const city = demoCity.city.code;
  return (kind: string, name: string) => {
    const main = demoCatalog.find((s) => s.name === name && s.kind === kind);
    const member = lifeEventMemberItems.find((s) => s.name === name && s.kind === kind);
    const baseCode = main ? demoBaseCode(main) : lifeEventMemberBaseCode(member!);
    return implementationCode(depts.get(demoDepartmentId(kind, city))!.uscc, 3, baseCode);
  };
}

/** A bundle's definition: every field key several members ask for becomes one shared field (kept as data), plus the bundle's own mappings. */
export async function demoLifeEventDefinition(t: TxCtx, b: Bundle, codeOf: (kind: string, name: string) => string): Promise<LifeEventDefinitionInput> {
  const members = b.members.map(([key, kind, name, dependsOn = [], onRefusedStop = []]) => ({
    key,
    implementationCode: codeOf(kind, name),
    dependsOn,
    onRefusedStop,
  }));
  const guides = await memberGuides(
    t.tx,
    members.map((m) => m.implementationCode),
  );
  const byField = new Map<string, { member: string; field: string }[]>();
  for (const m of members) {
    const g = guides.get(m.implementationCode)!;
    const form = g.guide.applicationForm ?? genericApplicationForm;
    for (const field of Object.keys(form.schema.properties)) byField.set(field, [...(byField.get(field) ?? []), { member: m.key, field }]);
  }
  const sharedFields = [...byField].filter(([, xs]) => xs.length > 1).map(([key, xs]) => ({ key, members: xs }));
  for (const e of b.extraShared ?? []) {
    const s = sharedFields.find((x) => x.key === e.key);
    if (s) s.members.push(...e.members);
  }
  return {
    name: b.name,
    summary: b.summary,
    subjectTypes: b.subjectTypes,
    themes: b.themes,
    promisedLimitDays: b.promised,
    members,
    guide: {
      acceptanceConditions: ['申请人符合各成员事项的法定条件', '一张表单填写完整，一套材料齐全、符合法定形式'],
      process: online,
      visitsRequired: b.visits,
      places: [place],
      phones,
      faq: [{ question: '其中一个事项不予批准怎么办？', answer: '其他不依赖它的事项继续办理；依赖它的事项终止，并告知原因和救济途径。' }],
    },
    sharedFields,
    materialGroups: [],
    materialsFromResults: b.fromResults ?? [],
  };
}

export async function seedLifeEventDemo(ctx: Ctx): Promise<void> {
  await transact(ctx, async (t) => {
    const city = demoCity.city.code;
    const kinds = [...new Set([...lifeEventMemberItems.map((s) => s.kind), ...demoLifeEvents.flatMap((b) => b.members.map((m) => m[1])), 'zwfw'])];
    const depts = new Map(
      (
        await findDepartments(
          t,
          kinds.map((k) => demoDepartmentId(k, city)),
        )
      ).map((d) => [d.id, d]),
    );
    const now = ctx.now?.() ?? new Date();
    for (const s of lifeEventMemberItems) {
      const itemId = newId();
      const implId = newId();
      const dept = depts.get(demoDepartmentId(s.kind, city))!;
      const baseCode = lifeEventMemberBaseCode(s);
      const code = implementationCode(dept.uscc, 3, baseCode);
      const guide = demoGuide(s, {
        center: place.name,
        address: place.address,
        window: place.window,
        phone: dept.phone ?? phones.inquiry,
        implementationCode: code,
      });
      await t.tx.insert(catalogItems).values({
        id: itemId,
        baseCode,
        name: s.name,
        itemType: s.type,
        subjectTypes: s.subjects,
        themes: s.themes,
        keywords: s.keywords,
        legalBasis: s.basis,
      });
      await t.tx.insert(catalogImplementations).values({
        id: implId,
        implementationCode: code,
        itemId,
        departmentId: dept.id,
        departmentUscc: dept.uscc,
        departmentName: dept.name,
        regionCode: city,
        regionPath: dept.regionPath,
        level: 3,
        state: 'published',
        publishedVersion: 1,
        ...publishedFigures(guide),
        views: 30,
      });
      await t.tx
        .insert(catalogGuideVersions)
        .values({ id: newId(), implementationId: implId, version: 1, status: 'published', guide, changeNote: '首次发布', submittedAt: now, publishedAt: now });
      const terms = termsFor({ name: s.name, keywords: s.keywords, themes: s.themes, baseCode, implementationCode: code });
      if (terms.length) await t.tx.insert(catalogSearchTerms).values(terms.map((x) => ({ ...x, implementationId: implId, popularity: 30 })));
    }
    const codeOf = codeResolver(depts);
    const lead = depts.get(demoDepartmentId('zwfw', city))!;
    for (const b of demoLifeEvents) {
      const def = LifeEventDefinition.parse(await demoLifeEventDefinition(t, b, codeOf));
      const guides = await memberGuides(
        t.tx,
        def.members.map((m) => m.implementationCode),
      );
      const issues = checkLifeEvent(def, guides, genericApplicationForm);
      if (issues.length) throw new Error(`demo life event ${b.code}: ${JSON.stringify(issues)}`);
      const id = newId();
      await t.tx.insert(catalogLifeEvents).values({
        id,
        code: b.code,
        name: b.name,
        departmentId: lead.id,
        departmentName: lead.name,
        regionPath: lead.regionPath,
        state: 'published',
        publishedVersion: 1,
      });
      await t.tx.insert(catalogLifeEventVersions).values({
        id: newId(),
        lifeEventId: id,
        version: 1,
        status: 'published',
        definition: def,
        computed: computeLifeEvent(def, guides, genericApplicationForm),
        changeNote: '首次发布',
        publishedAt: now,
      });
    }
    t.audit({
      action: 'seed.demo',
      objectType: 'module',
      objectId: 'catalog.life_events',
      summary: { memberItems: lifeEventMemberItems.length, lifeEvents: demoLifeEvents.length },
    });
  });
}
