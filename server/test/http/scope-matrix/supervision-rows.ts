/**
 * Scope matrix rows of supervision (督办): a supervisor urges a city case that is yellow or red and
 * not urged yet; the responsible unit answers the demo urge open on the red 建筑工程施工许可证核发
 * case (city 住建局).
 */
import { dept, ok, once, type RowTable } from './matrix-kit.ts';

/** A city 市场监管局 case that is late or nearly so and carries no urge waiting for an answer. */
const caseToUrge = once(async () => {
  for (const light of ['red', 'yellow'] as const) {
    const page = await ok<{ items: { caseNo: string; urge: { status: string } | null }[] }>(
      'supervisor',
      'GET',
      `/api/supervision/lights/cases?departmentId=${dept.scjg}&light=${light}&pageSize=100`,
    );
    const found = page.items.find((c) => !c.urge || c.urge.status === 'answered');
    if (found) return found.caseNo;
  }
  throw new Error('no yellow or red city 市场监管局 case without an open urge in the demo data');
});

/** The demo urge waiting for the city 住建局's answer, with its current version. */
const openUrge = once(async () => {
  const page = await ok<{ items: { id: string; status: string; version: number }[] }>(
    'zjj.approver',
    'GET',
    '/api/supervision/urges?box=to-answer&status=open',
  );
  const found = page.items[0];
  if (!found) throw new Error('no open demo urge for the city 住建局');
  return found;
});

/** The demo rectification of the city 市场监管局 (green in the demo: the right supervisor passes the checks and gets 409). */
const rectificationToUrge = once(async () => {
  const page = await ok<{ items: { id: string }[] }>('scjg.approver', 'GET', '/api/workbench/rectifications?scope=unit&pageSize=100');
  const found = page.items[0];
  if (!found) throw new Error('no demo rectification of the city 市场监管局');
  return found.id;
});

/** The rule's current version (the city's supervising office owns the demo rules). */
const ruleVersion = async (code: string) =>
  (await ok<{ code: string; version: number }[]>('supervisor', 'GET', '/api/supervision/rules')).find((r) => r.code === code)!.version;

/** The open demo hit of a rule (a city 市场监管局 case), with its current version. */
async function openHit(rule: string) {
  const page = await ok<{ items: { id: string; version: number }[] }>('supervisor', 'GET', `/api/supervision/rule-hits?rule=${rule}&status=open`);
  const found = page.items[0];
  if (!found) throw new Error(`no open demo hit of ${rule}`);
  return found;
}
const hitReq = (rule: string, action: 'confirm' | 'dismiss') => async () => {
  const hit = await openHit(rule);
  return { url: `/api/supervision/rule-hits/${hit.id}/${action}`, payload: { reason: '矩阵测试：核实结论', version: hit.version } };
};

export const supervisionRows: RowTable = {
  'POST /api/workbench/dashboard/refresh': {
    right: 'supervisor',
    wrongDistrict: 'dl.supervisor',
    wrongDepartment: null,
    lower: 'scjg.approver',
    na: 'a refresh is for a supervisor over a whole city (a grant bound to a department is not one): there is no department to be wrong about',
    req: async () => ({ url: '/api/workbench/dashboard/refresh', payload: {} }),
  },
  'PATCH /api/supervision/rules/:code': {
    right: 'supervisor',
    wrongDistrict: 'dl.supervisor',
    wrongDepartment: null,
    lower: 'scjg.approver',
    na: "the rules belong to the city's supervising office, whose grant is not bound to a department",
    req: async () => ({ url: '/api/supervision/rules/decision.too_fast', payload: { severity: 'high', version: await ruleVersion('decision.too_fast') } }),
  },
  'POST /api/supervision/rule-hits/:id/confirm': {
    right: 'supervisor',
    wrongDistrict: 'dl.supervisor',
    wrongDepartment: null,
    lower: 'scjg.approver',
    na: "the supervising office's grant covers every department of its region",
    hides: true,
    req: hitReq('decision.too_fast', 'confirm'),
  },
  'POST /api/supervision/rule-hits/:id/dismiss': {
    right: 'supervisor',
    wrongDistrict: 'dl.supervisor',
    wrongDepartment: null,
    lower: 'scjg.approver',
    na: "the supervising office's grant covers every department of its region",
    hides: true,
    req: hitReq('suspension.repeated', 'dismiss'),
  },
  'POST /api/supervision/rectification-urges': {
    right: 'supervisor',
    wrongDistrict: 'dl.supervisor',
    wrongDepartment: null,
    lower: 'scjg.approver',
    na: "the supervising office's grant covers every department of its region",
    rightMay: [409],
    req: async () => ({
      url: '/api/supervision/rectification-urges',
      payload: { rectificationId: await rectificationToUrge(), message: '矩阵测试：请说明整改进展' },
    }),
  },
  'POST /api/supervision/urges': {
    right: 'supervisor',
    wrongDistrict: 'dl.supervisor',
    wrongDepartment: null,
    lower: 'scjg.approver',
    na: "the supervising office's grant covers every department of its region",
    hides: true,
    req: async () => ({ url: '/api/supervision/urges', payload: { caseNo: await caseToUrge(), message: '矩阵测试：请说明超期原因', answerDays: 3 } }),
  },
  'POST /api/supervision/urges/:id/answer': {
    right: 'zjj.approver',
    wrongDistrict: 'dl.scjg.approver',
    wrongDepartment: 'scjg.approver',
    lower: 'supervisor',
    hides: true,
    req: async () => {
      const urge = await openUrge();
      return { url: `/api/supervision/urges/${urge.id}/answer`, payload: { answer: '矩阵测试：已加快办理', version: urge.version } };
    },
  },
};
