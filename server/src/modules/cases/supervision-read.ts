import type { Ctx } from '../../platform/context.ts';
import { pageOf } from '../../platform/db/paging.ts';
import { caseRepo } from './repository.ts';
import { supervisionCaseRepo, type DuePair } from './supervision-repository.ts';
import { caseLight, TERMINAL } from './case-state.ts';
import { readScope, summaries } from './lists.ts';
import { stepName } from './present.ts';
import { loadWorkflow } from './workflows.ts';
import type { Light } from './workflow/clock.ts';

// 电子监察 (e-supervision) reads cases through these functions only: the supervision module never
// reads the cases tables. Every light here is caseLight's answer as of today, the one the lists and
// the case page show, so a bar and the list behind it always agree.

/** A bar of the e-supervision chart: a running case's light, or paused (its clock stands still). */
export type LightBucket = Light | 'paused';

export interface LightCountRow {
  departmentId: string;
  departmentName: string;
  green: number;
  yellow: number;
  red: number;
  paused: number;
  total: number;
}

/** The bucket of an open case: paused ones count as paused only, so green + yellow + red + paused = total. */
function bucketOf(ctx: Ctx, row: Parameters<typeof caseLight>[1], today: string): LightBucket {
  if (row.paused) return 'paused';
  return caseLight(ctx, row, today) ?? 'green';
}

/** 电子监察: the open cases the actor may read, per department by light as of today; reddest first. */
export async function lightCounts(ctx: Ctx): Promise<LightCountRow[]> {
  await ctx.calendar.refresh();
  const today = ctx.calendar.today();
  const groups = await supervisionCaseRepo.lightGroups(ctx.database.db, readScope(ctx.actor));
  const byDept = new Map<string, LightCountRow>();
  // Thousands of groups share a few hundred (due date, region) pairs: each pair's working days once.
  const buckets = new Map<string, LightBucket>();
  for (const g of groups) {
    const key = `${g.paused}|${g.light}|${g.status}|${g.dueDate}|${g.regionPath}`;
    const bucket = buckets.get(key) ?? bucketOf(ctx, g, today);
    buckets.set(key, bucket);
    const d = byDept.get(g.departmentId) ?? {
      departmentId: g.departmentId,
      departmentName: g.departmentName,
      green: 0,
      yellow: 0,
      red: 0,
      paused: 0,
      total: 0,
    };
    d[bucket] += g.n;
    d.total += g.n;
    byDept.set(g.departmentId, d);
  }
  return [...byDept.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.departmentName.localeCompare(b.departmentName));
}

/**
 * The cases behind one bar: the open cases of `departmentId` the actor may read whose bucket is
 * `light`, most overdue first, as the case lists summarise them (light, due date, step, department).
 */
export async function casesByLight(ctx: Ctx, q: { departmentId: string; light: LightBucket; page: number; pageSize: number }) {
  await ctx.calendar.refresh();
  const today = ctx.calendar.today();
  const scopes = readScope(ctx.actor);
  const db = ctx.database.db;
  const pairs: DuePair[] = [];
  if (q.light !== 'paused') {
    const seen = new Set<string>();
    for (const g of await supervisionCaseRepo.lightGroups(db, scopes, q.departmentId)) {
      const key = `${g.dueDate}|${g.regionPath}`;
      if (g.paused || seen.has(key) || bucketOf(ctx, g, today) !== q.light) continue;
      seen.add(key);
      pairs.push({ dueDate: g.dueDate, regionPath: g.regionPath });
    }
  }
  const { rows, total } = await supervisionCaseRepo.page(db, scopes, { departmentId: q.departmentId, paused: q.light === 'paused', pairs }, q);
  return pageOf(await summaries(ctx, rows), total, q);
}

/** What supervision needs to know of a case, whoever asks (the caller checks its own permission); undefined when there is none. */
export interface CaseFacts {
  caseNo: string;
  itemName: string;
  departmentId: string;
  departmentName: string;
  regionPath: string;
  status: string;
  stepName: string;
  dueDate: string;
  light: Light | null;
  paused: boolean;
  open: boolean;
}

export async function findCaseFacts(ctx: Ctx, caseNo: string, today = ctx.calendar.today()): Promise<CaseFacts | undefined> {
  const row = await caseRepo.byNo(ctx.database.db, caseNo);
  if (!row) return undefined;
  const def = await loadWorkflow(ctx, row.workflowCode, row.workflowVersion);
  const light = caseLight(ctx, row, today);
  return {
    caseNo: row.caseNo,
    itemName: row.itemName,
    departmentId: row.departmentId,
    departmentName: row.departmentName,
    regionPath: row.regionPath,
    status: row.status,
    stepName: stepName(ctx, def, row.stepKey),
    dueDate: row.dueDate,
    light,
    paused: row.paused,
    open: !TERMINAL.includes(row.status),
  };
}
