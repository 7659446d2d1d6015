/**
 * Scope matrix rows of credit (信用): the city credit office imports, publishes, lists and repairs;
 * the demo has one credit office (city-wide) and no district or department credit staff, so only the
 * right actor and an actor lacking the permission (a market regulation clerk) apply.
 */
import { completeUscc } from '../../../src/platform/validators.ts';
import { inspectionResults } from '../../../src/modules/inspection/tables.ts';
import { inspection } from './actors.ts';
import { matrixEnv, next, ok, type Entry, type RowTable } from './matrix-kit.ts';

const office: Omit<Entry, 'req'> = {
  right: 'credit.officer',
  wrongDistrict: null,
  wrongDepartment: null,
  lower: 'scjg.clerk',
  na: 'the credit office is city-wide: the demo has no district or department credit office',
};
const wb = '/api/workbench/credit';
const uscc = completeUscc('91990102MA9999902');

/** A fresh dishonesty proposal (each cell steps its own). */
async function proposal(): Promise<string> {
  const e = await ok<{ id: string }>('credit.officer', 'POST', `${wb}/lists`, {
    list: 'dishonesty',
    subjectKind: 'entity',
    uscc,
    name: `示范市矩阵测试企业${next()}`,
    reason: '矩阵测试',
    legalBasis: '矩阵测试依据',
    validFrom: '2026-01-01',
  });
  return e.id;
}

export const creditRows: RowTable = {
  // A penalty (filed here as a record) is decided by the department that inspected (a manager of the task's lead department, in its scope).
  'POST /api/workbench/inspection/results/:id/penalty': {
    ...inspection,
    req: async () => {
      const found = (await matrixEnv().database.db.select().from(inspectionResults)).find((r) => r.outcome === 'problems_found');
      if (!found) throw new Error('no inspection result with problems');
      return {
        url: `/api/workbench/inspection/results/${found.id}/penalty`,
        payload: {
          documentNo: `矩阵罚〔2026〕${next()}号`,
          facts: '矩阵测试违法事实',
          penalty: '警告',
          legalBasis: '《中华人民共和国广告法》第五十七条',
          decidedOn: String(found.inspectedOn),
        },
      };
    },
  },
  'POST /api/workbench/credit/records/import': {
    ...office,
    req: () => ({
      url: `${wb}/records/import`,
      payload: `subjectKind,uscc,name,kind,title,legalBasis,decidedOn,department,sourceRef\nentity,${uscc},示范市矩阵测试企业,penalty,矩阵测试处罚,《行政处罚法》,2026-11-02,示范市市场监督管理局,MX-${next()}\n`,
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /api/workbench/credit/records/:id/publish': {
    ...office,
    rightMay: [409],
    req: async () => {
      const board = await ok<{ items: { id: string }[] }>('credit.officer', 'GET', `${wb}/disclosure-board`);
      return { url: `${wb}/records/${board.items[0]!.id}/publish` };
    },
  },
  'POST /api/workbench/credit/lists': {
    ...office,
    req: () => ({
      url: `${wb}/lists`,
      payload: {
        list: 'honor',
        subjectKind: 'entity',
        uscc,
        name: '示范市矩阵测试企业',
        reason: '矩阵测试',
        legalBasis: '矩阵测试依据',
        validFrom: '2026-01-01',
      },
    }),
  },
  'POST /api/workbench/credit/lists/import': {
    ...office,
    req: () => ({
      url: `${wb}/lists/import`,
      payload: `list,subjectKind,uscc,name,reason,legalBasis,validFrom,authority\nabnormal_operation,entity,${uscc},示范市矩阵测试企业,未公示年报,《企业经营异常名录管理暂行办法》第四条,2026-11-02,示范市市场监督管理局\n`,
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /api/workbench/credit/lists/:id/:action': {
    ...office,
    req: async () => ({ url: `${wb}/lists/${await proposal()}/serve_notice`, payload: {} }),
  },
  // The level rules belong to the city: credit.level.manage over it.
  'PUT /api/workbench/credit/level-rules/:factorKind/:factor': {
    ...office,
    req: () => ({ url: `${wb}/level-rules/record/other`, payload: { points: 0, note: '矩阵测试' } }),
  },
  'POST /api/workbench/credit/repairs/:id/decision': {
    ...office,
    rightMay: [409],
    req: async () => {
      const page = await ok<{ items: { id: string }[] }>('credit.officer', 'GET', `${wb}/repairs?status=applied`);
      return { url: `${wb}/repairs/${page.items[0]!.id}/decision`, payload: { decision: 'refused', note: '矩阵测试：证明材料不足' } };
    },
  },
};
