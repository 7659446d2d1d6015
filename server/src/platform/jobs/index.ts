import { hostname } from 'node:os';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { newId } from '../db/ids.ts';
import { rawRows, type Executor } from '../db/types.ts';
import type { Ctx } from '../context.ts';
import { asActor } from '../context.ts';
import { systemActor } from '../auth/actor.ts';
import type { JobHandler } from '../module.ts';
import { jobs } from './tables.ts';
import { sealAudit } from '../audit/seal.ts';

export { jobs } from './tables.ts';

/** Queues a job, normally inside the transaction that makes it necessary. */
export async function enqueueJob(
  db: Executor,
  kind: string,
  payload: Record<string, unknown> = {},
  opts: { runAt?: Date; uniqueKey?: string; maxAttempts?: number } = {},
) {
  await db
    .insert(jobs)
    .values({ id: newId(), kind, payload, runAt: opts.runAt ?? new Date(), uniqueKey: opts.uniqueKey ?? null, maxAttempts: opts.maxAttempts ?? 8 })
    .onConflictDoNothing();
}

const LEASE_SECONDS = 300;

/**
 * Periodic work every runner does in-process, without a job row: idempotent, safe in any number of
 * processes at once, and too frequent to be worth a row each time.
 */
export interface PeriodicTask {
  name: string;
  everySeconds: number;
  run(ctx: Ctx): Promise<unknown>;
}

/** How often the audit sealer runs: the window in which an audit event is not yet chained (decision 0006). */
export const AUDIT_SEAL_SECONDS = 2;

// A sealing round that cannot finish in 0.5 s (a long transaction holds an earlier seq) leaves it to the next one rather than hold up the jobs.
const builtInTasks: PeriodicTask[] = [{ name: 'audit.seal', everySeconds: AUDIT_SEAL_SECONDS, run: (ctx) => sealAudit(ctx, { maxWaitMs: 500 }) }];

/**
 * Polls the jobs table. Claiming uses FOR UPDATE SKIP LOCKED, so several server processes never run
 * the same job; a job whose process died is taken again when its lease runs out.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private taskTimer: NodeJS.Timeout | undefined;
  private running = false;
  private tasksRunning = false;
  private stopped = false;
  private readonly worker = `${hostname()}:${process.pid}`;
  private lastScheduled = new Map<string, number>();
  private lastTaskRun = new Map<string, number>();

  constructor(
    private readonly ctx: Ctx,
    private readonly handlers: Record<string, JobHandler>,
    private readonly schedules: { kind: string; everySeconds: number }[],
    private readonly pollMs = 1000,
    private readonly tasks: PeriodicTask[] = builtInTasks,
  ) {}

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.runOnce();
      } catch (err) {
        this.ctx.log.warn({ err }, 'job poll failed');
      }
      if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
    };
    this.timer = setTimeout(tick, 200);
    // The periodic tasks (the audit sealer) on a timer of their own: a long job (the hotline urging
    // over a city's open tickets took minutes) must not hold them up, or events stay unchained for
    // its whole run instead of AUDIT_SEAL_SECONDS (decision 0006).
    const taskTick = async () => {
      if (this.stopped) return;
      await this.runPeriodicTasks();
      if (!this.stopped) this.taskTimer = setTimeout(taskTick, Math.min(this.pollMs, 1000));
    };
    this.taskTimer = setTimeout(taskTick, 200);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.taskTimer) clearTimeout(this.taskTimer);
    while (this.running || this.tasksRunning) await new Promise((r) => setTimeout(r, 20));
  }

  /** Queues due recurring jobs, then claims and runs what is due. Returns how many ran. */
  async runOnce(limit = 10): Promise<number> {
    this.running = true;
    try {
      await this.runPeriodicTasks();
      await this.scheduleRecurring();
      const claimed = await this.claim(limit);
      for (const job of claimed) await this.execute(job);
      return claimed.length;
    } finally {
      this.running = false;
    }
  }

  /** Runs the due periodic tasks; a call while a round is under way (the job loop's, the task timer's) returns at once. */
  private async runPeriodicTasks() {
    if (this.tasksRunning) return;
    this.tasksRunning = true;
    try {
      const now = Date.now();
      for (const task of this.tasks) {
        if (now - (this.lastTaskRun.get(task.name) ?? 0) < task.everySeconds * 1000) continue;
        this.lastTaskRun.set(task.name, now);
        try {
          await task.run(asActor(this.ctx, systemActor));
        } catch (err) {
          this.ctx.log.warn({ err, task: task.name }, 'periodic task failed');
        }
      }
    } finally {
      this.tasksRunning = false;
    }
  }

  private async scheduleRecurring() {
    const now = Date.now();
    for (const s of this.schedules) {
      if (now - (this.lastScheduled.get(s.kind) ?? 0) < s.everySeconds * 1000) continue;
      this.lastScheduled.set(s.kind, now);
      await enqueueJob(this.ctx.database.db, s.kind, {}, { uniqueKey: `schedule:${s.kind}`, maxAttempts: 1 });
    }
  }

  private async claim(limit: number) {
    // The application's clock, like the run_at it wrote (tests run as other days; docs/security.md §6).
    const now = new Date();
    return rawRows<{ id: string; kind: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>(
      this.ctx.database.db,
      sql`
      UPDATE jobs SET status = 'running', locked_by = ${this.worker}, locked_until = ${new Date(now.getTime() + LEASE_SECONDS * 1000)}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM jobs
        WHERE (status = 'queued' AND run_at <= ${now}) OR (status = 'running' AND locked_until < ${now})
        ORDER BY run_at LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, payload, attempts, max_attempts`,
    );
  }

  private async execute(job: { id: string; kind: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }) {
    const db = this.ctx.database.db;
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(asActor(this.ctx, systemActor), job.payload);
      await db.update(jobs).set({ status: 'done', finishedAt: new Date(), uniqueKey: null, lockedBy: null, lockedUntil: null }).where(eq(jobs.id, job.id));
    } catch (err) {
      const failed = job.attempts >= job.max_attempts;
      const backoffMs = Math.min(3600_000, 5000 * 2 ** (job.attempts - 1));
      this.ctx.log.warn({ err, job: job.kind, attempts: job.attempts }, failed ? 'job failed for good' : 'job failed; will retry');
      await db
        .update(jobs)
        .set({
          status: failed ? 'failed' : 'queued',
          runAt: new Date(Date.now() + backoffMs),
          lastError: String((err as Error)?.message ?? err).slice(0, 2000),
          lockedBy: null,
          lockedUntil: null,
          ...(failed ? { uniqueKey: null, finishedAt: new Date() } : {}),
        })
        .where(eq(jobs.id, job.id));
    }
  }
}

/** For tests and the CLI: run everything due now, until nothing is left (bounded). */
export async function drainJobs(runner: JobRunner, maxRounds = 50): Promise<void> {
  for (let i = 0; i < maxRounds; i++) if ((await runner.runOnce(50)) === 0) return;
}

export async function pendingJobCount(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(jobs)
    .where(and(eq(jobs.status, 'queued'), isNull(jobs.finishedAt)));
  return row?.n ?? 0;
}
