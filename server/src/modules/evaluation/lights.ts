import { scopesOf } from '../../platform/auth/index.ts';
import type { Ctx } from '../../platform/context.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { evaluationPermissions as P } from './policy.ts';
import { lightOf } from './present.ts';
import { rectificationLightRepo, rectificationRepo, evaluationRepo, type DuePair, type Scope } from './repository.ts';
import type { RectificationStatus } from './workflow.ts';

// 电子监察 (e-supervision) reads rectifications through these functions (the evaluation module's
// index.ts): every light is `lightOf`'s answer as of today, the one the rectification pages show, so
// a bar and the list behind it agree.

export type RectificationLight = 'green' | 'yellow' | 'red';

/** What the unit still owes: an open rectification, or one whose appeal waits (its clock keeps running). */
const OWED: RectificationStatus[] = ['open', 'appealed'];

export interface RectificationLightCount {
  departmentId: string;
  departmentName: string;
  green: number;
  yellow: number;
  red: number;
  total: number;
}

function readScopes(ctx: Ctx): Scope[] | 'all' {
  const s = scopesOf(ctx.actor, P.read);
  return s.all ? 'all' : s.scopes;
}

/** The rectifications owed in the reader's scope (`evaluation.rectification.read`), per department by light; reddest first. */
export async function rectificationLightCounts(ctx: Ctx): Promise<RectificationLightCount[]> {
  await ctx.calendar.refresh();
  const byDept = new Map<string, RectificationLightCount>();
  for (const g of await rectificationLightRepo.groups(ctx.database.db, readScopes(ctx), OWED)) {
    const d = byDept.get(g.departmentId) ?? { departmentId: g.departmentId, departmentName: g.departmentName, green: 0, yellow: 0, red: 0, total: 0 };
    d[lightOf(ctx, { status: g.status, dueOn: g.dueOn, regionPath: g.regionPath }) ?? 'green'] += g.n;
    d.total += g.n;
    byDept.set(g.departmentId, d);
  }
  return [...byDept.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.departmentName.localeCompare(b.departmentName));
}

/** The rectifications behind one bar (department × light), most overdue first; the total equals the bar. */
export async function rectificationsByLight(ctx: Ctx, q: { departmentId: string; light: RectificationLight; page: number; pageSize: number }) {
  await ctx.calendar.refresh();
  const db = ctx.database.db;
  const scopes = readScopes(ctx);
  const pairs: DuePair[] = [];
  const seen = new Set<string>();
  for (const g of await rectificationLightRepo.groups(db, scopes, OWED, q.departmentId)) {
    const key = `${g.dueOn}|${g.regionPath}`;
    if (seen.has(key) || (lightOf(ctx, { status: g.status, dueOn: g.dueOn, regionPath: g.regionPath }) ?? 'green') !== q.light) continue;
    seen.add(key);
    pairs.push({ dueOn: g.dueOn, regionPath: g.regionPath });
  }
  const { rows, total } = await rectificationLightRepo.page(db, scopes, OWED, { departmentId: q.departmentId, pairs }, q);
  return pageOf(
    rows.map(({ rectification: r, evaluation: e }) => ({
      id: r.id,
      caseNo: r.caseNo,
      itemName: e.itemName,
      departmentName: r.departmentName,
      status: r.status,
      level: e.level,
      tags: e.tags,
      openedOn: r.openedOn,
      dueOn: r.dueOn,
      light: lightOf(ctx, r) ?? 'green',
    })),
    total,
    q,
  );
}

/** What supervision needs to know of a rectification, whoever asks (the caller checks its own permission); undefined when there is none. */
export interface RectificationFacts {
  id: string;
  caseNo: string;
  itemName: string;
  departmentId: string;
  departmentName: string;
  regionPath: string;
  status: RectificationStatus;
  dueOn: string;
  light: RectificationLight | null;
  /** The unit still owes it (open), so an urge makes sense. */
  open: boolean;
}

export async function findRectificationFacts(ctx: Ctx, id: string): Promise<RectificationFacts | undefined> {
  await ctx.calendar.refresh();
  const r = await rectificationRepo.find(ctx.database.db, id);
  if (!r) return undefined;
  const e = await evaluationRepo.find(ctx.database.db, r.evaluationId);
  return {
    id: r.id,
    caseNo: r.caseNo,
    itemName: e?.itemName ?? '',
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    regionPath: r.regionPath,
    status: r.status,
    dueOn: r.dueOn,
    light: lightOf(ctx, r),
    open: r.status === 'open',
  };
}
