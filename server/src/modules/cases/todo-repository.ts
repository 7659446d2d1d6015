import { createHash } from 'node:crypto';
import { and, arrayContains, asc, desc, eq, isNull, like, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { union, unionAll } from 'drizzle-orm/pg-core';
import { preparedOn, type Db, type Executor } from '../../platform/db/index.ts';
import { cappedCount, cappedTotal, offsetOf, pageTotalCap, totalAlone, type CappedTotal } from '../../platform/db/paging.ts';
import { pageWithKeptTotal } from '../../platform/db/page-totals.ts';
import { summaryColumns, type CaseSummaryRow, type StepScope } from './repository.ts';
import { cases, staffWaitingSql } from './tables.ts';

/** What the to-do list shows of each case (lists.ts summaries), and step_due_date for its order. */
const todoColumns = { ...summaryColumns, stepDueDate: cases.stepDueDate };

/** 会签: the case has open branches (as in cases_todo_branches_v2_idx's predicate), or none (as in the todo indexes'). */
const hasOpenBranches = sql`cardinality(${sql.raw('"cases"."open_branches"')}) > 0`;
const noOpenBranches = sql`cardinality(${sql.raw('"cases"."open_branches"')}) = 0`;

interface TodoPageQuery {
  page: number;
  pageSize: number;
  light?: string;
  assigned?: 'me';
  sort?: 'due' | 'submitted' | '-submitted';
  q?: string;
}

/**
 * What the to-do statement's text depends on (its values do not): per scope whether it names a
 * department and whether its region is below the root (sqlRegionWithin: no condition for ""),
 * whose cases (unassigned, unassigned or mine, mine), the filters present, the order, and whether
 * the page has an offset (Drizzle writes none for 0).
 */
interface TodoShape {
  scopes: { department: boolean; region: boolean }[];
  who: 'unassigned' | 'unassignedOrMe' | 'me';
  light: boolean;
  q: boolean;
  sort: 'due' | 'submitted' | '-submitted';
  offset: boolean;
}

/** The statement's values, by placeholder name (`todoValues`). */
type TodoValues = Record<string, string | number | string[]>;

/** How the builder writes a value: the value itself, or a placeholder of that name. */
interface Bind {
  s(name: string): string | Placeholder;
  n(name: string): number | Placeholder;
  a(name: string): string[] | Placeholder;
}

/** region-sql.ts `escapeLike`: the region test's LIKE pattern (`sqlRegionWithin`) as a value. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

function todoShape(scopes: readonly StepScope[], me: string | null, q: TodoPageQuery): TodoShape {
  return {
    scopes: scopes.map((s) => ({ department: !!s.departmentId, region: s.regionPath !== '' })),
    who: q.assigned === 'me' && me ? 'me' : me ? 'unassignedOrMe' : 'unassigned',
    light: !!q.light,
    q: !!q.q,
    sort: q.sort ?? 'due',
    offset: offsetOf(q) > 0,
  };
}

const shapeKey = (s: TodoShape) => `${s.scopes.map((c) => `${+c.department}${+c.region}`).join(',')}|${s.who}|${+s.light}|${+s.q}|${s.sort}|${+s.offset}`;

function todoValues(scopes: readonly StepScope[], me: string | null, q: TodoPageQuery): TodoValues {
  const v: TodoValues = { depth: offsetOf(q) + q.pageSize, cap: pageTotalCap() + 1, pageSize: q.pageSize, offset: offsetOf(q) };
  scopes.forEach((s, i) => {
    v[`role${i}`] = s.role;
    if (s.departmentId) v[`department${i}`] = s.departmentId;
    v[`region${i}`] = s.regionPath;
    v[`regionBelow${i}`] = `${escapeLike(s.regionPath)}/%`;
    v[`branch${i}`] = [s.departmentId ? `${s.departmentId}:${s.role}` : s.role];
  });
  if (me) v.me = me;
  if (q.light) v.light = q.light;
  if (q.q) {
    v.qPrefix = `${q.q}%`;
    v.qInside = `%${q.q}%`;
  }
  return v;
}

const placeholders: Bind = { s: (name) => sql.placeholder(name), n: (name) => sql.placeholder(name), a: (name) => sql.placeholder(name) };
const valuesOf = (v: TodoValues): Bind => ({ s: (name) => v[name] as string, n: (name) => v[name] as number, a: (name) => v[name] as string[] });

/**
 * The values as a prepared statement takes them: Drizzle fills a placeholder with the value as
 * given, so an array goes as the column would write it (a PostgreSQL array literal), as it does
 * when the array is in the statement.
 */
function driverValues(v: TodoValues): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, x] of Object.entries(v)) out[k] = Array.isArray(x) ? (cases.openBranches.mapToDriverValue(x) as string) : x;
  return out;
}

/**
 * The to-do page's statement for a shape, its values written by `bind`. It sees only the shape, so a
 * statement built with placeholders holds nothing of the request it was built for.
 */
function buildTodo(db: Executor, shape: TodoShape, bind: Bind) {
  const common = and(
    // Literal, exactly as in the partial indexes' predicate, so the planner can use them.
    sql.raw(`${'"cases"."status"'} NOT IN (${staffWaitingSql})`),
    shape.who === 'me'
      ? eq(cases.assigneeId, bind.s('me'))
      : shape.who === 'unassignedOrMe'
        ? or(isNull(cases.assigneeId), eq(cases.assigneeId, bind.s('me')))
        : isNull(cases.assigneeId),
    shape.light ? eq(cases.light, bind.s('light') as 'green') : undefined,
    shape.q ? or(like(cases.caseNo, bind.s('qPrefix')), like(cases.itemName, bind.s('qInside')), like(cases.applicantName, bind.s('qInside'))) : undefined,
  );
  // platform/auth sqlRegionWithin, its values bound: the case's region is the scope's or below it.
  const inRegion = (i: number) =>
    shape.scopes[i]!.region ? or(eq(cases.regionPath, bind.s(`region${i}`)), like(cases.regionPath, bind.s(`regionBelow${i}`))) : undefined;
  const branches: SQL[] = [
    ...shape.scopes.map((s, i) =>
      and(
        eq(cases.stepRole, bind.s(`role${i}`)),
        s.department ? eq(cases.departmentId, bind.s(`department${i}`)) : undefined,
        inRegion(i),
        noOpenBranches,
        common,
      )!,
    ),
    // 会签: a case with open branches is on the lists of their holders (workflow/countersign.ts `openBranchKeys`), in the case's region.
    ...shape.scopes.map((_, i) => and(hasOpenBranches, arrayContains(cases.openBranches, bind.a(`branch${i}`)), inRegion(i), common)!),
  ];
  // Fast-lane first, in the todo indexes' exact order (fast_lane DESC NULLS LAST) so they serve it.
  const orderOf = (c: typeof todoColumns) =>
    shape.sort === 'submitted'
      ? [asc(c.submittedAt)]
      : shape.sort === '-submitted'
        ? [desc(c.submittedAt)]
        : [sql`${c.fastLane} DESC NULLS LAST`, asc(c.dueDate), asc(c.stepDueDate), asc(c.submittedAt)];
  const merge = shape.scopes.length === 1 ? unionAll : union;
  const [first, second, ...rest] = branches.map((w) =>
    db
      .select(todoColumns)
      .from(cases)
      .where(w)
      .orderBy(...orderOf(todoColumns))
      .limit(bind.n('depth')),
  );
  const todo = merge(first!, second!, ...rest).as('todo');
  const [c1, c2, ...cr] = branches.map((w) => db.select({ id: cases.id }).from(cases).where(w).limit(bind.n('cap')));
  const total = cappedCount(merge(c1!, c2!, ...cr));
  const fields = Object.fromEntries(Object.keys(todoColumns).map((k) => [k, todo[k as keyof typeof todoColumns]])) as unknown as typeof todoColumns;
  const page = db
    .select(fields)
    .from(todo)
    .orderBy(...orderOf(fields))
    .limit(bind.n('pageSize'));
  return { page: shape.offset ? page.offset(bind.n('offset')) : page, total };
}

/**
 * At most this many shapes get a statement of their own (per database handle, and a name on each
 * PostgreSQL connection); a shape past them is built per request as before. A shape is a person's
 * grants and the list's filters: a city has a few dozen.
 */
export const MAX_TODO_SHAPES = 200;
const shapeNames = new Map<string, string>();
let builds = 0;

/** Test seam: how many shapes have a statement name, and how many statements were built with placeholders. */
export const todoStatements = {
  get shapes() {
    return shapeNames.size;
  },
  get builds() {
    return builds;
  },
};

/** The shape's prepared page statement on `db`: built once per shape and handle (platform/db/prepared.ts). */
function preparedTodo(db: Executor, shape: TodoShape) {
  const key = shapeKey(shape);
  let name = shapeNames.get(key);
  if (!name) {
    if (shapeNames.size >= MAX_TODO_SHAPES) return undefined;
    shapeNames.set(key, (name = `cases_todo_${createHash('sha1').update(key).digest('hex').slice(0, 20)}`));
  }
  const statementName = name;
  return preparedOn(db, statementName, (d: Db) => {
    builds++;
    return buildTodo(d, shape, placeholders).page.prepare(statementName);
  });
}

/**
 * The to-do list: open cases waiting for staff, at the given (role, scope) pairs, unassigned or
 * assigned to me; most urgent first; the total stops counting past the cap (paging.ts cappedTotal).
 *
 * The page is one statement, written so that PostgreSQL reads no more than the page (issue 12: at 1,000,000
 * cases a window clerk's page read and counted all 30,000 open cases of the role, 0.3–0.5 s). The
 * scopes' OR is a union of one select per (scope, kind): a case without open branches is found by
 * its step's role (cases_todo_*_v5_idx, whose key order is the list's, so each select walks the
 * index and stops after offset + page size), a case with open branches by their keys (the small
 * GIN index). The page is the first rows of their merge. The total is the count of their union,
 * a statement of its own sent only when the page is full and no total of the same list is kept
 * (platform/db/page-totals.ts: a page that is not full knows its total), each select stopped after
 * cap + 1 (an index-only scan: the v5 indexes hold every column the
 * filter reads, and id). Past the cap one select alone has more than cap rows, so the union does
 * too; below it nothing was cut and the count is exact. With one scope the selects are disjoint
 * (no branches / branches) and UNION ALL spares the de-duplication.
 *
 * The statement's text depends only on the request's shape (`TodoShape`): it is built once per
 * shape with placeholders and prepared (building it with Drizzle was about 14 % of the request's
 * CPU at 1,000,000 cases); every value, the cap and the limits included, is a parameter as before,
 * and the text is the one built per request (the status list and the open-branches tests stay
 * literal, as the partial indexes' predicates need).
 */
export async function todoPage(
  db: Executor,
  scopes: readonly StepScope[],
  me: string | null,
  q: TodoPageQuery,
  opts: { totalMaxAgeMs: number },
): Promise<{ rows: CaseSummaryRow[] } & CappedTotal> {
  if (scopes.length === 0) return { rows: [], total: 0, totalCapped: false };
  if (q.assigned === 'me' && !me) return { rows: [], total: 0, totalCapped: false };
  const shape = todoShape(scopes, me, q);
  const values = todoValues(scopes, me, q);
  const statement = preparedTodo(db, shape);
  const { rows, total } = await pageWithKeptTotal({
    database: db,
    key: `todo|${shapeKey(shape)}|${listKey(values)}`,
    maxAgeMs: opts.totalMaxAgeMs,
    page: q.page,
    pageSize: q.pageSize,
    read: async () => (statement ? await statement.execute(driverValues(values)) : await buildTodo(db, shape, valuesOf(values)).page) as CaseSummaryRow[],
    count: () => totalAlone(db, buildTodo(db, shape, valuesOf(values)).total),
  });
  return { rows, ...cappedTotal(total) };
}

/** The values that pick the list (not the page): the key of its kept total. */
function listKey(v: TodoValues): string {
  const { depth: _depth, cap: _cap, pageSize: _pageSize, offset: _offset, ...list } = v;
  return JSON.stringify(list);
}
