import { sm3 } from '../../platform/crypto/index.ts';
import { completeUscc } from '../../platform/validators.ts';
import { transact, type Ctx } from '../../platform/context.ts';
import { departmentRepo, regionRepo, serviceCenterRepo } from './repository.ts';

/**
 * 示范市, a fictional city. Region codes start with 99, which GB/T 2260 gives to no real place.
 */
export const demoCity = {
  province: { code: '990000', name: '示范省' },
  city: { code: '990100', name: '示范市' },
  districts: [
    { code: '990102', name: '明湖区', lng: '114.30', lat: '30.60', streets: ['湖滨街道', '望湖街道', '青石桥街道'] },
    { code: '990103', name: '东岭区', lng: '114.42', lat: '30.56', streets: ['东岭街道', '桂园街道', '长丰街道'] },
    { code: '990104', name: '西江区', lng: '114.18', lat: '30.52', streets: ['西江街道', '渡口街道', '白沙街道'] },
  ],
};

/** City departments: kind, name, short name, English name. */
export const demoDepartments = [
  ['scjg', '示范市市场监督管理局', '市场监管局', 'Market Regulation Bureau'],
  ['rsj', '示范市人力资源和社会保障局', '人社局', 'Human Resources and Social Security Bureau'],
  ['zrzy', '示范市自然资源和规划局', '自然资源局', 'Natural Resources and Planning Bureau'],
  ['zjj', '示范市住房和城乡建设局', '住建局', 'Housing and Construction Bureau'],
  ['wjw', '示范市卫生健康委员会', '卫健委', 'Health Commission'],
  ['gaj', '示范市公安局', '公安局', 'Public Security Bureau'],
  ['mzj', '示范市民政局', '民政局', 'Civil Affairs Bureau'],
  ['sthj', '示范市生态环境局', '生态环境局', 'Ecology and Environment Bureau'],
  ['jtj', '示范市交通运输局', '交通运输局', 'Transport Bureau'],
  ['jyj', '示范市教育局', '教育局', 'Education Bureau'],
  ['wlj', '示范市文化和旅游局', '文旅局', 'Culture and Tourism Bureau'],
  ['yjj', '示范市应急管理局', '应急管理局', 'Emergency Management Bureau'],
  ['zwfw', '示范市政务服务和大数据管理局', '政务服务局', 'Government Services and Big Data Administration'],
  ['rxzx', '示范市12345政务服务便民热线中心', '12345热线中心', '12345 Hotline Center'],
  ['xyb', '示范市社会信用体系建设办公室', '信用办', 'Social Credit Office'],
  // Members of the 一件事 bundles (catalog/life-events-seed.ts).
  ['swj', '国家税务总局示范市税务局', '税务局', 'Tax Bureau'],
  ['ybj', '示范市医疗保障局', '医保局', 'Healthcare Security Administration'],
  ['xfjy', '示范市消防救援支队', '消防救援支队', 'Fire and Rescue Detachment'],
  ['cgj', '示范市城市管理局', '城管局', 'City Administration Bureau'],
] as const;

/** Functions that also have a district branch (so district scoping can be tried). */
export const districtBranchKinds = ['scjg', 'rsj', 'zjj', 'mzj', 'zwfw'] as const;

/** Deterministic ids so other modules' demo data can refer to demo departments. */
export function demoDepartmentId(kind: string, regionCode: string): string {
  const h = sm3(`demo-department:${kind}:${regionCode}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function demoId(namespace: string, key: string): string {
  const h = sm3(`demo:${namespace}:${key}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function demoDepartmentUscc(kind: string, regionCode: string): string {
  const digits = String(parseInt(sm3(`${kind}:${regionCode}`).slice(0, 10), 16) % 1_000_000_0).padStart(7, '0');
  return completeUscc(`11${regionCode}MB${digits}`);
}

/**
 * The platform's own department (平台管理): where the first `admin` of a production install sits
 * before the city's departments exist. It belongs to no region (region path "" = the whole
 * platform), so only a platform-wide administrator sees or manages it, and it is left out of the
 * public department lists. The IT office may rename it and give it a USCC later.
 */
export const PLATFORM_DEPARTMENT_ID = '00000000-0000-4000-8000-000000000000';

/** Creates the platform department when it is missing (idempotent; audited when it writes). */
export async function ensurePlatformDepartment(ctx: Ctx): Promise<boolean> {
  return transact(ctx, async (t) => {
    if (await departmentRepo.find(t.tx, PLATFORM_DEPARTMENT_ID)) return false;
    const row = {
      id: PLATFORM_DEPARTMENT_ID,
      name: '平台管理',
      shortName: '平台管理',
      nameEn: 'Platform administration',
      uscc: '',
      regionCode: '',
      regionPath: '',
      kind: PLATFORM_DEPARTMENT_KIND,
    };
    await departmentRepo.insert(t.tx, row);
    t.audit({ action: 'department.create', objectType: 'department', objectId: row.id, summary: { after: row } });
    return true;
  });
}

export const PLATFORM_DEPARTMENT_KIND = 'platform';

export async function seedOrgDemo(ctx: Ctx): Promise<void> {
  await transact(ctx, async (t) => {
    const { province, city } = demoCity;
    await regionRepo.insert(t.tx, { code: province.code, name: province.name, level: 'province', parentCode: null, path: province.code });
    const cityPath = `${province.code}/${city.code}`;
    await regionRepo.insert(t.tx, { code: city.code, name: city.name, level: 'city', parentCode: province.code, path: cityPath, lng: '114.30', lat: '30.58' });
    for (const [i, d] of demoCity.districts.entries()) {
      const dPath = `${cityPath}/${d.code}`;
      await regionRepo.insert(t.tx, { code: d.code, name: d.name, level: 'district', parentCode: city.code, path: dPath, sort: i, lng: d.lng, lat: d.lat });
      for (const [j, s] of d.streets.entries()) {
        const sCode = `${d.code}${String(j + 1).padStart(3, '0')}`;
        const sPath = `${dPath}/${sCode}`;
        const lng = (Number(d.lng) + (j - 1) * 0.03).toFixed(3);
        const lat = (Number(d.lat) + (j % 2 ? 0.02 : -0.02)).toFixed(3);
        await regionRepo.insert(t.tx, { code: sCode, name: s, level: 'street', parentCode: d.code, path: sPath, sort: j, lng, lat });
        for (let k = 1; k <= 2; k++) {
          const cCode = `${sCode}${String(k).padStart(3, '0')}`;
          await regionRepo.insert(t.tx, {
            code: cCode,
            name: `${s.replace('街道', '')}第${k === 1 ? '一' : '二'}社区`,
            level: 'community',
            parentCode: sCode,
            path: `${sPath}/${cCode}`,
            sort: k,
            lng,
            lat,
          });
        }
      }
    }

    for (const [kind, name, shortName, nameEn] of demoDepartments) {
      await departmentRepo.insert(t.tx, {
        id: demoDepartmentId(kind, city.code),
        name,
        shortName,
        nameEn,
        uscc: demoDepartmentUscc(kind, city.code),
        regionCode: city.code,
        regionPath: cityPath,
        kind,
        phone: `0999-8${String(demoDepartments.findIndex((d) => d[0] === kind) + 1).padStart(2, '0')}12345`,
        address: `示范市市民之家${kind === 'gaj' ? '公安服务区' : ''}`,
      });
    }
    for (const d of demoCity.districts) {
      for (const kind of districtBranchKinds) {
        const parent = demoDepartments.find((x) => x[0] === kind)!;
        await departmentRepo.insert(t.tx, {
          id: demoDepartmentId(kind, d.code),
          name: `${d.name}${parent[1].replace('示范市', '')}`,
          shortName: `${d.name}${parent[2]}`,
          nameEn: `${parent[3]} of ${d.code}`,
          uscc: demoDepartmentUscc(kind, d.code),
          regionCode: d.code,
          regionPath: `${cityPath}/${d.code}`,
          parentId: demoDepartmentId(kind, city.code),
          kind,
          phone: `0999-6${d.code.slice(-2)}00${districtBranchKinds.indexOf(kind)}1`,
          address: `示范市${d.name}政务服务中心`,
        });
      }
    }

    const centers = [
      { key: 'city', name: '示范市市民之家（市政务服务中心）', regionCode: city.code, regionPath: cityPath, address: '示范市明湖区市民大道 100 号' },
      ...demoCity.districts.map((d) => ({
        key: d.code,
        name: `${d.name}政务服务中心`,
        regionCode: d.code,
        regionPath: `${cityPath}/${d.code}`,
        address: `示范市${d.name}${d.streets[0]}政务路 1 号`,
      })),
    ];
    for (const c of centers) {
      const id = demoId('service-center', c.key);
      await serviceCenterRepo.insert(t.tx, {
        id,
        name: c.name,
        regionCode: c.regionCode,
        regionPath: c.regionPath,
        address: c.address,
        hours: '周一至周五 9:00-12:00，13:30-17:30；周六上午延时服务',
        phone: '0999-12345',
      });
      const windows =
        c.key === 'city'
          ? [
              { number: 'A01', name: '综合受理窗口 1', comprehensive: true, departmentIds: [] },
              { number: 'A02', name: '综合受理窗口 2', comprehensive: true, departmentIds: [] },
              { number: 'A03', name: '企业开办专窗', comprehensive: false, departmentIds: [demoDepartmentId('scjg', city.code)] },
              {
                number: 'B01',
                name: '工程建设项目审批窗口',
                comprehensive: false,
                departmentIds: [demoDepartmentId('zjj', city.code), demoDepartmentId('zrzy', city.code)],
              },
              { number: 'C01', name: '社保医保窗口', comprehensive: false, departmentIds: [demoDepartmentId('rsj', city.code)] },
              { number: 'Z01', name: '统一出件窗口', comprehensive: true, departmentIds: [] },
            ]
          : [
              { number: '01', name: '综合受理窗口', comprehensive: true, departmentIds: [] },
              { number: '02', name: '统一出件窗口', comprehensive: true, departmentIds: [] },
            ];
      for (const w of windows) await serviceCenterRepo.insertWindow(t.tx, { id: demoId('window', `${c.key}:${w.number}`), serviceCenterId: id, ...w });
    }
    t.audit({ action: 'seed.demo', objectType: 'module', objectId: 'org', summary: { regions: 'demo city', departments: demoDepartments.length + 15 } });
  });
}
