import { describe, expect, it } from 'vitest';
import { forgetPageTotals, keptTotals, MAX_KEPT, pageWithKeptTotal, totalsWriteSeen, type KeptTotalPage } from './page-totals.ts';

/** A list of `n` rows read and counted in memory, telling how often it was counted. */
function list(n: number) {
  const state = { n, counts: 0 };
  const database = {};
  const ask = (page: number, pageSize: number, over: Partial<KeptTotalPage<number>> = {}) =>
    pageWithKeptTotal<number>({
      database,
      key: 'the list',
      maxAgeMs: 60_000,
      page,
      pageSize,
      read: async () => Array.from({ length: Math.max(0, Math.min(pageSize, state.n - (page - 1) * pageSize)) }, (_, i) => i),
      count: async () => {
        state.counts++;
        return state.n;
      },
      ...over,
    });
  return { state, ask, database };
}

describe('a list total kept between requests', () => {
  it('a page that is not full knows its total without counting, on page 1 and later', async () => {
    const l = list(25);
    expect(await ask(l, 2, 20)).toEqual({ rows: 5, total: 25 });
    expect(await ask(l, 1, 30)).toEqual({ rows: 25, total: 25 });
    expect(l.state.counts).toBe(0);
    const empty = list(0);
    expect(await ask(empty, 1, 20)).toEqual({ rows: 0, total: 0 });
    expect(empty.state.counts).toBe(0);
  });

  it('a full page counts once, then takes the kept total of the same list while it agrees with the page', async () => {
    const l = list(95);
    expect(await ask(l, 1, 20)).toEqual({ rows: 20, total: 95 });
    expect(await ask(l, 2, 20)).toEqual({ rows: 20, total: 95 });
    expect(await ask(l, 1, 20)).toEqual({ rows: 20, total: 95 });
    expect(l.state.counts).toBe(1);
    // A page past the end agrees with a kept total at or below its offset.
    expect(await ask(l, 9, 20)).toEqual({ rows: 0, total: 95 });
    expect(l.state.counts).toBe(1);
  });

  it('a kept total the page contradicts is counted again', async () => {
    const l = list(40);
    expect((await ask(l, 1, 20)).total).toBe(40);
    l.state.n = 100; // grown behind this process's back (another process wrote)
    expect(await ask(l, 3, 20)).toEqual({ rows: 20, total: 100 });
    expect(l.state.counts).toBe(2);
    l.state.n = 30; // shrunk: page 3 is past the end, the kept 100 says it is not
    expect(await ask(l, 3, 20)).toEqual({ rows: 0, total: 30 });
    expect(l.state.counts).toBe(3);
  });

  it('a write statement or a commit in this process forgets every kept total; a select does not', async () => {
    const l = list(50);
    await ask(l, 1, 20);
    totalsWriteSeen('select 1');
    totalsWriteSeen('  SELECT count(*) from cases');
    await ask(l, 1, 20);
    expect(l.state.counts).toBe(1);
    for (const write of [
      'insert into "cases" values (1)',
      'update "hotline_tickets" set x = 1',
      'delete from t',
      'with x as (update t set a = 1) select 1',
      'INSERT INTO system_meta',
    ]) {
      totalsWriteSeen(write);
      await ask(l, 1, 20);
    }
    expect(l.state.counts).toBe(6);
    forgetPageTotals();
    await ask(l, 1, 20);
    expect(l.state.counts).toBe(7);
  });

  it('a total older than maxAgeMs is counted again; maxAgeMs 0 counts every full page', async () => {
    const l = list(50);
    await l.ask(1, 20, { maxAgeMs: 0 });
    await new Promise((r) => setTimeout(r, 5));
    await l.ask(1, 20, { maxAgeMs: 0 });
    expect(l.state.counts).toBe(2);
    await l.ask(1, 20, { maxAgeMs: 60_000 });
    expect(l.state.counts).toBe(2);
  });

  it('a total counted while a write happened is answered but not kept', async () => {
    const l = list(50);
    await l.ask(1, 20, {
      count: async () => {
        l.state.counts++;
        totalsWriteSeen('update t set a = 1'); // another request's write, sent while this count ran
        return l.state.n;
      },
    });
    await ask(l, 1, 20);
    expect(l.state.counts).toBe(2);
    await ask(l, 1, 20);
    expect(l.state.counts).toBe(2);
  });

  it('lists are kept apart by key, and at most MAX_KEPT per database', async () => {
    const l = list(50);
    await l.ask(1, 20, { key: 'a' });
    await l.ask(1, 20, { key: 'b' });
    await l.ask(1, 20, { key: 'a' });
    expect(l.state.counts).toBe(2);
    for (let i = 0; i < MAX_KEPT + 3; i++) await l.ask(1, 20, { key: `k${i}` });
    expect(keptTotals(l.database)).toBeLessThanOrEqual(MAX_KEPT);
  });
});

async function ask(l: ReturnType<typeof list>, page: number, pageSize: number) {
  const { rows, total } = await l.ask(page, pageSize);
  return { rows: rows.length, total };
}
