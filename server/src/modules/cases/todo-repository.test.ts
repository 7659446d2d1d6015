// The to-do statement is built once per shape and run with each request's values (issue 12: building
// it with Drizzle was ~14 % of the request). Its answers are checked against a plain statement of
// the same rules (one select, the scopes ORed, no union, no prepared statement), over cases written
// for this file: two roles of their own, three regions (one with LIKE's special characters), two
// departments, two assignees, lights, open branches, a fast lane and a closed case.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, arrayContains, asc, desc, eq, isNull, like, or, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { openTestDatabase } from '../../../test/harness.ts';
import { sqlRegionWithin } from '../../platform/auth/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { setPageTotalCapForTests } from '../../platform/db/paging.ts';
import type { StepScope } from './repository.ts';
import { cases, staffWaitingSql } from './tables.ts';
import { todoPage, todoStatements } from './todo-repository.ts';

let database: Database;
const [d1, d2, me1, me2] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const regions = ['990000/990100', '990000/990100/x_%y', '990000/990200'];

beforeAll(async () => {
  database = await openTestDatabase();
  const [template] = await database.db.select().from(cases).limit(1);
  const base = Date.parse('2026-01-05T08:00:00Z');
  const rows = Array.from({ length: 48 }, (_, i) => {
    const role = i % 2 ? 'todo_b' : 'todo_a';
    const department = (i >> 1) % 2 ? d2 : d1;
    return {
      ...template!,
      id: randomUUID(),
      caseNo: `TODO-${String(i).padStart(3, '0')}`,
      itemName: i % 4 === 0 ? `食品经营许可 ${i}` : `其他事项 ${i}`,
      applicantName: i % 5 === 0 ? '王五' : '李四',
      stepRole: role,
      departmentId: department,
      regionPath: regions[i % 3]!,
      assigneeId: [null, me1, me2][Math.floor(i / 3) % 3]!,
      light: (['green', 'yellow', 'red'] as const)[(i >> 1) % 3]!,
      status: i % 11 === 0 ? ('concluded' as const) : ('pending_acceptance' as const),
      openBranches: i % 7 === 3 ? [`${department}:todo_a`] : i % 7 === 5 ? ['todo_b'] : [],
      fastLane: i % 6 === 0,
      submittedAt: new Date(base + i * 60_000),
      dueDate: `2026-02-${String(10 + (i % 9)).padStart(2, '0')}`,
      stepDueDate: `2026-02-${String(1 + (i % 5)).padStart(2, '0')}`,
    };
  });
  await database.db.insert(cases).values(rows);
});
afterAll(() => database.close());
afterEach(() => setPageTotalCapForTests());

type Query = Parameters<typeof todoPage>[3];

/** The to-do list's rules as one plain select (the reference): every matching case in the list's order, then page and total. */
async function reference(scopes: StepScope[], me: string | null, q: Query, cap: number) {
  if (q.assigned === 'me' && !me) return { caseNos: [], total: 0, totalCapped: false };
  const who = q.assigned === 'me' ? eq(cases.assigneeId, me!) : me ? or(isNull(cases.assigneeId), eq(cases.assigneeId, me)) : isNull(cases.assigneeId);
  const inScopes = or(
    ...scopes.flatMap((s) => [
      and(
        eq(cases.stepRole, s.role),
        s.departmentId ? eq(cases.departmentId, s.departmentId) : undefined,
        sqlRegionWithin(cases.regionPath, s.regionPath),
        sql`cardinality(open_branches) = 0`,
      ),
      and(
        sql`cardinality(open_branches) > 0`,
        arrayContains(cases.openBranches, [s.departmentId ? `${s.departmentId}:${s.role}` : s.role]),
        sqlRegionWithin(cases.regionPath, s.regionPath),
      ),
    ]),
  );
  const order =
    q.sort === 'submitted'
      ? [asc(cases.submittedAt)]
      : q.sort === '-submitted'
        ? [desc(cases.submittedAt)]
        : [sql`${cases.fastLane} DESC NULLS LAST`, asc(cases.dueDate), asc(cases.stepDueDate), asc(cases.submittedAt)];
  const all = await database.db
    .select({ caseNo: cases.caseNo })
    .from(cases)
    .where(
      and(
        sql.raw(`status NOT IN (${staffWaitingSql})`),
        who,
        q.light ? eq(cases.light, q.light as 'green') : undefined,
        q.q ? or(like(cases.caseNo, `${q.q}%`), like(cases.itemName, `%${q.q}%`), like(cases.applicantName, `%${q.q}%`)) : undefined,
        inScopes,
      ),
    )
    .orderBy(...order);
  const from = (q.page - 1) * q.pageSize;
  return {
    caseNos: all.slice(from, from + q.pageSize).map((r) => r.caseNo),
    total: Math.min(all.length, cap),
    totalCapped: all.length > cap,
  };
}

async function expectAsReference(scopes: StepScope[], me: string | null, q: Query, cap = 1_000) {
  const got = await todoPage(database.db, scopes, me, q, { totalMaxAgeMs: 0 });
  const want = await reference(scopes, me, q, cap);
  expect({ caseNos: got.rows.map((r) => r.caseNo), total: got.total, totalCapped: got.totalCapped }, JSON.stringify({ scopes, me, q })).toEqual(want);
  return want;
}

// Two actors of one shape (one scope with a department and a region below the root, me set), their values all different.
const actorA = { scopes: [{ role: 'todo_a', regionPath: '990000/990100', departmentId: d1 }], me: me1 };
const actorB = { scopes: [{ role: 'todo_b', regionPath: '990000/990100/x_%y', departmentId: d2 }], me: me2 };
const page1 = { page: 1, pageSize: 20 };

describe('the to-do statement, built once per shape', () => {
  it('answers as the plain statement for every shape: scopes, departments, the root region, me, assigned, light, q, sort, later pages', async () => {
    const scopeSets: StepScope[][] = [
      actorA.scopes,
      actorB.scopes,
      [{ role: 'todo_a', regionPath: '', departmentId: null }],
      [{ role: 'todo_b', regionPath: '990000/990100', departmentId: null }],
      [
        { role: 'todo_a', regionPath: '990000/990100', departmentId: d2 },
        { role: 'todo_b', regionPath: '', departmentId: d1 },
      ],
      [
        { role: 'todo_a', regionPath: '990000/990200', departmentId: null },
        { role: 'todo_b', regionPath: '990000', departmentId: d2 },
        { role: 'todo_a', regionPath: '990000/990100/x_%y', departmentId: d1 },
      ],
    ];
    const queries: Query[] = [
      page1,
      { page: 2, pageSize: 3 },
      { page: 1, pageSize: 5, sort: 'submitted' },
      { page: 2, pageSize: 2, sort: '-submitted' },
      { page: 1, pageSize: 20, light: 'yellow' },
      { page: 1, pageSize: 20, q: '食品' },
      { page: 1, pageSize: 20, q: 'TODO-01' },
      { page: 1, pageSize: 20, assigned: 'me' },
      { page: 1, pageSize: 20, assigned: 'me', light: 'red', sort: 'submitted' },
      { page: 50, pageSize: 20 },
    ];
    let nonEmpty = 0;
    for (const scopes of scopeSets)
      for (const me of [null, me1, me2]) for (const q of queries) if ((await expectAsReference(scopes, me, q)).caseNos.length > 0) nonEmpty++;
    // The fixture exercises the rules: most combinations find cases.
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it('builds a shape once: a second request of the same shape with other values builds nothing, another shape builds one more', async () => {
    const threeScopes = (role: string, me: string) => ({
      scopes: [
        { role, regionPath: '990000/990100', departmentId: d1 },
        { role, regionPath: '', departmentId: null },
        { role: 'todo_b', regionPath: '990000/990200', departmentId: d2 },
      ],
      me,
    });
    const shapes = todoStatements.shapes;
    const builds = todoStatements.builds;
    const first = threeScopes('todo_a', me1);
    await todoPage(database.db, first.scopes, first.me, { page: 1, pageSize: 7, light: 'green' }, { totalMaxAgeMs: 0 });
    expect([todoStatements.shapes - shapes, todoStatements.builds - builds]).toEqual([1, 1]);
    const second = threeScopes('todo_b', me2);
    await expectAsReference(second.scopes, second.me, { page: 1, pageSize: 4, light: 'red' });
    await expectAsReference(first.scopes, first.me, { page: 1, pageSize: 9, light: 'yellow' });
    expect([todoStatements.shapes - shapes, todoStatements.builds - builds]).toEqual([1, 1]);
    // Another shape (no light filter): one more.
    await expectAsReference(first.scopes, first.me, { page: 1, pageSize: 9 });
    expect([todoStatements.shapes - shapes, todoStatements.builds - builds]).toEqual([2, 2]);
  });

  it('counts to the cap in force: the cap is a value of the statement, not part of its text', async () => {
    const all = await expectAsReference(actorA.scopes, actorA.me, page1);
    await expectAsReference(actorA.scopes, actorA.me, { page: 2, pageSize: 2 }); // a page with an offset: a shape of its own
    expect(all.total).toBeGreaterThan(3);
    const builds = todoStatements.builds;
    setPageTotalCapForTests(3);
    await expectAsReference(actorA.scopes, actorA.me, page1, 3);
    await expectAsReference(actorA.scopes, actorA.me, { page: 2, pageSize: 2 }, 3);
    setPageTotalCapForTests(all.total);
    await expectAsReference(actorA.scopes, actorA.me, page1, all.total);
    setPageTotalCapForTests();
    expect(await todoPage(database.db, actorA.scopes, actorA.me, page1, { totalMaxAgeMs: 0 })).toMatchObject({ total: all.total, totalCapped: false });
    expect(todoStatements.builds).toBe(builds);
    // A shape first built under a small cap counts to the larger one afterwards.
    const newShape: Query = { page: 1, pageSize: 20, sort: '-submitted' };
    setPageTotalCapForTests(1);
    await expectAsReference(actorA.scopes, actorA.me, newShape, 1);
    setPageTotalCapForTests();
    await expectAsReference(actorA.scopes, actorA.me, newShape);
    expect(todoStatements.builds).toBe(builds + 1);
  });

  it('two actors of one shape, in turn, each get their own list: no value of one request stays in the statement', async () => {
    const builds = todoStatements.builds;
    const a = await expectAsReference(actorA.scopes, actorA.me, page1);
    const b = await expectAsReference(actorB.scopes, actorB.me, page1);
    expect(a.caseNos.length).toBeGreaterThan(0);
    expect(b.caseNos.length).toBeGreaterThan(0);
    expect(a.caseNos.filter((n) => b.caseNos.includes(n))).toEqual([]);
    for (let i = 0; i < 3; i++) {
      await expectAsReference(actorA.scopes, actorA.me, page1);
      await expectAsReference(actorB.scopes, actorB.me, page1);
      await expectAsReference(actorA.scopes, actorA.me, { page: 1, pageSize: 20, assigned: 'me' });
      await expectAsReference(actorB.scopes, actorB.me, { page: 1, pageSize: 20, assigned: 'me' });
    }
    expect(todoStatements.builds - builds).toBeLessThanOrEqual(2);
  });
});
