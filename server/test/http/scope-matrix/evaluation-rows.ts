/**
 * Scope matrix rows of evaluation (好差评): the rectification of the demo bad review of
 * 示范市西江建设's refused 企业注销登记 (city 市场监管局), walked through follow-up → appeal →
 * rejected appeal → submit in the rows' order, and the rectification limit of a region.
 */
import { demoId } from '../../../src/modules/org/index.ts';
import { acceptStep, cityAdmin } from './actors.ts';
import { caseAt } from './fixtures.ts';
import { ok, once, type Entry, type RowTable } from './matrix-kit.ts';

/** The demo rectification (open, at the city market regulation bureau) and its current version. */
const demoRectification = once(async () => {
  const page = await ok<{ items: { id: string; caseNo: string; status: string }[] }>(
    'scjg.approver',
    'GET',
    '/api/workbench/rectifications?status=open&pageSize=100',
  );
  const found = page.items.find((r) => r.status === 'open');
  if (!found) throw new Error('no open demo rectification');
  return found.id;
});
async function current() {
  const id = await demoRectification();
  const r = await ok<{ version: number }>('scjg.approver', 'GET', `/api/workbench/rectifications/${id}`);
  return { id, version: r.version };
}

const unit = { right: 'scjg.approver', wrongDistrict: 'dl.scjg.approver', wrongDepartment: 'zjj.approver', lower: 'scjg.reviewer' } as const;
const office: Omit<Entry, 'req'> = {
  right: 'supervisor',
  wrongDistrict: 'dl.supervisor',
  wrongDepartment: null,
  lower: 'scjg.approver',
  na: "the supervising office's grant covers every department of its region",
};

export const evaluationRows: RowTable = {
  'POST /api/workbench/rectifications/:id/follow-up': {
    ...unit,
    req: async () => {
      const { id, version } = await current();
      return { url: `/api/workbench/rectifications/${id}/follow-up`, payload: { reached: true, note: '矩阵测试回访', version } };
    },
  },
  'POST /api/workbench/rectifications/:id/appeal': {
    ...unit,
    req: async () => {
      const { id, version } = await current();
      return { url: `/api/workbench/rectifications/${id}/appeal`, payload: { reason: '矩阵测试申诉', version } };
    },
  },
  'POST /api/workbench/rectifications/:id/appeal-decision': {
    ...office,
    req: async () => {
      const { id, version } = await current();
      return { url: `/api/workbench/rectifications/${id}/appeal-decision`, payload: { decision: 'rejected', reason: '矩阵测试：申诉不成立', version } };
    },
  },
  'POST /api/workbench/rectifications/:id/submit': {
    ...unit,
    req: async () => {
      const { id, version } = await current();
      return { url: `/api/workbench/rectifications/${id}/submit`, payload: { measures: '矩阵测试整改措施', version } };
    },
  },
  'PUT /api/admin/evaluation/settings': {
    ...cityAdmin,
    req: () => ({ url: '/api/admin/evaluation/settings', payload: { regionPath: '990000/990100', rectificationDays: 15 } }),
  },
  // 现场评价: a window clerk of the case's department opens the counter code at a window (A01, the comprehensive
  // window, serves every department); a supervisor reads the case but may not.
  'POST /api/workbench/cases/:caseNo/visit-evaluation': {
    ...acceptStep,
    req: async () => ({
      url: `/api/workbench/cases/${await caseAt('review')()}/visit-evaluation`,
      payload: { windowId: demoId('window', 'city:A01') },
    }),
  },
};
