import type { ComponentType } from 'react';
import type { Feature } from '../types';

const page =
  <M>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

/** Citizens' own accounts (docs/identity.md): registration, sign-in by SMS code, 账号与安全. */
export const feature: Feature = {
  portalRoutes: [
    {
      path: 'register',
      lazy: page(
        () => import('./RegisterPage'),
        (m) => m.RegisterPage,
      ),
    },
    {
      path: 'login/sms',
      lazy: page(
        () => import('./SmsLoginPage'),
        (m) => m.SmsLoginPage,
      ),
    },
    {
      path: 'me/account',
      lazy: page(
        () => import('./AccountPage'),
        (m) => m.AccountRoute,
      ),
    },
  ],
};
