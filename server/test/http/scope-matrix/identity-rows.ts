/** Scope matrix rows of identity: staff, roles, persons and their personal data. */
import { demoId } from '../../../src/modules/org/index.ts';
import { demoIdNumber, findPersonByIdNumber } from '../../../src/modules/identity/index.ts';
import { completeIdNumber } from '../../../src/platform/validators.ts';
import { admin } from './actors.ts';
import { mhRole } from './fixtures.ts';
import { dept, matrixEnv, next, STRONG_PASSWORD, type RowTable } from './matrix-kit.ts';

export const identityRows: RowTable = {
  'POST /api/admin/staff': {
    ...admin,
    req: () => ({
      url: '/api/admin/staff',
      payload: { username: `mh.matrix${next()}`, name: '矩阵测试', departmentId: dept.mhZwfw, password: STRONG_PASSWORD, roles: [] },
    }),
  },
  // A read the issue names: staff records are scoped like everything else (the matrix takes reads too).
  'GET /api/admin/staff/:id': { ...admin, hides: true, req: () => ({ url: `/api/admin/staff/${demoId('staff', 'mh.handler')}` }) },
  'PATCH /api/admin/staff/:id': { ...admin, req: () => ({ url: `/api/admin/staff/${demoId('staff', 'mh.handler')}`, payload: { name: '明湖区工单办理' } }) },
  'POST /api/admin/roles': {
    ...admin,
    wrongDistrict: null,
    wrongDepartment: null,
    na: 'a new role belongs to the scope of whoever creates it: there is no foreign object to target (what it may hold is the property test)',
    req: () => ({
      url: '/api/admin/roles',
      payload: { code: `mh_matrix_new${next()}`, name: '明湖区新角色', nameEn: 'New role', permissions: ['org.region.manage'] },
    }),
  },
  'PATCH /api/admin/roles/:code': { ...admin, req: async () => ({ url: `/api/admin/roles/${await mhRole()}`, payload: { name: '明湖区矩阵角色（改）' } }) },
  'POST /api/admin/persons': {
    ...admin,
    // Window clerks open citizens' accounts too: the lower role here is a hotline handler.
    lower: 'mh.handler',
    wrongDepartment: null,
    na: 'a person belongs to a region (where they live), not to a department',
    req: () => {
      const n = next();
      return {
        url: '/api/admin/persons',
        payload: {
          username: `mh.person${n}`,
          name: '矩阵居民',
          idNumber: completeIdNumber(`99010219900101${String(n).padStart(3, '0')}`),
          regionCode: '990102001',
          password: STRONG_PASSWORD,
        },
      };
    },
  },
  'POST /api/admin/person-accounts/verify': {
    ...admin,
    // Window clerks verify walk-ins too: the lower role here is a hotline handler.
    lower: 'mh.handler',
    wrongDepartment: null,
    na: 'a person belongs to a region (where they live), not to a department',
    req: () => ({ url: '/api/admin/person-accounts/verify', payload: { idNumber: demoIdNumber(0), name: '张明', method: 'by_eye' } }),
  },
  'POST /api/admin/persons/:id/id-number': {
    right: 'supervisor',
    wrongDistrict: 'dl.supervisor',
    wrongDepartment: null,
    lower: 'scjg.clerk',
    na: 'a person belongs to a region (where they live), not to a department',
    req: async () => ({
      url: `/api/admin/persons/${(await findPersonByIdNumber(matrixEnv().ctx, demoIdNumber(0)))!.id}/id-number`,
      payload: { reason: '核验身份' },
    }),
  },
};
