/** Scope matrix rows of org: regions, departments, service centers and windows (明湖区 objects). */
import { demoId } from '../../../src/modules/org/index.ts';
import { completeUscc } from '../../../src/platform/validators.ts';
import { admin } from './actors.ts';
import { dept, next, ok, type RowTable } from './matrix-kit.ts';

export const orgRows: RowTable = {
  'POST /api/admin/regions': {
    ...admin,
    req: () => ({ url: '/api/admin/regions', payload: { code: `990102${900 + next()}`, name: '矩阵测试街道', level: 'street', parentCode: '990102' } }),
  },
  'PATCH /api/admin/regions/:code': { ...admin, req: () => ({ url: '/api/admin/regions/990102002', payload: { name: '望湖街道' } }) },
  'POST /api/admin/departments': {
    ...admin,
    req: () => ({
      url: '/api/admin/departments',
      payload: {
        name: '明湖区矩阵测试局',
        shortName: '矩阵局',
        uscc: completeUscc(`11990102MB99999${String(next()).padStart(2, '0')}`),
        regionCode: '990102',
        kind: 'matrix',
      },
    }),
  },
  'PATCH /api/admin/departments/:id': {
    ...admin,
    req: () => ({ url: `/api/admin/departments/${dept.mhZwfw}`, payload: { address: '示范市明湖区政务服务中心' } }),
  },
  'POST /api/admin/service-centers': {
    ...admin,
    req: () => ({
      url: '/api/admin/service-centers',
      payload: { name: '明湖区矩阵便民服务站', regionCode: '990102', address: '示范市明湖区湖滨路 1 号', hours: '周一至周五 9:00-17:00' },
    }),
  },
  'PATCH /api/admin/service-centers/:id': {
    ...admin,
    req: () => ({ url: `/api/admin/service-centers/${demoId('service-center', '990102')}`, payload: { phone: '0999-12345' } }),
  },
  'POST /api/admin/service-centers/:id/windows': {
    ...admin,
    req: () => ({ url: `/api/admin/service-centers/${demoId('service-center', '990102')}/windows`, payload: { number: `M${next()}`, name: '矩阵测试窗口' } }),
  },
  'PATCH /api/admin/windows/:id': {
    ...admin,
    req: async () => {
      const windows = await ok<{ id: string; active: boolean }[]>(
        'mh.admin',
        'GET',
        `/api/admin/service-centers/${demoId('service-center', '990102')}/windows`,
      );
      return { url: `/api/admin/windows/${windows[0]!.id}`, payload: { active: windows[0]!.active } };
    },
  },
};
