import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { completeIdNumber, upgradeLegacyIdNumber } from '../../platform/validators.ts';
import { findPersonByIdNumber, getPerson } from './people-service.ts';
import { demoIdNumber } from './seed.ts';

/**
 * Citizens' records through POST /api/admin/persons and the audited ID-number reading (issue 13),
 * beyond person-accounts.test.ts and personal-data.test.ts: ID number forms (legacy 15-digit,
 * lower-case x, impossible dates), the same person recognised across forms, what a record derives
 * from the number, idempotent retries, and that the full number appears nowhere but the audited read.
 */
let t: TestApp;
const cookies: Record<string, string> = {};
const as = async (username: string) => (cookies[username] ??= await t.login(username));
const register = async (payload: Record<string, unknown>, by = 'window.clerk', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/admin/persons', headers: { cookie: await as(by), ...headers }, payload });
const citizen = (username: string, idNumber: string, over: Record<string, unknown> = {}) => ({
  username,
  name: '钱芳',
  idNumber,
  regionCode: '990103001',
  password: 'Meadow-Copper-48-kite',
  ...over,
});
const reveal = async (personId: string, by: string, reason = '核对申请材料') =>
  t.app.inject({ method: 'POST', url: `/api/admin/persons/${personId}/id-number`, headers: { cookie: await as(by) }, payload: { reason } });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('ID numbers at registration', () => {
  it('a legacy 15-digit number is upgraded to 18 digits; birth date and gender come from it', async () => {
    const legacy = '990103760203456';
    const full = upgradeLegacyIdNumber(legacy);
    const res = await register(citizen('qian.fang', legacy));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().person.idNumberMasked).toBe(`9901**********${full.slice(-4)}`);
    const person = await getPerson(t.ctx, res.json().person.id);
    expect(person).toMatchObject({ name: '钱芳', birthDate: '1976-02-03', gender: 'female', regionCode: '990103001', phoneMasked: null });
    // Found again by its 18-digit form.
    expect((await findPersonByIdNumber(t.ctx, full))?.id).toBe(person.id);
  });

  it('a lower-case check letter x is the same number as X', async () => {
    // Find a valid number whose check character is X.
    let first17 = '';
    for (let n = 100; n < 1000 && !first17; n++) if (completeIdNumber(`99010319910704${n}`).endsWith('X')) first17 = `99010319910704${n}`;
    const upper = completeIdNumber(first17);
    const res = await register(citizen('sun.wei', upper.toLowerCase(), { name: '孙伟' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().person.idNumberMasked).toMatch(/X$/);
    expect((await findPersonByIdNumber(t.ctx, upper))?.id).toBe(res.json().person.id);
    // A second account for the same person in the other spelling is refused.
    expect((await register(citizen('sun.wei2', upper, { name: '孙伟' }))).json()).toMatchObject({
      status: 409,
      errors: [{ field: 'idNumber', code: 'account_exists' }],
    });
  });

  it('the same person under their legacy number is recognised: no second account for citizen1', async () => {
    const citizen1Legacy = '990102850615123';
    expect(upgradeLegacyIdNumber(citizen1Legacy)).toBe(demoIdNumber(0));
    const res = await register(citizen('zhang.ming2', citizen1Legacy, { name: '张明', regionCode: '990102001' }));
    expect(res.json()).toMatchObject({ status: 409, errors: [{ field: 'idNumber', code: 'account_exists' }] });
  });

  it('refuses impossible dates, future births, wrong lengths and letters, naming the field in zh and en', async () => {
    const future = completeIdNumber(`990103${new Date().getUTCFullYear() + 1}0101123`);
    for (const bad of [
      completeIdNumber('99010319900230123'),
      completeIdNumber('99010318991231123'),
      future,
      '9901031990010112',
      '99010319900101123A',
      '990103199001011234567',
    ]) {
      const res = await register(citizen('bad.number', bad));
      expect([bad, res.statusCode, res.json().errors?.[0]?.field]).toEqual([bad, 400, 'idNumber']);
    }
    const zh = await register(citizen('bad.number', completeIdNumber('99010319900230123')));
    expect(zh.json().errors[0]).toMatchObject({ code: 'id_number', message: '居民身份证号码校验失败' });
    const en = await register(citizen('bad.number', completeIdNumber('99010319900230123')), 'window.clerk', { 'accept-language': 'en' });
    expect(en.json().errors[0]).toMatchObject({ code: 'id_number', message: 'Invalid citizen ID number' });
    expect((await register(citizen('bad.phone', completeIdNumber('99010319900101987'), { phone: '1234' }))).json()).toMatchObject({
      status: 400,
      errors: [{ field: 'phone', code: 'phone' }],
    });
    const weak = await register(citizen('weak.pass', completeIdNumber('99010319900101988'), { password: 'password1' }));
    expect(weak.json()).toMatchObject({ status: 400, code: 'auth.weak_password', errors: [{ field: 'password' }] });
    // Nothing of the refused requests was stored.
    expect(await findPersonByIdNumber(t.ctx, completeIdNumber('99010319900101987'))).toBeUndefined();
    expect(await findPersonByIdNumber(t.ctx, completeIdNumber('99010319900101988'))).toBeUndefined();
  });

  it('a retried registration with the same Idempotency-Key opens one account and answers the same', async () => {
    const body = citizen('li.na', completeIdNumber('99010319950815246'), { name: '李娜', phone: '13600007777' });
    const key = { 'idempotency-key': 'register-li-na-1' };
    const first = await register(body, 'window.clerk', key);
    const again = await register(body, 'window.clerk', key);
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.create'));
    expect(events.filter((e) => (e.summary as { username?: string }).username === 'li.na')).toHaveLength(1);
  });
});

describe('the full ID number is only in the audited reading', () => {
  it('the record shows masks everywhere: the answer, the citizen’s own view, the audit trail', async () => {
    const idNumber = completeIdNumber('99010319800909135');
    const res = await register(citizen('zhou.jie', idNumber, { name: '周杰', phone: '13700008888' }));
    expect(res.statusCode, res.body).toBe(201);
    const { person } = res.json();
    expect(person).toMatchObject({ idNumberMasked: `9901**********${idNumber.slice(-4)}`, phoneMasked: '137****8888' });
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhou.jie', password: 'Meadow-Copper-48-kite' } });
    expect(signIn.json().me.person).toEqual({ id: person.id, name: '周杰', idNumberMasked: person.idNumberMasked, phoneMasked: '137****8888' });
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(inArray(auditEvents.objectId, [person.id, res.json().accountId]));
    expect(events.map((e) => e.action).sort()).toEqual(['account.create', 'account.login', 'person.create']);
    for (const body of [res.body, signIn.body, JSON.stringify(events)]) {
      expect(body).not.toContain(idNumber);
      expect(body).not.toContain('13700008888');
    }
  });

  it('a permitted reader gets it with a reason; the reading is audited without the number', async () => {
    const idNumber = completeIdNumber('99010319800909135');
    const person = (await findPersonByIdNumber(t.ctx, idNumber))!;
    // A window clerk registers citizens but does not read full numbers.
    expect((await reveal(person.id, 'window.clerk')).json()).toMatchObject({ status: 403, code: 'auth.forbidden' });
    expect((await reveal(person.id, 'supervisor', 'abc')).json()).toMatchObject({ status: 400, errors: [{ field: 'reason' }] });
    expect((await reveal('00000000-0000-4000-8000-000000000000', 'supervisor')).statusCode).toBe(404);
    const ok = await reveal(person.id, 'supervisor', '投诉核查：核对身份');
    expect(ok.json()).toEqual({ idNumber, person: { id: person.id, name: '周杰' } });
    const reads = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, person.id));
    const read = reads.find((e) => e.action === 'person.id_number.read')!;
    expect(read.summary).toEqual({ reason: '投诉核查：核对身份' });
    expect(JSON.stringify(reads)).not.toContain(idNumber);
    // Refused readings left no trace of a reading.
    expect(reads.filter((e) => e.action === 'person.id_number.read')).toHaveLength(1);
  });
});
