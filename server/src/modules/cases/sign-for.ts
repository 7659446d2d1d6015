import { onDomainEvent } from '../../platform/context.ts';
import { signForRepo } from './sign-for-repository.ts';

/**
 * 签收 recorded on the case (issue 16): the delivery module publishes `delivery.order.signed` when a
 * carrier, a clerk or a pickup code signs one of the case's delivery orders; the case keeps each
 * sign-for (`cases.sign_fors`) and shows it on its timeline (present.ts, action `sign_for`), audited
 * in the same transaction. It does not move the case: the workflow's `deliver` already ended it.
 */
export function subscribeSignFor(): void {
  onDomainEvent('delivery.order.signed', async (t, e) => {
    const signFor = { direction: e.direction, signedAt: e.signedAt, method: e.signMethod };
    const scope = await signForRepo.append(t.tx, e.caseNo, signFor);
    if (!scope) return;
    t.audit({ action: 'case.sign_for', objectType: 'case', objectId: e.caseNo, summary: signFor, scope });
  });
}
