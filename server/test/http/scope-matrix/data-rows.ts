/** Scope matrix rows of data (the data centre): the resource catalog and share requests, scoped by department and region. */
import { demoDepartmentId } from '../../../src/modules/org/index.ts';
import { CITY, next, ok, once, type Entry, type RowTable } from './matrix-kit.ts';

const gaj = demoDepartmentId('gaj', CITY);
const zjj = demoDepartmentId('zjj', CITY);

const declaration = () => ({
  code: `gaj.matrix_${next()}`,
  departmentId: gaj,
  name: '矩阵测试资源',
  subjectKind: 'person',
  fields: [{ name: 'name', label: '姓名', sensitivity: 'sensitive' }],
  sharingType: 'conditional',
  updateFrequency: 'daily',
  sourceSystem: '矩阵测试系统',
  connector: 'sim.household',
});
const draft = async () => (await ok<{ id: string }>('gaj.data', 'POST', '/api/data/resources', declaration())).id;
const submitted = async () => {
  const id = await draft();
  await ok('gaj.data', 'POST', `/api/data/resources/${id}/submit`);
  return id;
};
const published = async () => {
  const id = await submitted();
  await ok('data.officer', 'POST', `/api/data/resources/${id}/publish`, {});
  return id;
};
const draftFor = once(draft);
const submittedForPublish = once(submitted);
const submittedForReject = once(submitted);
const publishedForWithdraw = once(published);
const publishedForRequest = once(published);
const pendingRequest = once(
  async () =>
    (
      await ok<{ id: string }>('zjj.data', 'POST', '/api/data/share-requests', {
        resourceId: await publishedForRequest(),
        departmentId: zjj,
        purpose: '矩阵测试用途',
        legalBasis: '矩阵测试依据条款',
        fields: ['name'],
      })
    ).id,
);

/** A 公安局 data steward declares; 东岭区's 住建局 steward, 住建局's and 人社局's are outside; a window clerk is lower. */
const steward: Omit<Entry, 'req'> = { right: 'gaj.data', wrongDistrict: 'dl.zjj.data', wrongDepartment: 'zjj.data', lower: 'scjg.clerk', hides: true };
const office: Omit<Entry, 'req'> = {
  right: 'data.officer',
  wrongDistrict: 'dl.data.officer',
  wrongDepartment: null,
  lower: 'gaj.data',
  hides: true,
  na: 'the data office reviews every department of its region: its grant is not limited to a department',
};

const proofBody = () => ({
  itemName: `矩阵测试事项${next()}`,
  proofName: '矩阵测试证明',
  issuer: '矩阵测试单位',
  legalBasis: '矩阵测试依据',
  disposition: 'kept',
  departmentId: gaj,
});
const proof = async () => (await ok<{ id: string }>('gaj.data', 'POST', '/api/data/proofs', proofBody())).id;
const proofForEdit = once(proof);
const proofForDelete = once(proof);
/** 证明事项清单: an entry of a 公安局 item is kept by 公安局's steward (or the data office); the list is public, so a refusal is a 403. */
const proofSteward: Omit<Entry, 'req'> = { right: 'gaj.data', wrongDistrict: 'dl.zjj.data', wrongDepartment: 'zjj.data', lower: 'scjg.clerk' };

export const dataRows: RowTable = {
  'POST /api/data/resources': { ...steward, req: () => ({ url: '/api/data/resources', payload: declaration() }) },
  'PATCH /api/data/resources/:id': { ...steward, req: async () => ({ url: `/api/data/resources/${await draftFor()}`, payload: { description: '矩阵测试' } }) },
  'POST /api/data/resources/:id/submit': { ...steward, req: async () => ({ url: `/api/data/resources/${await draftFor()}/submit` }) },
  'POST /api/data/resources/:id/withdraw': { ...steward, req: async () => ({ url: `/api/data/resources/${await publishedForWithdraw()}/withdraw` }) },
  'POST /api/data/resources/:id/publish': { ...office, req: async () => ({ url: `/api/data/resources/${await submittedForPublish()}/publish`, payload: {} }) },
  'POST /api/data/resources/:id/reject': {
    ...office,
    req: async () => ({ url: `/api/data/resources/${await submittedForReject()}/reject`, payload: { note: '退回' } }),
  },
  'POST /api/data/share-requests': {
    right: 'zjj.data',
    wrongDistrict: 'dl.zjj.data',
    wrongDepartment: 'rsj.data',
    lower: 'scjg.clerk',
    req: async () => ({
      url: '/api/data/share-requests',
      payload: { resourceId: await publishedForRequest(), departmentId: zjj, purpose: '矩阵测试用途', legalBasis: '矩阵测试依据条款', fields: ['name'] },
    }),
  },
  'POST /api/data/share-requests/:id/decision': {
    ...steward,
    wrongDepartment: 'rsj.data',
    req: async () => ({
      url: `/api/data/share-requests/${await pendingRequest()}/decision`,
      payload: { action: 'approve', fields: ['name'], expiresOn: '2099-12-31' },
    }),
  },
  'POST /api/data/proofs': { ...proofSteward, req: () => ({ url: '/api/data/proofs', payload: proofBody() }) },
  'PATCH /api/data/proofs/:id': {
    ...proofSteward,
    req: async () => ({ url: `/api/data/proofs/${await proofForEdit()}`, payload: { replacement: '矩阵测试' } }),
  },
  'DELETE /api/data/proofs/:id': { ...proofSteward, req: async () => ({ url: `/api/data/proofs/${await proofForDelete()}` }) },
};
