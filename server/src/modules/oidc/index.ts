import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerBookkeepingTables } from '../../platform/context.ts';
import type { YiwangModule } from '../../platform/module.ts';
import { payloadRepo } from './repository.ts';
import { maintainKeys } from './keys.ts';
import { oidcRoutes } from './routes.ts';
import './sign-out.ts';
import { seedOidcDemo } from './seed.ts';

export { resolveBearer, bearerToken } from './bearer.ts';
export { rotateKeys } from './keys.ts';
export { oidcPermissions } from './policy.ts';
export { apiScopes } from './scopes.ts';

// The protocol's own records (sessions, codes, tokens): the acts behind them are audited where they happen.
registerBookkeepingTables('oidc_payloads');

export const oidcModule: YiwangModule = {
  name: 'oidc',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: oidcRoutes,
  jobs: {
    // A first signing key, rotation every KEY_ROTATE_DAYS, retired keys dropped after KEY_RETAIN_DAYS.
    'oidc.keys.maintain': async (ctx) => {
      await maintainKeys(ctx);
    },
    'oidc.payloads.sweep': async (ctx) => {
      await payloadRepo.sweepExpired(ctx.database.db, new Date());
    },
  },
  schedules: [
    { kind: 'oidc.keys.maintain', everySeconds: 3600 },
    { kind: 'oidc.payloads.sweep', everySeconds: 3600 },
  ],
  seedDemo: seedOidcDemo,
};
