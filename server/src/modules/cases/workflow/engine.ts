import { z } from 'zod';
import type { StepDefinition, StepKind, WorkflowDefinition } from './definition.ts';
import { caseMachine, type CaseTarget } from './machine.ts';
import { countersignPayload, joinMove, openBranches, signBranch, type BranchState } from './countersign.ts';

/** Every action on a case. One route per action: POST /api/cases/{caseNo}/actions/{action}. */
export const caseActions = [
  'accept',
  'refuse',
  'request_correction',
  'submit_correction',
  'approve',
  'deny',
  'return_to_previous',
  'transfer',
  'start_special_procedure',
  'end_special_procedure',
  'issue',
  'deliver',
  'withdraw',
  'claim',
  'supplement_materials',
  'expire',
  'await_payment',
  'payment_received',
  'countersign',
] as const;
export type CaseAction = (typeof caseActions)[number];

export const caseStatuses = [
  'pending_acceptance',
  'awaiting_correction',
  'under_review',
  'pending_decision',
  'special_procedure',
  'pending_issue',
  'pending_delivery',
  'concluded',
  'refused',
  'denied',
  'withdrawn',
  'correction_expired',
  'awaiting_payment',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/**
 * The actions each status allows, in the table's order: read off the state machine (machine.ts),
 * the one table the engine, the routes and the 409s read.
 */
export const allowedActionsByStatus: Readonly<Record<CaseStatus, readonly CaseAction[]>> = (() => {
  const table = {} as Record<CaseStatus, readonly CaseAction[]>;
  for (const status of caseStatuses) table[status] = caseMachine.allowed(status);
  return table;
})();

/** The status of a case standing at a step of each kind (when nothing pauses it). */
export const statusAtStep = {
  accept: 'pending_acceptance',
  review: 'under_review',
  decide: 'pending_decision',
  issue: 'pending_issue',
  deliver: 'pending_delivery',
} as const satisfies Record<StepKind, CaseStatus>;

export const terminalStatuses = ['concluded', 'refused', 'denied', 'withdrawn', 'correction_expired'] as const satisfies readonly CaseStatus[];

// ---------- action payloads ----------

const reasonText = z.string().trim().min(1).max(2000);
const legalBasis = z.string().trim().min(1).max(1000).describe('法律依据: the article the decision rests on');

export const actionPayloads = {
  accept: z.object({
    note: z.string().max(2000).optional(),
    pendingMaterials: z
      .array(z.string().trim().min(1).max(200))
      .max(50)
      .optional()
      .describe("容缺受理: materials on the item's 容缺 list accepted as pending; the applicant supplies them before issue"),
    supplyBy: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .describe('date the pending materials are due (default and latest: the case due date)'),
  }),
  refuse: z.object({ reason: reasonText, legalBasis }),
  request_correction: z.object({
    items: z
      .array(z.object({ material: z.string().trim().min(1).max(200), problem: z.string().trim().min(1).max(500) }))
      .min(1)
      .max(100)
      .describe('一次性告知: everything missing or wrong, all at once'),
    note: z.string().max(2000).optional(),
  }),
  submit_correction: z.object({ note: z.string().max(2000).optional(), fileIds: z.array(z.string().uuid()).max(100).default([]) }),
  approve: z.object({ opinion: z.string().trim().max(2000).optional() }),
  deny: z.object({ reason: reasonText, legalBasis }),
  return_to_previous: z.object({ reason: reasonText, toStep: z.string().max(40).optional() }),
  transfer: z.object({ toStaffId: z.string().uuid(), note: z.string().max(500).optional() }),
  start_special_procedure: z.object({
    procedure: z
      .enum(['hearing', 'expert_review', 'inspection', 'testing', 'quarantine', 'public_notice', 'other'])
      .describe('听证/专家评审/现场勘验/检验检测/检疫/公示/其他: time excluded from the limit'),
    note: z.string().trim().min(1).max(1000),
  }),
  end_special_procedure: z.object({ note: z.string().max(1000).optional() }),
  issue: z.object({ note: z.string().max(1000).optional() }),
  deliver: z.discriminatedUnion('method', [
    z.object({
      method: z.literal('pickup'),
      pickupCode: z
        .string()
        .regex(/^\d{6}$/)
        .optional(),
    }),
    z.object({ method: z.literal('post'), carrier: z.string().trim().min(1).max(50), trackingNumber: z.string().trim().min(4).max(50) }),
    z.object({ method: z.literal('electronic') }),
  ]),
  withdraw: z.object({ reason: z.string().trim().max(1000).optional() }),
  claim: z.object({ note: z.string().max(500).optional() }),
  supplement_materials: z.object({
    materials: z
      .array(z.object({ name: z.string().trim().min(1).max(200), fileIds: z.array(z.string().uuid()).min(1).max(20) }))
      .min(1)
      .max(50)
      .describe('pending materials (容缺) supplied now, each with its uploads'),
    note: z.string().max(2000).optional(),
  }),
  expire: z.object({ reason: z.enum(['correction', 'pending_materials']), due: z.string() }),
  // System actions of payment-wait.ts: the item's payment rule makes the case wait for its fees before a step.
  await_payment: z.object({
    orderNo: z.string().nullable(),
    amountFen: z.number().int().nullable(),
    pauseClock: z.boolean().describe('the statutory clock stands still while waiting (the rule says so)'),
    legalBasis: z.string(),
  }),
  payment_received: z.object({ orderNo: z.string() }),
  // 会签: one branch of a countersign step signed (countersign.ts).
  countersign: countersignPayload,
} as const satisfies Record<CaseAction, z.ZodType>;

export type ActionPayload<A extends CaseAction> = z.infer<(typeof actionPayloads)[A]>;

// ---------- recorded actions and derived state ----------

/** One row of the case's action log, as the engine needs it. */
export interface RecordedAction {
  action: CaseAction;
  /** Shanghai civil date of the action ('YYYY-MM-DD'): the clock counts in working days. */
  date: string;
  actorId: string | null;
  /** The step the case stood at when the action was taken. */
  stepKey: string;
  payload: Record<string, unknown>;
}

export interface Pause {
  kind: 'correction' | 'special_procedure' | 'payment';
  /** Date the clock stopped; the working days in (from, to] are not counted. */
  from: string;
  to: string | null;
  stepKey: string;
  procedure?: string;
}

export interface CaseState {
  status: CaseStatus;
  stepIndex: number;
  step: StepDefinition;
  /** Date the current step was entered. */
  stepEnteredOn: string;
  /** Staff member the case was transferred to at this step (null: anyone with the step's role). */
  assigneeId: string | null;
  outcome: 'approved' | 'denied' | 'refused' | 'withdrawn' | null;
  pauses: Pause[];
  /** The open correction request (一次性告知), while awaiting it. */
  correctionItems: { material: string; problem: string }[] | null;
  /** Date the open correction was requested (its timeout counts from there). */
  correctionRequestedOn: string | null;
  correctionRounds: number;
  /** 容缺受理: materials accepted as pending, still to be supplied, and by when. */
  pendingMaterials: string[];
  supplyBy: string | null;
  /** 会签: the branches of the current step when it is a countersign step (countersign.ts), else null. */
  branches: BranchState[] | null;
  concludedOn: string | null;
  /** Number of recorded actions: the optimistic-locking version of the case. */
  version: number;
}

export function initialState(def: WorkflowDefinition, submittedOn: string): CaseState {
  return {
    status: 'pending_acceptance',
    stepIndex: 0,
    step: def.steps[0]!,
    stepEnteredOn: submittedOn,
    assigneeId: null,
    outcome: null,
    pauses: [],
    correctionItems: null,
    correctionRequestedOn: null,
    correctionRounds: 0,
    pendingMaterials: [],
    supplyBy: null,
    branches: openBranches(def.steps[0]!),
    concludedOn: null,
    version: 0,
  };
}

/** At a countersign step the branches' signatures move the case (the join): no approve, and nobody claims or transfers it. */
const countersigning = (s: CaseState): boolean => s.branches !== null;

/**
 * Each action's precondition beyond its status (the machine's row): the `preconditions` column of
 * the per-action table (docs/cases.md). An action without one is allowed wherever its status allows it.
 */
export const actionPreconditions: { readonly [A in CaseAction]?: (s: CaseState) => boolean } = {
  // Returning needs a step to return to (the first step has none).
  return_to_previous: (s) => s.stepIndex > 0,
  // Claiming: only a case nobody has taken at this step.
  claim: (s) => s.assigneeId === null && !countersigning(s),
  transfer: (s) => !countersigning(s),
  approve: (s) => !countersigning(s),
  // 会签: while some branch of the step is open.
  countersign: (s) => s.branches?.some((b) => b.status === 'open') ?? false,
  // The result is issued only once every pending (容缺) material is in.
  issue: (s) => s.pendingMaterials.length === 0,
  supplement_materials: (s) => s.pendingMaterials.length > 0,
  // Ends a case whose correction or pending materials did not come in time.
  expire: (s) => s.status === 'awaiting_correction' || s.pendingMaterials.length > 0,
};

export function allowedActions(_def: WorkflowDefinition, state: CaseState): CaseAction[] {
  const list: readonly CaseAction[] = allowedActionsByStatus[state.status];
  return list.filter((a) => actionPreconditions[a]?.(state) ?? true);
}

export type ActionCheck =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; code: 'workflow.action_not_allowed'; allowed: CaseAction[] }
  | { ok: false; code: 'request.invalid'; fields: { field: string; code: string }[] };

/** Is `action` with this payload legal now? (Who may take it: `caseActionRules` and `mayTake` in ../policy.ts.) */
export function checkAction(def: WorkflowDefinition, state: CaseState, action: CaseAction, payload: unknown): ActionCheck {
  const allowed = allowedActions(def, state);
  if (!allowed.includes(action)) return { ok: false, code: 'workflow.action_not_allowed', allowed };
  const parsed = actionPayloads[action].safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, code: 'request.invalid', fields: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', code: i.code })) };
  }
  if (action === 'return_to_previous') {
    const to = (parsed.data as ActionPayload<'return_to_previous'>).toStep;
    if (to !== undefined) {
      const idx = def.steps.findIndex((s) => s.key === to);
      if (idx < 0 || idx >= state.stepIndex) return { ok: false, code: 'request.invalid', fields: [{ field: 'toStep', code: 'not_an_earlier_step' }] };
    }
  }
  if (action === 'countersign') {
    const branch = (parsed.data as ActionPayload<'countersign'>).branch;
    if (!state.branches?.some((b) => b.key === branch)) return { ok: false, code: 'request.invalid', fields: [{ field: 'branch', code: 'unknown_branch' }] };
  }
  if (action === 'supplement_materials') {
    const fields = (parsed.data as ActionPayload<'supplement_materials'>).materials.flatMap((m, i) =>
      state.pendingMaterials.includes(m.name) ? [] : [{ field: `materials.${i}.name`, code: 'not_pending' }],
    );
    if (fields.length) return { ok: false, code: 'request.invalid', fields };
  }
  return { ok: true, payload: parsed.data as Record<string, unknown> };
}

function enterStep(def: WorkflowDefinition, s: CaseState, index: number, date: string): CaseState {
  const step = def.steps[index]!;
  return { ...s, stepIndex: index, step, stepEnteredOn: date, assigneeId: null, status: statusAtStep[step.kind], branches: openBranches(step) };
}

function closePause(s: CaseState, date: string): Pause[] {
  return s.pauses.map((p, i) => (i === s.pauses.length - 1 && p.to === null ? { ...p, to: date } : p));
}

/**
 * What each action changes in a case besides where it stands (status and step come from the
 * machine's target, `moveTo`). Pure; `s` is the state before the action.
 */
const effects: { [A in CaseAction]: (def: WorkflowDefinition, s: CaseState, a: RecordedAction) => Partial<CaseState> } = {
  accept: (_d, _s, a) => {
    const pending = (a.payload.pendingMaterials as string[] | undefined) ?? [];
    return { pendingMaterials: pending, supplyBy: pending.length ? ((a.payload.supplyBy as string | undefined) ?? null) : null };
  },
  refuse: () => ({ outcome: 'refused' }),
  request_correction: (_d, s, a) => ({
    correctionItems: (a.payload.items as CaseState['correctionItems']) ?? [],
    correctionRequestedOn: a.date,
    correctionRounds: s.correctionRounds + 1,
    pauses: [...s.pauses, { kind: 'correction', from: a.date, to: null, stepKey: s.step.key }],
  }),
  submit_correction: (_d, s, a) => ({ correctionItems: null, correctionRequestedOn: null, pauses: closePause(s, a.date) }),
  // Approving at the decide step is the decision; at a review step it only passes the case on.
  approve: (_d, s) => (s.step.kind === 'decide' ? { outcome: 'approved' } : {}),
  deny: () => ({ outcome: 'denied' }),
  return_to_previous: () => ({}),
  transfer: (_d, _s, a) => ({ assigneeId: String(a.payload.toStaffId) }),
  start_special_procedure: (_d, s, a) => ({
    pauses: [...s.pauses, { kind: 'special_procedure', from: a.date, to: null, stepKey: s.step.key, procedure: String(a.payload.procedure) }],
  }),
  end_special_procedure: (_d, s, a) => ({ pauses: closePause(s, a.date) }),
  issue: () => ({}),
  deliver: () => ({}),
  withdraw: (_d, s, a) => ({ outcome: 'withdrawn', pauses: closePause(s, a.date) }),
  claim: (_d, _s, a) => ({ assigneeId: String(a.payload.staffId) }),
  supplement_materials: (_d, s, a) => {
    const supplied = new Set(((a.payload.materials as { name: string }[] | undefined) ?? []).map((m) => m.name));
    const pendingMaterials = s.pendingMaterials.filter((m) => !supplied.has(m));
    return { pendingMaterials, supplyBy: pendingMaterials.length ? s.supplyBy : null };
  },
  expire: (_d, s, a) => ({ pauses: closePause(s, a.date) }),
  // Waiting for payment pauses the clock only where the item's rule says the law allows it.
  await_payment: (_d, s, a) =>
    a.payload.pauseClock === true ? { pauses: [...s.pauses, { kind: 'payment', from: a.date, to: null, stepKey: s.step.key }] } : {},
  payment_received: (_d, s, a) => ({ pauses: closePause(s, a.date) }),
  countersign: (_d, s, a) => ({ branches: signBranch(s.branches, a) }),
};

const terminal: readonly CaseStatus[] = terminalStatuses;

/** Puts the case where the machine's target says: a status, or a step of its workflow (concluded past the last one). */
function moveTo(def: WorkflowDefinition, s: CaseState, target: CaseTarget, a: RecordedAction): CaseState {
  const conclude = (status: CaseStatus): CaseState => ({ ...s, status, concludedOn: a.date, assigneeId: null });
  switch (target) {
    case 'next_step':
      return s.stepIndex + 1 < def.steps.length ? enterStep(def, s, s.stepIndex + 1, a.date) : conclude('concluded');
    case 'earlier_step': {
      const to = typeof a.payload.toStep === 'string' ? def.steps.findIndex((x) => x.key === a.payload.toStep) : s.stepIndex - 1;
      return enterStep(def, s, Math.max(0, to), a.date);
    }
    case 'same_step':
      return { ...s, status: statusAtStep[s.step.kind] };
    case 'join': {
      const move = joinMove(s.branches, a.payload);
      return move === 'stay' ? s : moveTo(def, s, move, a);
    }
    default:
      return terminal.includes(target) ? conclude(target) : { ...s, status: target };
  }
}

/**
 * The next state after a recorded action: the one chokepoint of a case's life. The machine says
 * whether the status allows the action (else 409 `workflow.action_not_allowed`) and where it
 * leads; the action's effect says what else changes. Pure; the state of a case is the fold of its log.
 */
export function applyAction(def: WorkflowDefinition, s: CaseState, a: RecordedAction): CaseState {
  const target = caseMachine.next(s.status, a.action);
  return moveTo(def, { ...s, ...effects[a.action](def, s, a), version: s.version + 1 }, target, a);
}

/** The current state: the initial state folded with every recorded action, in order. */
export function deriveState(def: WorkflowDefinition, submittedOn: string, log: readonly RecordedAction[]): CaseState {
  return log.reduce((s, a) => applyAction(def, s, a), initialState(def, submittedOn));
}
