import type { TxCtx } from '../../platform/context.ts';

declare module '../../platform/context.ts' {
  interface DomainEvents {
    /**
     * Sessions of an account ended (sign-out, sign out everywhere, a new password, a closed account):
     * what was signed in through them elsewhere (the OIDC provider's grants and tokens) ends too.
     */
    'identity.account.signed_out': { accountId: string; reason: 'logout' | 'everywhere' | 'password_changed' | 'closed' };
  }
}

export function publishSignedOut(t: TxCtx, accountId: string, reason: 'logout' | 'everywhere' | 'password_changed' | 'closed'): Promise<void> {
  return t.publish('identity.account.signed_out', { accountId, reason });
}
