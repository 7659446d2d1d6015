import { AppError } from '../errors.ts';

/** For each status, the actions allowed in it and the status each leads to. */
export type TransitionTable<S extends string, A extends string> = { readonly [K in S]: Partial<Readonly<Record<A, S>>> };

export interface StateMachine<S extends string, A extends string> {
  readonly transitions: TransitionTable<S, A>;
  /** The actions allowed in `status`, in the table's order. */
  allowed(status: S): A[];
  /** Whether `action` is allowed in `status`. */
  can(status: S, action: A): boolean;
  /** The status after `action`, or a 409 `workflow.action_not_allowed` naming the current status and the actions that are allowed. */
  next(status: S, action: A): S;
}

/**
 * One typed way to say what a thing's life is (cases, hotline tickets, catalog items): a status ×
 * action table, and one chokepoint that refuses anything else with the same problem+json
 * (`workflow.action_not_allowed`, with `currentStatus`, `action` and `allowed`: `status` is the problem's HTTP status). Who may take an action is
 * the module's policy, not the machine's: the machine only knows what the status permits.
 */
export function defineStateMachine<S extends string, A extends string>(transitions: TransitionTable<S, A>): StateMachine<S, A> {
  const allowed = (status: S): A[] => Object.keys(transitions[status] ?? {}) as A[];
  const target = (status: S, action: A): S | undefined => (transitions[status] as Partial<Record<A, S>> | undefined)?.[action];
  return {
    transitions,
    allowed,
    can: (status, action) => target(status, action) !== undefined,
    next(status, action) {
      const to = target(status, action);
      if (to === undefined)
        throw new AppError('workflow.action_not_allowed', {
          detail: `${action} in ${status}`,
          extra: { currentStatus: status, action, allowed: allowed(status) },
        });
      return to;
    },
  };
}
