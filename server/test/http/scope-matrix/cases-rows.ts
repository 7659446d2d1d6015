/** Scope matrix rows of cases: workflows, bindings, deferrals, certificates, 一窗受理 and every case action. */
import { and, eq } from 'drizzle-orm';
import { demoIdNumber } from '../../../src/modules/identity/index.ts';
import { demoId } from '../../../src/modules/org/index.ts';
import { defaultWorkflow } from '../../../src/modules/cases/index.ts';
import { dataSimulation } from '../../../src/modules/data/index.ts';
import { cases, certificates } from '../../../src/modules/cases/tables.ts';
import { jointReviewCode } from '../../../src/modules/cases/countersign-demo.ts';
import { acceptStep, admin, applicant, cityAdmin, decideStep, issueStep, reviewStep } from './actors.ts';
import { caseAt, foodApplication, foodCase, foodCode, mhMzjCode, png, upload } from './fixtures.ts';
import { dept, matrixEnv, ok, once, type RowTable } from './matrix-kit.ts';

export const casesRows: RowTable = {
  'POST /api/admin/workflows': { ...cityAdmin, right: 'admin', req: () => ({ url: '/api/admin/workflows', payload: { ...defaultWorkflow } }) },
  'PUT /api/admin/workflows/bindings/:implementationCode': {
    ...admin,
    req: async () => ({ url: `/api/admin/workflows/bindings/${await mhMzjCode()}`, payload: { workflowCode: 'default' } }),
  },
  'PUT /api/admin/deferrals/:implementationCode': {
    ...admin,
    req: async () => ({ url: `/api/admin/deferrals/${await mhMzjCode()}`, payload: { materials: [] } }),
  },
  'POST /api/certificates/:identifier/status': {
    ...decideStep,
    req: async () => {
      const [cert] = await matrixEnv()
        .database.db.select()
        .from(certificates)
        .where(eq(certificates.issuerDepartmentId, dept.scjg))
        .orderBy(certificates.identifier)
        .limit(1);
      if (!cert) throw new Error('no demo certificate of 市场监管局');
      return { url: `/api/certificates/${cert.identifier}/status`, payload: { status: 'void', reason: '矩阵测试作废' } };
    },
  },

  'POST /api/certificates/:identifier/verification-code': {
    ...decideStep,
    citizen: 'citizen2',
    req: async () => {
      const [, cert] = await matrixEnv()
        .database.db.select()
        .from(certificates)
        .where(eq(certificates.issuerDepartmentId, dept.scjg))
        .orderBy(certificates.identifier)
        .limit(2);
      return { url: `/api/certificates/${cert!.identifier}/verification-code` };
    },
  },

  // 一窗受理: staff file a case for a walk-in applicant (applying for oneself is not a staff power).
  'POST /api/cases': {
    right: 'scjg.clerk',
    wrongDistrict: 'dl.scjg.clerk',
    wrongDepartment: 'rsj.clerk',
    lower: 'supervisor',
    req: once(async () => ({
      url: '/api/cases',
      payload: { ...(await foodApplication('scjg.clerk')), applicant: { kind: 'person', name: '王建国', idNumber: demoIdNumber(2) } },
    })),
  },

  // 一件事 at a window: the clerk files every member that waits for nothing (here 出生医学证明, 卫健委), each in its department's scope.
  'POST /api/life-events/:code/applications': {
    right: 'window.clerk',
    wrongDistrict: 'dl.scjg.clerk',
    wrongDepartment: 'rsj.clerk',
    lower: 'supervisor',
    req: once(async () => {
      const doc = await ok<{ materials: { name: string; asked: boolean; provision: string }[] }>('window.clerk', 'GET', '/api/catalog/life-events/newborn');
      const materials = [];
      for (const m of doc.materials.filter((x) => x.asked))
        materials.push(
          m.provision === 'commitment' ? { name: m.name, commitment: true } : { name: m.name, fileIds: [await upload('window.clerk', png, `${m.name}.png`)] },
        );
      return {
        url: '/api/life-events/newborn/applications',
        payload: {
          formData: { contactPhone: '13700003333', contactAddress: '示范市明湖区湖滨路 8 号' },
          materials,
          applicant: { kind: 'person', name: '王建国', idNumber: demoIdNumber(2) },
        },
      };
    }),
  },

  // 重新调取 a material from shared data: 企业变更登记 of the city 市场监管局, whose 营业执照 fetch failed at submission.
  'POST /api/cases/:caseNo/shared-materials/refetch': {
    ...acceptStep,
    rightMay: [409],
    req: once(async () => {
      const items = await ok<{ items: { implementationCode: string; name: string; departmentId: string }[] }>(
        'enterprise2',
        'GET',
        `/api/catalog/items?q=${encodeURIComponent('企业变更登记')}&pageSize=50`,
      );
      const code = items.items.find((i) => i.name === '企业变更登记' && i.departmentId === dept.scjg)!.implementationCode;
      dataSimulation.down.add('sim.business');
      try {
        const c = await ok('enterprise2', 'POST', '/api/cases', {
          implementationCode: code,
          formData: { applicantName: '示范市西江建设工程有限公司', contactPhone: '13700003333', contactAddress: '示范市西江区江滨路 66 号' },
          materials: [
            { name: '变更登记申请书', fileIds: [await upload('enterprise2', png, '申请书.png')] },
            { name: '变更事项相关的决议或决定', fileIds: [await upload('enterprise2', png, '决议.png')] },
          ],
        });
        return { url: `/api/cases/${c.caseNo}/shared-materials/refetch`, payload: { material: '营业执照' } };
      } finally {
        dataSimulation.down.delete('sim.business');
      }
    }),
  },

  // ----- case actions (食品经营许可, city 市场监管局) -----
  'POST /api/cases/:caseNo/actions/accept': { ...acceptStep, req: async () => ({ url: `/api/cases/${await caseAt('accept')()}/actions/accept`, payload: {} }) },
  'POST /api/cases/:caseNo/actions/refuse': {
    ...acceptStep,
    req: once(async () => ({
      url: `/api/cases/${await foodCase('accept')}/actions/refuse`,
      payload: { reason: '不符合条件', legalBasis: '《行政许可法》第三十二条' },
    })),
  },
  'POST /api/cases/:caseNo/actions/request_correction': {
    ...acceptStep,
    req: once(async () => ({
      url: `/api/cases/${await foodCase('accept')}/actions/request_correction`,
      payload: { items: [{ material: '食品经营许可申请书', problem: '缺少签字' }] },
    })),
  },
  'POST /api/cases/:caseNo/actions/claim': {
    ...acceptStep,
    req: once(async () => ({ url: `/api/cases/${await foodCase('accept')}/actions/claim`, payload: {} })),
  },
  'POST /api/cases/:caseNo/actions/transfer': {
    ...acceptStep,
    req: once(async () => ({ url: `/api/cases/${await foodCase('accept')}/actions/transfer`, payload: { toStaffId: demoId('staff', 'scjg.clerk') } })),
    // Nobody else in the city 市场监管局 may take the step: a field error on toStaffId, after the scope check.
    rightMay: [400],
  },
  'POST /api/cases/:caseNo/actions/approve': {
    ...reviewStep,
    req: once(async () => ({ url: `/api/cases/${await foodCase('review')}/actions/approve`, payload: {} })),
  },
  'POST /api/cases/:caseNo/actions/return_to_previous': {
    ...reviewStep,
    req: once(async () => ({ url: `/api/cases/${await foodCase('review')}/actions/return_to_previous`, payload: { reason: '受理材料有误' } })),
  },
  'POST /api/cases/:caseNo/actions/start_special_procedure': {
    ...reviewStep,
    req: once(async () => ({
      url: `/api/cases/${await foodCase('review')}/actions/start_special_procedure`,
      payload: { procedure: 'inspection', note: '现场核查' },
    })),
  },
  'POST /api/cases/:caseNo/actions/end_special_procedure': {
    ...reviewStep,
    req: once(async () => ({ url: `/api/cases/${await foodCase('special')}/actions/end_special_procedure`, payload: {} })),
  },
  'POST /api/cases/:caseNo/actions/deny': {
    ...decideStep,
    req: once(async () => ({
      url: `/api/cases/${await foodCase('decide')}/actions/deny`,
      payload: { reason: '不符合条件', legalBasis: '《食品安全法》第三十五条' },
    })),
  },
  'POST /api/cases/:caseNo/actions/issue': {
    ...issueStep,
    req: once(async () => ({ url: `/api/cases/${await foodCase('issue')}/actions/issue`, payload: {} })),
  },
  'POST /api/cases/:caseNo/actions/deliver': {
    ...issueStep,
    req: once(async () => ({ url: `/api/cases/${await foodCase('deliver')}/actions/deliver`, payload: { method: 'electronic' } })),
  },
  // 会签: the demo case at the joint review (countersign-demo.ts), its health branch co-signed by the health commission.
  'POST /api/cases/:caseNo/actions/countersign': {
    right: 'wjw.inspector',
    wrongDistrict: 'dl.scjg.inspector',
    wrongDepartment: 'scjg.inspector1',
    lower: 'scjg.clerk',
    hides: true,
    req: once(async () => {
      const [c] = await matrixEnv()
        .database.db.select({ caseNo: cases.caseNo })
        .from(cases)
        .where(and(eq(cases.workflowCode, jointReviewCode), eq(cases.stepKey, 'joint_review')))
        .limit(1);
      if (!c) throw new Error('no demo case at a countersign step');
      return { url: `/api/cases/${c.caseNo}/actions/countersign`, payload: { branch: 'health', result: 'agree', opinion: '矩阵测试：卫生条件合格' } };
    }),
  },
  'POST /api/cases/:caseNo/actions/withdraw': {
    ...applicant,
    req: once(async () => ({ url: `/api/cases/${await foodCase('accept')}/actions/withdraw`, payload: { reason: '不办了' } })),
  },
  'POST /api/cases/:caseNo/actions/submit_correction': {
    ...applicant,
    req: once(async () => ({ url: `/api/cases/${await foodCase('correction')}/actions/submit_correction`, payload: { note: '已补签' } })),
  },
  'POST /api/cases/:caseNo/actions/supplement_materials': {
    ...applicant,
    req: once(async () => {
      // 容缺受理: the layout plan accepted as pending, supplied by the applicant afterwards.
      const pending = '与食品经营相适应的主要设备设施布局、操作流程等文件';
      await ok('admin', 'PUT', `/api/admin/deferrals/${await foodCode()}`, { materials: [pending] });
      const caseNo = await foodCase('accept');
      await ok('scjg.clerk', 'POST', `/api/cases/${caseNo}/actions/accept`, { pendingMaterials: [pending] });
      return {
        url: `/api/cases/${caseNo}/actions/supplement_materials`,
        payload: { materials: [{ name: pending, fileIds: [await upload('citizen1', png, '补充.png')] }] },
      };
    }),
  },
};
