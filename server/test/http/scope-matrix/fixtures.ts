/**
 * Objects the matrix's cells act on, built through the API by the right staff the first time a cell
 * needs them: implementations at a lifecycle stage, cases and tickets at a step, inspection tasks.
 */
import { demoId } from '../../../src/modules/org/index.ts';
import { dept, next, ok, once } from './matrix-kit.ts';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
export const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);
export async function upload(user: string, data: Buffer, name: string): Promise<string> {
  return (await ok(user, 'POST', `/api/cases/uploads?name=${encodeURIComponent(name)}`, data, { 'content-type': 'application/octet-stream' })).id;
}

async function implementationNamed(user: string, name: string, departmentId: string): Promise<string> {
  const page = await ok<{ items: { implementationCode: string; name: string; departmentId: string }[] }>(
    user,
    'GET',
    `/api/catalog/items?q=${encodeURIComponent(name)}&pageSize=50`,
  );
  const hit = page.items.find((i) => i.name === name && i.departmentId === departmentId);
  if (!hit) throw new Error(`no ${name} in ${departmentId}`);
  return hit.implementationCode;
}
export const foodCode = once(() => implementationNamed('citizen1', '食品经营许可', dept.scjg));
export const mhMzjCode = once(() => implementationNamed('citizen1', '最低生活保障审核确认', dept.mhMzj));
export const guideOf = async (code: string) =>
  (await ok('admin', 'GET', `/api/catalog/items/${code}`)).guide ??
  (await ok('admin', 'GET', `/api/workbench/catalog/implementations/${code}`)).published?.guide;

/**
 * A new implementation of the city 市场监管局 (a new base item, so there is no limit), brought to
 * `stage` by the right editor and reviewer.
 */
export async function implementation(stage: 'draft' | 'published' | 'submitted' | 'suspended'): Promise<string> {
  const baseCode = `99011809${String(next()).padStart(4, '0')}`;
  await ok('zwfw.catalog', 'POST', '/api/workbench/catalog/items', {
    baseCode,
    name: `矩阵测试事项${baseCode}`,
    itemType: 'other_power',
    subjectTypes: ['entity'],
    themes: [],
    keywords: [],
    legalBasis: '《示范市矩阵测试办法》',
  });
  const created = await ok('scjg.editor', 'POST', '/api/workbench/catalog/implementations', {
    baseCode,
    departmentId: dept.scjg,
    // Without the food guide's 健康证明: the proof list (data's 证明事项清单) allows it for 食品经营许可 only.
    guide: await guideOf(await foodCode()).then((g) => ({ ...g, materials: (g.materials as { name: string }[]).filter((m) => !m.name.endsWith('证明')) })),
  });
  const code = created.implementationCode as string;
  const wb = `/api/workbench/catalog/implementations/${code}`;
  if (stage === 'draft') return code;
  await ok('scjg.editor', 'POST', `${wb}/draft/submit`);
  if (stage === 'submitted') return code;
  await ok('zwfw.catalog', 'POST', `${wb}/submitted/publish`, {});
  if (stage === 'published') return code;
  await ok('zwfw.catalog', 'POST', `${wb}/suspend`, { reason: '依据修订中' });
  return code;
}

/** A new 食品经营许可 case by citizen1, advanced by the right staff to `until` (a step key or status). */
export async function foodApplication(uploader: string) {
  return {
    implementationCode: await foodCode(),
    formData: {
      legalRepresentative: '张明',
      premises: '示范市明湖区湖滨路 8 号',
      businessForm: '小餐饮',
      areaSqm: 60,
      safetyManager: '张明',
      contactPhone: '13800001111',
    },
    materials: [
      { name: '食品经营许可申请书', fileIds: [await upload(uploader, pdf, '申请书.pdf')] },
      { name: '与食品经营相适应的主要设备设施布局、操作流程等文件', fileIds: [await upload(uploader, png, '布局图.png')] },
      { name: '食品安全自查、从业人员健康管理、进货查验记录等保证食品安全的规章制度', commitment: true },
    ],
    delivery: 'pickup',
  };
}
export async function foodCase(until: 'accept' | 'review' | 'decide' | 'special' | 'issue' | 'deliver' | 'correction'): Promise<string> {
  const { caseNo } = await ok('citizen1', 'POST', '/api/cases', await foodApplication('citizen1'));
  const act = (user: string, action: string, body: object = {}) => ok(user, 'POST', `/api/cases/${caseNo}/actions/${action}`, body);
  if (until === 'accept') return caseNo;
  if (until === 'correction') {
    await act('scjg.clerk', 'request_correction', { items: [{ material: '食品经营许可申请书', problem: '缺少签字' }] });
    return caseNo;
  }
  await act('scjg.clerk', 'accept');
  if (until === 'review') return caseNo;
  if (until === 'special') {
    await act('scjg.reviewer', 'start_special_procedure', { procedure: 'inspection', note: '现场核查' });
    return caseNo;
  }
  await act('scjg.reviewer', 'approve');
  if (until === 'decide') return caseNo;
  await act('scjg.approver', 'approve');
  if (until === 'issue') return caseNo;
  await act('scjg.clerk', 'issue');
  return caseNo;
}
export const caseAt = (until: Parameters<typeof foodCase>[0]) => once(() => foodCase(until));

/** A new hotline ticket in 明湖区 taken by the center, advanced to `until`. */
export async function ticket(until: 'new' | 'dispatched' | 'signed' | 'extension' | 'replied' | 'concluded' | 'closed'): Promise<string> {
  const created = await ok('rx.operator', 'POST', '/api/workbench/hotline/tickets', {
    callerPhone: '13800009999',
    kind: 'complaint',
    text: '湖滨路路灯不亮，晚上行人看不清路。',
    address: '示范市明湖区湖滨街道湖滨路 20 号',
    regionCode: '990102001',
  });
  const id = created.ticket.id as string;
  const act = (user: string, action: string, body: object) => ok(user, 'POST', `/api/workbench/hotline/tickets/${id}/${action}`, body);
  if (until === 'new') return id;
  await act('rx.dispatcher', 'dispatch', { regionCode: '990102' });
  if (until === 'dispatched') return id;
  await act('mh.handler', 'sign', {});
  if (until === 'signed') return id;
  if (until === 'extension') {
    await act('mh.handler', 'extension', { days: 3, reason: '需协调供电部门' });
    return id;
  }
  await act('mh.handler', 'reply', { text: '已联系供电部门修复路灯。', photos: [] });
  if (until === 'replied') return id;
  await act('rx.dispatcher', 'review', { pass: true });
  if (until === 'concluded') return id;
  await act('rx.operator', 'follow-up', { solved: false, satisfaction: 1 });
  return id;
}
export const ticketAt = (until: Parameters<typeof ticket>[0]) => once(() => ticket(until));

export const scjgPlan = once(
  async () =>
    (await ok<{ id: string; departmentId: string }[]>('scjg.inspection', 'GET', '/api/workbench/inspection/plans')).find((p) => p.departmentId === dept.scjg)!
      .id,
);
export async function inspectionTask(stage: 'planned' | 'committed' | 'drawn'): Promise<{ taskId: string; drawId?: string }> {
  const body = {
    title: `矩阵测试任务 ${stage}`,
    itemIds: [demoId('inspection-item', 'SC-01')],
    departmentIds: [dept.scjg],
    scope: { industries: ['餐饮'] },
    count: 3,
    dueDate: '2026-12-31',
  };
  const task = await ok('scjg.inspection', 'POST', `/api/workbench/inspection/plans/${await scjgPlan()}/tasks`, body);
  if (stage === 'planned') return { taskId: task.id };
  await ok('scjg.inspection', 'POST', `/api/workbench/inspection/tasks/${task.id}/commitment`);
  if (stage === 'committed') return { taskId: task.id };
  const draw = await ok('scjg.inspection', 'POST', `/api/workbench/inspection/tasks/${task.id}/draw`);
  return { taskId: task.id, drawId: draw.id };
}
export const drawnTask = once(() => inspectionTask('drawn'));

export const mhRole = once(
  async () =>
    (
      await ok('mh.admin', 'POST', '/api/admin/roles', {
        code: 'mh_matrix_role',
        name: '明湖区矩阵角色',
        nameEn: 'Matrix role',
        permissions: ['org.region.manage'],
      })
    ).code as string,
);
