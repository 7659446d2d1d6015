/**
 * A production install never verifies people against the simulated adapters (they pass anyone with
 * a valid-looking number): real-name verification and opening an enterprise answer 503 there until
 * the city plugs in its own, or a training install allows them on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { AppError } from '../../platform/errors.ts';
import { completeUscc } from '../../platform/validators.ts';
import { assertAdapterUsable } from './simulated-adapters.ts';

describe('the simulated identity adapters', () => {
  const cases: [string, { NODE_ENV: 'production' | 'development' | 'test'; SIMULATED_IDENTITY_ADAPTERS?: 'allow' | 'refuse' }, string, boolean][] = [
    ['production, nothing set', { NODE_ENV: 'production' }, 'simulated', false],
    ['production, allowed on purpose', { NODE_ENV: 'production', SIMULATED_IDENTITY_ADAPTERS: 'allow' }, 'simulated', true],
    ['production, the city provider', { NODE_ENV: 'production' }, 'gongan-provincial', true],
    ['development, nothing set', { NODE_ENV: 'development' }, 'simulated', true],
    ['development, refused', { NODE_ENV: 'development', SIMULATED_IDENTITY_ADAPTERS: 'refuse' }, 'simulated', false],
    ['test, nothing set', { NODE_ENV: 'test' }, 'simulated', true],
  ];
  for (const [what, config, adapter, usable] of cases) {
    it(`${what}: ${adapter} ${usable ? 'usable' : 'refused'}`, () => {
      let error: unknown;
      try {
        assertAdapterUsable(config, adapter);
      } catch (e) {
        error = e;
      }
      if (usable) expect(error).toBeUndefined();
      else expect(error).toMatchObject({ code: 'identity.adapter_not_configured', status: 503 } satisfies Partial<AppError>);
    });
  }

  describe('over HTTP with the simulated adapters refused', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ SIMULATED_IDENTITY_ADAPTERS: 'refuse' });
    });
    afterAll(() => t.close());

    it('real-name verification and opening an enterprise answer 503 with a clear message, and change nothing', async () => {
      const cookie = await t.login('citizen3');
      const before = (await t.app.inject({ method: 'GET', url: '/api/account', headers: { cookie } })).json();
      const check = await t.app.inject({ method: 'POST', url: '/api/account/real-name', payload: {}, headers: { cookie, 'accept-language': 'en' } });
      expect(check.statusCode).toBe(503);
      expect(check.json()).toMatchObject({ code: 'identity.adapter_not_configured' });
      expect(check.json().title ?? check.json().detail).toMatch(/service window/);
      const open = await t.app.inject({
        method: 'POST',
        url: '/api/account/enterprises',
        payload: { uscc: completeUscc('91990102MA0AGT009'), name: '示范市模拟登记测试有限公司' },
        headers: { cookie },
      });
      expect(open.statusCode, open.body).toBe(503);
      expect(open.json()).toMatchObject({ code: 'identity.adapter_not_configured' });
      expect((await t.app.inject({ method: 'GET', url: '/api/account', headers: { cookie } })).json()).toEqual(before);
    });
  });
});
