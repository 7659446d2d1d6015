/** Helpers shared by the citizen-account tests: registering online and finding a demo item. */
import { expect } from 'vitest';
import { cookieOf, type TestApp } from '../../../test/harness.ts';
import { searchItems } from '../catalog/index.ts';

export const TEST_CITIZEN_PASSWORD = 'Harbour-lantern-47-Quill';

/** Registers a citizen online by SMS code (level `registered`) from `ip`; answers the cookie and the new account. */
export async function registerOnline(t: TestApp, person: { name: string; idNumber: string; mobile: string; ip: string }) {
  const { name, idNumber, mobile, ip } = person;
  const sent = await t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { mobile, purpose: 'register' }, remoteAddress: ip });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { name, idNumber, mobile, smsCode: sent.json().demoCode, password: TEST_CITIZEN_PASSWORD },
    remoteAddress: ip,
  });
  expect(res.statusCode, res.body).toBe(201);
  return { cookie: cookieOf(res), accountId: res.json().me.id as string, personId: res.json().me.person.id as string };
}

/** The implementation code of a demo item in a region. */
export async function implementationOf(t: TestApp, name: string, region: string): Promise<string> {
  const page = await searchItems(t.ctx, { q: name, region, page: 1, pageSize: 50 } as never);
  const found = (page.items as { name: string; regionCode: string; implementationCode: string }[]).find((i) => i.name === name && i.regionCode === region);
  if (!found) throw new Error(`no ${name} in ${region}`);
  return found.implementationCode;
}
