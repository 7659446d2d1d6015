/** Scope matrix rows of oidc: department systems (OIDC clients) registered by the IT office, and the signing keys. */
import { admin, cityAdmin } from './actors.ts';
import { dept, next, ok, once, type RowTable } from './matrix-kit.ts';

const clientPayload = () => ({
  name: `明湖区矩阵测试系统${next()}`,
  departmentId: dept.mhZwfw,
  grantTypes: ['authorization_code', 'client_credentials'],
  redirectUris: ['https://matrix.example.gov.cn/callback'],
  scopes: ['openid', 'profile', 'api:cases.read'],
});
/** A client of 明湖区政务服务中心 registered by its district IT admin. */
const mhClient = once(async () => (await ok<{ clientId: string }>('mh.admin', 'POST', '/api/admin/oidc-clients', clientPayload())).clientId);
const mhClientToDisable = once(async () => (await ok<{ clientId: string }>('mh.admin', 'POST', '/api/admin/oidc-clients', clientPayload())).clientId);

export const oidcRows: RowTable = {
  'POST /api/admin/oidc-clients': { ...admin, req: () => ({ url: '/api/admin/oidc-clients', payload: clientPayload() }) },
  'PATCH /api/admin/oidc-clients/:clientId': {
    ...admin,
    req: async () => ({ url: `/api/admin/oidc-clients/${await mhClient()}`, payload: { name: '明湖区矩阵测试系统（改名）' } }),
  },
  'POST /api/admin/oidc-clients/:clientId/secret': { ...admin, req: async () => ({ url: `/api/admin/oidc-clients/${await mhClient()}/secret` }) },
  'POST /api/admin/oidc-clients/:clientId/disable': { ...admin, req: async () => ({ url: `/api/admin/oidc-clients/${await mhClientToDisable()}/disable` }) },
  'POST /api/admin/oidc-keys/rotate': {
    ...cityAdmin,
    right: 'admin',
    wrongDistrict: null,
    wrongDepartment: null,
    lower: 'it.admin',
    na: 'the signing keys serve the whole installation: only a grant at the root rotates them; an IT admin of the city is the lower role',
    req: () => ({ url: '/api/admin/oidc-keys/rotate' }),
  },
};
