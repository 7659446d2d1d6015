import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { drawWorkflow, nextTaskStatus, taskWorkflow } from './workflow.ts';

function refusal(f: () => unknown): { code: string; extra: Record<string, unknown> } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError & { extra?: Record<string, unknown> };
    return { code: err.code, extra: err.extra ?? {} };
  }
  throw new Error('not refused');
}

describe('the task and draw life cycles', () => {
  it('walks a task from planned to disclosed, and a void back to planned', () => {
    expect(nextTaskStatus('planned', 'commit')).toBe('committed');
    expect(nextTaskStatus('committed', 'draw')).toBe('drawn');
    expect(nextTaskStatus('drawn', 'record')).toBe('in_progress');
    expect(nextTaskStatus('in_progress', 'finish')).toBe('finished');
    expect(nextTaskStatus('in_progress', 'disclose')).toBe('in_progress');
    expect(nextTaskStatus('finished', 'disclose')).toBe('disclosed');
    expect(nextTaskStatus('disclosed', 'disclose')).toBe('disclosed');
    expect(taskWorkflow.next('drawn', 'void')).toBe('planned');
    expect(drawWorkflow.next('committed', 'void')).toBe('voided');
  });

  it('refuses with the codes the API has always answered, naming the allowed actions', () => {
    expect(refusal(() => nextTaskStatus('committed', 'commit'))).toMatchObject({
      code: 'resource.conflict',
      extra: { currentStatus: 'committed', action: 'commit', allowed: ['draw', 'void'] },
    });
    expect(refusal(() => nextTaskStatus('drawn', 'commit'))).toMatchObject({
      code: 'inspection.already_drawn',
      extra: { allowed: ['record', 'finish', 'void'] },
    });
    expect(refusal(() => nextTaskStatus('planned', 'draw'))).toMatchObject({ code: 'inspection.not_committed', extra: { allowed: ['commit'] } });
    expect(refusal(() => nextTaskStatus('finished', 'draw')).code).toBe('inspection.already_drawn');
    expect(refusal(() => nextTaskStatus('finished', 'record'))).toMatchObject({ code: 'workflow.action_not_allowed', extra: { allowed: ['disclose'] } });
    expect(refusal(() => nextTaskStatus('drawn', 'disclose')).code).toBe('workflow.action_not_allowed');
    expect(refusal(() => drawWorkflow.next('voided', 'void'))).toMatchObject({ code: 'workflow.action_not_allowed', extra: { allowed: [] } });
  });
});
