import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { defineStateMachine } from './state-machine.ts';

const door = defineStateMachine<'open' | 'closed' | 'locked', 'close' | 'open' | 'lock' | 'unlock'>({
  open: { close: 'closed' },
  closed: { open: 'open', lock: 'locked' },
  locked: { unlock: 'closed' },
});

describe('defineStateMachine', () => {
  it('follows the table', () => {
    expect(door.next('closed', 'lock')).toBe('locked');
    expect(door.allowed('closed')).toEqual(['open', 'lock']);
    expect(door.can('open', 'lock')).toBe(false);
    expect(door.can('locked', 'unlock')).toBe(true);
  });

  it('refuses what the status does not permit with a 409 naming what is allowed', () => {
    let thrown: unknown;
    try {
      door.next('locked', 'open');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'workflow.action_not_allowed', status: 409, extra: { currentStatus: 'locked', action: 'open', allowed: ['unlock'] } });
  });
});
