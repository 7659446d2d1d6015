import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { extendBuiltInRole } from '../identity/index.ts';
import { dataPermissions as P } from './policy.ts';
import { dataRoutes } from './routes.ts';
import { seedCertificateSharing } from './certificates-seed.ts';
import { seedProofs } from './proofs-seed.ts';
import { seedDataDemo } from './seed.ts';
import { registerSimulatedProviders } from './simulated-providers.ts';

export { dataPermissions } from './policy.ts';
export { querySharedData, type Requester, type ExchangeInput } from './exchange.ts';
export { useDataConnector, callConnector, TransientConnectorError, type DataConnector, type ConnectorRequest, type ConnectorAnswer } from './connectors.ts';
export { assertGuideProofs, guideProofErrors, proofNameOf, proofListStatus, type ProofListStatus } from './proofs.ts';
export { simulation as dataSimulation } from './simulated-providers.ts';
export { publishedResources } from './resources-service.ts';
export { useCertificateSource, queryCertificates, type CertificateSource, type SharedCertificate } from './certificates.ts';

// A department's data steward declares its resources, asks for others' and decides requests for its own;
// the data office (数据管理机构) reviews and publishes the catalog. Department systems query with the
// `api:data.exchange` scope, which carries data.exchange.query.
extendBuiltInRole('data_steward', [P.declare, P.request, P.decide, P.query, P.proof]);
extendBuiltInRole('data_officer', [P.publish, P.proof]);

registerSimulatedProviders();

export const dataModule: YiwangModule = {
  name: 'data',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: dataRoutes,
  seedDemo: async (ctx) => {
    await seedDataDemo(ctx);
    await seedCertificateSharing(ctx);
    await seedProofs(ctx);
  },
};
