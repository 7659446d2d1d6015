import { transact, type Ctx } from '../../platform/context.ts';
import { blindIndex, randomToken, sealPersonal } from '../../platform/crypto/index.ts';
import { shanghaiDate } from '../../platform/calendar/engine.ts';
import { demoCity, demoDepartmentId, demoId, demoDepartments } from '../org/index.ts';
import { defaultLimitRows, issueApiKey } from './admin.ts';
import { articleRow } from './knowledge.ts';
import { categoryRepo, knowledgeRepo, limitRepo, ticketRepo, type EventInsert, type TicketInsert } from './repository.ts';
import type { TicketUnit } from './tables.ts';
import { addWorkingMinutes, conclusionDue, type Limit } from './limits.ts';
import { bumpHotline, limitFor } from './reference.ts';
import { maskName, maskPhone, ticketNumber } from './ticket.ts';
import type { TicketStatus } from './workflow.ts';

const CITY = demoCity.city.code;
const cityPath = `${demoCity.province.code}/${CITY}`;

/** [code, name, parent code, routing, department kind, limit days, not accepted → refer to] */
type Cat = [string, string, string | null, 'territorial' | 'department', string | null, number | null, string | null];
export const demoCategories: Cat[] = [
  ['cg', '城市管理', null, 'territorial', null, null, null],
  ['cg.zdjy', '占道经营', 'cg', 'territorial', null, null, null],
  ['cg.ljcl', '垃圾清运', 'cg', 'territorial', null, 5, null],
  ['cg.wztc', '违章停车', 'cg', 'territorial', null, null, null],
  ['cg.ggss', '路灯与公共设施损坏', 'cg', 'territorial', null, 5, null],
  ['hj', '生态环境', null, 'territorial', null, null, null],
  ['hj.zs', '噪声扰民', 'hj', 'territorial', null, null, null],
  ['hj.yy', '餐饮油烟', 'hj', 'territorial', null, null, null],
  ['sc', '市场监管', null, 'department', 'scjg', null, null],
  ['sc.spaq', '食品安全', 'sc', 'department', 'scjg', null, null],
  ['sc.xfwq', '消费维权', 'sc', 'department', 'scjg', null, null],
  ['sc.jgbs', '价格欺诈与明码标价', 'sc', 'department', 'scjg', null, null],
  ['sb', '人社与就业', null, 'department', 'rsj', null, null],
  ['sb.qx', '拖欠工资', 'sb', 'department', 'rsj', 10, null],
  ['sb.sbjf', '社保缴费与待遇', 'sb', 'department', 'rsj', null, null],
  ['zf', '住房与物业', null, 'territorial', null, null, null],
  ['zf.wy', '物业服务纠纷', 'zf', 'territorial', null, null, null],
  ['zf.lstd', '老旧小区改造', 'zf', 'department', 'zjj', null, null],
  ['jt', '交通出行', null, 'department', 'jtj', null, null],
  ['jt.gj', '公交线路与站点', 'jt', 'department', 'jtj', null, null],
  ['zw', '政务服务', null, 'department', 'zwfw', null, null],
  ['zw.bszx', '办事咨询', 'zw', 'department', 'zwfw', 3, null],
  ['bsl', '不予受理事项', null, 'territorial', null, null, null],
  ['bsl.ss', '涉诉涉法（诉讼、仲裁、复议、信访）', 'bsl', 'territorial', null, null, '人民法院、仲裁机构或信访部门'],
  ['bsl.jj', '紧急求助（警情、火警、急救）', 'bsl', 'territorial', null, null, '110 / 119 / 120'],
];

const articles: [string, string, string, string][] = [
  [
    'sc',
    '个体工商户营业执照如何办理',
    '可通过“一网通办”门户在线申请，或到区政务服务中心综合窗口办理。需提供经营者身份证明、经营场所使用证明。一般当场办结。',
    '营业执照 个体户 开办',
  ],
  [
    'sc',
    '网购商品质量问题如何投诉',
    '先与商家协商；协商不成可拨打 12345 或通过全国 12315 平台投诉，保留订单、聊天记录和商品照片。',
    '网购 投诉 12315 消费维权',
  ],
  ['sc', '餐馆卫生问题怎么反映', '请说明餐馆名称、地址和具体问题（如后厨卫生、过期食材），热线将派市场监管部门核查。', '食品安全 餐馆 卫生'],
  ['sc', '商品未明码标价如何处理', '经营者应明码标价。发现未标价或价外加价，可提供店名、地址、时间，由市场监管部门查处。', '明码标价 价格'],
  ['sb', '被拖欠工资怎么办', '可向用人单位所在地人社部门劳动保障监察机构投诉，提供劳动合同、考勤和工资记录。农民工工资实行专项保障。', '拖欠工资 欠薪 农民工'],
  ['sb', '灵活就业人员如何缴纳社保', '灵活就业人员可在户籍地或居住地以个人身份参加职工养老保险和医疗保险，可线上办理。', '社保 灵活就业 缴费'],
  ['sb', '失业保险金如何申领', '失业后 60 日内可通过门户或人社窗口申领，需非本人意愿中断就业且已办理失业登记。', '失业 失业金 申领'],
  ['sb', '退休手续办理流程', '达到法定退休年龄前一个月，由单位或本人申请，人社部门审核养老金待遇。', '退休 养老金'],
  ['cg', '路边摆摊占道经营怎么处理', '占道经营由属地街道和城管部门处置，请提供具体位置和时段，街道将在期限内核查整改。', '占道经营 摆摊 城管'],
  ['cg', '小区周边垃圾未及时清运', '生活垃圾清运由属地街道和环卫部门负责，请提供具体地点，一般 24 小时内清运。', '垃圾 清运 环卫'],
  ['cg', '路灯不亮如何报修', '请提供路名和附近门牌号或灯杆编号，由属地街道或市政部门维修。', '路灯 报修 公共设施'],
  ['cg', '井盖缺失或损坏', '井盖缺失有安全隐患，属于紧急事项，当日派单处置，请说明具体位置。', '井盖 安全隐患'],
  ['cg', '机动车乱停乱放', '道路违停请拨打 122 或由交警部门处理；小区内停车纠纷由物业或街道协调。', '违章停车 违停'],
  ['hj', '夜间施工噪声扰民', '夜间（22 时至次日 6 时）施工须有夜间施工许可。请提供工地位置，由生态环境和住建部门核查。', '噪声 施工 夜间'],
  ['hj', '广场舞噪声扰民', '由属地街道、社区协调，必要时公安部门依法处理。', '广场舞 噪声'],
  ['hj', '餐饮油烟扰民', '餐饮企业应安装油烟净化设施，属地街道与生态环境部门核查。', '油烟 餐饮'],
  ['zf', '物业服务不到位如何投诉', '可先向业主委员会反映；物业服务纠纷由属地街道、住建部门协调处理。', '物业 投诉 业委会'],
  ['zf', '老旧小区改造申请', '老旧小区改造由住建部门统筹，居民可通过社区提出改造需求。', '老旧小区 改造'],
  ['zf', '公积金提取条件', '购房、租房、退休等情形可提取住房公积金，可在线办理。', '公积金 提取'],
  ['jt', '公交线路调整建议', '公交线路和站点建议由交通运输部门研究，一般在 13 个工作日内答复。', '公交 线路 站点'],
  ['jt', '出租车拒载绕路投诉', '请提供车牌号、时间和上下车地点，由交通运输部门调查处理。', '出租车 拒载'],
  ['zw', '政务服务中心办公时间', '市民之家周一至周五 9:00-12:00、13:30-17:30，周六上午延时服务，法定节假日休息。', '办公时间 市民之家'],
  ['zw', '身份证补办', '可到户籍所在地或居住地派出所或政务服务中心公安窗口办理，临时身份证可当场办理。', '身份证 补办'],
  ['zw', '居住证办理', '在居住地居住半年以上，符合稳定就业、稳定住所或连续就读条件之一，可申领居住证。', '居住证'],
  ['zw', '企业开办需要多长时间', '企业开办（执照、刻章、发票、社保登记）在 1 个工作日内办结。', '企业开办 时限'],
  ['zw', '如何查询办件进度', '在门户“我的办件”或通过办件编号查询，也可拨打 12345 咨询。', '办件 进度 查询'],
  [
    'bsl',
    '哪些事项热线不予受理',
    '已进入诉讼、仲裁、行政复议或信访程序的事项，涉及国家秘密的事项，以及应由 110、119、120 处理的紧急事项，热线不予受理并告知渠道。',
    '不予受理 诉讼 紧急',
  ],
  ['bsl', '遇到火灾或急病怎么办', '请立即拨打 119 火警或 120 急救，热线将引导转接。', '火灾 急救 119 120'],
  ['sb', '医保异地就医备案', '可通过国家医保服务平台 App 或门户在线备案，备案后可直接结算。', '医保 异地就医 备案'],
  ['cg', '共享单车乱停放', '由共享单车企业和属地街道共同治理，热线派单后企业须限时清理。', '共享单车 乱停放'],
];

/** Deterministic pseudo-random numbers, so the demo looks the same every time. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const texts: Record<string, string[]> = {
  'cg.zdjy': ['小区门口早上有很多摊贩占道卖菜，行人没法走', '学校门口流动摊贩占用人行道'],
  'cg.ljcl': ['楼下垃圾桶满了三天没人清运，气味很大', '路口建筑垃圾堆了一周'],
  'cg.wztc': ['消防通道被私家车长期占用', '人行道上停满了车'],
  'cg.ggss': ['路灯坏了一整排，晚上很黑', '人行道井盖松动，踩上去会晃'],
  'hj.zs': ['工地晚上十一点还在施工，噪声很大', '楼下酒吧每天凌晨还很吵'],
  'hj.yy': ['楼下烧烤店油烟直冲我家窗户', '餐馆排烟管道没有净化设施'],
  'sc.spaq': ['在某餐馆吃饭后腹泻，怀疑食材不新鲜', '超市卖过期牛奶'],
  'sc.xfwq': ['健身房跑路了，预付卡退不了钱', '买的家电坏了商家不给退换'],
  'sc.jgbs': ['水果店没有明码标价，结账时加价', '停车场收费和公示不一致'],
  'sb.qx': ['工地老板拖欠我们三个月工资', '公司拖欠离职员工工资'],
  'sb.sbjf': ['单位没有给我交社保', '想咨询灵活就业人员社保怎么交'],
  'zf.wy': ['物业不修电梯，电梯已经停了一周', '物业乱收停车费'],
  'zf.lstd': ['建议把我们小区纳入老旧小区改造', '改造后雨水管道还是漏水'],
  'jt.gj': ['建议增加早高峰公交班次', '公交站牌被撤了没有通知'],
  'zw.bszx': ['咨询居住证怎么办理', '咨询企业开办需要哪些材料'],
};

export async function seedHotlineDemo(ctx: Ctx): Promise<void> {
  const key = ctx.config.secrets.dataKey;
  await transact(ctx, async (t) => {
    const ids = new Map(demoCategories.map(([code]) => [code, demoId('hotline-category', code)]));
    await categoryRepo.insert(
      t.tx,
      demoCategories.map(([code, name, parent, routing, kind, limitDays, referTo], i) => ({
        id: ids.get(code)!,
        code,
        name,
        parentId: parent ? ids.get(parent)! : null,
        routing,
        departmentKind: kind,
        limitDays,
        notAccepted: !!referTo,
        referTo,
        sort: i,
      })),
    );
    // The limits table with its DOMAIN §6 defaults (a database without rows uses the same defaults).
    await limitRepo.insertDefaults(t.tx, defaultLimitRows());
    await bumpHotline(t);
    await knowledgeRepo.insert(
      t.tx,
      articles.map(([cat, title, body, keywords]) => articleRow({ title, body, keywords, categoryId: ids.get(cat)! }, demoId('hotline-knowledge', title))),
    );

    // Tickets over the last 60 days, in every state.
    const rand = rng(12345);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const center: TicketUnit = {
      departmentId: demoDepartmentId('rxzx', CITY),
      regionCode: CITY,
      regionPath: cityPath,
      level: 'center',
      name: '示范市12345政务服务便民热线中心',
    };
    const leafCodes = Object.keys(texts);
    const now = Date.now();
    const tickets: TicketInsert[] = [];
    const events: EventInsert[] = [];
    const finals: TicketStatus[] = [
      'closed',
      'closed',
      'closed',
      'closed',
      'concluded',
      'replied',
      'signed',
      'signed',
      'dispatched',
      'new',
      'returned',
      'extension_requested',
      'referred',
    ];
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡';
    const limits = new Map<string, Limit>();
    for (let i = 0; i < 360; i++) {
      const ageDays = Math.floor(rand() ** 1.3 * 60);
      const createdAt = new Date(now - ageDays * 86400_000 - Math.floor(rand() * 8 * 3600_000));
      const district = pick(demoCity.districts);
      const sIdx = Math.floor(rand() * 3);
      const streetCode = `${district.code}${String(sIdx + 1).padStart(3, '0')}`;
      const dPath = `${cityPath}/${district.code}`;
      const sPath = `${dPath}/${streetCode}`;
      const catCode = pick(leafCodes);
      const cat = demoCategories.find((c) => c[0] === catCode)!;
      const kind =
        catCode === 'zw.bszx' || catCode === 'sb.sbjf'
          ? 'inquiry'
          : catCode === 'zf.lstd' || catCode === 'jt.gj'
            ? 'suggestion'
            : rand() < 0.12
              ? 'report'
              : rand() < 0.1
                ? 'help'
                : 'complaint';
      const urgency = rand() < 0.06 ? 'urgent' : 'normal';
      let status: TicketStatus = ageDays > 20 ? (rand() < 0.9 ? 'closed' : pick(['concluded', 'referred'] as const)) : pick(finals);
      if (status === 'referred') status = 'closed';
      const phone = `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
      const name = rand() < 0.6 ? `${pick([...surnames])}先生` : null;
      const limit = limits.get(`${kind}:${urgency}`) ?? (await limitFor(t, kind, urgency));
      limits.set(`${kind}:${urgency}`, limit);
      const due = conclusionDue(ctx.calendar, createdAt, limit, sPath, cat[5]);
      const target: TicketUnit =
        cat[3] === 'department'
          ? ['scjg', 'rsj', 'zjj', 'zwfw'].includes(cat[4]!)
            ? {
                departmentId: demoDepartmentId(cat[4]!, district.code),
                regionCode: district.code,
                regionPath: dPath,
                level: 'district',
                name: `${district.name}${departmentShortName(cat[4]!)}`,
              }
            : { departmentId: demoDepartmentId(cat[4]!, CITY), regionCode: CITY, regionPath: cityPath, level: 'city', name: departmentName(cat[4]!) }
          : { departmentId: null, regionCode: streetCode, regionPath: sPath, level: 'street', name: `${district.streets[sIdx]}办事处` };
      const districtUnit: TicketUnit = {
        departmentId: demoDepartmentId('zwfw', district.code),
        regionCode: district.code,
        regionPath: dPath,
        level: 'district',
        name: `${district.name}政务服务和大数据管理局`,
      };
      const chain: TicketUnit[] = target.level === 'street' ? [center, districtUnit] : [center];
      const id = demoId('hotline-ticket', String(i));
      const at = (minutes: number) => new Date(createdAt.getTime() + minutes * 60_000);
      const ev = (
        action: string,
        from: TicketStatus | null,
        to: TicketStatus,
        minutes: number,
        unit: TicketUnit,
        text: string | null = null,
        data: Record<string, unknown> = {},
      ) =>
        events.push({
          id: demoId('hotline-event', `${i}:${events.length}`),
          ticketId: id,
          action,
          fromStatus: from,
          toStatus: to,
          actorId: null,
          actorName: '演示数据',
          unitDepartmentId: unit.departmentId,
          unitRegionCode: unit.regionCode,
          unitName: unit.name,
          text,
          photos: [],
          data,
          createdAt: at(minutes),
        });
      ev('intake', null, 'new', 0, center, null, { channel: 'phone' });
      const order: TicketStatus[] = ['new', 'dispatched', 'signed', 'replied', 'concluded', 'closed'];
      const reach = status === 'returned' ? 1 : status === 'extension_requested' ? 2 : order.indexOf(status);
      let holder = center;
      const signDueAt = addWorkingMinutes(ctx.calendar, at(10), limit.signMinutes, target.regionPath);
      if (reach >= 1) {
        for (const u of chain.slice(1))
          (ev('dispatch', 'new', 'dispatched', 10, holder, null, { to: u.name }), ev('sign', 'dispatched', 'signed', 30, u), (holder = u));
        ev('dispatch', holder === center ? 'new' : 'signed', 'dispatched', 40, holder, null, { to: target.name });
        holder = target;
      }
      const signedLate = rand() < 0.1;
      if (status === 'returned') {
        ev('return', 'dispatched', 'returned', 90, target, '不属于本单位职责范围');
        holder = chain.at(-1)!;
      }
      if (reach >= 2) ev('sign', 'dispatched', 'signed', signedLate ? 24 * 60 : 50, target);
      if (status === 'extension_requested') ev('request_extension', 'signed', 'extension_requested', 600, target, '需协调多个部门现场核查', { days: 5 });
      const late = rand() < 0.12;
      const repliedAt = at(late ? (ageDays + 1) * 1440 : Math.min(ageDays * 1440 * 0.5 + 200, 5 * 1440));
      if (reach >= 3) ev('reply', 'signed', 'replied', (repliedAt.getTime() - createdAt.getTime()) / 60_000, target, '已现场核查并处置，情况已向来电人反馈。');
      if (reach >= 4) ev('review_pass', 'replied', 'concluded', (repliedAt.getTime() - createdAt.getTime()) / 60_000 + 60, center);
      const solved = rand() < 0.82;
      const satisfaction = solved ? 3 + Math.floor(rand() * 3) : 1 + Math.floor(rand() * 3);
      if (reach >= 5)
        ev('follow_up', 'concluded', 'closed', (repliedAt.getTime() - createdAt.getTime()) / 60_000 + 1440, center, null, {
          via: rand() < 0.5 ? 'sms' : 'call',
          solved,
          satisfaction,
        });
      const title = pick(texts[catCode]!);
      tickets.push({
        id,
        number: ticketNumber(createdAt),
        channel: rand() < 0.7 ? 'phone' : rand() < 0.8 ? 'web' : 'open311',
        kind,
        urgency,
        categoryId: ids.get(catCode)!,
        title: title.slice(0, 30),
        text: title,
        address: `示范市${district.name}${district.streets[sIdx]}${pick(['人民路', '湖滨路', '建设大道', '幸福里', '桂园小区'])}${1 + Math.floor(rand() * 200)}号`,
        regionCode: streetCode,
        regionPath: sPath,
        districtCode: district.code,
        streetCode,
        callerPhoneSealed: sealPersonal(key, phone),
        callerPhoneMasked: maskPhone(phone),
        callerPhoneIndex: blindIndex(key, phone),
        callerNameSealed: name ? sealPersonal(key, name) : null,
        callerNameMasked: name ? maskName(name) : null,
        confidential: kind === 'report',
        status,
        unitDepartmentId: holder.departmentId,
        unitRegionCode: holder.regionCode,
        unitRegionPath: holder.regionPath,
        unitLevel: holder.level,
        unitName: holder.name,
        unitChain: reach >= 1 && status !== 'returned' ? chain : status === 'returned' ? chain.slice(0, -1) : [],
        signDueAt: reach >= 1 ? signDueAt : null,
        signedAt: reach >= 2 ? at(signedLate ? 24 * 60 : 50) : null,
        signedLate: reach >= 2 ? signedLate : null,
        dueDate: due.date,
        dueEstimated: due.estimated,
        dueAt: due.at,
        repliedAt: reach >= 3 ? repliedAt : null,
        concludedAt: reach >= 4 ? new Date(repliedAt.getTime() + 3600_000) : null,
        concludedLate: reach >= 4 ? (due.at ? repliedAt > due.at : shanghaiDate(repliedAt) > due.date) : null,
        closedAt: reach >= 5 ? new Date(repliedAt.getTime() + 86400_000) : null,
        timeState: reach >= 1 && reach <= 2 && due.date < shanghaiDate() ? 'overdue' : 'ok',
        returnCount: status === 'returned' || rand() < 0.05 ? 1 : 0,
        extensionCount: status !== 'extension_requested' && rand() < 0.06 ? 1 : 0,
        solved: reach >= 5 ? solved : null,
        satisfaction: reach >= 5 ? satisfaction : null,
        followedUpAt: reach >= 5 ? new Date(repliedAt.getTime() + 86400_000) : null,
        token: randomToken(12),
        intakeDate: shanghaiDate(createdAt),
        createdAt,
        updatedAt: createdAt,
      });
    }
    for (let i = 0; i < tickets.length; i += 100) await ticketRepo.insert(t.tx, tickets.slice(i, i + 100));
    for (let i = 0; i < events.length; i += 200) await ticketRepo.insertEvents(t.tx, events.slice(i, i + 200));
    t.audit({
      action: 'seed.demo',
      objectType: 'module',
      objectId: 'hotline',
      summary: { categories: demoCategories.length, articles: articles.length, tickets: tickets.length },
    });
  });
  await issueApiKey(ctx, { name: '示范市 311 应用（演示）' }, ctx.config.OPEN311_API_KEY || undefined);
}

/** Display names of demo departments by function code (the seed's unit names, never the bare code). */
function departmentName(kind: string): string {
  return demoDepartments.find((d) => d[0] === kind)?.[1] ?? kind;
}
function departmentShortName(kind: string): string {
  return demoDepartments.find((d) => d[0] === kind)?.[2] ?? kind;
}
