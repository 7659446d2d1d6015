import type { Ctx } from '../../platform/context.ts';
import { rotateKeys } from './keys.ts';

/** `yiwang oidc rotate-keys`: a new signing key now; the old one verifies for KEY_RETAIN_DAYS more. */
export async function oidcCommand(ctx: Ctx, args: string[]): Promise<number> {
  if (args[0] !== 'rotate-keys') {
    console.error('usage: oidc rotate-keys');
    return 2;
  }
  const { kid, retired } = await rotateKeys(ctx);
  console.log(`oidc: signing with ${kid}; retired (still published for verification): ${retired.join(', ') || 'none'}`);
  return 0;
}
