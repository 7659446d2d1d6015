import type { TxCtx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { findImplementation, versionsOf, type ImplRow, type VersionRow } from '../repository.ts';
import { implementationLifecycle, versionLifecycle, type VersionAction, type WorkingStatus } from '../lifecycle.ts';

export async function implementationOrThrow(t: TxCtx, code: string) {
  const found = await findImplementation(t.tx, code);
  if (!found) throw notFound('catalog implementation', code);
  return found;
}

/** The draft or submitted version, if any (there is at most one). */
export function workingOf(versions: VersionRow[]): VersionRow | undefined {
  return versions.find((v) => v.status === 'draft' || v.status === 'submitted');
}

/**
 * The working version `action` applies to, after both machines agreed: the implementation's state
 * allows it (an abolished item never changes) and the working version's status does (409 with
 * `allowed` otherwise).
 */
export async function workingVersionFor(t: TxCtx, impl: ImplRow, action: Exclude<VersionAction, 'start_draft'>): Promise<VersionRow> {
  implementationLifecycle.next(impl.state, action === 'publish' ? 'publish' : 'edit');
  const working = workingOf(await versionsOf(t.tx, impl.id));
  versionLifecycle.next((working?.status ?? 'none') as WorkingStatus, action);
  return working!;
}
