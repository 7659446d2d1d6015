import { onDomainEvent } from '../../platform/context.ts';
import { payloadRepo } from './repository.ts';

/**
 * Signing out of yiwang ends what a department app got through it: the provider's session, grants,
 * codes and access tokens of the account are deleted in the sign-out's own transaction, so the app's
 * next token check or authorization starts from yiwang's sign-in again.
 */
onDomainEvent('identity.account.signed_out', async (t, { accountId }) => {
  await payloadRepo.deleteForAccount(t.tx, accountId);
});
