/**
 * POST /api/admin/persons: a window clerk or an administrator opens a citizen's account after
 * checking their identity; the ID number is validated (GB 11643) and stored sealed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, cookieOf, type TestApp } from '../../../test/harness.ts';
import { completeIdNumber } from '../../platform/validators.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { accounts, persons } from './tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const idNumber = completeIdNumber('99010219900307456');
const body = (over: Record<string, unknown> = {}) => ({
  username: 'zhao.li',
  name: '赵丽',
  idNumber,
  phone: '13500005555',
  address: '示范市明湖区湖滨街道湖滨路 20 号',
  regionCode: '990102001',
  password: 'Qx4-window-Ember-Slate',
  ...over,
});

async function post(username: string | null, payload: Record<string, unknown>) {
  const headers = username ? { cookie: await t.login(username) } : {};
  return t.app.inject({ method: 'POST', url: '/api/admin/persons', headers, payload });
}

describe('opening a citizen account', () => {
  it('a window clerk opens it; the citizen signs in with the initial password and must change it', async () => {
    const res = await post('window.clerk', body());
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      username: 'zhao.li',
      mustChangePassword: true,
      person: { name: '赵丽', idNumberMasked: `9901**********${idNumber.slice(-4)}`, phoneMasked: '135****5555', regionCode: '990102001' },
    });
    expect(res.body).not.toContain(idNumber);
    expect(res.body).not.toContain('13500005555');

    // Stored as the person model stores it: sealed, with the mask and a blind index; never in clear.
    const [row] = await t.database.db.select().from(persons).where(eq(persons.id, created.person.id));
    expect(row!.idNumberSealed).not.toContain(idNumber);
    expect(row!.idNumberIndex).not.toContain(idNumber);
    expect(row!.phoneSealed).not.toContain('13500005555');
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.username, 'zhao.li'));
    expect(account).toMatchObject({ kind: 'person', personId: created.person.id, mustChangePassword: true });
    // Audited, without the full number.
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, created.accountId));
    expect(events.map((e) => e.action)).toEqual(['account.create']);
    expect(JSON.stringify(events[0]!.summary)).not.toContain(idNumber);

    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhao.li', password: 'Qx4-window-Ember-Slate' } });
    expect(login.statusCode).toBe(200);
    expect(login.json().me).toMatchObject({ kind: 'person', mustChangePassword: true, person: { name: '赵丽' } });
    const cookie = cookieOf(login);
    expect((await t.app.inject({ method: 'GET', url: '/api/cases/drafts', headers: { cookie } })).statusCode).toBe(403);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'Qx4-window-Ember-Slate', newPassword: 'Lumen-Trellis-vR7-42' },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/cases/drafts', headers: { cookie } })).statusCode).toBe(200);
  });

  it('refuses a bad ID number, a taken username and a second account for the same person', async () => {
    const wrongCheck = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    const bad = await post('window.clerk', body({ username: 'other.one', idNumber: wrongCheck }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'idNumber', code: 'id_number' })]);
    expect((await post('window.clerk', body({ username: 'citizen1', idNumber: completeIdNumber('99010219900307457') }))).json()).toMatchObject({
      status: 409,
      errors: [{ field: 'username', code: 'duplicate' }],
    });
    expect((await post('window.clerk', body({ username: 'zhao.li2' }))).json()).toMatchObject({
      status: 409,
      errors: [{ field: 'idNumber', code: 'account_exists' }],
    });
    // A known person (citizen1's record) under another name is not taken over.
    const citizen1 = completeIdNumber('99010219850615123');
    expect((await post('window.clerk', body({ username: 'not.zhang', name: '李四', idNumber: citizen1 }))).json()).toMatchObject({
      status: 409,
      errors: [{ field: 'name', code: 'does_not_match' }],
    });
    expect((await post('window.clerk', body({ username: 'ok.name', regionCode: '999999' }))).json()).toMatchObject({
      status: 400,
      errors: [{ field: 'regionCode', code: 'not_found' }],
    });
  });

  it('is scoped: a district clerk only in their district; citizens, reviewers and anonymous callers not at all', async () => {
    const fresh = (n: string) => body({ username: `p.${n}`, idNumber: completeIdNumber(`990103199203040${n}`), regionCode: '990103001' });
    expect((await post('mh.scjg.clerk', fresh('11'))).statusCode).toBe(403);
    expect((await post('dl.scjg.clerk', fresh('12'))).statusCode).toBe(201);
    expect((await post('scjg.reviewer', fresh('13'))).statusCode).toBe(403);
    expect((await post('citizen1', fresh('14'))).statusCode).toBe(403);
    expect((await post(null, fresh('15'))).statusCode).toBe(401);
    expect((await post('dl.admin', fresh('16'))).statusCode).toBe(201);
    expect((await post('mh.admin', fresh('17'))).statusCode).toBe(403);
  });
});
