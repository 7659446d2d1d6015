/**
 * The scope matrix (issue 11 §2): every staff write route × an actor of the right scope, the wrong
 * district, the wrong department, a lower role, a citizen and anonymous → the expected status.
 *
 * The routes come from the built app itself (buildApp's onRoute hook): a write route (POST, PUT,
 * PATCH, DELETE) under /api/admin, /api/workbench, /api/cases/:caseNo/actions or
 * /api/certificates/:identifier must have a row in `matrix`, assembled below from the row tables in
 * scope-matrix/<module>-rows.ts, or be listed in `notStaffWrites` with the reason it is not a staff
 * write; otherwise the first test fails. Each cell is a named test.
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
import type { FastifyInstance, RouteOptions } from 'fastify';
import { createTestEnv, type TestEnv } from '../harness.ts';
import { buildApp } from '../../src/app.ts';
import { modules } from '../../src/modules/index.ts';
import { accounts } from '../../src/modules/identity/tables.ts';
import { createStaff } from '../../src/modules/identity/staff-service.ts';
import { extraStaff } from './scope-matrix/actors.ts';
import { appointmentsRows } from './scope-matrix/appointments-rows.ts';
import { calendarAuditRows } from './scope-matrix/calendar-audit-rows.ts';
import { casesRows } from './scope-matrix/cases-rows.ts';
import { catalogRows } from './scope-matrix/catalog-rows.ts';
import { creditRows } from './scope-matrix/credit-rows.ts';
import { evaluationRows } from './scope-matrix/evaluation-rows.ts';
import { hotlineRows } from './scope-matrix/hotline-rows.ts';
import { identityRows } from './scope-matrix/identity-rows.ts';
import { inspectionRows } from './scope-matrix/inspection-rows.ts';
import { call, STRONG_PASSWORD, useMatrixApp, type Entry, type Method, type RowTable } from './scope-matrix/matrix-kit.ts';
import { orgRows } from './scope-matrix/org-rows.ts';
import { oidcRows } from './scope-matrix/oidc-rows.ts';
import { supervisionRows } from './scope-matrix/supervision-rows.ts';
import { dataRows } from './scope-matrix/data-rows.ts';
import { deliveryRows } from './scope-matrix/delivery-rows.ts';
import { paymentsRows } from './scope-matrix/payments-rows.ts';
import { paymentWaitRows } from './scope-matrix/payment-wait-rows.ts';

type Cell = 'anonymous' | 'citizen' | 'lower' | 'wrongDepartment' | 'wrongDistrict' | 'right';
/** Denials first, the right actor last: a denied write changes nothing, so all cells share one target. */
const cells: Cell[] = ['anonymous', 'citizen', 'lower', 'wrongDepartment', 'wrongDistrict', 'right'];

/** One table of every row; a route in two tables would hide one of its rows, so that is an error. */
function assemble(...tables: RowTable[]): RowTable {
  const all: RowTable = {};
  for (const table of tables)
    for (const [route, entry] of Object.entries(table)) {
      if (route in all) throw new Error(`${route} has a row in two tables of the scope matrix`);
      all[route] = entry;
    }
  return all;
}
// Cells run in this order, and rows change state that later rows see (memoised fixtures, deferrals): keep it.
const matrix = assemble(
  orgRows,
  identityRows,
  calendarAuditRows,
  casesRows,
  catalogRows,
  inspectionRows,
  hotlineRows,
  evaluationRows,
  supervisionRows,
  oidcRows,
  appointmentsRows,
  creditRows,
  dataRows,
  deliveryRows,
  paymentsRows,
  paymentWaitRows,
);

let env: TestEnv;
let app: FastifyInstance;
const writeRoutes: string[] = [];
const allRoutes: string[] = [];

/** Write routes that are not staff powers: the person's own data, sign-in, the public and Open311 intakes. */
const notStaffWrites: Record<string, string> = {
  'POST /api/auth/login': 'sign-in',
  'POST /api/auth/logout': 'sign-out',
  'POST /api/auth/password': 'own password',
  'POST /api/auth/sms-code': 'a one-time code to a mobile number (anonymous; limited per number and address)',
  'POST /api/auth/register': 'a citizen registering their own account',
  'POST /api/account/real-name': 'own real-name verification',
  'DELETE /api/account/sessions/:id': 'own sessions',
  'POST /api/account/sessions/sign-out-everywhere': 'own sessions',
  'POST /api/account/mobile': 'own mobile number',
  'POST /api/account/close': 'own account',
  'POST /api/account/enterprises': "a legal representative opening their enterprise's account (checked with the market register)",
  'POST /api/account/acting-for': 'own session: acting for an enterprise that authorised me',
  'POST /api/account/enterprises/:id/agents': "the enterprise's legal representative (the enterprise is the scope)",
  'DELETE /api/account/enterprises/:id/agents/:personId': "the enterprise's legal representative (the enterprise is the scope)",
  'POST /api/me/messages/:id/read': "own messages (a unit's message: marked read for the reader alone, 404 to another department's staff: staff-inbox.test.ts)",
  'POST /api/me/messages/read-all': "own messages and the reader's read state of their units' messages",
  'POST /api/cases/uploads': 'own uploads',
  'POST /api/cases/:caseNo/evaluation': "the case's applicant evaluating it (the case is the scope)",
  'POST /api/cases/:caseNo/evaluation/rectification-rating': 'the reviewer rating the rectification of their own evaluation',
  'PUT /api/cases/drafts/:implementationCode': 'own drafts',
  'DELETE /api/cases/drafts/:implementationCode': 'own drafts',
  'POST /api/hotline/photos': 'own uploads',
  'POST /api/public/hotline/tickets': 'public 12345 form',
  'POST /api/public/hotline/photos': "an anonymous caller's photo for a request (limited per address; only the key it answers attaches it)",
  'POST /api/public/hotline/lookup': 'an anonymous caller looking up a request by number and phone (a read; POST keeps the phone out of the address)',
  'POST /api/public/evaluation/:token':
    'rating by a one-time link (SMS after conclusion or a window visit code; the token is the scope; a staff session is refused)',
  'POST /api/public/hotline/follow-up/:token': 'the caller answering a follow-up SMS (the token is the scope)',
  'POST /api/public/certificates/:identifier/verify': 'public verification with the printed code',
  'POST /api/public/appointments/halls/:hallId/tickets':
    "the hall's kiosk: a queue ticket holding no personal data (with a booking code or for a window group)",
  'POST /api/credit/lists/:id/objection': "the notified subject objecting to its own listing (the entry's subject is the scope)",
  'POST /api/credit/records/import':
    'records filed by API: department systems only (a bearer token of an OIDC client with api:credit.records); a staff session is refused (credit.api_only)',
  'POST /api/data/exchange/query':
    'the sharing API: department systems only (a bearer token of an OIDC client with api:data.exchange, scoped to its department); a staff session is refused (data.api_only)',
  'POST /api/data/exchange/certificates':
    'the certificate look-up of the sharing API: department systems only (OIDC client with api:data.exchange, scoped to its department, within an approval and the holder’s consent); a staff session is refused (data.api_only)',
  'POST /api/data/my-consents': 'a person or enterprise granting or revoking consent to sharing its own certificates (the holder is the scope)',
  'POST /api/credit/repairs': "a person or enterprise applying to repair its own credit record (the record's subject is the scope)",
  'POST /api/public/credit/reports': "anyone's request for an entity's credit report (public credit information only; rate-limited, audited)",
  'POST /api/credit/mine/report': 'an enterprise asking for its own credit report (its own USCC is the scope)',
  'POST /api/public/credit/reports/verify': 'anyone verifying a credit report code (writes nothing)',
  'POST /api/appointments/bookings': 'a person booking a slot for themself',
  'POST /api/appointments/bookings/:id/change': 'own booking',
  'POST /api/appointments/bookings/:id/cancel': 'own booking',
  'POST /api/payments/orders': 'the applicant opening the payment order of their own case (the case is the scope)',
  'POST /api/payments/orders/:orderNo/pay': 'the payer paying their own order (simulated gateway)',
  'POST /api/payments/callbacks/:gateway': "a payment gateway's notice (its HMAC-SM3 signature is the check; no session)",
  'POST /api/delivery/addresses': 'own address book',
  'PUT /api/delivery/addresses/:id': 'own address book',
  'DELETE /api/delivery/addresses/:id': 'own address book',
  'POST /api/delivery/orders': 'the applicant arranging delivery for their own case (the case is the scope)',
  'PUT /api/life-events/applications/:bundleNo/delivery':
    'the applicant asking for one delivery of their own 一件事 application’s results (the application is the scope)',
  'POST /api/delivery/callbacks/:carrier': "a carrier's status notice (its HMAC-SM3 signature is the check; no session)",
  'POST /open311/v2/requests.json': 'Open311 intake (API key)',
  'POST /open311/v2/requests.xml': 'Open311 intake (API key)',
  'POST /oidc/*': 'the OIDC provider (token, revocation, introspection, sign-out): the client or the signed-in person is the scope (docs/oidc.md)',
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
  useMatrixApp(env, app);
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
