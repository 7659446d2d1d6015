import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { TicketListItem } from './schemas.ts';

/**
 * The workbench's ticket list answers list rows (decision 0008: a list selects only the columns it
 * shows): what the table shows and filters by, the same values the ticket's own read gives, and
 * nothing of the caller's words, address or identity, which only the ticket's read (with its scope
 * checks) answers.
 */
let t: TestApp;
let operator: string;
beforeAll(async () => {
  t = await createTestApp();
  operator = await t.login('rx.operator');
});
afterAll(() => t.close());

describe('GET /api/workbench/hotline/tickets', () => {
  it('answers list rows: the list fields only, equal to the ticket read field by field', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/workbench/hotline/tickets?page=1&pageSize=20', headers: { cookie: operator } });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(5);
    const fields = Object.keys(TicketListItem.shape).sort();
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(fields);
      for (const personal of ['text', 'address', 'caller', 'lng', 'lat', 'publicText']) expect(item).not.toHaveProperty(personal);
    }
    for (const item of items.slice(0, 5)) {
      const detail = await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/tickets/${item.id as string}`, headers: { cookie: operator } });
      expect(detail.statusCode, detail.body).toBe(200);
      const full = detail.json() as Record<string, unknown>;
      for (const f of fields) expect(item[f], f).toEqual(full[f]);
    }
  });

  it('filters and pages as before: a status filter answers only that status, newest first', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/workbench/hotline/tickets?page=1&pageSize=50&status=dispatched',
      headers: { cookie: operator },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { items, total } = res.json() as { items: { status: string; createdAt: string }[]; total: number };
    expect(items.length).toBeGreaterThan(0);
    expect(total).toBe(items.length);
    expect(items.every((i) => i.status === 'dispatched')).toBe(true);
    expect(items.map((i) => i.createdAt)).toEqual([...items.map((i) => i.createdAt)].sort().reverse());
  });
});
