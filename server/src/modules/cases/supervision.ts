import { asActor, type Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { systemActor } from '../../platform/auth/index.ts';
import { caseRepo, type LightUpdate } from './repository.ts';
import type { WorkflowDefinition } from './workflow/definition.ts';
import { deriveState, type RecordedAction } from './workflow/engine.ts';
import { cacheOf, caseSettings, TERMINAL, toRecorded } from './case-state.ts';
import { loadWorkflow } from './workflows.ts';
import { actOnCase } from './actions/act.ts';

// 电子监察 and the platform's own actions: the scheduled jobs over open cases.

/**
 * How lights and due dates are derived from a case's log (workflow/clock.ts, case-state.ts). Raise it
 * with any change to that derivation: a refresh marked with another number runs again in full.
 */
const LIGHT_RULES = 1;

export interface RefreshOptions {
  /** The day the lights are computed for (default: today). */
  today?: string;
  batchSize?: number;
  /** Recompute even when the last refresh had the same inputs (after rows were written outside the action path: the demo seed, bench data). */
  force?: boolean;
}

/** Everything a cached light or due date depends on besides the case's own log: equal marks, equal caches. */
function lightsMark(ctx: Ctx, today: string): string {
  const { yellowDays, correctionDays } = caseSettings(ctx.config);
  return `${today} calendar=${ctx.calendar.fingerprint(today)} yellow=${yellowDays} correction=${correctionDays} rules=${LIGHT_RULES}`;
}

/**
 * Recomputes the cached due dates and lights of open cases (scheduled; a light changes with the
 * date even when nobody acts). Returns how many rows changed. In small batches of short statements
 * over the open-cases index, yielding to the event loop after each, so requests are served between
 * batches and a refresh over a large database never holds them up for long.
 *
 * An action recomputes its case's cache, so between two refreshes with the same mark (same day,
 * calendar and settings) nothing can have changed: the hourly run then reads one row and stops, and
 * so does the run at start after a restart the same day. The mark is saved only after a complete
 * pass: an interrupted one is done again.
 */
export async function refreshCaseLights(ctx: Ctx, opts: RefreshOptions = {}): Promise<number> {
  await ctx.calendar.refresh();
  const today = opts.today ?? ctx.calendar.today();
  const batchSize = opts.batchSize ?? 200;
  const db = ctx.database.db;
  const mark = lightsMark(ctx, today);
  if (!opts.force && (await caseRepo.lightsMark(db)) === mark) return 0;
  const defs = new Map<string, WorkflowDefinition>();
  let changed = 0;
  let after: string | null = null;
  for (;;) {
    // One query for a batch of open cases, one for all their logs.
    const rows = await caseRepo.openForRefresh(db, after, batchSize);
    if (rows.length === 0) break;
    const logs = new Map<string, RecordedAction[]>();
    for (const a of await caseRepo.actionsOf(
      db,
      rows.map((r) => r.id),
    )) {
      const list = logs.get(a.caseId) ?? [];
      list.push(toRecorded(a));
      logs.set(a.caseId, list);
    }
    const updates: LightUpdate[] = [];
    for (const row of rows) {
      const key = `${row.workflowCode}@${row.workflowVersion}`;
      let def = defs.get(key);
      if (!def) defs.set(key, (def = await loadWorkflow(ctx, row.workflowCode, row.workflowVersion)));
      const state = deriveState(def, row.submittedOn, logs.get(row.id) ?? []);
      const cache = cacheOf(ctx, def, state, row, today);
      if (
        cache.light !== row.light ||
        cache.dueDate !== row.dueDate ||
        cache.stepDueDate !== row.stepDueDate ||
        cache.supplyBy !== row.supplyBy ||
        cache.dueEstimated !== row.dueEstimated
      ) {
        updates.push({
          id: row.id,
          version: row.version,
          light: cache.light,
          dueDate: cache.dueDate,
          stepDueDate: cache.stepDueDate,
          dueEstimated: cache.dueEstimated,
          supplyBy: cache.supplyBy,
        });
      }
    }
    // Only the rows whose light or dates changed, in one statement; a case acted on meanwhile
    // (version moved) already has a fresh cache and is left alone.
    changed += await caseRepo.updateLights(db, updates);
    after = rows.at(-1)!.id;
    // PGlite answers in-process, so a loop of its queries never gives the event loop a turn:
    // without this, every request waited for the whole refresh (seconds over 100,000 cases).
    await new Promise((resolve) => setImmediate(resolve));
  }
  await caseRepo.saveLightsMark(db, mark, new Date());
  return changed;
}

/**
 * Ends the cases whose requested correction (CASES_CORRECTION_DAYS working days) or pending 容缺
 * materials did not come in time: status correction_expired, the applicant notified. Each case in
 * its own transaction, through the same action path (audit, optimistic lock). Returns the case numbers.
 */
export async function expireOverdueCases(ctx: Ctx, today = ctx.calendar.today()): Promise<string[]> {
  const system = asActor(ctx, systemActor);
  const rows = await caseRepo.overdueSupply(ctx.database.db, today, TERMINAL);
  const ended: string[] = [];
  for (const r of rows) {
    const reason = r.status === 'awaiting_correction' ? 'correction' : 'pending_materials';
    try {
      await actOnCase(system, r.caseNo, 'expire', { reason, due: r.supplyBy!, version: r.version });
      ended.push(r.caseNo);
    } catch (e) {
      // Someone acted meanwhile (the applicant supplied at the last minute): the next run decides again.
      if (!(e instanceof AppError) || (e.code !== 'resource.stale' && e.code !== 'workflow.action_not_allowed')) throw e;
    }
  }
  return ended;
}
