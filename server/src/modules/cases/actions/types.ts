import type { TxCtx } from '../../../platform/context.ts';
import type { CaseMaterial, CaseRow } from '../repository.ts';
import type { WorkflowDefinition } from '../workflow/definition.ts';
import type { ActionPayload, CaseAction, CaseState } from '../workflow/engine.ts';

/** The case an action is taken on, as read in the action's transaction. */
export interface ActingCase {
  row: CaseRow;
  def: WorkflowDefinition;
  /** The state before the action (the fold of the log). */
  state: CaseState;
  /** The action's Shanghai date. */
  today: string;
}

/** What an action records: its payload (a new object: a handler never changes the one it was given) and the case's materials when they change. */
export interface Prepared {
  payload: Record<string, unknown>;
  materials?: CaseMaterial[];
}

/**
 * One action's own part of the action path. Everything common (reading the case, who may act,
 * the payload schema, the transition, the optimistic lock, the log, audit, view) is `step()` in
 * act.ts; a handler adds only what its action needs.
 */
export interface ActionHandler<A extends CaseAction> {
  /** Checks the schema cannot make (they need the database) and what the record adds. Default: the payload as it is. */
  prepare?: (t: TxCtx, c: ActingCase, payload: Readonly<ActionPayload<A>>) => Promise<Prepared>;
  /** The message template the applicant gets (none: no message). */
  notify?: string | ((c: ActingCase) => string | undefined);
}
