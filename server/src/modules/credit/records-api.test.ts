import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { demoIdNumber } from '../identity/index.ts';
import { demoDepartmentId } from '../org/index.ts';
import { DEMO_HONOR } from './seed.ts';
import { creditRecords } from './tables.ts';

/**
 * Issue 18: records filed by a department system through the API (client credentials, scope
 * api:credit.records): the file import's rows as JSON, all or nothing, idempotent by sourceRef, audited.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const url = '/api/credit/records/import';
const scjg = demoDepartmentId('scjg', '990100');

/** A 市场监管局 system registered by the IT office with `scopes`, and a bearer token for it. */
async function systemToken(scopes: string[]): Promise<Record<string, string>> {
  const cookie = await t.login('it.admin');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/admin/oidc-clients',
    headers: { cookie },
    payload: { name: `示范市市场监管执法系统 ${scopes.join(' ')}`, departmentId: scjg, grantTypes: ['client_credentials'], scopes },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { clientId, clientSecret } = created.json() as { clientId: string; clientSecret: string };
  const token = await t.app.inject({
    method: 'POST',
    url: '/oidc/token',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: `grant_type=client_credentials&scope=${encodeURIComponent(scopes.join(' '))}`,
  });
  expect(token.statusCode, token.body).toBe(200);
  return { authorization: `Bearer ${(token.json() as { access_token: string }).access_token}` };
}

const rows = [
  {
    subjectKind: 'entity',
    uscc: DEMO_HONOR,
    name: '示范市明湖餐饮管理有限公司',
    kind: 'penalty',
    title: '接口报送的处罚',
    legalBasis: '《行政处罚法》',
    decidedOn: '2026-09-29',
    department: '示范市市场监督管理局',
    sourceRef: 'API-1',
  },
  {
    subjectKind: 'person',
    idNumber: demoIdNumber(0),
    name: '张明',
    kind: 'licence',
    title: '接口报送的许可',
    legalBasis: '《行政许可法》',
    decidedOn: '2026-09-29',
    department: '示范市市场监督管理局',
    sourceRef: 'API-2',
  },
];
const apiRecords = () => t.database.db.select().from(creditRecords).where(like(creditRecords.sourceRef, 'API-%'));

describe('records by API from a department system', () => {
  it('files the rows of a client with the scope once, refuses bad rows whole, and refuses clients without the scope and staff sessions', async () => {
    const bearer = await systemToken(['api:credit.records']);
    const post = (payload: unknown, headers = bearer) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });

    // Bad rows: a 422 listing each one (row n is the n-th element), nothing written.
    const bad = await post({
      records: [rows[0], { ...rows[1], idNumber: '123', sourceRef: 'API-3' }, { ...rows[0], decidedOn: 'yesterday', sourceRef: 'API-4' }],
    });
    expect(bad.statusCode, bad.body).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'credit.import_invalid', badRowCount: 2 });
    expect(bad.json().badRows).toEqual([
      { row: 2, field: 'idNumber', code: 'invalid' },
      { row: 3, field: 'decidedOn', code: 'invalid' },
    ]);
    expect(await apiRecords()).toEqual([]);

    // Good rows: filed, due for 双公示 7 working days on (across the National Day holiday).
    const first = await post({ records: rows });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ imported: 2, skipped: 0 });
    const filed = await apiRecords();
    expect(filed.map((r) => [r.sourceRef, r.source, r.disclosureDue]).sort()).toEqual([
      ['API-1', 'import', '2026-10-14'],
      ['API-2', 'import', '2026-10-14'],
    ]);
    expect(JSON.stringify(filed)).not.toContain(demoIdNumber(0));

    // The same rows again: filed once.
    const again = await post({ records: rows });
    expect(again.json()).toEqual({ imported: 0, skipped: 2 });
    expect(await apiRecords()).toHaveLength(2);

    // Audited, with the way the rows came.
    const audits = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'credit.record.import'), eq(auditEvents.actorKind, 'api-client')));
    expect(audits.map((a) => a.summary)).toEqual([
      { via: 'api', rows: 2, filed: 2 },
      { via: 'api', rows: 2, filed: 0 },
    ]);

    // A client without the scope: 403; a staff session (even the credit office): refused; no token: 401.
    const other = await systemToken(['api:cases.read']);
    expect((await post({ records: rows }, other)).statusCode).toBe(403);
    const staff = await post({ records: rows }, { cookie: await t.login('credit.officer') });
    expect(staff.statusCode).toBe(403);
    expect((await post({ records: rows }, {})).statusCode).toBe(401);
  });
});
