import type { Actor } from './actor.ts';

/** Bumped by a change to every session at once (`sessionsChanged()` without ids). */
let sessionEpoch = 0;
/** When each session or account changed in this process (by id), newest last; trimmed. */
const changedAt = new Map<string, number>();
const MAX_CHANGED = 10_000;

/**
 * Sessions or accounts changed in this process (sign-out, a new password, sessions ended, an
 * account updated or closed, acting for another enterprise): a session row kept by any cache whose
 * session id or account id is among `ids` is read again on its next use; with no ids, every one.
 * Called at the write and again after its commit.
 */
export function sessionsChanged(...ids: (string | null | undefined)[]): void {
  if (ids.length === 0) {
    sessionEpoch++;
    return;
  }
  const now = performance.now();
  for (const id of ids) {
    if (!id) continue;
    changedAt.delete(id);
    changedAt.set(id, now);
  }
  // Past the bound, forget the oldest and distrust every kept row once instead.
  if (changedAt.size > MAX_CHANGED) {
    changedAt.clear();
    sessionEpoch++;
  }
}

/** The epoch to hand to `rememberSession` for a session row read from now on. */
export function currentSessionEpoch(): number {
  return sessionEpoch;
}

/**
 * Who is behind each session, kept in process so that a request with a warm session costs no
 * statement: the session row (with its account's flags) is trusted for CACHE_RECHECK_SECONDS after
 * it was read, unless a session or account changed in this process meanwhile (`sessionsChanged`);
 * the actor built from staff, assignments and roles is good for the auth generation it was built
 * at (platform/meta/generations.ts): any change to accounts, staff, grants or roles bumps the
 * generation and every entry built before it is rebuilt on its next use.
 * Least recently used entries go first beyond `max`.
 */
export class ActorCache {
  private readonly entries = new Map<string, { generation: number; actor: Actor }>();
  private readonly sessions = new Map<string, { row: unknown; at: number; epoch: number; ids: string[] }>();

  /**
   * The session row read for `tokenHash` within the last `maxAgeMs`, unless its session or account
   * (or every session) changed in this process since the read began.
   */
  recentSession<T>(tokenHash: string, maxAgeMs: number): T | undefined {
    const entry = this.sessions.get(tokenHash);
    if (!entry) return undefined;
    if (entry.epoch !== sessionEpoch || performance.now() - entry.at > maxAgeMs || entry.ids.some((id) => (changedAt.get(id) ?? -Infinity) >= entry.at)) {
      this.sessions.delete(tokenHash);
      return undefined;
    }
    return entry.row as T;
  }

  /**
   * Keeps a session row whose read began at `startedAt` (performance.now()) and epoch `epoch`
   * (`currentSessionEpoch()`), keyed for invalidation by `ids` (its session id and account id).
   */
  rememberSession(tokenHash: string, row: unknown, read: { epoch: number; startedAt: number; ids: string[] }): void {
    if (read.epoch !== sessionEpoch || this.max === 0) return;
    this.sessions.delete(tokenHash);
    this.sessions.set(tokenHash, { row, at: read.startedAt, epoch: read.epoch, ids: read.ids });
    while (this.sessions.size > this.max) this.sessions.delete(this.sessions.keys().next().value!);
  }

  forgetSession(tokenHash: string): void {
    this.sessions.delete(tokenHash);
  }

  constructor(private readonly max = 10_000) {}

  get(sessionId: string, generation: number): Actor | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    this.entries.delete(sessionId);
    if (entry.generation !== generation) return undefined;
    this.entries.set(sessionId, entry);
    return entry.actor;
  }

  set(sessionId: string, generation: number, actor: Actor): void {
    this.entries.delete(sessionId);
    this.entries.set(sessionId, { generation, actor });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  clear(): void {
    this.entries.clear();
    this.sessions.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
