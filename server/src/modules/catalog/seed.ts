import { newId } from '../../platform/db/index.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { demoCity, demoDepartmentId, findDepartments } from '../org/index.ts';
import { catalogFees, catalogGuideVersions, catalogImplementations, catalogIntermediaries, catalogItems, catalogPowers, catalogSearchTerms } from './tables.ts';
import { implementationCode, normalizeGuide, type Guide, type itemTypes } from './guide.ts';
import { termsFor } from './search.ts';
import { publishedFigures } from './presenters.ts';
import { demoApplicationForm } from '../../platform/forms/index.ts';

type M = string; // 'name|source(a g c)|form(o c oc e)|optional?'
interface Spec {
  kind: string;
  name: string;
  type: (typeof itemTypes)[number];
  subjects: ('person' | 'entity')[];
  themes: string[];
  keywords: string[];
  basis: string;
  where: 'city' | 'all';
  statutory: number;
  promised: number;
  visits: number;
  depth: number[];
  flags: string; // N do-now, O do-online, V do-in-one-visit
  materials: M[];
  conditions?: string[];
  fees?: string[];
  result: [string, Guide['result']['type']];
  faq?: [string, string][];
  review?: string;
  intermediary?: string[];
  onsite?: string;
}

const S = (s: Partial<Spec> & Pick<Spec, 'kind' | 'name' | 'type' | 'subjects' | 'basis' | 'materials' | 'result'>): Spec => ({
  themes: [],
  keywords: [],
  where: 'city',
  statutory: 20,
  promised: 10,
  visits: 1,
  depth: [1, 2, 3, 4],
  flags: 'OV',
  ...s,
});

/** The demo catalog: realistic items of a prefecture-level city; `where: 'all'` also at the three district branches. */
export const demoCatalog: Spec[] = [
  // 市场监管
  S({
    kind: 'scjg',
    name: '企业设立登记',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['开办企业'],
    keywords: ['营业执照', '开办企业', '公司注册', '注册公司'],
    basis: '《中华人民共和国公司法》第二十九条；《中华人民共和国市场主体登记管理条例》第三条',
    where: 'all',
    statutory: 15,
    promised: 1,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    flags: 'OV',
    materials: [
      '公司登记（备案）申请书|a|o',
      '公司章程|a|o',
      '股东的主体资格文件或自然人身份证明|g|c',
      '法定代表人、董事、监事和经理的任职文件|a|o',
      '住所使用相关文件|c|c',
    ],
    conditions: [
      '申请人为拟设立企业的投资人或其委托的代理人',
      '企业名称符合《企业名称登记管理规定》',
      '有符合章程规定的出资和住所',
      '申请材料齐全、符合法定形式',
    ],
    result: ['营业执照', 'certificate'],
    faq: [
      ['没有房产证的住所可以登记吗？', '可以通过住所（经营场所）承诺方式登记，对承诺内容的真实性负责。'],
      ['营业执照可以邮寄吗？', '可以选择免费邮寄，也可以下载电子营业执照。'],
    ],
    review: '核对名称是否与登记机关已登记名称近似；核对章程必备条款；核对法定代表人是否属于失信被执行人等限制任职情形。',
  }),
  S({
    kind: 'scjg',
    name: '企业变更登记',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['开办企业'],
    keywords: ['营业执照变更', '法人变更', '地址变更'],
    basis: '《中华人民共和国市场主体登记管理条例》第二十四条',
    where: 'all',
    statutory: 15,
    promised: 3,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['变更登记申请书|a|o', '变更事项相关的决议或决定|a|o', '营业执照|g|o'],
    result: ['营业执照（变更）', 'certificate'],
    review: '核对变更事项与决议是否一致；涉及前置审批的，核对批准文件。',
  }),
  S({
    kind: 'scjg',
    name: '企业注销登记',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['开办企业'],
    keywords: ['简易注销', '公司注销', '营业执照注销'],
    basis: '《中华人民共和国市场主体登记管理条例》第三十一条',
    where: 'all',
    statutory: 10,
    promised: 3,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6],
    materials: ['注销登记申请书|a|o', '清算报告或全体投资人承诺书|c|o', '税务机关出具的清税证明|g|o'],
    result: ['准予注销登记通知书', 'approval'],
  }),
  S({
    kind: 'scjg',
    name: '食品经营许可',
    type: 'licensing',
    subjects: ['entity', 'person'],
    themes: ['开办企业', '餐饮'],
    keywords: ['食品经营许可证', '餐饮许可', '开饭店', '小餐饮'],
    basis: '《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》',
    where: 'all',
    statutory: 20,
    promised: 5,
    visits: 1,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: [
      '食品经营许可申请书|a|o',
      '营业执照|g|c',
      '与食品经营相适应的主要设备设施布局、操作流程等文件|a|c',
      '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度|c|o',
      '食品安全管理人员健康证明|a|c|optional',
    ],
    conditions: [
      '具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所',
      '具有与经营的食品品种、数量相适应的经营设备或者设施',
      '有专职或者兼职的食品安全管理人员和保证食品安全的规章制度',
      '具有合理的设备布局和工艺流程',
    ],
    result: ['食品经营许可证', 'certificate'],
    faq: [
      ['仅销售预包装食品需要办理许可吗？', '仅销售预包装食品的，办理备案即可，无需取得许可。'],
      ['现场核查什么时候进行？', '受理后 5 个工作日内安排现场核查，核查前会电话联系。'],
    ],
    review: '现场核查经营场所与布局图一致；核对食品安全管理人员配备；专间设置符合要求；不予许可的须书面说明理由。',
  }),
  S({
    kind: 'scjg',
    name: '个体工商户设立登记',
    type: 'licensing',
    subjects: ['person'],
    themes: ['开办企业'],
    keywords: ['个体户', '营业执照', '个体工商户注册'],
    basis: '《促进个体工商户发展条例》；《中华人民共和国市场主体登记管理条例》',
    where: 'all',
    statutory: 15,
    promised: 0,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    flags: 'NOV',
    materials: ['个体工商户登记（备案）申请书|a|o', '经营者身份证明|g|o', '经营场所使用相关文件|c|c'],
    result: ['营业执照', 'certificate'],
  }),
  S({
    kind: 'scjg',
    name: '食品生产许可',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['开办企业'],
    keywords: ['食品生产许可证', 'SC认证'],
    basis: '《中华人民共和国食品安全法》第三十五条；《食品生产许可管理办法》',
    statutory: 20,
    promised: 10,
    materials: [
      '食品生产许可申请书|a|o',
      '食品生产设备布局图和食品生产工艺流程图|a|c',
      '食品生产主要设备、设施清单|a|o',
      '专职或者兼职的食品安全专业技术人员、食品安全管理人员信息和食品安全管理制度|a|o',
    ],
    result: ['食品生产许可证', 'certificate'],
  }),
  S({
    kind: 'scjg',
    name: '特种设备使用登记',
    type: 'licensing',
    subjects: ['entity'],
    themes: [],
    keywords: ['电梯登记', '锅炉登记', '压力容器'],
    basis: '《中华人民共和国特种设备安全法》第三十三条',
    statutory: 15,
    promised: 5,
    materials: ['特种设备使用登记表|a|o', '产品合格证|a|c', '监督检验证明|a|c'],
    result: ['特种设备使用登记证', 'certificate'],
  }),
  // 人社
  S({
    kind: 'rsj',
    name: '单位社会保险参保登记',
    type: 'public_service',
    subjects: ['entity'],
    themes: ['社保', '开办企业'],
    keywords: ['社保开户', '社会保险登记', '参保'],
    basis: '《中华人民共和国社会保险法》第五十七条',
    where: 'all',
    statutory: 15,
    promised: 0,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6],
    flags: 'NOV',
    materials: ['营业执照|g|o', '社会保险登记表|a|o'],
    result: ['社会保险登记信息', 'confirmation'],
  }),
  S({
    kind: 'rsj',
    name: '灵活就业人员参保登记',
    type: 'public_service',
    subjects: ['person'],
    themes: ['社保', '就业', '养老'],
    keywords: ['个人社保', '灵活就业', '养老保险参保'],
    basis: '《中华人民共和国社会保险法》第十条',
    where: 'all',
    statutory: 5,
    promised: 0,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6],
    flags: 'NOV',
    materials: ['居民身份证|g|o', '灵活就业人员参保登记表|a|o'],
    result: ['参保登记信息', 'confirmation'],
  }),
  S({
    kind: 'rsj',
    name: '失业保险金申领',
    type: 'benefit',
    subjects: ['person'],
    themes: ['就业', '社保'],
    keywords: ['失业金', '失业补助'],
    basis: '《失业保险条例》第十四条、第十六条',
    where: 'all',
    statutory: 10,
    promised: 3,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6],
    materials: ['居民身份证|g|o', '终止或者解除劳动合同的证明|a|c', '社会保障卡|a|o|optional'],
    result: ['失业保险金核定结果', 'payment'],
  }),
  S({
    kind: 'rsj',
    name: '人力资源服务许可',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['就业'],
    keywords: ['职业中介', '人力资源服务机构'],
    basis: '《人力资源市场暂行条例》第十八条',
    statutory: 20,
    promised: 10,
    materials: ['人力资源服务许可申请表|a|o', '营业执照|g|c', '场所使用证明|c|c', '专职工作人员的学历证明|a|c'],
    result: ['人力资源服务许可证', 'certificate'],
  }),
  // 民政
  S({
    kind: 'mzj',
    name: '内地居民结婚登记',
    type: 'confirmation',
    subjects: ['person'],
    themes: ['婚姻'],
    keywords: ['结婚登记', '领结婚证', '结婚证'],
    basis: '《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》第四条至第七条',
    where: 'all',
    statutory: 0,
    promised: 0,
    visits: 1,
    depth: [1, 2, 3],
    flags: 'NV',
    materials: ['内地居民身份证|g|o', '本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明|a|o', '近期半身免冠合影照片（2张）|a|o'],
    conditions: ['男女双方完全自愿', '男年满二十二周岁，女年满二十周岁', '双方均无配偶', '双方没有直系血亲和三代以内旁系血亲关系'],
    result: ['结婚证', 'certificate'],
    onsite: '婚姻登记须男女双方亲自到场',
    faq: [['可以在居住地办理吗？', '婚姻登记“跨省通办”试点地区可凭居住证在居住地办理。']],
    review: '当场核对双方身份信息与婚姻状况信息，询问是否自愿；不符合条件的不予登记并说明理由。',
  }),
  S({
    kind: 'mzj',
    name: '内地居民离婚登记',
    type: 'confirmation',
    subjects: ['person'],
    themes: ['婚姻'],
    keywords: ['协议离婚', '离婚证'],
    basis: '《中华人民共和国民法典》第一千零七十六条、第一千零七十七条',
    where: 'all',
    statutory: 30,
    promised: 30,
    visits: 2,
    depth: [1, 2, 3],
    flags: '',
    materials: ['内地居民身份证|g|o', '结婚证|g|o', '离婚协议书|a|o'],
    result: ['离婚证', 'certificate'],
    onsite: '离婚冷静期届满后双方须亲自到场',
  }),
  S({
    kind: 'mzj',
    name: '最低生活保障审核确认',
    type: 'benefit',
    subjects: ['person'],
    themes: ['社会救助'],
    keywords: ['低保', '困难救助'],
    basis: '《社会救助暂行办法》第九条至第十一条',
    where: 'all',
    statutory: 30,
    promised: 20,
    visits: 1,
    depth: [1, 2, 3, 4],
    materials: ['最低生活保障申请书|a|o', '家庭成员身份证明|g|o', '家庭经济状况授权核对书|a|o'],
    result: ['低保审核确认结果', 'confirmation'],
  }),
  // 住建
  S({
    kind: 'zjj',
    name: '建筑工程施工许可证核发',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['工程建设'],
    keywords: ['施工许可', '开工许可'],
    basis: '《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》',
    where: 'all',
    statutory: 7,
    promised: 3,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['建筑工程施工许可证申请表|a|o', '建设工程规划许可证|g|o', '施工合同|a|c', '建设资金已经落实承诺书|c|o', '施工图设计文件审查合格书|g|o'],
    result: ['建筑工程施工许可证', 'certificate'],
    intermediary: ['施工图设计文件审查'],
  }),
  S({
    kind: 'zjj',
    name: '建设工程竣工验收备案',
    type: 'other_power',
    subjects: ['entity'],
    themes: ['工程建设'],
    keywords: ['竣工备案', '竣工验收'],
    basis: '《建设工程质量管理条例》第四十九条',
    where: 'all',
    statutory: 15,
    promised: 5,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6],
    materials: ['竣工验收备案表|a|o', '工程竣工验收报告|a|o', '消防验收意见或备案凭证|g|o'],
    result: ['竣工验收备案证明', 'filing'],
  }),
  S({
    kind: 'zjj',
    name: '商品房预售许可',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['住房', '工程建设'],
    keywords: ['预售证', '商品房预售'],
    basis: '《中华人民共和国城市房地产管理法》第四十五条',
    statutory: 10,
    promised: 5,
    materials: ['商品房预售许可申请表|a|o', '营业执照|g|c', '建设工程规划许可证|g|c', '建筑工程施工许可证|g|c', '商品房预售方案|a|o'],
    result: ['商品房预售许可证', 'certificate'],
  }),
  // 自然资源
  S({
    kind: 'zrzy',
    name: '建设工程规划许可证核发',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['工程建设'],
    keywords: ['规划许可', '工程规划'],
    basis: '《中华人民共和国城乡规划法》第四十条',
    statutory: 20,
    promised: 10,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['建设工程规划许可申请表|a|o', '使用土地的有关证明文件|g|c', '建设工程设计方案|a|o'],
    result: ['建设工程规划许可证', 'certificate'],
    intermediary: ['建设工程设计方案编制'],
  }),
  S({
    kind: 'zrzy',
    name: '建设用地规划许可证核发',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['工程建设'],
    keywords: ['用地规划许可'],
    basis: '《中华人民共和国城乡规划法》第三十七条、第三十八条',
    statutory: 20,
    promised: 10,
    materials: ['建设用地规划许可申请表|a|o', '国有土地使用权出让合同|g|c', '建设项目批准、核准、备案文件|g|c'],
    result: ['建设用地规划许可证', 'certificate'],
  }),
  S({
    kind: 'zrzy',
    name: '不动产转移登记',
    type: 'confirmation',
    subjects: ['person', 'entity'],
    themes: ['住房'],
    keywords: ['过户', '二手房过户', '房产证', '不动产权证书'],
    basis: '《中华人民共和国民法典》第二百零九条；《不动产登记暂行条例》',
    statutory: 30,
    promised: 3,
    visits: 1,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['不动产登记申请书|a|o', '申请人身份证明|g|o', '不动产权属证书|g|o', '买卖合同|a|o', '完税凭证|g|o'],
    fees: ['FEE-BDC-ZZ', 'FEE-BDC-GBF'],
    result: ['不动产权证书', 'certificate'],
    faq: [['需要买卖双方都到场吗？', '可以委托代理人办理，提交经公证的授权委托书。']],
    review: '核对登记簿记载与申请一致；查封、抵押状态；税费缴纳情况。',
  }),
  S({
    kind: 'zrzy',
    name: '不动产首次登记',
    type: 'confirmation',
    subjects: ['person', 'entity'],
    themes: ['住房'],
    keywords: ['房产证', '不动产权证书', '新房办证'],
    basis: '《不动产登记暂行条例》第十四条',
    statutory: 30,
    promised: 5,
    materials: ['不动产登记申请书|a|o', '申请人身份证明|g|o', '土地权属来源材料|g|c', '建设工程符合规划的材料|g|c', '房屋已经竣工的材料|g|c'],
    fees: ['FEE-BDC-ZZ', 'FEE-BDC-GBF'],
    result: ['不动产权证书', 'certificate'],
  }),
  S({
    kind: 'zrzy',
    name: '不动产抵押登记',
    type: 'confirmation',
    subjects: ['person', 'entity'],
    themes: ['住房'],
    keywords: ['房屋抵押', '按揭', '抵押贷款'],
    basis: '《中华人民共和国民法典》第四百零二条',
    statutory: 30,
    promised: 2,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['不动产登记申请书|a|o', '不动产权属证书|g|o', '主债权合同和抵押合同|a|o'],
    fees: ['FEE-BDC-FZZ'],
    result: ['不动产登记证明', 'certificate'],
  }),
  S({
    kind: 'zrzy',
    name: '不动产登记资料查询',
    type: 'public_service',
    subjects: ['person', 'entity'],
    themes: ['住房'],
    keywords: ['查档', '房产查询'],
    basis: '《不动产登记资料查询暂行办法》',
    statutory: 0,
    promised: 0,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6],
    flags: 'NOV',
    materials: ['不动产登记资料查询申请书|a|o', '查询人身份证明|g|o'],
    result: ['不动产登记资料查询结果', 'other'],
  }),
  // 卫健
  S({
    kind: 'wjw',
    name: '出生医学证明办理',
    type: 'public_service',
    subjects: ['person'],
    themes: ['生育'],
    keywords: ['出生证', '出生医学证明', '新生儿'],
    basis: '《中华人民共和国母婴保健法》第二十三条',
    statutory: 0,
    promised: 0,
    visits: 1,
    depth: [1, 2, 3],
    flags: 'NV',
    materials: ['新生儿父母的有效身份证件|g|o', '出生医学证明自填单|a|o'],
    result: ['出生医学证明', 'certificate'],
    faq: [['出生医学证明丢了怎么办？', '可以向原签发机构申请补发，需提交相关证明材料。']],
  }),
  S({
    kind: 'wjw',
    name: '医师执业注册',
    type: 'licensing',
    subjects: ['person'],
    themes: ['就业'],
    keywords: ['医师注册', '执业医师', '电子化注册'],
    basis: '《中华人民共和国医师法》第十三条；《医师执业注册管理办法》',
    statutory: 20,
    promised: 5,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['医师执业注册申请审核表|a|o', '医师资格证书|g|o', '拟执业机构的聘用证明|a|o', '健康体检证明|a|o'],
    result: ['医师执业证书', 'certificate'],
  }),
  S({
    kind: 'wjw',
    name: '护士执业注册',
    type: 'licensing',
    subjects: ['person'],
    themes: ['就业'],
    keywords: ['护士注册', '护士执业证'],
    basis: '《护士条例》第七条',
    statutory: 20,
    promised: 5,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['护士执业注册申请审核表|a|o', '护士执业资格考试成绩合格证明|g|o', '健康体检证明|a|o'],
    result: ['护士执业证书', 'certificate'],
  }),
  S({
    kind: 'wjw',
    name: '公共场所卫生许可',
    type: 'licensing',
    subjects: ['entity', 'person'],
    themes: ['开办企业'],
    keywords: ['卫生许可证', '美容美发', '宾馆卫生'],
    basis: '《公共场所卫生管理条例》第八条',
    statutory: 20,
    promised: 5,
    materials: ['公共场所卫生许可申请表|a|o', '营业执照|g|c', '公共场所卫生检测或者评价报告|a|o', '卫生管理制度|c|o'],
    result: ['公共场所卫生许可证', 'certificate'],
  }),
  S({
    kind: 'wjw',
    name: '医疗机构执业登记',
    type: 'licensing',
    subjects: ['entity'],
    themes: [],
    keywords: ['诊所执业登记', '医疗机构执业许可证'],
    basis: '《医疗机构管理条例》第十五条',
    statutory: 45,
    promised: 20,
    materials: ['医疗机构执业登记申请书|a|o', '医疗机构设置批准书或备案回执|g|c', '医疗机构用房产权证明或者使用证明|c|c', '医疗机构规章制度|a|o'],
    result: ['医疗机构执业许可证', 'certificate'],
  }),
  // 公安
  S({
    kind: 'gaj',
    name: '户口迁移（市内迁移）',
    type: 'confirmation',
    subjects: ['person'],
    themes: ['住房', '落户'],
    keywords: ['户口迁移', '迁户口', '落户', '户籍'],
    basis: '《中华人民共和国户口登记条例》第十条',
    statutory: 10,
    promised: 0,
    visits: 1,
    depth: [1, 2, 3, 4],
    flags: 'NV',
    materials: ['居民户口簿|g|o', '居民身份证|g|o', '合法稳定住所证明|g|c'],
    result: ['户口迁移登记', 'confirmation'],
  }),
  S({
    kind: 'gaj',
    name: '居民身份证换领',
    type: 'public_service',
    subjects: ['person'],
    themes: [],
    keywords: ['身份证到期', '换身份证', '身份证补领'],
    basis: '《中华人民共和国居民身份证法》第十一条',
    statutory: 60,
    promised: 20,
    visits: 1,
    depth: [1, 2, 3],
    materials: ['居民户口簿|g|o', '原居民身份证|a|o'],
    fees: ['FEE-SFZ'],
    result: ['居民身份证', 'certificate'],
    onsite: '须本人到场采集人像和指纹',
  }),
  S({
    kind: 'gaj',
    name: '普通护照签发',
    type: 'licensing',
    subjects: ['person'],
    themes: [],
    keywords: ['办护照', '出国'],
    basis: '《中华人民共和国护照法》第五条',
    statutory: 15,
    promised: 7,
    visits: 1,
    depth: [1, 2, 3],
    materials: ['居民身份证|g|o', '出入境证件数字相片|a|e'],
    fees: ['FEE-HZ'],
    result: ['普通护照', 'certificate'],
    onsite: '须本人到场采集指纹',
  }),
  // 生态环境
  S({
    kind: 'sthj',
    name: '排污许可证核发',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['工程建设'],
    keywords: ['排污许可', '污染物排放'],
    basis: '《排污许可管理条例》第八条至第十四条',
    statutory: 30,
    promised: 15,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['排污许可证申请表|a|o', '自行监测方案|a|o', '守法承诺书|c|o', '环境影响评价审批文件|g|c'],
    result: ['排污许可证', 'certificate'],
  }),
  S({
    kind: 'sthj',
    name: '建设项目环境影响报告书审批',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['工程建设'],
    keywords: ['环评审批', '环评'],
    basis: '《中华人民共和国环境影响评价法》第二十二条',
    statutory: 60,
    promised: 20,
    materials: ['建设项目环境影响报告书|a|o', '审批申请文件|a|o'],
    result: ['环境影响报告书批复', 'approval'],
    intermediary: ['环境影响报告书编制'],
  }),
  // 交通
  S({
    kind: 'jtj',
    name: '道路货物运输经营许可',
    type: 'licensing',
    subjects: ['entity', 'person'],
    themes: ['开办企业'],
    keywords: ['道路运输经营许可证', '货运许可'],
    basis: '《中华人民共和国道路运输条例》第二十四条',
    statutory: 20,
    promised: 5,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['道路货物运输经营申请表|a|o', '负责人身份证明|g|c', '安全生产管理制度文本|c|o'],
    result: ['道路运输经营许可证', 'certificate'],
  }),
  S({
    kind: 'jtj',
    name: '道路运输从业人员从业资格证核发',
    type: 'licensing',
    subjects: ['person'],
    themes: ['就业'],
    keywords: ['从业资格证', '货运资格证'],
    basis: '《道路运输从业人员管理规定》',
    statutory: 10,
    promised: 5,
    visits: 1,
    depth: [1, 2, 3, 4],
    materials: ['从业资格考试申请表|a|o', '机动车驾驶证|g|c'],
    result: ['道路运输从业人员从业资格证', 'certificate'],
  }),
  S({
    kind: 'jtj',
    name: '出租汽车驾驶员从业资格注册',
    type: 'licensing',
    subjects: ['person'],
    themes: ['就业'],
    keywords: ['网约车', '出租车资格'],
    basis: '《出租汽车驾驶员从业资格管理规定》',
    statutory: 20,
    promised: 5,
    materials: ['从业资格注册申请表|a|o', '从业资格证|g|o'],
    result: ['从业资格注册', 'confirmation'],
  }),
  // 教育
  S({
    kind: 'jyj',
    name: '教师资格认定',
    type: 'confirmation',
    subjects: ['person'],
    themes: ['教育', '就业'],
    keywords: ['教资认定', '教师资格证'],
    basis: '《中华人民共和国教师法》第十三条；《教师资格条例》',
    statutory: 30,
    promised: 20,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['教师资格认定申请表|a|o', '学历证书|g|o', '普通话水平测试等级证书|g|o', '体检合格证明|a|o'],
    result: ['教师资格证书', 'certificate'],
  }),
  S({
    kind: 'jyj',
    name: '民办学校设立审批',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['教育'],
    keywords: ['办学许可证', '民办学校'],
    basis: '《中华人民共和国民办教育促进法》第十二条',
    statutory: 90,
    promised: 60,
    materials: ['申办报告|a|o', '举办者资格证明|g|c', '拟任校长及教师资格证明|a|c', '章程|a|o'],
    result: ['办学许可证', 'certificate'],
  }),
  // 文旅
  S({
    kind: 'wlj',
    name: '娱乐场所经营许可',
    type: 'licensing',
    subjects: ['entity', 'person'],
    themes: ['开办企业'],
    keywords: ['KTV许可', '娱乐经营许可证'],
    basis: '《娱乐场所管理条例》第九条',
    statutory: 20,
    promised: 10,
    materials: ['娱乐经营许可申请书|a|o', '营业执照|g|c', '投资人、法定代表人身份证明|g|c', '消防安全检查合格证明|g|c'],
    result: ['娱乐经营许可证', 'certificate'],
  }),
  S({
    kind: 'wlj',
    name: '旅行社设立许可',
    type: 'licensing',
    subjects: ['entity'],
    themes: ['开办企业'],
    keywords: ['旅行社经营许可'],
    basis: '《旅行社条例》第七条',
    statutory: 20,
    promised: 10,
    materials: ['设立申请书|a|o', '营业执照|g|c', '经营场所证明|c|c', '质量保证金存缴证明|a|o'],
    result: ['旅行社业务经营许可证', 'certificate'],
  }),
  // 应急
  S({
    kind: 'yjj',
    name: '危险化学品经营许可',
    type: 'licensing',
    subjects: ['entity'],
    themes: [],
    keywords: ['危化品经营许可证'],
    basis: '《危险化学品安全管理条例》第三十三条',
    statutory: 30,
    promised: 15,
    materials: ['危险化学品经营许可证申请书|a|o', '安全管理制度和岗位操作规程|a|o', '主要负责人安全资格证书|g|c'],
    result: ['危险化学品经营许可证', 'certificate'],
  }),
  S({
    kind: 'yjj',
    name: '烟花爆竹经营（零售）许可',
    type: 'licensing',
    subjects: ['entity', 'person'],
    themes: [],
    keywords: ['烟花爆竹零售'],
    basis: '《烟花爆竹安全管理条例》第十九条',
    statutory: 20,
    promised: 10,
    materials: ['烟花爆竹零售经营许可申请书|a|o', '零售场所证明|c|c'],
    result: ['烟花爆竹经营（零售）许可证', 'certificate'],
  }),
  // 政务服务（一件事）
  S({
    kind: 'zwfw',
    name: '企业开办“一件事”',
    type: 'public_service',
    subjects: ['entity'],
    themes: ['开办企业'],
    keywords: ['开办企业', '企业开办', '营业执照', '公章刻制', '发票申领', '员工参保'],
    basis: '《国务院关于加快推进政务服务标准化规范化便利化的指导意见》（国发〔2022〕5号）',
    where: 'all',
    statutory: 3,
    promised: 1,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['企业开办一表通|a|o', '投资人身份证明|g|o', '住所使用相关文件|c|c'],
    result: ['营业执照、印章、发票、社保登记', 'certificate'],
  }),
  S({
    kind: 'zwfw',
    name: '新生儿出生“一件事”',
    type: 'public_service',
    subjects: ['person'],
    themes: ['生育'],
    keywords: ['出生医学证明', '户口登记', '医保参保', '社保卡'],
    basis: '《国务院关于加快推进政务服务标准化规范化便利化的指导意见》（国发〔2022〕5号）',
    statutory: 5,
    promised: 3,
    visits: 0,
    depth: [1, 2, 3, 4, 5, 6, 7],
    materials: ['出生医学证明|g|o', '父母身份证明|g|o', '居民户口簿|g|o'],
    result: ['出生医学证明、户口登记、医保参保、社保卡', 'certificate'],
  }),
];

export const demoFees = [
  {
    code: 'FEE-BDC-ZZ',
    name: '不动产登记费（住宅）',
    kind: 'administrative_fee' as const,
    basis: '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）',
    standard: '每件 80 元',
    collecting: 'zrzy',
    effectiveFrom: '2017-03-15',
  },
  {
    code: 'FEE-BDC-FZZ',
    name: '不动产登记费（非住宅）',
    kind: 'administrative_fee' as const,
    basis: '发改价格规〔2016〕2559号',
    standard: '每件 550 元',
    collecting: 'zrzy',
    effectiveFrom: '2017-03-15',
  },
  {
    code: 'FEE-BDC-GBF',
    name: '不动产权属证书工本费',
    kind: 'administrative_fee' as const,
    basis: '发改价格规〔2016〕2559号',
    standard: '每增加一本 10 元（首本免收）',
    collecting: 'zrzy',
    effectiveFrom: '2017-03-15',
  },
  {
    code: 'FEE-SFZ',
    name: '居民身份证工本费',
    kind: 'administrative_fee' as const,
    basis: '《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》（发改价格〔2003〕2322号）',
    standard: '换领、补领每证 20 元；临时身份证每证 10 元',
    collecting: 'gaj',
    effectiveFrom: '2004-01-01',
  },
  {
    code: 'FEE-HZ',
    name: '因私普通护照工本费',
    kind: 'administrative_fee' as const,
    basis: '《国家发展改革委 财政部关于降低部分出入境证件收费标准的通知》（发改价格〔2019〕914号）',
    standard: '每本 120 元',
    collecting: 'gaj',
    effectiveFrom: '2019-07-01',
  },
  {
    code: 'FEE-SLZY',
    name: '水土保持补偿费',
    kind: 'government_fund' as const,
    basis: '《水土保持补偿费征收使用管理办法》（财综〔2014〕8号）',
    standard: '按征占用土地面积一次性计征，每平方米 1.2 元',
    collecting: 'zrzy',
    effectiveFrom: '2014-05-01',
  },
  {
    code: 'FEE-OLD-HYZ',
    name: '婚姻登记证书工本费（已停征）',
    kind: 'administrative_fee' as const,
    basis: '财税〔2013〕67号（自 2014 年起停征）',
    standard: '每本 9 元',
    collecting: 'mzj',
    effectiveFrom: '2004-01-01',
    effectiveTo: '2013-12-31',
  },
];

const fieldOf: Record<string, string> = {
  scjg: '0118',
  rsj: '0123',
  mzj: '0112',
  zjj: '0130',
  zrzy: '0129',
  wjw: '0136',
  gaj: '0110',
  sthj: '0131',
  jtj: '0133',
  jyj: '0104',
  wlj: '0135',
  yjj: '0140',
  zwfw: '0199',
};

export function demoBaseCode(spec: Spec): string {
  const seq = demoCatalog.filter((s) => s.kind === spec.kind).indexOf(spec) + 1;
  // National items start with 00; the local "一件事" items with the province code 99.
  return `${spec.kind === 'zwfw' ? '99' : '00'}${fieldOf[spec.kind]}${String(seq).padStart(3, '0')}000`;
}

const formOf = { o: 'original', c: 'copy', oc: 'original_and_copy', e: 'electronic' } as const;
const sourceOf = { a: 'applicant', g: 'government', c: 'commitment' } as const;

/**
 * Demo materials fetched from shared data (data module's demo catalog, docs/data-centre.md): item →
 * material → the resource and fields the case fetches at submission.
 */
export const demoSharedMaterials: Record<string, Record<string, { resource: string; fields: string[] }>> = {
  '户口迁移（市内迁移）': {
    居民户口簿: { resource: 'gaj.household', fields: ['name', 'household_address', 'household_head', 'relation_to_head'] },
    居民身份证: { resource: 'gaj.household', fields: ['name', 'gender', 'birth_date'] },
  },
  最低生活保障审核确认: { 家庭成员身份证明: { resource: 'gaj.household', fields: ['name', 'household_address', 'relation_to_head'] } },
  内地居民离婚登记: { 结婚证: { resource: 'mzj.marriage', fields: ['name', 'marital_status', 'registered_on'] } },
  不动产转移登记: { 不动产权属证书: { resource: 'zrzy.real_estate', fields: ['name', 'property_count', 'properties'] } },
  企业变更登记: { 营业执照: { resource: 'scjg.business', fields: ['name', 'entity_type', 'legal_representative', 'status', 'address'] } },
};

export function demoGuide(spec: Spec, place: { center: string; address: string; window: string; phone: string; implementationCode?: string }): Guide {
  const instant = spec.promised === 0;
  const steps: Guide['process'] = instant
    ? [
        { step: '申请', description: '申请人通过网上办事大厅或到窗口提交申请材料' },
        { step: '受理并办结', description: '窗口人员当场审核材料，符合条件的当场办结并出具结果' },
      ]
    : [
        { step: '申请', description: '申请人通过网上办事大厅、“一网通办”移动端或到窗口提交申请材料' },
        { step: '受理', description: '材料齐全、符合法定形式的予以受理；材料不全的一次性告知需补正的全部内容', limitDays: 0 },
        { step: '审查', description: '承办机构对申请材料进行审查，需要现场核查的组织核查', limitDays: Math.max(1, Math.floor(spec.promised / 2)) },
        { step: '决定', description: '作出准予或不予许可（办理）的决定；不予办理的书面说明理由并告知救济途径', limitDays: Math.ceil(spec.promised / 2) },
        { step: '送达', description: '通过窗口领取、免费邮寄或电子证照方式送达办理结果' },
      ];
  return normalizeGuide({
    acceptanceConditions: spec.conditions ?? [`申请人符合${spec.name}的法定条件`, '申请材料齐全、符合法定形式', '申请人未被列入严重失信主体名单'],
    materials: spec.materials.map((m) => {
      const [name, src = 'a', form = 'o', opt] = m.split('|');
      const source = sourceOf[src as keyof typeof sourceOf];
      return {
        name: name!,
        form: formOf[form as keyof typeof formOf],
        copies: form === 'e' ? 0 : 1,
        required: opt !== 'optional',
        paperSize: form === 'e' ? undefined : 'A4',
        source,
        sourceNote:
          source === 'government' ? '由窗口通过数据共享调取，申请人无需提供' : source === 'commitment' ? '可由申请人书面承诺替代（告知承诺）' : undefined,
        // The application form as a blank PDF rendered from the guide's form (blank-form.ts).
        ...(name!.includes('申请') && place.implementationCode ? { blankFormUrl: `/api/catalog/items/${place.implementationCode}/blank-form` } : {}),
        ...(source === 'government' && demoSharedMaterials[spec.name]?.[name!] ? { sharedData: demoSharedMaterials[spec.name]![name!]! } : {}),
      };
    }),
    process: steps,
    statutoryLimitDays: spec.statutory,
    promisedLimitDays: spec.promised,
    processingType: instant ? 'instant' : 'promised',
    visitsRequired: spec.visits,
    ...(spec.onsite ? { onsiteReason: spec.onsite } : {}),
    onlineDepth: spec.depth,
    doNow: spec.flags.includes('N') && instant,
    doOnline: spec.flags.includes('O') && spec.depth.includes(4),
    doInOneVisit: spec.flags.includes('V') && spec.visits <= 1,
    handlingMode: 'self',
    powerSource: 'statutory',
    serviceScope: '全市通办',
    fees: (spec.fees ?? []).map((feeCode) => ({ feeCode })),
    places: [
      { name: place.center, address: place.address, window: place.window, hours: '周一至周五 9:00-12:00，13:30-17:30（法定节假日除外）；周六上午延时服务' },
    ],
    phones: { inquiry: place.phone, complaint: '12345' },
    onlineUrl: 'https://zwfw.example.gov.cn/',
    result: { name: spec.result[0], type: spec.result[1] },
    delivery: spec.result[1] === 'certificate' ? ['pickup', 'post', 'electronic'] : ['pickup', 'electronic'],
    supportsAppointment: true,
    supportsOnlinePayment: (spec.fees ?? []).length > 0,
    intermediaryServices: spec.intermediary ?? [],
    specialProcedures: spec.type === 'licensing' && !instant ? [{ name: '现场核查', limitDays: 5, note: '不计入办理时限' }] : [],
    faq: (
      spec.faq ?? [
        [
          `办理${spec.name}需要多长时间？`,
          instant ? '材料齐全的当场办结。' : `承诺 ${spec.promised} 个工作日内办结（法定 ${spec.statutory} 个工作日），自受理次日起算。`,
        ],
      ]
    ).map(([question, answer]) => ({ question, answer })),
    ...(demoApplicationForm(spec.name) ? { applicationForm: demoApplicationForm(spec.name) } : {}),
    // A benefit paid to a bank account: the online applicant must have passed real-name verification (docs/identity.md).
    ...(spec.name === '失业保险金申领' ? { requiredAssurance: 'real_name' as const } : {}),
    reviewRules: spec.review ?? `审查申请材料的完整性、真实性和合法性；核对申请人信用状况；按照${spec.basis.split('；')[0]}规定的条件作出决定。`,
  } as Guide);
}

/** Which implementations start in another state, so the review journey can be tried. */
const specialStates: Record<string, 'v2-published' | 'v2-submitted' | 'draft' | 'submitted' | 'abolished'> = {
  '食品经营许可@990100': 'v2-published',
  '企业变更登记@990100': 'v2-submitted',
  '医疗机构执业登记@990100': 'draft',
  '旅行社设立许可@990100': 'submitted',
  '烟花爆竹经营（零售）许可@990100': 'abolished',
};

const hot: Record<string, number> = {
  企业设立登记: 980,
  食品经营许可: 860,
  不动产转移登记: 820,
  内地居民结婚登记: 640,
  '企业开办“一件事”': 600,
  灵活就业人员参保登记: 520,
  出生医学证明办理: 450,
  居民身份证换领: 400,
};

export async function seedCatalogDemo(ctx: Ctx): Promise<void> {
  await seedDemoCatalog(ctx);
}

async function seedDemoCatalog(ctx: Ctx): Promise<void> {
  await transact(ctx, async (t) => {
    const city = demoCity.city.code;
    const regions = [city, ...demoCity.districts.map((d) => d.code)];
    const deptIds = new Set<string>();
    for (const s of demoCatalog) for (const r of s.where === 'all' ? regions : [city]) deptIds.add(demoDepartmentId(s.kind, r));
    for (const f of demoFees) deptIds.add(demoDepartmentId(f.collecting, city));
    const depts = new Map((await findDepartments(t, [...deptIds])).map((d) => [d.id, d]));

    await t.tx.insert(catalogFees).values(
      demoFees.map((f) => {
        const d = depts.get(demoDepartmentId(f.collecting, city))!;
        return {
          id: newId(),
          code: f.code,
          name: f.name,
          kind: f.kind,
          basis: f.basis,
          standard: f.standard,
          collectingDepartmentId: d.id,
          collectingDepartmentName: d.name,
          effectiveFrom: f.effectiveFrom,
          effectiveTo: f.effectiveTo ?? null,
        };
      }),
    );

    const items = demoCatalog.map((s) => ({
      id: newId(),
      baseCode: demoBaseCode(s),
      name: s.name,
      itemType: s.type,
      subjectTypes: s.subjects,
      themes: s.themes,
      keywords: s.keywords,
      legalBasis: s.basis,
    }));
    await t.tx.insert(catalogItems).values(items);

    const impls: (typeof catalogImplementations.$inferInsert)[] = [];
    const versions: (typeof catalogGuideVersions.$inferInsert)[] = [];
    const terms: (typeof catalogSearchTerms.$inferInsert)[] = [];
    const now = new Date();
    demoCatalog.forEach((s, i) => {
      const item = items[i]!;
      for (const regionCode of s.where === 'all' ? regions : [city]) {
        const dept = depts.get(demoDepartmentId(s.kind, regionCode))!;
        const level = regionCode === city ? 3 : 4;
        const code = implementationCode(dept.uscc, level, item.baseCode);
        const district = demoCity.districts.find((d) => d.code === regionCode);
        const guide = demoGuide(s, {
          center: district ? `${district.name}政务服务中心` : '示范市市民之家（市政务服务中心）',
          address: district ? `示范市${district.name}${district.streets[0]}政务路 1 号` : '示范市明湖区市民大道 100 号',
          window: district
            ? '综合受理窗口'
            : s.kind === 'scjg'
              ? 'A03 企业开办专窗'
              : s.kind === 'zjj' || s.kind === 'zrzy'
                ? 'B01 工程建设项目审批窗口'
                : s.kind === 'rsj'
                  ? 'C01 社保医保窗口'
                  : 'A01/A02 综合受理窗口',
          phone: dept.phone ?? '0999-12345',
          implementationCode: code,
        });
        const id = newId();
        const special = specialStates[`${s.name}@${regionCode}`];
        const published = special !== 'draft' && special !== 'submitted';
        const v = (version: number, status: 'draft' | 'submitted' | 'published' | 'superseded', g: Guide, note?: string) =>
          versions.push({
            id: newId(),
            implementationId: id,
            version,
            status,
            guide: g,
            changeNote: note ?? null,
            submittedAt: status === 'draft' ? null : now,
            publishedAt: status === 'published' || status === 'superseded' ? now : null,
          });
        let current = guide;
        if (special === 'v2-published') {
          v(
            1,
            'superseded',
            {
              ...guide,
              promisedLimitDays: 10,
              materials: guide.materials.map((m) => (m.source === 'commitment' ? { ...m, source: 'applicant', sourceNote: undefined } : m)),
            },
            '首次发布',
          );
          v(2, 'published', guide, '压减承诺时限至 5 个工作日；管理制度材料改为告知承诺');
        } else if (special === 'v2-submitted') {
          v(1, 'published', guide, '首次发布');
          current = guide;
          v(
            2,
            'submitted',
            {
              ...guide,
              promisedLimitDays: 1,
              faq: [...guide.faq, { question: '变更登记后需要换发营业执照吗？', answer: '变更营业执照记载事项的，换发营业执照；电子营业执照同步更新。' }],
            },
            '承诺时限压减为 1 个工作日',
          );
        } else if (special === 'draft' || special === 'submitted') {
          v(1, special, guide, '新增事项');
        } else {
          v(1, 'published', guide, '首次发布');
        }
        const views = district
          ? Math.max(5, Math.floor((hot[s.name] ?? 20 + ((i * 37) % 180)) / 3) - demoCity.districts.indexOf(district) * 5)
          : (hot[s.name] ?? 20 + ((i * 37) % 180));
        impls.push({
          id,
          implementationCode: code,
          itemId: item.id,
          departmentId: dept.id,
          departmentUscc: dept.uscc,
          departmentName: dept.name,
          regionCode,
          regionPath: dept.regionPath,
          level,
          state: special === 'abolished' ? 'abolished' : published ? 'published' : 'unpublished',
          stateReason: special === 'abolished' ? '根据《示范市人民政府关于取消一批行政许可事项的决定》取消' : null,
          publishedVersion: published ? (special === 'v2-published' ? 2 : 1) : null,
          ...(published ? publishedFigures(current) : {}),
          views,
        });
        if (published)
          for (const term of termsFor({ name: s.name, keywords: s.keywords, themes: s.themes, baseCode: item.baseCode, implementationCode: code }))
            terms.push({ ...term, implementationId: id, popularity: views });
      }
    });
    await t.tx.insert(catalogImplementations).values(impls);
    await t.tx.insert(catalogGuideVersions).values(versions);
    for (let i = 0; i < terms.length; i += 2000) await t.tx.insert(catalogSearchTerms).values(terms.slice(i, i + 2000));

    const cityDept = (kind: string) =>
      depts.get(demoDepartmentId(kind, city)) ?? { id: demoDepartmentId(kind, city), name: kind, regionPath: `${demoCity.province.code}/${city}` };
    await t.tx.insert(catalogPowers).values(
      demoCatalog
        .filter((s) => s.type !== 'public_service')
        .map((s, i) => {
          const d = cityDept(s.kind);
          return {
            id: newId(),
            code: `QZ-${String(i + 1).padStart(4, '0')}`,
            name: s.name,
            powerType: {
              licensing: '行政许可',
              confirmation: '行政确认',
              benefit: '行政给付',
              levy: '行政征收',
              award: '行政奖励',
              adjudication: '行政裁决',
              other_power: '其他行政权力',
              public_service: '公共服务',
            }[s.type],
            basis: s.basis,
            responsibilities:
              '1. 受理责任：公示依法应当提交的材料，一次性告知补正材料；2. 审查责任：对申请材料进行审查，需要现场核查的组织核查；3. 决定责任：依法作出决定，不予办理的说明理由；4. 送达责任：制发并送达结果；5. 事后监管责任：开展定期和不定期检查；6. 其他法律法规规章规定应履行的责任。',
            accountability:
              '因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任：对符合条件的申请不予受理、不予办理的；对不符合条件的申请予以办理的；擅自增设条件、索取或收受财物的；其他违反法律法规规章规定的行为。',
            departmentId: d.id,
            departmentName: d.name,
            regionPath: d.regionPath,
          };
        }),
    );
    await t.tx.insert(catalogIntermediaries).values([
      {
        id: newId(),
        code: 'ZJ-001',
        name: '施工图设计文件审查',
        basis: '《建设工程勘察设计管理条例》第三十三条',
        requiredFor: '建筑工程施工许可证核发',
        providerRequirements: '具有相应资质的施工图审查机构',
        timeLimit: '15 个工作日',
        feeNote: '实行政府购买服务，建设单位不承担费用',
        departmentName: '示范市住房和城乡建设局',
      },
      {
        id: newId(),
        code: 'ZJ-002',
        name: '建设工程设计方案编制',
        basis: '《中华人民共和国城乡规划法》第四十条',
        requiredFor: '建设工程规划许可证核发',
        providerRequirements: '具有相应工程设计资质的设计单位',
        timeLimit: '按合同约定',
        feeNote: '市场调节价',
        departmentName: '示范市自然资源和规划局',
      },
      {
        id: newId(),
        code: 'ZJ-003',
        name: '环境影响报告书编制',
        basis: '《中华人民共和国环境影响评价法》第十九条',
        requiredFor: '建设项目环境影响报告书审批',
        providerRequirements: '在环境影响评价信用平台登记的技术单位',
        timeLimit: '按合同约定',
        feeNote: '市场调节价',
        departmentName: '示范市生态环境局',
      },
      {
        id: newId(),
        code: 'ZJ-004',
        name: '公共场所卫生检测',
        basis: '《公共场所卫生管理条例实施细则》第二十条',
        requiredFor: '公共场所卫生许可',
        providerRequirements: '具有资质认定的检验检测机构',
        timeLimit: '7 个工作日',
        feeNote: '市场调节价',
        departmentName: '示范市卫生健康委员会',
      },
    ]);
    t.audit({
      action: 'seed.demo',
      objectType: 'module',
      objectId: 'catalog',
      summary: { items: items.length, implementations: impls.length, fees: demoFees.length },
    });
  });
}
