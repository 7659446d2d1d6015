import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerTablesFilledAtStart } from '../../platform/db/backup.ts';
import type { YiwangModule } from '../../platform/module.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { identityRoutes } from './routes.ts';
import { accountRoutes } from './account-routes.ts';
import { agentRoutes } from './agent-routes.ts';
import { seedIdentityDemo } from './seed.ts';
import { syncBuiltInRoles } from './role-service.ts';

export { resolveActor, SESSION_COOKIE, actorFor, actorForUsername } from './auth-service.ts';
/** What the OIDC provider's claims are read from (modules/oidc/claims.ts). */
export { describeMe } from './auth-service.ts';
export {
  ensurePerson,
  ensureLegalEntity,
  findPersonByIdNumber,
  getPerson,
  getLegalEntity,
  findLegalEntityByUscc,
  revealIdNumber,
  contactPhoneOf,
  personIdDigest,
  getPersonWithContactPhone,
} from './people-service.ts';
export { getStaff, listStaff, guardedPermission } from './staff-service.ts';
export { extendBuiltInRole } from './roles.ts';
export { assertAssuranceLevel, useRealNameProvider, type RealNameProvider } from './real-name.ts';
export { assertAgentMayApply } from './agents.ts';
export { useMarketRegister, type MarketRegister } from './enterprises.ts';
export { demoStaff, demoCitizens, demoEnterprises, demoIdNumber, seedAdminOnly } from './seed.ts';

// The built-in roles are written at every start (seedBase), so a restore replaces them.
registerTablesFilledAtStart('roles');

export const identityModule: YiwangModule = {
  name: 'identity',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: (async (app, opts) => {
    await identityRoutes(app, opts);
    await accountRoutes(app, opts);
    await agentRoutes(app, opts);
  }) satisfies FastifyPluginAsyncZod,
  seedBase: syncBuiltInRoles,
  seedDemo: seedIdentityDemo,
};
