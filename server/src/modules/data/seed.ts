import type { Ctx } from '../../platform/context.ts';
import { completeUscc } from '../../platform/validators.ts';
import { demoCity, demoDepartmentId } from '../org/index.ts';
import { demoEnterprises, demoIdNumber } from '../identity/index.ts';
import { querySharedData } from './exchange.ts';
import { createResource, publishResource, submitResource } from './resources-service.ts';
import type { ResourceCreate } from './schemas.ts';
import { decideShare, requestShare } from './sharing-service.ts';
import type { z } from 'zod';

const CITY = demoCity.city.code;
const dept = (kind: string) => demoDepartmentId(kind, CITY);

type Decl = z.input<typeof ResourceCreate>;
const f = (name: string, label: string, sensitivity: 'public' | 'internal' | 'sensitive' | 'restricted' = 'sensitive') => ({ name, label, sensitivity });

/** The demo catalog: what five departments hold, answered by the simulated providers. */
export const demoResources: Decl[] = [
  {
    code: 'gaj.household',
    departmentId: dept('gaj'),
    name: '居民户籍信息',
    description: '常住人口户籍登记信息（姓名、性别、出生日期、户籍地址、与户主关系）',
    subjectKind: 'person',
    fields: [
      f('name', '姓名'),
      f('gender', '性别'),
      f('birth_date', '出生日期'),
      f('ethnicity', '民族'),
      f('household_address', '户籍地址'),
      f('household_head', '户主姓名'),
      f('relation_to_head', '与户主关系'),
    ],
    sharingType: 'conditional',
    updateFrequency: 'realtime',
    sourceSystem: '示范市公安局人口信息管理系统',
    connector: 'sim.household',
  },
  {
    code: 'rsj.social_insurance',
    departmentId: dept('rsj'),
    name: '社会保险参保信息',
    description: '职工养老、医疗、失业保险参保与缴费信息',
    subjectKind: 'person',
    fields: [
      f('name', '姓名'),
      f('insured', '是否参保'),
      f('insurance_types', '参保险种'),
      f('contribution_months', '累计缴费月数'),
      f('employer', '参保单位'),
      f('last_paid_month', '最近缴费月份'),
    ],
    sharingType: 'conditional',
    updateFrequency: 'daily',
    sourceSystem: '示范市社会保险信息系统',
    connector: 'sim.social_insurance',
  },
  {
    code: 'zrzy.real_estate',
    departmentId: dept('zrzy'),
    name: '不动产登记信息',
    description: '名下不动产权证书、坐落、面积与抵押状态',
    subjectKind: 'person',
    fields: [f('name', '权利人姓名'), f('property_count', '不动产数量'), f('properties', '不动产明细', 'restricted'), f('mortgaged', '是否抵押')],
    sharingType: 'conditional',
    updateFrequency: 'realtime',
    sourceSystem: '示范市不动产登记信息平台',
    connector: 'sim.real_estate',
  },
  {
    code: 'mzj.marriage',
    departmentId: dept('mzj'),
    name: '婚姻登记信息',
    description: '婚姻状况、登记日期与登记机关',
    subjectKind: 'person',
    fields: [f('name', '姓名'), f('marital_status', '婚姻状况'), f('registered_on', '登记日期'), f('registry', '登记机关', 'internal')],
    sharingType: 'conditional',
    updateFrequency: 'daily',
    sourceSystem: '全国婚姻登记信息系统（示范市节点）',
    connector: 'sim.marriage',
  },
  {
    code: 'scjg.business',
    departmentId: dept('scjg'),
    name: '企业登记信息',
    description: '市场主体登记基本信息（依法公示）',
    subjectKind: 'entity',
    fields: [
      f('name', '名称', 'public'),
      f('entity_type', '类型', 'public'),
      f('legal_representative', '法定代表人', 'public'),
      f('registered_capital', '注册资本', 'public'),
      f('established_on', '成立日期', 'public'),
      f('status', '登记状态', 'public'),
      f('address', '住所', 'public'),
      f('business_scope', '经营范围', 'public'),
    ],
    sharingType: 'unconditional',
    open: true,
    updateFrequency: 'realtime',
    sourceSystem: '示范市市场主体登记系统',
    connector: 'sim.business',
  },
];

export async function seedDataDemo(ctx: Ctx): Promise<void> {
  const ids = new Map<string, string>();
  for (const r of demoResources) {
    const created = await createResource(ctx, { description: '', open: false, ...r });
    await submitResource(ctx, created.id);
    await publishResource(ctx, created.id, '目录要素齐全，予以发布');
    ids.set(r.code, created.id);
  }
  // 住建局 asks for the household register (住房保障资格审核); 公安局 approved three fields until the end of 2027.
  const household = await requestShare(ctx, {
    resourceId: ids.get('gaj.household')!,
    departmentId: dept('zjj'),
    purpose: '公共租赁住房保障资格审核：核验申请人户籍',
    legalBasis: '《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条',
    fields: ['name', 'household_address', 'relation_to_head', 'birth_date'],
  });
  await decideShare(ctx, household.id, {
    action: 'approve',
    fields: ['name', 'household_address', 'relation_to_head'],
    expiresOn: '2027-12-31',
    note: '出生日期非审核所需，不予授权',
  });
  // 民政局 reads the household register for 最低生活保障审核确认 (a material of that item is fetched from it, cases' shared materials).
  const forAssistance = await requestShare(ctx, {
    resourceId: ids.get('gaj.household')!,
    departmentId: dept('mzj'),
    purpose: '最低生活保障审核确认：核验家庭成员户籍',
    legalBasis: '《社会救助暂行办法》第十一条；《最低生活保障审核确认办法》第十二条',
    fields: ['name', 'household_address', 'relation_to_head'],
  });
  await decideShare(ctx, forAssistance.id, { action: 'approve', fields: ['name', 'household_address', 'relation_to_head'], expiresOn: '2027-12-31' });
  // 人社局 asks for the real estate register; pending with 自然资源局.
  await requestShare(ctx, {
    resourceId: ids.get('zrzy.real_estate')!,
    departmentId: dept('rsj'),
    purpose: '就业困难人员认定：核验家庭财产状况',
    legalBasis: '《就业服务与就业管理规定》第四十一条',
    fields: ['property_count', 'mortgaged'],
  });
  // Two reads the citizens can see in 数据使用记录.
  const zjj = { departmentId: dept('zjj'), clientId: null, name: '示范市住房保障管理系统' };
  await querySharedData(ctx, zjj, {
    resource: 'gaj.household',
    subject: { idNumber: demoIdNumber(0) },
    fields: ['name', 'household_address'],
    purpose: '公共租赁住房保障资格审核',
  });
  await querySharedData(ctx, zjj, {
    resource: 'scjg.business',
    subject: { uscc: completeUscc(demoEnterprises[0]!.body) },
    fields: ['name', 'legal_representative', 'status'],
    purpose: '建筑市场主体资质核验',
  });
}
