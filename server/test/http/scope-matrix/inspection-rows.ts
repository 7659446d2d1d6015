/** Scope matrix rows of inspection (双随机): items, rules, the entity directory, inspectors, plans, tasks, draws and results (city 市场监管局). */
import { completeUscc } from '../../../src/platform/validators.ts';
import { demoId } from '../../../src/modules/org/index.ts';
import { inspectionAssignments, inspectionResults } from '../../../src/modules/inspection/tables.ts';
import { inspection } from './actors.ts';
import { drawnTask, inspectionTask, scjgPlan } from './fixtures.ts';
import { CITY, dept, matrixEnv, next, once, type RowTable } from './matrix-kit.ts';

export const inspectionRows: RowTable = {
  'POST /api/workbench/inspection/items': {
    ...inspection,
    req: () => ({
      url: '/api/workbench/inspection/items',
      payload: {
        departmentId: dept.scjg,
        code: `SC-MX${next()}`,
        name: '矩阵测试检查事项',
        legalBasis: '《食品安全法》',
        subjectType: '食品经营者',
        method: 'on_site',
      },
    }),
  },
  'PATCH /api/workbench/inspection/items/:id': {
    ...inspection,
    req: () => ({ url: `/api/workbench/inspection/items/${demoId('inspection-item', 'SC-01')}`, payload: { joint: false } }),
  },
  'PUT /api/workbench/inspection/rules/:id': {
    ...inspection,
    req: () => ({
      url: `/api/workbench/inspection/rules/${dept.scjg}`,
      payload: { title: '市场监管局随机抽查实施细则', body: '按年度计划随机抽取检查对象和执法检查人员。' },
    }),
  },
  'POST /api/workbench/inspection/entities/import': {
    ...inspection,
    wrongDepartment: null,
    na: 'the entity directory (名录库) of a region is shared by every department that inspects there',
    scopeInReport: true,
    req: () => ({
      url: '/api/workbench/inspection/entities/import',
      payload: `uscc,name,entityType,industry,regionCode,address,riskLevel,creditLevel\n${completeUscc('91990102MA9999901')},示范市矩阵测试餐饮店,个体工商户,餐饮,990102001,示范市明湖区湖滨路 30 号,low,B\n`,
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /api/workbench/inspection/inspectors': {
    ...inspection,
    req: () => ({
      url: '/api/workbench/inspection/inspectors',
      payload: { name: '矩阵执法', certificateNo: `99MX${next()}`, departmentId: dept.scjg, regionCode: CITY },
    }),
  },
  'PATCH /api/workbench/inspection/inspectors/:id': {
    ...inspection,
    req: () => ({ url: `/api/workbench/inspection/inspectors/${demoId('inspector', 'scjg.inspector1')}`, payload: { available: true } }),
  },
  'POST /api/workbench/inspection/inspectors/:id/relations': {
    ...inspection,
    req: () => ({
      url: `/api/workbench/inspection/inspectors/${demoId('inspector', 'scjg.inspector2')}/relations`,
      payload: { uscc: completeUscc('91990102MA9999902'), relation: '近亲属' },
    }),
  },
  'POST /api/workbench/inspection/plans': {
    ...inspection,
    req: () => ({
      url: '/api/workbench/inspection/plans',
      payload: { year: 2031, title: `2031 年度矩阵测试计划 ${next()}`, regionCode: CITY, departmentId: dept.scjg },
    }),
  },
  'POST /api/workbench/inspection/plans/:id/tasks': {
    ...inspection,
    req: async () => ({
      url: `/api/workbench/inspection/plans/${await scjgPlan()}/tasks`,
      payload: {
        title: '矩阵测试任务',
        itemIds: [demoId('inspection-item', 'SC-01')],
        departmentIds: [dept.scjg],
        scope: { industries: ['餐饮'] },
        count: 3,
        dueDate: '2026-12-31',
      },
    }),
  },
  'POST /api/workbench/inspection/tasks/:id/commitment': {
    ...inspection,
    req: once(async () => ({ url: `/api/workbench/inspection/tasks/${(await inspectionTask('planned')).taskId}/commitment` })),
  },
  'POST /api/workbench/inspection/tasks/:id/draw': {
    ...inspection,
    req: once(async () => ({ url: `/api/workbench/inspection/tasks/${(await inspectionTask('committed')).taskId}/draw` })),
  },
  'POST /api/workbench/inspection/draws/:id/void': {
    right: 'supervisor',
    wrongDistrict: 'dl.supervisor',
    wrongDepartment: null,
    lower: 'scjg.inspector1',
    na: 'supervisors hold city- or district-wide grants, not department ones',
    req: async () => ({ url: `/api/workbench/inspection/draws/${(await drawnTask()).drawId}/void`, payload: { reason: '名录库导入数据有误，需重新抽取' } }),
  },
  'POST /api/workbench/inspection/tasks/:id/disclose': {
    ...inspection,
    rightMay: [409],
    req: async () => ({ url: `/api/workbench/inspection/tasks/${(await drawnTask()).taskId}/disclose` }),
  },
  'POST /api/workbench/inspection/assignments/:id/result': {
    right: 'scjg.inspector1',
    wrongDistrict: 'dl.scjg.inspector',
    wrongDepartment: 'wjw.inspector',
    lower: 'scjg.clerk',
    req: once(async () => {
      const me = demoId('inspector', 'scjg.inspector1');
      const done = new Set((await matrixEnv().database.db.select().from(inspectionResults)).map((r) => r.assignmentId));
      const open = (await matrixEnv().database.db.select().from(inspectionAssignments)).find((a) => a.inspectorIds.includes(me) && !done.has(a.id));
      if (!open) throw new Error('scjg.inspector1 has no open assignment');
      return { url: `/api/workbench/inspection/assignments/${open.id}/result`, payload: { outcome: 'normal', inspectedOn: '2026-11-02' } };
    }),
  },
};
