import { and, asc, count, gt, isNull, lte, sql } from 'drizzle-orm';
import { rawRows, type Database, type Db } from '../db/types.ts';
import { auditEvents } from './tables.ts';
import { GENESIS_HASH, chainHash } from './chain.ts';

/**
 * The sealer (decision 0006): chains committed, unsealed audit events in seq order.
 *
 * Sequence values commit out of order: a transaction may hold seq 10 while seq 11 is already
 * committed. Sealing 11 first would shut 10 out of the chain for good. So a round seals only up to
 * a fence that can no longer gain members:
 *   1. F = the sequence's last value (every seq ≤ F has been handed out);
 *   2. H = the transactions holding the writers' flag, the shared advisory lock `audit_next_seq()`
 *      takes before `nextval` and keeps to commit or rollback (pg_locks). A writer that got a
 *      seq ≤ F took its flag before step 1, so it has finished or is in H;
 *   3. wait until every transaction in H has ended (those are at their commit: the audit insert is
 *      the last statement of `transact`); later writers get seqs > F and are not waited for;
 *   4. seal, in seq order, every unsealed event with seq ≤ F. Gaps left by rolled-back
 *      transactions are skipped; each sealed event records the seq sealed before it (`prev_seq`).
 * This holds on PostgreSQL (any number of processes) and on PGlite (one connection: H is empty).
 * Sealers serialise on their own advisory lock; writers never wait for a sealer.
 */
const WRITER_FLAG_KEY = 7_020_346; // audit_next_seq()'s shared lock (platform migration 0006)
const SEALER_LOCK_KEY = 7_020_347;
const BATCH = 1000;

export interface SealResult {
  /** Events sealed by this call. */
  sealed: number;
  /** Events still unsealed after it (written after the fence, or their writers had not ended in time). */
  unsealed: number;
}

export interface SealOptions {
  /** How long to wait for the writers that hold a seq at or below the fence (default 2 s). */
  maxWaitMs?: number;
}

/** Seals what can be sealed now. Call outside any transaction (e.g. `sealAudit(ctx)` in tests). */
export async function sealAudit(ctx: { database: Database }, opts: SealOptions = {}): Promise<SealResult> {
  return sealAuditEvents(ctx.database.db, opts);
}

export async function sealAuditEvents(db: Db, opts: SealOptions = {}): Promise<SealResult> {
  const fence = await lastHandedOutSeq(db);
  if (!(await writersEnded(db, opts.maxWaitMs ?? 2000))) return { sealed: 0, unsealed: await countUnsealed(db) };
  let sealed = 0;
  for (;;) {
    const n = await sealBatch(db, fence);
    sealed += n;
    if (n < BATCH) break;
  }
  return { sealed, unsealed: await countUnsealed(db) };
}

export async function countUnsealed(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(isNull(auditEvents.hash));
  return Number(row?.n ?? 0);
}

async function lastHandedOutSeq(db: Db): Promise<number> {
  const [row] = await rawRows<{ last_value: number | string; is_called: boolean }>(db, sql`SELECT last_value, is_called FROM audit_events_seq`);
  if (!row) return 0;
  return row.is_called ? Number(row.last_value) : Number(row.last_value) - 1;
}

/** The transactions (virtual ids) holding the writers' flag, other than this session's. */
async function flagHolders(db: Db): Promise<Set<string>> {
  const rows = await rawRows<{ vxid: string }>(
    db,
    sql`SELECT virtualtransaction AS vxid FROM pg_locks
        WHERE locktype = 'advisory' AND classid = 0 AND objid = ${sql.raw(String(WRITER_FLAG_KEY))} AND objsubid = 1
          AND pid IS DISTINCT FROM pg_backend_pid()`,
  );
  return new Set(rows.map((r) => r.vxid));
}

/** Waits until the flag holders of this moment have all ended; false if some outlived maxWaitMs. */
async function writersEnded(db: Db, maxWaitMs: number): Promise<boolean> {
  let waiting = await flagHolders(db);
  const deadline = Date.now() + maxWaitMs;
  while (waiting.size > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 5));
    const now = await flagHolders(db);
    waiting = new Set([...waiting].filter((v) => now.has(v)));
  }
  return true;
}

/** Seals up to BATCH events after the head, at or below the fence, in one transaction. */
async function sealBatch(db: Db, fence: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${sql.raw(String(SEALER_LOCK_KEY))})`);
    const [head] = await rawRows<{ seq: number | string; hash: string }>(
      tx,
      sql`SELECT seq, hash FROM audit_events WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1`,
    );
    let prevSeq = head ? Number(head.seq) : 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    // An unsealed event below the head cannot join the chain any more; verify reports it.
    const rows = await tx
      .select()
      .from(auditEvents)
      .where(and(isNull(auditEvents.hash), gt(auditEvents.seq, prevSeq), lte(auditEvents.seq, fence)))
      .orderBy(asc(auditEvents.seq))
      .limit(BATCH);
    if (rows.length === 0) return 0;
    const seals = rows.map((row) => {
      const hash = chainHash(prevHash, { ...row, prevSeq });
      const seal = { seq: row.seq, prev_seq: prevSeq, prev_hash: prevHash, hash };
      prevSeq = row.seq;
      prevHash = hash;
      return seal;
    });
    const updated = await rawRows<{ seq: number }>(
      tx,
      sql`UPDATE audit_events a SET prev_seq = s.prev_seq, prev_hash = s.prev_hash, hash = s.hash
          FROM jsonb_to_recordset(${JSON.stringify(seals)}::jsonb) AS s(seq bigint, prev_seq bigint, prev_hash text, hash text)
          WHERE a.seq = s.seq AND a.hash IS NULL
          RETURNING a.seq`,
    );
    if (updated.length !== seals.length) throw new Error(`audit sealing: ${seals.length - updated.length} events changed while being sealed`);
    return seals.length;
  });
}
