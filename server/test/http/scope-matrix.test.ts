/**
 * The scope matrix (issue 11 §2): every staff write route × an actor of the right scope, the wrong
 * district, the wrong department, a lower role, a citizen and anonymous → the expected status.
 *
 * The routes come from the built app itself (buildApp's onRoute hook): a write route (POST, PUT,
 * PATCH, DELETE) under /api/admin, /api/workbench, /api/cases/:caseNo/actions or
 * /api/certificates/:identifier must have an entry in `matrix` below, or be listed in `notStaffWrites`
 * with the reason it is not a staff write; otherwise the first test fails. Each cell is a named test.
 *
 * Expected: right scope → 2xx (or a status the entry names, e.g. a 409 that proves the check passed);
 * wrong district / wrong department → 403 (404 where the route hides that the object exists);
 * lower role and citizen → 403; anonymous → 401. `null` in an entry's actors: the cell does not apply
 * (the reason is in `na`).
 *
 * Cells that fail today are listed in `knownGaps` with the area that owns the fix; a known gap that
 * passes fails the test, so the list only shrinks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { RouteOptions } from 'fastify';
import { createTestEnv, cookieOf, TEST_PASSWORD, type TestEnv } from '../harness.ts';
import { buildApp } from '../../src/app.ts';
import { modules } from '../../src/modules/index.ts';
import { demoDepartmentId, demoId } from '../../src/modules/org/index.ts';
import { demoIdNumber, findPersonByIdNumber } from '../../src/modules/identity/index.ts';
import { accounts } from '../../src/modules/identity/tables.ts';
import { createStaff } from '../../src/modules/identity/staff-service.ts';
import { defaultWorkflow } from '../../src/modules/cases/index.ts';
import { certificates } from '../../src/modules/cases/tables.ts';
import { hotlineCategories } from '../../src/modules/hotline/tables.ts';
import { completeIdNumber, completeUscc } from '../../src/platform/validators.ts';
import { inspectionAssignments, inspectionResults } from '../../src/modules/inspection/tables.ts';
import type { FastifyInstance } from 'fastify';

type Cell = 'anonymous' | 'citizen' | 'lower' | 'wrongDepartment' | 'wrongDistrict' | 'right';
/** Denials first, the right actor last: a denied write changes nothing, so all cells share one target. */
const cells: Cell[] = ['anonymous', 'citizen', 'lower', 'wrongDepartment', 'wrongDistrict', 'right'];
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Req {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}
interface Entry {
  right: string;
  wrongDistrict: string | null;
  wrongDepartment: string | null;
  lower: string | null;
  citizen?: string;
  /** Why a null cell does not apply. */
  na?: string;
  /** Wrong scope answers 404 (the route does not reveal that the object exists). */
  hides?: boolean;
  /** The route reports a refused scope per row (400/422 naming `out_of_scope`) instead of a 403. */
  scopeInReport?: boolean;
  /** Statuses besides 2xx that prove the right actor passed the check. */
  rightMay?: number[];
  req: () => Promise<Req> | Req;
}

/** An initial password any strength rule accepts (the accounts sign in with the demo password). */
const STRONG_PASSWORD = 'vq8#Lumen-hyacinth-Tarn-4827';
const CITY = '990100';
const cityPath = '990000/990100';
const mhPath = `${cityPath}/990102`;
const dept = {
  scjg: demoDepartmentId('scjg', CITY),
  zjj: demoDepartmentId('zjj', CITY),
  rxzx: demoDepartmentId('rxzx', CITY),
  mhZwfw: demoDepartmentId('zwfw', '990102'),
  mhScjg: demoDepartmentId('scjg', '990102'),
  mhMzj: demoDepartmentId('mzj', '990102'),
  dlZwfw: demoDepartmentId('zwfw', '990103'),
  dlScjg: demoDepartmentId('scjg', '990103'),
  zwfw: demoDepartmentId('zwfw', CITY),
};

/**
 * Actors the demo data lacks, created in beforeAll through the identity service:
 * [username, department, role, region of the grant, department-scoped grant?]
 */
const extraStaff: [string, string, string, string, boolean][] = [
  ['scjg.itadmin', dept.scjg, 'it_admin', CITY, true], // city IT admin limited to one department
  ['mh.scjg.itadmin', dept.mhScjg, 'it_admin', '990102', true], // 明湖区 IT admin limited to 明湖区市场监管局
  ['mh.scjg.editor', dept.mhScjg, 'catalog_editor', '990102', true],
  ['dl.catalog', dept.dlZwfw, 'catalog_reviewer', '990103', false],
  ['zjj.catalog', dept.zjj, 'catalog_reviewer', CITY, true],
  ['dl.scjg.inspection', dept.dlScjg, 'inspection_manager', '990103', true],
  ['dl.scjg.inspector', dept.dlScjg, 'inspector', '990103', true],
  ['dl.scjg.reviewer', dept.dlScjg, 'reviewer', '990103', true],
  ['dl.scjg.approver', dept.dlScjg, 'approver', '990103', true],
  ['dl.hotline', dept.dlZwfw, 'hotline_dispatcher', '990103', false],
  ['dl.handler', dept.dlZwfw, 'hotline_handler', '990103', false],
  ['dl.supervisor', dept.dlZwfw, 'supervisor', '990103', false],
];

let env: TestEnv;
let app: FastifyInstance;
const writeRoutes: string[] = [];
const allRoutes: string[] = [];
const cookies = new Map<string, string>();

async function login(username: string): Promise<string> {
  let c = cookies.get(username);
  if (!c) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    c = cookieOf(res);
    cookies.set(username, c);
  }
  return c;
}
async function call(user: string | null, method: 'GET' | Method, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const res = await app.inject({ method, url, payload: payload as object, headers: { ...(user ? { cookie: await login(user) } : {}), ...headers } });
  return res;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the matrix reads whatever each route answers
async function ok<T = any>(user: string, method: 'GET' | Method, url: string, payload?: unknown, headers?: Record<string, string>): Promise<T> {
  const res = await call(user, method, url, payload, headers);
  if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url} as ${user}: ${res.statusCode} ${res.body}`);
  return (res.body ? res.json() : null) as T;
}
/** A number unique in this run: creating routes get a fresh payload per cell, so a gap cell cannot spoil the right one. */
let serial = 10;
const next = () => serial++;
/** A date in 2031 unique in this run. */
const nextDate = () => new Date(Date.UTC(2031, 0, 1) + next() * 86_400_000).toISOString().slice(0, 10);
/** Memoised fixture: built the first time a cell needs it. */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}

// ---------- fixtures ----------

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR')]);
async function upload(user: string, data: Buffer, name: string): Promise<string> {
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
const foodCode = once(() => implementationNamed('citizen1', '食品经营许可', dept.scjg));
const mhMzjCode = once(() => implementationNamed('citizen1', '最低生活保障审核确认', dept.mhMzj));
const guideOf = async (code: string) =>
  (await ok('admin', 'GET', `/api/catalog/items/${code}`)).guide ??
  (await ok('admin', 'GET', `/api/workbench/catalog/implementations/${code}`)).published?.guide;

/**
 * A new implementation of the city 市场监管局 (a new base item, so there is no limit), brought to
 * `stage` by the right editor and reviewer.
 */
async function implementation(stage: 'draft' | 'published' | 'submitted' | 'suspended'): Promise<string> {
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
    guide: await guideOf(await foodCode()),
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
async function foodApplication(uploader: string) {
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
async function foodCase(until: 'accept' | 'review' | 'decide' | 'special' | 'issue' | 'deliver' | 'correction'): Promise<string> {
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
const caseAt = (until: Parameters<typeof foodCase>[0]) => once(() => foodCase(until));

/** A new hotline ticket in 明湖区 taken by the center, advanced to `until`. */
async function ticket(until: 'new' | 'dispatched' | 'signed' | 'extension' | 'replied' | 'concluded' | 'closed'): Promise<string> {
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
const ticketAt = (until: Parameters<typeof ticket>[0]) => once(() => ticket(until));

const scjgPlan = once(
  async () =>
    (await ok<{ id: string; departmentId: string }[]>('scjg.inspection', 'GET', '/api/workbench/inspection/plans')).find((p) => p.departmentId === dept.scjg)!
      .id,
);
async function inspectionTask(stage: 'planned' | 'committed' | 'drawn'): Promise<{ taskId: string; drawId?: string }> {
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
const drawnTask = once(() => inspectionTask('drawn'));

const mhRole = once(
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

// ---------- the matrix ----------

const admin = { right: 'mh.admin', wrongDistrict: 'dl.admin', wrongDepartment: 'mh.scjg.itadmin', lower: 'mh.scjg.clerk' } as const;
const cityAdmin = { right: 'it.admin', wrongDistrict: 'mh.admin', wrongDepartment: 'scjg.itadmin', lower: 'scjg.clerk' } as const;
const catalogEditor = { right: 'scjg.editor', wrongDistrict: 'mh.scjg.editor', wrongDepartment: 'zjj.editor', lower: 'scjg.clerk' } as const;
const catalogReviewer = { right: 'zwfw.catalog', wrongDistrict: 'dl.catalog', wrongDepartment: 'zjj.catalog', lower: 'scjg.editor' } as const;
const inspection = { right: 'scjg.inspection', wrongDistrict: 'dl.scjg.inspection', wrongDepartment: 'wjw.inspector', lower: 'scjg.inspector1' } as const;
/** Cases outside the actor's scope answer 404: case numbers are on 办件公示, what a case holds is not. */
const acceptStep = { right: 'scjg.clerk', wrongDistrict: 'dl.scjg.clerk', wrongDepartment: 'rsj.clerk', lower: 'supervisor', hides: true } as const;
const reviewStep = { right: 'scjg.reviewer', wrongDistrict: 'dl.scjg.reviewer', wrongDepartment: 'rsj.clerk', lower: 'scjg.clerk', hides: true } as const;
const decideStep = { right: 'scjg.approver', wrongDistrict: 'dl.scjg.approver', wrongDepartment: 'zjj.approver', lower: 'scjg.reviewer', hides: true } as const;
const issueStep = { right: 'scjg.clerk', wrongDistrict: 'dl.scjg.clerk', wrongDepartment: 'rsj.clerk', lower: 'scjg.reviewer', hides: true } as const;
const applicant = {
  right: 'citizen1',
  wrongDistrict: null,
  wrongDepartment: null,
  lower: 'scjg.clerk',
  citizen: 'citizen2',
  hides: true,
  na: 'an applicant action: the owner is the scope; staff (even of the right department) and other citizens are refused',
} as const;
const center = { right: 'rx.dispatcher', wrongDistrict: 'dl.hotline', wrongDepartment: 'scjg.handler', lower: 'supervisor' } as const;
const handler = { right: 'mh.handler', wrongDistrict: 'dl.handler', wrongDepartment: 'scjg.handler', lower: 'rx.operator' } as const;

const matrix: Record<string, Entry> = {
  // ----- org (regions, departments, service centers, windows): 明湖区 objects -----
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

  // ----- identity: staff, roles, personal data -----
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
  'POST /api/admin/persons/:id/id-number': {
    right: 'supervisor',
    wrongDistrict: 'dl.supervisor',
    wrongDepartment: null,
    lower: 'scjg.clerk',
    na: 'a person belongs to a region (where they live), not to a department',
    req: async () => ({ url: `/api/admin/persons/${(await findPersonByIdNumber(env.ctx, demoIdNumber(0)))!.id}/id-number`, payload: { reason: '核验身份' } }),
  },

  // ----- calendar -----
  'POST /api/admin/calendar/overrides': {
    ...admin,
    req: () => ({ url: '/api/admin/calendar/overrides', payload: { date: nextDate(), kind: 'holiday', name: '矩阵停工日', regionPath: mhPath } }),
  },
  'DELETE /api/admin/calendar/overrides/:id': {
    ...admin,
    req: async () => ({
      url: `/api/admin/calendar/overrides/${(await ok('mh.admin', 'POST', '/api/admin/calendar/overrides', { date: nextDate(), kind: 'holiday', name: '矩阵停工日二', regionPath: mhPath })).id}`,
    }),
  },
  'POST /api/admin/calendar/notices': {
    ...cityAdmin,
    right: 'admin',
    req: () => ({
      url: '/api/admin/calendar/notices',
      payload: { year: 2031, holidays: [{ date: '2031-01-01', name: '元旦' }], makeupWorkdays: [], source: '国办发明电〔2030〕1号' },
    }),
  },
  'POST /api/admin/audit/verify': {
    ...cityAdmin,
    right: 'admin',
    wrongDepartment: null,
    na: 'the chain spans every region: only a grant at the root verifies it (a city grant is already the wrong scope)',
    req: () => ({ url: '/api/admin/audit/verify' }),
  },

  // ----- cases: workflows, bindings, deferrals, certificates -----
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
      const [cert] = await env.database.db
        .select()
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
      const [, cert] = await env.database.db
        .select()
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

  // ----- catalog -----
  'POST /api/workbench/catalog/items': {
    ...catalogReviewer,
    req: () => ({
      url: '/api/workbench/catalog/items',
      payload: {
        baseCode: `9901180970${String(next()).padStart(2, '0')}`,
        name: '矩阵测试事项',
        itemType: 'other_power',
        subjectTypes: ['entity'],
        themes: [],
        keywords: [],
        legalBasis: '《示范市矩阵测试办法》',
      },
    }),
  },
  'POST /api/workbench/catalog/implementations': {
    ...catalogEditor,
    req: once(async () => {
      await ok('zwfw.catalog', 'POST', '/api/workbench/catalog/items', {
        baseCode: '990118096000',
        name: '矩阵测试实施',
        itemType: 'other_power',
        subjectTypes: ['entity'],
        themes: [],
        keywords: [],
        legalBasis: '《示范市矩阵测试办法》',
      });
      return {
        url: '/api/workbench/catalog/implementations',
        payload: { baseCode: '990118096000', departmentId: dept.scjg, guide: await guideOf(await foodCode()) },
      };
    }),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/drafts': {
    ...catalogEditor,
    req: once(async () => ({ url: `/api/workbench/catalog/implementations/${await implementation('published')}/drafts` })),
  },
  'PUT /api/workbench/catalog/implementations/:implementationCode/draft': {
    ...catalogEditor,
    req: once(async () => {
      const code = await implementation('draft');
      return { url: `/api/workbench/catalog/implementations/${code}/draft`, payload: { guide: await guideOf(await foodCode()) } };
    }),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/draft/submit': {
    ...catalogEditor,
    req: once(async () => ({ url: `/api/workbench/catalog/implementations/${await implementation('draft')}/draft/submit` })),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/submitted/publish': {
    ...catalogReviewer,
    req: once(async () => ({ url: `/api/workbench/catalog/implementations/${await implementation('submitted')}/submitted/publish`, payload: {} })),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/submitted/reject': {
    ...catalogReviewer,
    req: once(async () => ({
      url: `/api/workbench/catalog/implementations/${await implementation('submitted')}/submitted/reject`,
      payload: { reason: '材料清单不完整' },
    })),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/suspend': {
    ...catalogReviewer,
    req: once(async () => ({ url: `/api/workbench/catalog/implementations/${await implementation('published')}/suspend`, payload: { reason: '依据修订中' } })),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/resume': {
    ...catalogReviewer,
    req: once(async () => {
      const code = await implementation('suspended');
      return { url: `/api/workbench/catalog/implementations/${code}/resume`, payload: { reason: '依据已修订' } };
    }),
  },
  'POST /api/workbench/catalog/implementations/:implementationCode/abolish': {
    ...catalogReviewer,
    req: once(async () => ({ url: `/api/workbench/catalog/implementations/${await implementation('published')}/abolish`, payload: { reason: '事项取消' } })),
  },
  'POST /api/workbench/catalog/import': {
    ...catalogReviewer,
    // All or nothing: every row outside the importer's scope is listed (out_of_scope), nothing is written.
    scopeInReport: true,
    req: once(async () => {
      const res = await call('admin', 'GET', '/api/workbench/catalog/export');
      return {
        url: '/api/workbench/catalog/import',
        payload: res.rawPayload,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      };
    }),
  },
  ...listEntries(),

  // ----- inspection (city 市场监管局) -----
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
      const done = new Set((await env.database.db.select().from(inspectionResults)).map((r) => r.assignmentId));
      const open = (await env.database.db.select().from(inspectionAssignments)).find((a) => a.inspectorIds.includes(me) && !done.has(a.id));
      if (!open) throw new Error('scjg.inspector1 has no open assignment');
      return { url: `/api/workbench/inspection/assignments/${open.id}/result`, payload: { outcome: 'normal', inspectedOn: '2026-11-02' } };
    }),
  },

  // ----- hotline: admin (city-wide tables) -----
  'POST /api/admin/hotline/categories': {
    ...cityAdmin,
    req: () => ({ url: '/api/admin/hotline/categories', payload: { code: `matrix.test${next()}`, name: '矩阵测试分类' } }),
  },
  'PATCH /api/admin/hotline/categories/:id': {
    ...cityAdmin,
    req: async () => {
      const [cat] = await env.database.db.select().from(hotlineCategories).limit(1);
      return { url: `/api/admin/hotline/categories/${cat!.id}`, payload: { name: cat!.name } };
    },
  },
  'POST /api/admin/hotline/knowledge': {
    ...cityAdmin,
    req: () => ({ url: '/api/admin/hotline/knowledge', payload: { title: '矩阵测试条目', body: '矩阵测试内容' } }),
  },
  'PATCH /api/admin/hotline/knowledge/:id': {
    ...cityAdmin,
    req: once(async () => ({
      url: `/api/admin/hotline/knowledge/${(await ok('it.admin', 'POST', '/api/admin/hotline/knowledge', { title: '矩阵测试条目二', body: '矩阵测试内容' })).id}`,
      payload: { body: '矩阵测试内容（改）' },
    })),
  },
  'PUT /api/admin/hotline/limits/:kind/:urgency': {
    ...cityAdmin,
    req: async () => {
      const rows = await ok<unknown[] | { items: unknown[] }>('it.admin', 'GET', '/api/admin/hotline/limits');
      const list = (Array.isArray(rows) ? rows : rows.items) as {
        kind: string;
        urgency: string;
        conclusionUnit: string;
        conclusionAmount: number;
        signMinutes: number;
        version: number;
      }[];
      const row = list.find((r) => r.kind === 'suggestion' && r.urgency === 'normal')!;
      return {
        url: '/api/admin/hotline/limits/suggestion/normal',
        payload: { conclusionUnit: row.conclusionUnit, conclusionAmount: row.conclusionAmount, signMinutes: row.signMinutes, version: row.version },
      };
    },
  },
  'POST /api/admin/hotline/api-keys': {
    ...admin,
    wrongDistrict: null,
    wrongDepartment: null,
    na: 'a new key belongs to the scope of whoever issues it: there is no foreign object to target',
    req: () => ({ url: '/api/admin/hotline/api-keys', payload: { name: '明湖区 311 应用' } }),
  },
  'DELETE /api/admin/hotline/api-keys/:id': {
    ...admin,
    req: once(async () => ({
      url: `/api/admin/hotline/api-keys/${(await ok('mh.admin', 'POST', '/api/admin/hotline/api-keys', { name: '明湖区矩阵应用' })).id}`,
    })),
  },

  // ----- hotline: tickets (a 明湖区 ticket) -----
  'POST /api/workbench/hotline/tickets': {
    right: 'rx.operator',
    wrongDistrict: null,
    wrongDepartment: null,
    lower: 'supervisor',
    na: 'taking a call creates a ticket in the operator’s own center: there is no foreign object to target',
    req: () => ({
      url: '/api/workbench/hotline/tickets',
      payload: { callerPhone: '13800009998', kind: 'inquiry', text: '社保卡补办需要什么材料？', address: '示范市明湖区湖滨街道' },
    }),
  },
  'POST /api/workbench/hotline/tickets/:id/dispatch': {
    ...center,
    req: async () => ({ url: `/api/workbench/hotline/tickets/${await ticketAt('new')()}/dispatch`, payload: { regionCode: '990102' } }),
  },
  'POST /api/workbench/hotline/tickets/:id/answer': {
    ...center,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('new')}/answer`, payload: { text: '已直接答复来电人。' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/refer': {
    ...center,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('new')}/refer`, payload: { referTo: '人民法院', reason: '涉诉事项' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/merge': {
    ...center,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('new')}/merge`, payload: { intoId: await ticket('new') } })),
    rightMay: [409, 400],
  },
  'POST /api/workbench/hotline/tickets/:id/public-text': {
    ...center,
    rightMay: [409],
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('new')}/public-text`, payload: { text: '湖滨路路灯不亮' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/sign': {
    ...handler,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('dispatched')}/sign`, payload: {} })),
  },
  'POST /api/workbench/hotline/tickets/:id/return': {
    ...handler,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('dispatched')}/return`, payload: { reason: '不属于本单位职责' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/extension': {
    ...handler,
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('signed')}/extension`, payload: { days: 3, reason: '需协调供电部门' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/reply': {
    ...handler,
    req: once(async () => ({
      url: `/api/workbench/hotline/tickets/${await ticket('signed')}/reply`,
      payload: { text: '已联系供电部门修复路灯。', photos: [] },
    })),
  },
  'POST /api/workbench/hotline/tickets/:id/extension/decision': {
    ...center,
    wrongDepartment: null,
    na: 'the center reviews: no department holds a review grant',
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('extension')}/extension/decision`, payload: { approve: true } })),
  },
  'POST /api/workbench/hotline/tickets/:id/review': {
    ...center,
    wrongDepartment: null,
    na: 'the center reviews: no department holds a review grant',
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('replied')}/review`, payload: { pass: true } })),
  },
  'POST /api/workbench/hotline/tickets/:id/urge': {
    right: 'supervisor',
    wrongDistrict: 'dl.supervisor',
    wrongDepartment: null,
    lower: 'rx.operator',
    na: 'supervisors hold city- or district-wide grants, not department ones',
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('dispatched')}/urge`, payload: { note: '请尽快办理' } })),
  },
  'POST /api/workbench/hotline/tickets/:id/follow-up': {
    right: 'rx.operator',
    wrongDistrict: 'dl.hotline',
    wrongDepartment: null,
    lower: 'mh.street.handler',
    na: 'the center follows up: no department holds a follow-up grant',
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('concluded')}/follow-up`, payload: { solved: true, satisfaction: 5 } })),
  },
  'POST /api/workbench/hotline/tickets/:id/reopen': {
    right: 'rx.operator',
    wrongDistrict: 'dl.hotline',
    wrongDepartment: null,
    lower: 'mh.street.handler',
    na: 'the center follows up: no department holds a follow-up grant',
    req: once(async () => ({ url: `/api/workbench/hotline/tickets/${await ticket('closed')}/reopen`, payload: { reason: '问题没有解决' } })),
  },
};

/** The three lists (收费目录, 权责清单, 中介服务清单): entries of the city 市场监管局. */
function listEntries(): Record<string, Entry> {
  const bodies = {
    fees: {
      name: '矩阵测试登记费',
      kind: 'administrative_fee',
      basis: '测试依据',
      standard: '每件 10 元',
      collectingDepartmentId: dept.scjg,
      effectiveFrom: '2020-01-01',
    },
    powers: {
      name: '对矩阵测试行为的行政处罚',
      powerType: '行政处罚',
      basis: '《测试法》第一条',
      responsibilities: '立案、调查、决定',
      accountability: '依法追责',
      departmentId: dept.scjg,
    },
    intermediaries: {
      name: '矩阵测试评估报告编制',
      basis: '《测试办法》',
      requiredFor: '矩阵测试审批',
      providerRequirements: '不作资质要求',
      departmentId: dept.scjg,
      departmentName: '示范市市场监督管理局',
    },
  } as const;
  const out: Record<string, Entry> = {};
  for (const [list, body] of Object.entries(bodies)) {
    const base = `/api/workbench/catalog/${list}`;
    const existing = (tag: string) =>
      once(async () => {
        const created = await ok('zwfw.catalog', 'POST', base, { ...body, code: `MX-${list}-${tag}` });
        return created as { code: string; version: number };
      });
    const forPut = existing('put');
    const forRetire = existing('retire');
    out[`POST ${base}`] = { ...catalogReviewer, req: () => ({ url: base, payload: { ...body, code: `MX-${list}-new${next()}` } }) };
    out[`PUT ${base}/:code`] = {
      ...catalogReviewer,
      req: async () => ({ url: `${base}/${(await forPut()).code}`, payload: { ...body, version: (await forPut()).version } }),
    };
    out[`POST ${base}/:code/retire`] = {
      ...catalogReviewer,
      req: async () => ({ url: `${base}/${(await forRetire()).code}/retire`, payload: { reason: '已取消', version: (await forRetire()).version } }),
    };
  }
  return out;
}

/** Write routes that are not staff powers: the person's own data, sign-in, the public and Open311 intakes. */
const notStaffWrites: Record<string, string> = {
  'POST /api/auth/login': 'sign-in',
  'POST /api/auth/logout': 'sign-out',
  'POST /api/auth/password': 'own password',
  'POST /api/me/messages/:id/read': 'own messages',
  'POST /api/me/messages/read-all': 'own messages',
  'POST /api/cases/uploads': 'own uploads',
  'PUT /api/cases/drafts/:implementationCode': 'own drafts',
  'DELETE /api/cases/drafts/:implementationCode': 'own drafts',
  'POST /api/hotline/photos': 'own uploads',
  'POST /api/public/hotline/tickets': 'public 12345 form',
  'POST /api/public/hotline/follow-up/:token': 'the caller answering a follow-up SMS (the token is the scope)',
  'POST /api/public/certificates/:identifier/verify': 'public verification with the printed code',
  'POST /open311/v2/requests.json': 'Open311 intake (API key)',
  'POST /open311/v2/requests.xml': 'Open311 intake (API key)',
};

/**
 * Cells that fail on today's code, each with the area that owns the fix. A listed cell that passes
 * fails the test: remove it from here when the fix lands.
 */
const knownGaps: Record<string, string> = {};

const isStaffWrite = (key: string) =>
  /^(POST|PUT|PATCH|DELETE) \/api\/(admin|workbench)\//.test(key) ||
  /^POST \/api\/cases\/:caseNo\/actions\//.test(key) ||
  /^POST \/api\/certificates\//.test(key);

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildApp({
    config: env.config,
    database: env.database,
    calendar: env.calendar,
    log: env.log,
    modules,
    onRoute: (route: RouteOptions) => {
      for (const m of [route.method].flat()) {
        allRoutes.push(`${m} ${route.url}`);
        if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(m)) writeRoutes.push(`${m} ${route.url}`);
      }
    },
  });
  await app.ready();
  const [adminAccount] = await env.database.db.select().from(accounts).where(eq(accounts.username, 'admin'));
  for (const [username, departmentId, roleCode, regionCode, deptScoped] of extraStaff) {
    await createStaff(env.ctx, {
      username,
      name: username,
      departmentId,
      password: STRONG_PASSWORD,
      roles: [{ roleCode, regionCode, departmentId: deptScoped ? departmentId : null }],
    });
    // Sign in with the demo password, already changed.
    await env.database.db.update(accounts).set({ passwordHash: adminAccount!.passwordHash, mustChangePassword: false }).where(eq(accounts.username, username));
  }
}, 120_000);
afterAll(async () => {
  await app?.close();
  await env?.close();
});

describe('the matrix covers the route table', () => {
  it('every staff write route of the app has a matrix entry, and every entry is a route', () => {
    const uncovered = writeRoutes.filter((r) => !(r in matrix) && !(r in notStaffWrites));
    expect(uncovered, 'write routes with neither a matrix entry nor a reason in notStaffWrites').toEqual([]);
    expect(
      Object.keys(notStaffWrites).filter((r) => isStaffWrite(r)),
      'a staff write route cannot be excused',
    ).toEqual([]);
    expect(
      Object.keys(matrix).filter((r) => !allRoutes.includes(r)),
      'matrix entries for routes that do not exist',
    ).toEqual([]);
    expect(
      Object.keys(knownGaps).filter((k) => !(k.split(' × ')[0]! in matrix)),
      'known gaps of unknown routes',
    ).toEqual([]);
  });
});

function expected(entry: Entry, cell: Cell): { ok: (status: number, body: string) => boolean; text: string } {
  switch (cell) {
    case 'anonymous':
      return { ok: (s) => s === 401, text: '401' };
    case 'citizen':
    case 'lower':
      return entry.hides ? { ok: (s) => s === 403 || s === 404, text: '403 or 404' } : { ok: (s) => s === 403, text: '403' };
    case 'wrongDistrict':
    case 'wrongDepartment':
      if (entry.scopeInReport)
        return { ok: (s, b) => s === 403 || ((s === 400 || s === 422) && b.includes('out_of_scope')), text: '403, or a row report naming out_of_scope' };
      return entry.hides ? { ok: (s) => s === 403 || s === 404, text: '403 or 404' } : { ok: (s) => s === 403, text: '403' };
    case 'right':
      return { ok: (s) => (s >= 200 && s < 300) || (entry.rightMay ?? []).includes(s), text: `2xx${entry.rightMay ? ` or ${entry.rightMay.join('/')}` : ''}` };
  }
}

const rows = Object.entries(matrix).flatMap(([route, entry]) =>
  cells.map((cell) => {
    const actor = cell === 'anonymous' ? null : cell === 'citizen' ? (entry.citizen ?? 'citizen1') : entry[cell];
    return { route, cell, actor, entry };
  }),
);

describe.each(Object.keys(matrix))('%s', (route) => {
  const routeRows = rows.filter((r) => r.route === route);
  it.each(routeRows.map((r) => [r.cell, r] as const))('%s', async (cell, { entry, actor }) => {
    if (actor === null && cell !== 'anonymous') {
      expect(entry.na, `${route} × ${cell} does not apply: say why in na`).toBeTruthy();
      return;
    }
    const [method] = route.split(' ') as [Method];
    const req = await entry.req();
    const res = await call(actor, method, req.url, req.payload, req.headers);
    const want = expected(entry, cell);
    const passed = want.ok(res.statusCode, res.body);
    const gap = knownGaps[`${route} × ${cell}`];
    const detail = `${route} as ${actor ?? 'anonymous'} (${cell}) → ${res.statusCode} ${res.body.slice(0, 300)}`;
    if (gap) expect(passed, `known gap (${gap}) now passes: remove it from knownGaps. ${detail}`).toBe(false);
    else expect(passed, `expected ${want.text}. ${detail}`).toBe(true);
  });
});
