/**
 * Levels of assurance (docs/identity.md): real-name verification through the simulated provider
 * (its documented test identities pass and fail), a window clerk's in-person verification, and an
 * item that requires real-name verification of the online applicant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { completeIdNumber } from '../../platform/validators.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { implementationOf, registerOnline } from './accounts-test-kit.ts';
import { accounts } from './tables.ts';

let t: TestApp;
let benefitCode: string;
beforeAll(async () => {
  t = await createTestApp();
  benefitCode = await implementationOf(t, '失业保险金申领', '990100');
});
afterAll(() => t.close());

let seq = 0;
/** Registers a citizen online (level `registered`) and returns their cookie. */
async function registered(name: string, idNumber: string) {
  seq += 1;
  const mobile = `1380000${String(2000 + seq)}`;
  const account = await registerOnline(t, { name, idNumber, mobile, ip: `10.6.0.${seq}` });
  return { cookie: account.cookie, mobile, accountId: account.accountId };
}

const call = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });

const application = (code: string) => ({
  implementationCode: code,
  formData: {
    lastEmployer: '示范市西江物流有限公司',
    separationDate: '2026-10-31',
    insuredYears: 3,
    bankAccount: '6217990100123450000',
    contactPhone: '13700004444',
    contactAddress: '示范市西江区渡口街道渡口新村 3 栋',
  },
  materials: [],
  delivery: 'electronic',
});

describe('real-name verification', () => {
  it('a registered citizen is asked to raise the level for an item that requires it, passes real-name verification and then may apply', async () => {
    const { cookie, accountId } = await registered('孙小红', completeIdNumber('99010219920304562'));
    expect((await call(cookie, 'GET', '/api/account')).json()).toMatchObject({ assuranceLevel: 'registered', person: { name: '孙小红', verifiedAt: null } });

    const refused = await call(cookie, 'POST', '/api/cases', application(benefitCode));
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'identity.assurance_required', currentLevel: 'registered', requiredLevel: 'real_name' });

    const verified = await call(cookie, 'POST', '/api/account/real-name', {});
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toEqual({ assuranceLevel: 'real_name' });
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, accountId));
    expect(events.map((e) => e.action)).toContain('account.real_name_verified');

    const applied = await call(cookie, 'POST', '/api/cases', application(benefitCode));
    // Past the level check: what remains is the item's own rules (its required material).
    expect(applied.json().code).not.toBe('identity.assurance_required');
    expect([201, 400, 422]).toContain(applied.statusCode);
  });

  it('the simulated provider fails a name that does not match, a number not in the register and a face that does not match', async () => {
    const mismatch = await registered('冒名顶替', completeIdNumber('99010219930405123'));
    const res = await call(mismatch.cookie, 'POST', '/api/account/real-name', {});
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'identity.real_name_failed', reason: 'name_mismatch', errors: [{ field: 'name', code: 'real_name_mismatch' }] });
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.id, mismatch.accountId));
    expect(account!.assuranceLevel).toBe('registered');
    const failed = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, mismatch.accountId));
    expect(failed.map((e) => e.action)).toContain('account.real_name_failed');

    const unknown = await registered('周不在', completeIdNumber('99010219930405999'));
    expect((await call(unknown.cookie, 'POST', '/api/account/real-name', {})).json()).toMatchObject({ reason: 'not_found' });

    const face = await registered('吴人像', completeIdNumber('99010219930405234'));
    expect((await call(face.cookie, 'POST', '/api/account/real-name', { face: 'mismatch' })).json()).toMatchObject({
      reason: 'face_mismatch',
      errors: [{ field: 'face' }],
    });
    expect((await call(face.cookie, 'POST', '/api/account/real-name', { face: 'data:image/jpeg;base64,AAAA' })).json()).toEqual({
      assuranceLevel: 'real_name',
    });
  });
});

describe('in-person verification at a window', () => {
  it('a window clerk raises a walk-in citizen to in_person (audited with the method); a citizen may not', async () => {
    const idNumber = completeIdNumber('99010219880708345');
    const { cookie, accountId } = await registered('郑窗口', idNumber);
    const clerk = await t.login('window.clerk');
    const wrongName = await call(clerk, 'POST', '/api/admin/person-accounts/verify', { idNumber, name: '郑别人', method: 'by_eye' });
    expect(wrongName.statusCode).toBe(409);
    const res = await call(clerk, 'POST', '/api/admin/person-accounts/verify', { idNumber, name: '郑窗口', method: 'id_card_read' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accountId, assuranceLevel: 'in_person' });
    expect(res.body).not.toContain(idNumber);
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.verified_in_person'));
    expect(event).toMatchObject({ objectId: accountId, summary: expect.objectContaining({ method: 'id_card_read' }) });
    // A real-name check afterwards keeps the higher level.
    expect((await call(cookie, 'POST', '/api/account/real-name', {})).json()).toEqual({ assuranceLevel: 'in_person' });

    const byCitizen = await call(cookie, 'POST', '/api/admin/person-accounts/verify', { idNumber, name: '郑窗口', method: 'by_eye' });
    expect(byCitizen.statusCode).toBe(403);
  });
});
