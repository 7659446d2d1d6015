/**
 * The production install exactly as docs/operations.md ("Production install") tells an IT office:
 * an empty database, NODE_ENV=production, first start (on PostgreSQL: two processes at once),
 * then everything through the public HTTP API of the real `serve` processes — admin signs in and is
 * made to change the password, creates the city's regions, a department, a staff member with
 * roles and a citizen account; the staff member publishes a service item with a workflow; the
 * citizen applies online and the case reaches the staff member's to-do list.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { completeIdNumber, completeUscc } from '../../src/platform/validators.ts';
import { adminQuery, createStorage, killAll, onPostgres, runCli, startServer, type ServerProc, type Storage } from './procs.ts';

afterAll(killAll);

const ADMIN_PASSWORD = 'Kv3-first-Start-Harbor';
const ADMIN_NEW_PASSWORD = 'Rq8-north-Lantern-Field';

/** What docs/operations.md sets, nothing else (no demo password: a production install has no demo accounts). */
function productionEnv(storage: Storage, extra: Record<string, string> = {}): Record<string, string> {
  return { ...storage.env, NODE_ENV: 'production', ADMIN_PASSWORD, DEMO_PASSWORD: '', ...extra };
}

interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  cookie?: string;
}

/** One HTTP client over one or more processes of the same installation (requests alternate between them). */
function client(servers: ServerProc[]) {
  let turn = 0;
  return async function call(method: string, path: string, opts: { cookie?: string; body?: unknown } = {}): Promise<Reply> {
    const server = servers[turn++ % servers.length]!;
    const headers: Record<string, string> = { 'accept-language': 'en' };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${server.url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const text = await res.text();
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, cookie: cookies.length ? cookies.join('; ') : undefined };
  };
}

type Call = ReturnType<typeof client>;

async function signIn(call: Call, username: string, password: string): Promise<{ cookie: string; me: Record<string, unknown> }> {
  const res = await call('POST', '/api/auth/login', { body: { username, password } });
  expect(res.status, `login ${username}: ${JSON.stringify(res.body)}`).toBe(200);
  expect(res.cookie).toBeTruthy();
  return { cookie: res.cookie!, me: res.body.me };
}

/** The processes of the journey under way: a 5xx shows their log lines about the request (CI shows nothing else). */
let journeyServers: ServerProc[] = [];

function serverLinesAbout(res: Reply): string {
  if (res.status < 500) return '';
  const id = (res.body as { requestId?: string } | null)?.requestId;
  const lines = journeyServers.flatMap((s) => s.output().split('\n')).filter((l) => (id ? l.includes(id) : /error/i.test(l)));
  return `\nserver log:\n${lines.slice(-20).join('\n')}`;
}

function expectStatus(res: Reply, status: number, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}${serverLinesAbout(res)}`).toBe(status);
  return res.body;
}

async function theInstallJourney(servers: ServerProc[]) {
  journeyServers = servers;
  const call = client(servers);

  // --- a production first start: no demo data, no demo accounts in the banner -------------------
  for (const s of servers) {
    expect(s.output()).not.toMatch(/Demo accounts|Demo password|demo-password/i);
  }
  expect(servers.map((s) => s.output()).join('\n')).toMatch(/the only account is admin/);
  expectStatus(await call('POST', '/api/auth/login', { body: { username: 'citizen1', password: 'demo-Passw0rd!' } }), 401, 'no demo citizen');
  expect(expectStatus(await call('GET', '/api/public/departments'), 200, 'public departments').total).toBe(0);

  // --- admin signs in with ADMIN_PASSWORD and must change it first -------------------------------
  let admin = await signIn(call, 'admin', ADMIN_PASSWORD);
  expect(admin.me).toMatchObject({ username: 'admin', mustChangePassword: true, staff: { departmentName: '平台管理' } });
  expect(expectStatus(await call('GET', '/api/admin/departments', { cookie: admin.cookie }), 403, 'before the password change').code).toBe(
    'auth.password_change_required',
  );
  expectStatus(
    await call('POST', '/api/auth/password', { cookie: admin.cookie, body: { currentPassword: ADMIN_PASSWORD, newPassword: ADMIN_NEW_PASSWORD } }),
    204,
    'admin changes the password',
  );
  expectStatus(await call('POST', '/api/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } }), 401, 'the initial password is gone');
  admin = await signIn(call, 'admin', ADMIN_NEW_PASSWORD);
  expect(admin.me.mustChangePassword).toBe(false);
  const asAdmin = (method: string, path: string, body?: unknown) => call(method, path, { cookie: admin.cookie, body });

  // --- the city's regions, a department, a staff member with roles, a citizen account -----------
  for (const r of [
    { code: '990000', name: '示范省', level: 'province', parentCode: null },
    { code: '990100', name: '示范市', level: 'city', parentCode: '990000' },
    { code: '990102', name: '明湖区', level: 'district', parentCode: '990100' },
    { code: '990102001', name: '湖滨街道', level: 'street', parentCode: '990102' },
  ]) {
    expectStatus(await asAdmin('POST', '/api/admin/regions', r), 201, `region ${r.code}`);
  }
  const department = expectStatus(
    await asAdmin('POST', '/api/admin/departments', {
      name: '示范市市场监督管理局',
      shortName: '市场监管局',
      uscc: completeUscc('11990100MB0000001'),
      regionCode: '990100',
      kind: 'scjg',
      phone: '0999-12345',
      address: '示范市市民大道 100 号',
    }),
    201,
    'department',
  );
  expect(expectStatus(await call('GET', '/api/public/departments'), 200, 'public departments').items.map((d: { name: string }) => d.name)).toEqual([
    '示范市市场监督管理局',
  ]);

  const STAFF_INITIAL = 'Tn5-initial-Copper-Gate';
  const STAFF_PASSWORD = 'Wb2-staff-Meadow-Signal';
  const scoped = (roleCode: string) => ({ roleCode, departmentId: department.id, regionCode: '990100' });
  const staff = expectStatus(
    await asAdmin('POST', '/api/admin/staff', {
      username: 'li.shouli',
      name: '李受理',
      departmentId: department.id,
      password: STAFF_INITIAL,
      roles: [scoped('window_clerk'), scoped('reviewer'), scoped('approver'), scoped('catalog_editor'), { roleCode: 'catalog_reviewer', regionCode: '990100' }],
    }),
    201,
    'staff member',
  );
  expect(staff.roles).toHaveLength(5);

  const CITIZEN_INITIAL = 'Hc6-initial-Willow-Bay';
  const CITIZEN_PASSWORD = 'Jm9-citizen-Orchard-Lake';
  const idNumber = completeIdNumber('99010219880512341');
  const citizenAccount = expectStatus(
    await asAdmin('POST', '/api/admin/persons', {
      username: 'zhang.wei',
      name: '张伟',
      idNumber,
      phone: '13700007777',
      address: '示范市明湖区湖滨街道湖滨路 18 号',
      regionCode: '990102001',
      password: CITIZEN_INITIAL,
    }),
    201,
    'citizen account',
  );
  expect(citizenAccount.person.idNumberMasked).toBe(`9901**********${idNumber.slice(-4)}`);

  // --- the staff member signs in, changes the password, publishes a service item ------------------
  const first = await signIn(call, 'li.shouli', STAFF_INITIAL);
  expect(first.me.mustChangePassword).toBe(true);
  expectStatus(
    await call('POST', '/api/auth/password', { cookie: first.cookie, body: { currentPassword: STAFF_INITIAL, newPassword: STAFF_PASSWORD } }),
    204,
    'staff changes the password',
  );
  const clerk = await signIn(call, 'li.shouli', STAFF_PASSWORD);
  const asClerk = (method: string, path: string, body?: unknown) => call(method, path, { cookie: clerk.cookie, body });

  expectStatus(
    await asClerk('POST', '/api/workbench/catalog/items', {
      baseCode: '000123456000',
      name: '个体工商户名称变更登记',
      itemType: 'licensing',
      subjectTypes: ['person'],
      themes: ['开办企业'],
      keywords: ['个体户'],
      legalBasis: '《促进个体工商户发展条例》第九条',
    }),
    201,
    'base catalog item',
  );
  const guide = {
    acceptanceConditions: ['已登记的个体工商户'],
    materials: [{ name: '变更登记申请书', form: 'electronic', required: true, source: 'commitment' }],
    process: [
      { step: '受理', description: '网上提交申请' },
      { step: '审查', description: '审查材料' },
      { step: '决定', description: '作出决定' },
    ],
    statutoryLimitDays: 15,
    promisedLimitDays: 5,
    processingType: 'promised',
    visitsRequired: 0,
    onlineDepth: [1, 2, 3, 4, 5],
    doNow: false,
    doOnline: true,
    doInOneVisit: true,
    places: [{ name: '示范市市民之家', address: '示范市市民大道 100 号', hours: '工作日 9:00-17:00' }],
    phones: { inquiry: '0999-12345', complaint: '12345' },
    result: { name: '营业执照', type: 'certificate' },
    delivery: ['electronic', 'pickup'],
  };
  const impl = expectStatus(
    await asClerk('POST', '/api/workbench/catalog/implementations', { baseCode: '000123456000', departmentId: department.id, guide }),
    201,
    'implementation',
  );
  const code: string = impl.implementationCode;
  expectStatus(await asClerk('POST', `/api/workbench/catalog/implementations/${code}/draft/submit`), 200, 'submit for review');
  expectStatus(await asClerk('POST', `/api/workbench/catalog/implementations/${code}/submitted/publish`, {}), 200, 'publish');
  // The workflow: the standard one (受理 → 审查 → 决定 → 出件 → 送达), bound explicitly by the admin.
  expect(expectStatus(await asAdmin('GET', '/api/admin/workflows/default'), 200, 'default workflow').steps.map((s: { role: string }) => s.role)).toEqual([
    'window_clerk',
    'reviewer',
    'approver',
    'window_clerk',
    'window_clerk',
  ]);
  expectStatus(await asAdmin('PUT', `/api/admin/workflows/bindings/${code}`, { workflowCode: 'default' }), 204, 'workflow binding');

  // --- the citizen signs in, changes the password and applies online ------------------------------
  const initial = await signIn(call, 'zhang.wei', CITIZEN_INITIAL);
  expect(initial.me).toMatchObject({ kind: 'person', mustChangePassword: true });
  expectStatus(
    await call('POST', '/api/auth/password', { cookie: initial.cookie, body: { currentPassword: CITIZEN_INITIAL, newPassword: CITIZEN_PASSWORD } }),
    204,
    'citizen changes the password',
  );
  const citizen = await signIn(call, 'zhang.wei', CITIZEN_PASSWORD);
  const asCitizen = (method: string, path: string, body?: unknown) => call(method, path, { cookie: citizen.cookie, body });

  const found = expectStatus(await call('GET', `/api/catalog/items?q=${encodeURIComponent('个体工商户')}`), 200, 'catalog search');
  expect(found.items.map((i: { implementationCode: string }) => i.implementationCode)).toContain(code);
  const form = expectStatus(await asCitizen('GET', `/api/cases/forms/${code}`), 200, 'application form');
  expect(form.prefill).toMatchObject({ applicantName: { value: '张伟', locked: true } });
  const filed = expectStatus(
    await asCitizen('POST', '/api/cases', {
      implementationCode: code,
      guideVersion: form.guideVersion,
      formData: { applicantName: '张伟', contactPhone: '13700007777', contactAddress: '示范市明湖区湖滨街道湖滨路 18 号' },
      materials: [{ name: '变更登记申请书', commitment: true }],
      delivery: 'electronic',
    }),
    201,
    'online application',
  );
  expect(filed).toMatchObject({ implementationCode: code, status: expect.any(String) });
  const mine = expectStatus(await asCitizen('GET', '/api/cases?mine=1'), 200, 'my cases');
  expect(mine.items.map((c: { caseNo: string }) => c.caseNo)).toEqual([filed.caseNo]);
  const todo = expectStatus(await asClerk('GET', '/api/workbench/todo'), 200, 'to-do');
  expect(todo.items.map((c: { caseNo: string }) => c.caseNo)).toContain(filed.caseNo);
  return { caseNo: filed.caseNo as string };
}

describe.runIf(onPostgres)('production install on PostgreSQL (docs/operations.md)', () => {
  it('empty database, NODE_ENV=production, two processes at once: admin installs the city and a citizen applies online', { timeout: 900_000 }, async () => {
    const storage = await createStorage('postgres');
    try {
      // Several processes share the keys from the environment (docs/operations.md).
      const keys = {
        SESSION_SECRET: randomBytes(32).toString('hex'),
        DATA_KEY: randomBytes(32).toString('hex'),
        SIGNING_PRIVATE_KEY: randomBytes(32).toString('hex'),
      };
      const env = productionEnv(storage, keys);
      const [a, b] = await Promise.all([startServer(env), startServer(env)]);
      await Promise.all([a.waitReady(), b.waitReady()]);
      await theInstallJourney([a, b]);

      const url = storage.databaseUrl!;
      const seeded = await adminQuery<{ kind: string }>(url, `SELECT value->>'kind' AS kind FROM system_meta WHERE key = 'seeded'`);
      expect(seeded).toEqual([{ kind: 'admin-only' }]);
      const admins = await adminQuery<{ n: number }>(url, `SELECT count(*)::int AS n FROM accounts WHERE username = 'admin'`);
      expect(admins[0]!.n).toBe(1);
      const platform = await adminQuery<{ n: number }>(url, `SELECT count(*)::int AS n FROM departments WHERE region_path = ''`);
      expect(platform[0]!.n).toBe(1);

      // A restart reuses the data and still shows no demo accounts.
      await Promise.all([a.kill('SIGTERM'), b.kill('SIGTERM')]);
      const again = await startServer(env);
      await again.waitReady();
      expect(again.output()).not.toMatch(/Demo accounts|Demo password|demo-password/i);
      expect(again.output()).not.toMatch(/First start/);
      await again.kill('SIGTERM');
      const audit = await runCli(['audit', 'verify'], env);
      expect(audit.stdout).toMatch(/audit chain intact/);
    } finally {
      killAll();
      await storage.dispose();
    }
  });
});

describe.runIf(!onPostgres)('production install on PGlite (NODE_ENV=production, no DATABASE_URL)', () => {
  it('first start seeds only admin; admin installs the city and a citizen applies online', { timeout: 900_000 }, async () => {
    const storage = await createStorage('pglite');
    try {
      const server = await startServer(productionEnv(storage));
      await server.waitReady();
      await theInstallJourney([server]);
      await server.kill('SIGTERM');
    } finally {
      killAll();
      await storage.dispose();
    }
  });
});
