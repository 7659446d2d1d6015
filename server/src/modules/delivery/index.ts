import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { YiwangModule } from '../../platform/module.ts';
import { extendBuiltInRole } from '../identity/index.ts';
import { setBundleDeliverySource } from '../cases/index.ts';
import { bundleDelivery } from './bundle.ts';
import { deliveryPermissions as P } from './policy.ts';
import { deliveryRoutes } from './routes.ts';
import { seedDeliveryDemo } from './seed.ts';

export { deliveryPermissions } from './policy.ts';
/** 签收 of a case: the cases module has no place for it, so it is kept on the delivery order and read here (and published as `delivery.order.signed`). */
export { deliveryOfCase } from './orders.ts';

// The department's window clerks post results, hand them over at the window and update a lost status.
extendBuiltInRole('window_clerk', [P.handle]);
// A 一件事 application's results delivered together: one result order made when the cases module asks (bundle.ts).
setBundleDeliverySource(bundleDelivery);

export const deliveryModule: YiwangModule = {
  name: 'delivery',
  migrationsFolder: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  routes: deliveryRoutes,
  seedDemo: seedDeliveryDemo,
};
