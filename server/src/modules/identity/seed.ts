import { newId } from '../../platform/db/index.ts';
import { staffListChanged } from './staff-page-cache.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { completeIdNumber, completeUscc } from '../../platform/validators.ts';
import { demoCity, demoDepartmentId, demoId, ensurePlatformDepartment, PLATFORM_DEPARTMENT_ID } from '../org/index.ts';
import { agentRepo } from './account-repository.ts';
import { accountRepo, entityRepo, staffRepo } from './repository.ts';
import { hashPassword } from './passwords.ts';
import { ensureLegalEntity, ensurePerson } from './people-service.ts';
import { syncBuiltInRoles } from './role-service.ts';

const CITY = demoCity.city.code;
const cityPath = `${demoCity.province.code}/${CITY}`;
const districtPath = (code: string) => `${cityPath}/${code}`;

/** username, name, department kind, department region, role assignments [role, scope region ('' all), department-scoped?] */
type DemoStaff = [string, string, string, string, [string, string, boolean][]];

export const demoStaff: DemoStaff[] = [
  ['admin', '平台管理员', 'zwfw', CITY, [['platform_admin', '', false]]],
  ['it.admin', '周信息', 'zwfw', CITY, [['it_admin', CITY, false]]],
  ['mh.admin', '明湖区信息化管理员', 'zwfw', '990102', [['it_admin', '990102', false]]],
  ['dl.admin', '东岭区信息化管理员', 'zwfw', '990103', [['it_admin', '990103', false]]],
  ['window.clerk', '王窗口', 'zwfw', CITY, [['window_clerk', CITY, false]]],
  ['zwfw.catalog', '陈审核', 'zwfw', CITY, [['catalog_reviewer', CITY, false]]],
  ['scjg.clerk', '李受理', 'scjg', CITY, [['window_clerk', CITY, true]]],
  ['scjg.reviewer', '赵审查', 'scjg', CITY, [['reviewer', CITY, true]]],
  ['scjg.approver', '钱局长', 'scjg', CITY, [['approver', CITY, true]]],
  ['scjg.editor', '孙编辑', 'scjg', CITY, [['catalog_editor', CITY, true]]],
  ['scjg.inspection', '周抽查', 'scjg', CITY, [['inspection_manager', CITY, true]]],
  ['scjg.inspector1', '吴执法', 'scjg', CITY, [['inspector', CITY, true]]],
  ['scjg.inspector2', '郑执法', 'scjg', CITY, [['inspector', CITY, true]]],
  ['mh.scjg.clerk', '明湖区市场监管窗口', 'scjg', '990102', [['window_clerk', '990102', true]]],
  ['dl.scjg.clerk', '东岭区市场监管窗口', 'scjg', '990103', [['window_clerk', '990103', true]]],
  [
    'rsj.clerk',
    '冯社保',
    'rsj',
    CITY,
    [
      ['window_clerk', CITY, true],
      ['reviewer', CITY, true],
    ],
  ],
  [
    'zjj.editor',
    '褚住建',
    'zjj',
    CITY,
    [
      ['catalog_editor', CITY, true],
      ['window_clerk', CITY, true],
    ],
  ],
  [
    'zjj.approver',
    '卫审批',
    'zjj',
    CITY,
    [
      ['reviewer', CITY, true],
      ['approver', CITY, true],
    ],
  ],
  [
    'wjw.inspector',
    '蒋卫监',
    'wjw',
    CITY,
    [
      ['inspector', CITY, true],
      ['inspection_manager', CITY, true],
    ],
  ],
  ['rx.operator', '沈话务', 'rxzx', CITY, [['hotline_operator', CITY, false]]],
  [
    'rx.dispatcher',
    '韩派单',
    'rxzx',
    CITY,
    [
      ['hotline_dispatcher', CITY, false],
      ['hotline_operator', CITY, false],
    ],
  ],
  [
    'mh.handler',
    '明湖区工单办理',
    'zwfw',
    '990102',
    [
      ['hotline_handler', '990102', false],
      ['hotline_dispatcher', '990102', false],
    ],
  ],
  ['mh.street.handler', '湖滨街道工单办理', 'zwfw', '990102', [['hotline_handler', '990102001', false]]],
  ['scjg.handler', '市场监管工单办理', 'scjg', CITY, [['hotline_handler', CITY, true]]],
  ['supervisor', '杨监察', 'zwfw', CITY, [['supervisor', CITY, false]]],
  ['credit.officer', '朱信用', 'xyb', CITY, [['credit_officer', CITY, false]]],
  ['data.officer', '许数据', 'zwfw', CITY, [['data_officer', CITY, false]]],
  ['gaj.data', '公安数据专员', 'gaj', CITY, [['data_steward', CITY, true]]],
  ['zjj.data', '住建数据专员', 'zjj', CITY, [['data_steward', CITY, true]]],
  // The departments of the demo 一件事 members without staff of their own (docs/life-events.md): one
  // person each takes a case through 受理, 审查 and 决定 (appended: inspection/seed.ts numbers staff by index).
  ...(['wjw', 'cgj', 'xfjy'] as const).map((kind): DemoStaff => [
    `${kind}.clerk`,
    { wjw: '蒋卫健', cgj: '秦城管', xfjy: '尤消防' }[kind],
    kind,
    CITY,
    [
      ['window_clerk', CITY, true],
      ['reviewer', CITY, true],
      ['approver', CITY, true],
    ],
  ]),
];

export const demoCitizens = [
  { username: 'citizen1', name: '张明', body: '99010219850615123', phone: '13800001111', address: '示范市明湖区湖滨街道湖滨路 8 号', regionCode: '990102001' },
  {
    username: 'citizen2',
    name: '李秀英',
    body: '99010319520308234',
    phone: '13900002222',
    address: '示范市东岭区桂园街道桂园小区 3 栋',
    regionCode: '990103002',
  },
  { username: 'citizen3', name: '王建国', body: '99010419900101345', phone: '13700003333', address: '示范市西江区渡口街道', regionCode: '990104002' },
];

export const demoEnterprises = [
  { username: 'enterprise1', agent: 0, name: '示范市明湖餐饮管理有限公司', body: '91990102MA0000001', type: '有限责任公司', rep: '张明', regionCode: '990102' },
  {
    username: 'enterprise2',
    agent: 2,
    name: '示范市西江建设工程有限公司',
    body: '91990104MA0000002',
    type: '有限责任公司',
    rep: '王建国',
    regionCode: '990104',
  },
];

export function demoIdNumber(index: number): string {
  return completeIdNumber(demoCitizens[index]!.body);
}

export async function seedIdentityDemo(ctx: Ctx): Promise<void> {
  await syncBuiltInRoles(ctx);
  const passwordHash = await hashPassword(ctx.config, ctx.config.DEMO_PASSWORD ?? 'demo-Passw0rd!');
  await transact(ctx, async (t) => {
    await staffListChanged(t);
    for (const [username, name, kind, regionCode, roles] of demoStaff) {
      const departmentId = demoDepartmentId(kind, regionCode);
      const staffId = demoId('staff', username);
      await staffRepo.insert(t.tx, {
        id: staffId,
        name,
        departmentId,
        regionCode,
        lawEnforcementCertNo: roles.some(([r]) => r === 'inspector') ? `99${String(demoStaff.findIndex((s) => s[0] === username)).padStart(6, '0')}` : null,
      });
      await accountRepo.insert(t.tx, { id: demoId('account', username), username, kind: 'staff', passwordHash, staffId });
      await staffRepo.replaceAssignments(
        t.tx,
        staffId,
        roles.map(([roleCode, scope, deptScoped]) => ({
          id: newId(),
          staffId,
          roleCode,
          departmentId: deptScoped ? departmentId : null,
          regionCode: scope,
          regionPath:
            scope === '' ? '' : scope.length === 6 ? (scope === CITY ? cityPath : districtPath(scope)) : `${districtPath(scope.slice(0, 6))}/${scope}`,
        })),
      );
    }
    const personIds: string[] = [];
    for (const c of demoCitizens) {
      const person = await ensurePerson(t, { name: c.name, idNumber: completeIdNumber(c.body), phone: c.phone, address: c.address, regionCode: c.regionCode });
      personIds.push(person.id);
      await accountRepo.insert(t.tx, { id: demoId('account', c.username), username: c.username, kind: 'person', passwordHash, personId: person.id });
    }
    for (const e of demoEnterprises) {
      const entity = await ensureLegalEntity(t, {
        name: e.name,
        uscc: completeUscc(e.body),
        entityType: e.type,
        legalRepresentative: e.rep,
        regionCode: e.regionCode,
        address: `示范市${e.name.slice(3, 5)}区`,
      });
      await entityRepo.addAgent(t.tx, { entityId: entity.id, personId: personIds[e.agent]!, authorizedUntil: '2030-12-31' });
      await accountRepo.insert(t.tx, {
        id: demoId('account', e.username),
        username: e.username,
        kind: 'entity',
        passwordHash,
        entityId: entity.id,
        personId: personIds[e.agent]!,
      });
    }
    // The legal representatives opened their enterprise accounts themselves (docs/identity.md), and
    // 王建国 is also the agent (经办人) of 明湖餐饮: he switches between the two enterprises.
    const entityIds: string[] = [];
    for (const e of demoEnterprises) {
      const entity = (await entityRepo.byUscc(t.tx, completeUscc(e.body)))!;
      entityIds.push(entity.id);
      const rep = demoCitizens.findIndex((c) => c.name === e.rep);
      if (rep >= 0) await agentRepo.updateEntity(t.tx, entity.id, { legalRepPersonId: personIds[rep]! });
    }
    await agentRepo.upsertAgent(t.tx, {
      entityId: entityIds[0]!,
      personId: personIds[2]!,
      authorizedFrom: null,
      authorizedUntil: '2030-12-31',
      itemCodes: null,
      grantedBy: null,
    });
    t.audit({
      action: 'seed.demo',
      objectType: 'module',
      objectId: 'identity',
      summary: { staff: demoStaff.length, persons: demoCitizens.length, entities: demoEnterprises.length },
    });
  });
}

/**
 * Production first start: the platform's own department and the `admin` account in it, holding
 * `platform_admin` everywhere, with a password to change at first sign-in. No demo data.
 * Idempotent: an install whose admin already exists only gets a missing platform department back.
 */
export async function seedAdminOnly(ctx: Ctx, password: string): Promise<void> {
  await syncBuiltInRoles(ctx);
  const passwordHash = await hashPassword(ctx.config, password);
  await transact(ctx, async (t) => {
    await ensurePlatformDepartment(t);
    if (await accountRepo.byUsername(t.tx, 'admin')) return;
    const staffId = newId();
    await staffRepo.insert(t.tx, { id: staffId, name: '平台管理员', departmentId: PLATFORM_DEPARTMENT_ID, regionCode: '' });
    await accountRepo.insert(t.tx, { id: newId(), username: 'admin', kind: 'staff', passwordHash, staffId, mustChangePassword: true });
    await staffRepo.replaceAssignments(t.tx, staffId, [
      { id: newId(), staffId, roleCode: 'platform_admin', departmentId: null, regionCode: '', regionPath: '' },
    ]);
    await staffListChanged(t);
    t.audit({ action: 'account.create_admin', objectType: 'account', objectId: 'admin', summary: {} });
  });
}
