import { describe, expect, it } from 'vitest';
import { terminalSql } from './tables.ts';
import { terminalStatuses } from './workflow/engine.ts';

describe('the open-cases index (light refresh)', () => {
  it('leaves out exactly the terminal statuses', () => {
    expect(terminalSql).toBe(terminalStatuses.map((s) => `'${s}'`).join(', '));
  });
});
