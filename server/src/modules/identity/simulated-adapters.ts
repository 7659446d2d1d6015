import type { Config } from '../../platform/config/index.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * A production install must not verify people against the simulated adapters, which pass anyone
 * with a valid-looking number: there they answer 503 `identity.adapter_not_configured` until the
 * city plugs in its own (`useRealNameProvider`, `useMarketRegister`) or sets
 * SIMULATED_IDENTITY_ADAPTERS=allow on purpose (a training install).
 */
export function assertAdapterUsable(config: Pick<Config, 'NODE_ENV' | 'SIMULATED_IDENTITY_ADAPTERS'>, adapterName: string): void {
  if (adapterName !== 'simulated') return;
  const allowed = config.SIMULATED_IDENTITY_ADAPTERS ? config.SIMULATED_IDENTITY_ADAPTERS === 'allow' : config.NODE_ENV !== 'production';
  if (!allowed) throw new AppError('identity.adapter_not_configured', { extra: { adapter: adapterName } });
}
