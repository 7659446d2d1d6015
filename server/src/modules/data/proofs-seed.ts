import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { demoCity, demoDepartmentId, getDepartment } from '../org/index.ts';
import { proofRepo } from './proofs-repository.ts';
import type { proofDispositions } from './tables.ts';

type Disposition = (typeof proofDispositions)[number];
type Entry = [dept: string, item: string, proof: string, issuer: string, basis: string, disposition: Disposition, replacement: string];

const CLEANUP = '《国务院办公厅关于做好证明事项清理工作的通知》（国办发〔2018〕47号）';
const COMMIT = '《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）';

/**
 * The demo city's proof list: the proofs its demo guides ask of applicants (so those guides can be
 * published again) and typical entries of a clean-up: dropped, replaced by shared data, by a
 * commitment, or kept with their basis.
 */
export const demoProofs: Entry[] = [
  [
    'scjg',
    '食品经营许可',
    '食品安全管理人员健康证明',
    '具备资质的医疗卫生机构',
    '《中华人民共和国食品安全法》第四十五条',
    'kept',
    '法律明确规定须取得健康证明后方可上岗',
  ],
  [
    'scjg',
    '特种设备使用登记',
    '监督检验证明',
    '特种设备检验机构',
    '《中华人民共和国特种设备安全法》第二十五条、第三十三条',
    'kept',
    '安装改造修理须经监督检验，结论为登记依据',
  ],
  ['rsj', '失业保险金申领', '终止或者解除劳动合同的证明', '原用人单位', '《失业保险条例》第十六条', 'kept', '用人单位依法出具；已接入社保系统的单位可在线推送'],
  ['rsj', '人力资源服务许可', '场所使用证明', '产权单位', COMMIT, 'commitment', '申请人承诺具有与服务相适应的固定场所'],
  ['rsj', '人力资源服务许可', '专职工作人员的学历证明', '学历证书颁发机构', '《人力资源市场暂行条例》第十九条', 'kept', '核验学历，可提交学历证书复印件'],
  ['wjw', '医师执业注册', '拟执业机构的聘用证明', '拟执业医疗机构', '《医师执业注册管理办法》第九条', 'kept', '由医疗机构出具'],
  ['wjw', '医师执业注册', '健康体检证明', '医疗机构', '《医师执业注册管理办法》第九条', 'kept', '近六个月内的体检结论'],
  ['wjw', '护士执业注册', '健康体检证明', '医疗机构', '《护士条例》第七条', 'kept', '近六个月内的体检结论'],
  [
    'wjw',
    '医疗机构执业登记',
    '医疗机构用房产权证明或者使用证明',
    '不动产登记机构或出租方',
    COMMIT,
    'commitment',
    '申请人承诺用房合法；产权信息可由不动产登记信息核验',
  ],
  ['jyj', '教师资格认定', '体检合格证明', '指定的县级以上医院', '《〈教师资格条例〉实施办法》第十四条', 'kept', '体检结论为认定条件'],
  [
    'jyj',
    '民办学校设立审批',
    '拟任校长及教师资格证明',
    '教师资格认定机构',
    '《中华人民共和国民办教育促进法》第十二条',
    'kept',
    '资格证书可由教师资格信息系统核验',
  ],
  ['wlj', '旅行社设立许可', '经营场所证明', '产权单位', COMMIT, 'commitment', '申请人承诺具有固定的经营场所'],
  ['wlj', '旅行社设立许可', '质量保证金存缴证明', '存缴银行', '《旅行社条例》第十三条', 'kept', '银行出具的存缴证明或担保'],
  ['yjj', '烟花爆竹经营（零售）许可', '零售场所证明', '产权单位', COMMIT, 'commitment', '申请人承诺零售场所符合安全条件'],
  ['cgj', '户外招牌设置审批', '场所使用证明', '产权单位', COMMIT, 'commitment', '申请人承诺有权使用设置招牌的场所'],
  ['xfjy', '公众聚集场所投入使用、营业前消防安全检查', '场所使用证明', '产权单位', COMMIT, 'commitment', '申请人承诺场所使用合法'],
  [
    'rsj',
    '丧葬补助金、抚恤金申领',
    '申请人与死者关系证明',
    '户籍所在地派出所或村（居）委会',
    COMMIT,
    'commitment',
    '申请人承诺与死者的亲属关系属实，户籍信息可核验',
  ],
  ['ybj', '医保个人账户余额继承', '申请人与死者关系证明', '户籍所在地派出所或村（居）委会', COMMIT, 'commitment', '申请人承诺与死者的亲属关系属实'],
  // Typical clean-up entries beyond the demo guides.
  ['gaj', '出入境证件签发', '无犯罪记录证明', '公安机关', CLEANUP, 'shared_data', '部门间核验：公安机关违法犯罪记录信息共享查询'],
  ['mzj', '最低生活保障审核确认', '居住证明', '村（居）民委员会', COMMIT, 'commitment', '申请人承诺实际居住情况属实，社区入户核查'],
  ['mzj', '最低生活保障审核确认', '亲属关系证明', '户籍所在地派出所', '《社会救助暂行办法》第十一条', 'kept', '户口簿无法反映的亲属关系，保留由公安机关出具'],
  ['gaj', '户口迁移登记', '合法稳定住所证明', '不动产登记机构', CLEANUP, 'shared_data', '部门间核验：不动产登记信息（zrzy.real_estate）'],
  ['rsj', '失业保险金申领', '失业证明', '街道（乡镇）劳动保障机构', CLEANUP, 'dropped', '已取消：以终止或者解除劳动合同的证明和失业登记信息替代'],
  ['mzj', '结婚登记', '无配偶证明', '村（居）民委员会', CLEANUP, 'dropped', '已取消：婚姻登记信息系统核验，当事人签字声明'],
  ['scjg', '个体工商户设立登记', '经营场所产权证明', '不动产登记机构', CLEANUP, 'shared_data', '部门间核验：不动产登记信息'],
];

export async function seedProofs(ctx: Ctx): Promise<void> {
  const city = demoCity.city.code;
  const now = ctx.now?.() ?? new Date();
  for (const [kind, itemName, proofName, issuer, legalBasis, disposition, replacement] of demoProofs) {
    const departmentId = demoDepartmentId(kind, city);
    const { regionPath } = await getDepartment(ctx, departmentId);
    await proofRepo.insert(ctx.database.db, {
      id: newId(),
      itemName,
      proofName,
      issuer,
      legalBasis,
      disposition,
      replacement,
      departmentId,
      regionPath,
      createdAt: now,
      updatedAt: now,
    });
  }
}
