import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { countStatements } from '../../platform/db/index.ts';
import { searchItems } from '../catalog/index.ts';
import { bindWorkflow, saveWorkflow } from './service.ts';

// Case numbers from reserved blocks (docs/decisions/0007-case-numbers-from-reserved-blocks.md) and
// the submit's cached reference data.

let t: TestApp;
let code: string; // 灵活就业人员参保登记 (one material, on the 容缺 list below: no upload needed)
let cookie: string;

const form = {
  insurances: 'pension_and_medical',
  baseLevel: 60,
  startMonth: '2026-12-01',
  contactPhone: '13800001111',
  contactAddress: '示范市明湖区湖滨街道湖滨路 8 号',
};
const submit = (formData: Record<string, unknown> = form) =>
  t.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie }, payload: { implementationCode: code, formData } });
const setDeferrals = async (materials: string[]) => {
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/admin/deferrals/${code}`,
    headers: { cookie: await t.login('it.admin') },
    payload: { materials },
  });
  expect(res.statusCode, res.body).toBe(200);
};
const serialOf = (caseNo: string) => Number(caseNo.slice(code.length + 8));

beforeAll(async () => {
  t = await createTestApp();
  const page = await searchItems(t.ctx, { q: '灵活就业人员参保登记', region: '990100', page: 1, pageSize: 50 } as never);
  code = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find(
    (i) => i.name === '灵活就业人员参保登记' && i.regionCode === '990100',
  )!.implementationCode;
  cookie = await t.login('citizen1');
  await setDeferrals(['灵活就业人员参保登记表']);
});
afterAll(() => t.close());

describe('case numbers', () => {
  it('concurrent submits of one item get distinct numbers, and the 10,000th of a day has five digits', async () => {
    const day = shanghaiDate(new Date());
    await t.database.db.execute(
      sql`INSERT INTO case_serials (implementation_code, day, last) VALUES (${code}, ${day}, 9997) ON CONFLICT (implementation_code, day) DO UPDATE SET last = 9997`,
    );
    const res = await Promise.all(Array.from({ length: 8 }, () => submit()));
    for (const r of res) expect(r.statusCode, r.body).toBe(201);
    const numbers = res.map((r) => r.json().caseNo as string);
    expect(new Set(numbers).size).toBe(8);
    for (const n of numbers) expect(n.slice(code.length, code.length + 8)).toBe(day.replaceAll('-', ''));
    expect(numbers.map(serialOf).sort((a, b) => a - b)).toEqual([9998, 9999, 10000, 10001, 10002, 10003, 10004, 10005]);
    expect(numbers).toContain(`${code}${day.replaceAll('-', '')}10000`);
  });

  it('a refused submit gives its number back to the next one', async () => {
    const a = (await submit()).json().caseNo as string;
    const refused = await submit({ ...form, baseLevel: 'much' });
    expect(refused.statusCode).toBe(400);
    const b = (await submit()).json().caseNo as string;
    expect(serialOf(b)).toBe(serialOf(a) + 1);
  });
});

describe('reference data of a submit', () => {
  it('a changed 容缺 list is seen by the next submit', async () => {
    await setDeferrals([]);
    const refused = await submit();
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().code).toBe('cases.materials_missing');
    await setDeferrals(['灵活就业人员参保登记表']);
    expect((await submit()).statusCode).toBe(201);
  });

  it('a new binding and a new workflow version are used by the next case', async () => {
    const admin = await t.as('it.admin');
    const steps = [
      { key: 'accept', kind: 'accept', name: { zh: '受理', en: 'Acceptance' }, role: 'window_clerk', share: 20 },
      { key: 'decide', kind: 'decide', name: { zh: '决定', en: 'Decision' }, role: 'approver', share: 80 },
    ];
    const v1 = await saveWorkflow(admin, { code: 'quick-check', version: 1, name: { zh: '简易', en: 'Quick' }, steps });
    await bindWorkflow(admin, code, 'quick-check');
    const first = await submit();
    expect(first.statusCode, first.body).toBe(201);
    const v2 = await saveWorkflow(admin, { code: 'quick-check', version: 1, name: { zh: '简易二', en: 'Quick 2' }, steps });
    expect(v2.version).toBe(v1.version + 1);
    const second = await submit();
    const rows = await t.database.db.execute(
      sql`SELECT case_no, workflow_code, workflow_version FROM cases WHERE case_no IN (${first.json().caseNo}, ${second.json().caseNo}) ORDER BY workflow_version`,
    );
    expect((rows as unknown as { rows: { workflow_code: string; workflow_version: number }[] }).rows).toEqual([
      expect.objectContaining({ workflow_code: 'quick-check', workflow_version: v1.version }),
      expect.objectContaining({ workflow_code: 'quick-check', workflow_version: v2.version }),
    ]);
    await bindWorkflow(admin, code, 'default');
  });

  it('a warm submit sends no statement for workflows, department, 容缺 list or case number', async () => {
    await submit();
    const { value, statements } = await countStatements(t.database, () => submit());
    expect(value.statusCode).toBe(201);
    // session, catalog (2), applicant, case (and the draft, in one statement), site message, phone, SMS, audit (+1 under test: the unaudited-write check;
    // +2 on PostgreSQL, where Drizzle sends BEGIN and COMMIT as statements of its own)
    expect(statements).toBeLessThanOrEqual(10 + (t.database.kind === 'postgres' ? 2 : 0));
  });
});
