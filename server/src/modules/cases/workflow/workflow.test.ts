import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createCalendar } from '../../../platform/calendar/engine.ts';
import { defaultWorkflow, definitionProblems, stepBudgets, WorkflowDefinition } from './definition.ts';
import { allowedActions, applyAction, checkAction, deriveState, initialState, type CaseAction, type CaseState, type RecordedAction } from './engine.ts';
import { caseActionRules } from '../policy.ts';

/** Who takes the action in this state, by the action table: the applicant, the platform, or staff of the step's role. */
function actorRoleFor(state: CaseState, action: CaseAction): { kind: 'applicant' } | { kind: 'system' } | { kind: 'staff'; role: string } {
  const rule = caseActionRules[action];
  return rule.by === 'staff' ? { kind: 'staff', role: state.step.role } : { kind: rule.by };
}
import { caseDeadlines, deadline } from './clock.ts';

const def = defaultWorkflow;
const staffA = '00000000-0000-7000-8000-00000000000a';

/** Checks then applies, like the service does; throws on an illegal action. */
function act(d: WorkflowDefinition, s: CaseState, action: CaseAction, payload: Record<string, unknown> = {}, date = '2026-09-29'): CaseState {
  const check = checkAction(d, s, action, payload);
  if (!check.ok) throw new Error(`${action}: ${JSON.stringify(check)}`);
  return applyAction(d, s, { action, date, actorId: null, stepKey: s.step.key, payload });
}

const refuse = { reason: '申请人不具备主体资格', legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（一）项' };

describe('default workflow: every transition', () => {
  const start = initialState(def, '2026-09-28');

  it('accept → review → decide → issue → deliver → concluded', () => {
    let s = start;
    expect(s.status).toBe('pending_acceptance');
    expect(allowedActions(def, s)).toEqual(['accept', 'refuse', 'request_correction', 'transfer', 'claim', 'withdraw', 'await_payment']);
    s = act(def, s, 'accept');
    expect([s.status, s.step.key]).toEqual(['under_review', 'review']);
    s = act(def, s, 'approve', { opinion: '材料齐全，符合条件' });
    expect([s.status, s.step.key, s.outcome]).toEqual(['pending_decision', 'decide', null]);
    s = act(def, s, 'approve');
    expect([s.status, s.step.key, s.outcome]).toEqual(['pending_issue', 'issue', 'approved']);
    s = act(def, s, 'issue');
    expect(s.status).toBe('pending_delivery');
    s = act(def, s, 'deliver', { method: 'post', carrier: 'EMS', trackingNumber: '1234567890123' }, '2026-10-09');
    expect([s.status, s.outcome, s.concludedOn, s.version]).toEqual(['concluded', 'approved', '2026-10-09', 5]);
    expect(allowedActions(def, s)).toEqual([]);
  });

  it('refuse needs a reason and the legal basis, and ends the case', () => {
    const missing = checkAction(def, start, 'refuse', { reason: '不符合' });
    expect(missing).toEqual({ ok: false, code: 'request.invalid', fields: [{ field: 'legalBasis', code: 'invalid_type' }] });
    const s = act(def, start, 'refuse', refuse);
    expect([s.status, s.outcome]).toEqual(['refused', 'refused']);
  });

  it('a correction request lists everything at once, pauses the clock, and the correction resumes at the same step', () => {
    expect(checkAction(def, start, 'request_correction', { items: [] })).toMatchObject({ ok: false, fields: [{ field: 'items', code: 'too_small' }] });
    let s = act(def, start, 'request_correction', {
      items: [
        { material: '营业执照', problem: '未上传' },
        { material: '场所平面图', problem: '比例不清' },
      ],
    });
    expect(s.status).toBe('awaiting_correction');
    expect(s.correctionItems).toHaveLength(2);
    expect(s.pauses).toEqual([{ kind: 'correction', from: '2026-09-29', to: null, stepKey: 'accept' }]);
    expect(allowedActions(def, s)).toEqual(['submit_correction', 'withdraw', 'expire']);
    expect(actorRoleFor(s, 'submit_correction')).toEqual({ kind: 'applicant' });
    s = act(def, s, 'submit_correction', {}, '2026-10-09');
    expect([s.status, s.correctionItems, s.pauses[0]!.to, s.correctionRounds]).toEqual(['pending_acceptance', null, '2026-10-09', 1]);
  });

  it('deny at the decision needs reason and basis; review cannot deny', () => {
    let s = act(def, act(def, start, 'accept'), 'approve');
    expect(checkAction(def, act(def, start, 'accept'), 'deny', refuse)).toMatchObject({ ok: false, code: 'workflow.action_not_allowed' });
    expect(checkAction(def, s, 'deny', { reason: 'x' })).toMatchObject({ ok: false, code: 'request.invalid' });
    s = act(def, s, 'deny', refuse);
    expect([s.status, s.outcome]).toEqual(['denied', 'denied']);
  });

  it('return to the previous step (or a named earlier one), never to a later one', () => {
    const atDecide = act(def, act(def, start, 'accept'), 'approve');
    expect(act(def, atDecide, 'return_to_previous', { reason: '补充审查意见' }).step.key).toBe('review');
    expect(act(def, atDecide, 'return_to_previous', { reason: '退回窗口', toStep: 'accept' }).status).toBe('pending_acceptance');
    expect(checkAction(def, atDecide, 'return_to_previous', { reason: 'x', toStep: 'issue' })).toMatchObject({
      fields: [{ field: 'toStep', code: 'not_an_earlier_step' }],
    });
    expect(allowedActions(def, start)).not.toContain('return_to_previous');
  });

  it('transfer assigns within the step; the next step starts unassigned', () => {
    let s = act(def, start, 'accept');
    s = act(def, s, 'transfer', { toStaffId: staffA });
    expect([s.step.key, s.assigneeId]).toEqual(['review', staffA]);
    expect(checkAction(def, s, 'transfer', { toStaffId: 'nobody' })).toMatchObject({ ok: false, code: 'request.invalid' });
    s = act(def, s, 'approve');
    expect(s.assigneeId).toBeNull();
  });

  it('a special procedure pauses the clock; only ending it is allowed meanwhile', () => {
    let s = act(def, act(def, start, 'accept'), 'start_special_procedure', { procedure: 'hearing', note: '申请人要求听证' }, '2026-09-30');
    expect(s.status).toBe('special_procedure');
    expect(allowedActions(def, s)).toEqual(['end_special_procedure']);
    s = act(def, s, 'end_special_procedure', {}, '2026-10-12');
    expect([s.status, s.pauses]).toEqual([
      'under_review',
      [{ kind: 'special_procedure', from: '2026-09-30', to: '2026-10-12', stepKey: 'review', procedure: 'hearing' }],
    ]);
  });

  it('withdraw before the decision; not after', () => {
    expect(act(def, start, 'withdraw').status).toBe('withdrawn');
    const approved = act(def, act(def, act(def, start, 'accept'), 'approve'), 'approve');
    expect(checkAction(def, approved, 'withdraw', {})).toEqual({
      ok: false,
      code: 'workflow.action_not_allowed',
      allowed: ['issue', 'claim', 'await_payment'],
    });
  });

  it('the state is the fold of the recorded actions', () => {
    const log: RecordedAction[] = [
      { action: 'request_correction', date: '2026-09-29', actorId: null, stepKey: 'accept', payload: { items: [{ material: 'a', problem: 'b' }] } },
      { action: 'submit_correction', date: '2026-10-09', actorId: null, stepKey: 'accept', payload: {} },
      { action: 'accept', date: '2026-10-09', actorId: null, stepKey: 'accept', payload: {} },
      { action: 'approve', date: '2026-10-12', actorId: null, stepKey: 'review', payload: {} },
    ];
    const s = deriveState(def, '2026-09-28', log);
    expect([s.status, s.step.key, s.stepEnteredOn, s.version]).toEqual(['pending_decision', 'decide', '2026-10-12', 4]);
  });

  it('staff actions belong to the role of the current step', () => {
    expect(actorRoleFor(start, 'accept')).toEqual({ kind: 'staff', role: 'window_clerk' });
    expect(actorRoleFor(act(def, start, 'accept'), 'approve')).toEqual({ kind: 'staff', role: 'reviewer' });
  });
});

describe('a custom workflow', () => {
  const custom: WorkflowDefinition = WorkflowDefinition.parse({
    code: 'food-site-check',
    version: 2,
    name: { zh: '含现场核查的审批', en: 'Approval with a site check' },
    steps: [
      { key: 'accept', kind: 'accept', name: { zh: '受理', en: 'Acceptance' }, role: 'window_clerk', share: 10 },
      { key: 'site_check', kind: 'review', name: { zh: '现场核查', en: 'Site check' }, role: 'inspector', share: 50 },
      { key: 'review', kind: 'review', name: { zh: '审核', en: 'Check' }, role: 'reviewer', share: 20 },
      { key: 'decide', kind: 'decide', name: { zh: '决定', en: 'Decision' }, role: 'approver', share: 20 },
    ],
  });

  it('runs accept → site check (inspector) → review → decide, and concludes at the decision when nothing is issued', () => {
    let s = act(custom, initialState(custom, '2026-09-28'), 'accept');
    expect([s.step.key, actorRoleFor(s, 'approve')]).toEqual(['site_check', { kind: 'staff', role: 'inspector' }]);
    s = act(custom, s, 'approve');
    expect(s.step.key).toBe('review');
    s = act(custom, s, 'return_to_previous', { reason: '需补充核查照片' });
    expect(s.step.key).toBe('site_check');
    s = act(custom, act(custom, act(custom, s, 'approve'), 'approve'), 'approve');
    expect([s.status, s.outcome]).toEqual(['concluded', 'approved']);
  });

  it('definitions are checked: accept first, one decision, reviews before it, shares total 100, keys unique', () => {
    const bad = {
      steps: [{ ...defaultWorkflow.steps[1]! }, { ...defaultWorkflow.steps[1]! }, { ...defaultWorkflow.steps[4]! }, { ...defaultWorkflow.steps[2]!, share: 1 }],
    };
    expect(
      definitionProblems(bad)
        .map((p) => p.code)
        .sort(),
    ).toEqual(['before_decision', 'duplicate', 'first_step_must_accept', 'one_accept_step', 'shares_must_total_100']);
    expect(definitionProblems(defaultWorkflow)).toEqual([]);
    expect(WorkflowDefinition.safeParse({ ...custom, steps: custom.steps.slice(0, 3) }).success).toBe(false);
  });
});

describe('step budgets', () => {
  it('split the promised limit by shares and always add up to it', () => {
    expect(stepBudgets(def, 20)).toEqual({ accept: 4, review: 8, decide: 6, issue: 1, deliver: 1 });
    expect(stepBudgets(def, 0)).toEqual({ accept: 0, review: 0, decide: 0, issue: 0, deliver: 0 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 3650 }), (days) => Object.values(stepBudgets(def, days)).reduce((a, b) => a + b, 0) === days));
  });
});

describe('clock: due dates, pauses, lights (2026 calendar: 中秋 9-25…27, 国庆 10-1…7, make-up 10-10)', () => {
  const cal = createCalendar();

  it('10 working days from Mon 2026-09-28 skip National Day and count the make-up Saturday', () => {
    // 9-29, 9-30, 10-08, 10-09, 10-10 (make-up), 10-12 … 10-16
    expect(deadline(cal, '2026-09-28', 10, [], '2026-09-28')).toMatchObject({
      dueDate: '2026-10-16',
      daysLeft: 10,
      light: 'green',
      paused: false,
      estimated: false,
    });
  });

  it('a correction pause across the holiday extends the due date by the working days waited', () => {
    const pauses = [{ kind: 'correction' as const, from: '2026-09-29', to: '2026-10-09', stepKey: 'accept' }];
    // paused: 9-30, 10-08, 10-09 = 3 working days → 13th working day after 9-28 = 10-21
    expect(deadline(cal, '2026-09-28', 10, pauses, '2026-10-16')).toMatchObject({ dueDate: '2026-10-21', pausedDays: 3, daysLeft: 3, light: 'green' });
    expect(deadline(cal, '2026-09-28', 10, pauses, '2026-10-19')).toMatchObject({ daysLeft: 2, light: 'yellow' });
    expect(deadline(cal, '2026-09-28', 10, pauses, '2026-10-21')).toMatchObject({ daysLeft: 0, light: 'yellow' });
    expect(deadline(cal, '2026-09-28', 10, pauses, '2026-10-22')).toMatchObject({ daysLeft: -1, light: 'red' });
    expect(deadline(cal, '2026-09-28', 10, pauses, '2026-10-19', { yellowDays: 1 }).light).toBe('green');
  });

  it('while paused the days left stand still and the due date moves with each working day waited', () => {
    const open = [{ kind: 'correction' as const, from: '2026-09-29', to: null, stepKey: 'accept' }];
    const d1 = deadline(cal, '2026-09-28', 10, open, '2026-10-08');
    const d2 = deadline(cal, '2026-09-28', 10, open, '2026-10-12');
    expect(d1).toMatchObject({ paused: true, daysLeft: 9, pausedDays: 2, dueDate: '2026-10-20' });
    // waited 9-30, 10-08, 10-09, 10-10 (make-up Saturday), 10-12 → 15th working day after 9-28
    expect(d2).toMatchObject({ paused: true, daysLeft: 9, pausedDays: 5, dueDate: '2026-10-23' });
  });

  it('case and step deadlines of a derived state', () => {
    let s = act(def, initialState(def, '2026-09-28'), 'accept', {}, '2026-09-29');
    s = act(def, s, 'start_special_procedure', { procedure: 'expert_review', note: '专家评审' }, '2026-09-30');
    s = act(def, s, 'end_special_procedure', {}, '2026-10-09');
    const d = caseDeadlines(cal, def, s, '2026-09-28', 20, '2026-10-12');
    // review: budget 8 (40% of 20) from the day it was entered, plus the 2 working days of the procedure (10-08, 10-09)
    expect(d.step).toMatchObject({ pausedDays: 2, paused: false });
    expect(d.step.dueDate).toBe(cal.addWorkingDays('2026-09-29', 10).date);
    expect(d.case.dueDate).toBe(cal.addWorkingDays('2026-09-28', 22).date);
  });
});

describe('claim, 容缺 (pending materials) and expiry', () => {
  const start = initialState(def, '2026-09-28');

  it('claim assigns the step to the claimant; a claimed case offers no claim; a new step is open again', () => {
    let s = act(def, start, 'claim', { staffId: staffA });
    expect(s.assigneeId).toBe(staffA);
    expect(allowedActions(def, s)).not.toContain('claim');
    expect(actorRoleFor(s, 'claim')).toEqual({ kind: 'staff', role: 'window_clerk' });
    s = act(def, s, 'accept');
    expect([s.step.key, s.assigneeId]).toEqual(['review', null]);
    expect(allowedActions(def, s)).toContain('claim');
  });

  it('accepted with pending materials: supplied by the applicant before the result is issued', () => {
    let s = act(def, start, 'accept', { pendingMaterials: ['健康证明', '布局图'], supplyBy: '2026-10-09' });
    expect([s.pendingMaterials, s.supplyBy]).toEqual([['健康证明', '布局图'], '2026-10-09']);
    expect(allowedActions(def, s)).toEqual(expect.arrayContaining(['supplement_materials', 'expire']));
    expect(actorRoleFor(s, 'supplement_materials')).toEqual({ kind: 'applicant' });
    s = act(def, s, 'approve');
    s = act(def, s, 'approve');
    expect(s.status).toBe('pending_issue');
    expect(allowedActions(def, s)).not.toContain('issue');
    expect(checkAction(def, s, 'supplement_materials', { materials: [{ name: '营业执照', fileIds: [staffA] }] })).toEqual({
      ok: false,
      code: 'request.invalid',
      fields: [{ field: 'materials.0.name', code: 'not_pending' }],
    });
    s = act(def, s, 'supplement_materials', { materials: [{ name: '健康证明', fileIds: [staffA] }] });
    expect([s.pendingMaterials, s.supplyBy, s.status]).toEqual([['布局图'], '2026-10-09', 'pending_issue']);
    s = act(def, s, 'supplement_materials', { materials: [{ name: '布局图', fileIds: [staffA] }] });
    expect([s.pendingMaterials, s.supplyBy]).toEqual([[], null]);
    expect(allowedActions(def, s)).toEqual(['issue', 'claim', 'await_payment']);
    expect(allowedActions(def, s)).not.toContain('expire');
  });

  it('expire ends a case waiting for a correction (closing the pause) and is the platform’s action', () => {
    let s = act(def, start, 'request_correction', { items: [{ material: '申请书', problem: '未签字' }] }, '2026-09-29');
    expect(s.correctionRequestedOn).toBe('2026-09-29');
    expect(actorRoleFor(s, 'expire')).toEqual({ kind: 'system' });
    s = act(def, s, 'expire', { reason: 'correction', due: '2026-11-11' }, '2026-11-12');
    expect([s.status, s.concludedOn, s.pauses.at(-1)!.to]).toEqual(['correction_expired', '2026-11-12', '2026-11-12']);
    expect(allowedActions(def, s)).toEqual([]);
    expect(checkAction(def, act(def, start, 'accept'), 'expire', { reason: 'correction', due: 'x' })).toMatchObject({
      ok: false,
      code: 'workflow.action_not_allowed',
    });
  });
});
