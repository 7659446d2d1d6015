import { z } from 'zod';

/**
 * A workflow definition is versioned data (DIGIT's "workflows as data"): the ordered steps of a
 * case, the role that acts at each, and each step's share of the promised time limit. A case runs
 * on the definition version it started with.
 */
export const stepKinds = ['accept', 'review', 'decide', 'issue', 'deliver'] as const;
export type StepKind = (typeof stepKinds)[number];

const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);

/**
 * One branch of a 会签 (countersign) step: every branch is open at once when the case enters the
 * step; a holder of its role (in `departmentId`, a co-signing department, when given; else in the
 * case's own department) signs it. The case moves on when every branch has agreed.
 */
export const BranchDefinition = z.object({
  /** Unique within the step. */
  key: code,
  name: z.object({ zh: z.string().trim().min(1).max(50), en: z.string().trim().min(1).max(80) }),
  /** Built-in or custom role code whose holders sign this branch. */
  role: code,
  departmentId: z.string().uuid().optional().describe('co-signing department: its holders of the role sign (default: the case’s department)'),
});
export type BranchDefinition = z.infer<typeof BranchDefinition>;

export const StepDefinition = z.object({
  /** Unique within the definition: accept, review, decide, issue, deliver, or a custom one (site_check…). */
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  /** What the step does; custom steps are `review` steps with their own key, name and role. */
  kind: z.enum(stepKinds),
  name: z.object({ zh: z.string().trim().min(1).max(50), en: z.string().trim().min(1).max(80) }),
  /** Built-in or custom role code that acts at this step (window_clerk, reviewer, approver, …). */
  role: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  /** Percent of the promised limit this step may use; the shares of a definition add up to 100. */
  share: z.number().int().min(0).max(100),
  /** 会签: parallel branches of a review step (2–10), all open at once; the step ends when every one has agreed. */
  branches: z
    .array(BranchDefinition)
    .min(2)
    .max(10)
    .optional()
    .describe('会签 (review steps only): parallel branches, each signed by a holder of its role; the case moves on when all have agreed'),
});
export type StepDefinition = z.infer<typeof StepDefinition>;

export const WorkflowDefinition = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_.-]{0,59}$/),
    version: z.number().int().min(1),
    name: z.object({ zh: z.string().trim().min(1).max(100), en: z.string().trim().min(1).max(200) }),
    steps: z.array(StepDefinition).min(2).max(20),
  })
  .superRefine((d, ctx) => {
    for (const problem of definitionProblems(d)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.code, params: { code: problem.code } });
  });
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;

/** Structural rules: accept first; one decision; review steps between; issue then deliver after it. */
export function definitionProblems(d: { steps: StepDefinition[] }): { path: (string | number)[]; code: string }[] {
  const problems: { path: (string | number)[]; code: string }[] = [];
  const steps = d.steps;
  const keys = new Set<string>();
  steps.forEach((s, i) => {
    if (keys.has(s.key)) problems.push({ path: ['steps', i, 'key'], code: 'duplicate' });
    keys.add(s.key);
    if (s.branches && s.kind !== 'review') problems.push({ path: ['steps', i, 'branches'], code: 'branches_only_on_review' });
    const branchKeys = new Set<string>();
    s.branches?.forEach((b, j) => {
      if (branchKeys.has(b.key)) problems.push({ path: ['steps', i, 'branches', j, 'key'], code: 'duplicate' });
      branchKeys.add(b.key);
    });
  });
  if (steps[0]?.kind !== 'accept') problems.push({ path: ['steps', 0, 'kind'], code: 'first_step_must_accept' });
  if (steps.filter((s) => s.kind === 'accept').length !== 1) problems.push({ path: ['steps'], code: 'one_accept_step' });
  const decide = steps.findIndex((s) => s.kind === 'decide');
  if (decide < 0 || steps.filter((s) => s.kind === 'decide').length !== 1) problems.push({ path: ['steps'], code: 'one_decide_step' });
  steps.forEach((s, i) => {
    if (s.kind === 'review' && decide >= 0 && i > decide) problems.push({ path: ['steps', i, 'kind'], code: 'review_after_decision' });
    if ((s.kind === 'issue' || s.kind === 'deliver') && decide >= 0 && i < decide) problems.push({ path: ['steps', i, 'kind'], code: 'before_decision' });
  });
  const issue = steps.findIndex((s) => s.kind === 'issue');
  const deliver = steps.findIndex((s) => s.kind === 'deliver');
  if (steps.filter((s) => s.kind === 'issue').length > 1 || steps.filter((s) => s.kind === 'deliver').length > 1)
    problems.push({ path: ['steps'], code: 'at_most_one_issue_and_deliver' });
  if (issue >= 0 && deliver >= 0 && deliver < issue) problems.push({ path: ['steps', deliver, 'kind'], code: 'deliver_before_issue' });
  if (steps.reduce((sum, s) => sum + s.share, 0) !== 100) problems.push({ path: ['steps'], code: 'shares_must_total_100' });
  return problems;
}

const step = (key: string, kind: StepKind, zh: string, en: string, role: string, share: number): StepDefinition => ({
  key,
  kind,
  name: { zh, en },
  role,
  share,
});

/** The default workflow: 受理 → 审查 → 决定 → 出件 → 送达. */
export const defaultWorkflow: WorkflowDefinition = {
  code: 'default',
  version: 1,
  name: { zh: '通用审批流程', en: 'Standard approval' },
  steps: [
    step('accept', 'accept', '受理', 'Acceptance', 'window_clerk', 20),
    step('review', 'review', '审查', 'Review', 'reviewer', 40),
    step('decide', 'decide', '决定', 'Decision', 'approver', 30),
    step('issue', 'issue', '制证出件', 'Issue the result', 'window_clerk', 5),
    step('deliver', 'deliver', '送达', 'Delivery', 'window_clerk', 5),
  ],
};

/** The working days each step may use: cumulative shares rounded down, so the budgets add up to the limit. */
export function stepBudgets(def: Pick<WorkflowDefinition, 'steps'>, promisedDays: number): Record<string, number> {
  const budgets: Record<string, number> = {};
  let cumulative = 0;
  let used = 0;
  for (const s of def.steps) {
    cumulative += s.share;
    const upTo = Math.floor((promisedDays * cumulative) / 100);
    budgets[s.key] = upTo - used;
    used = upTo;
  }
  return budgets;
}
