import type { Actor } from './actor.ts';

/** Bumped by every change to a session or an account in this process (`sessionsChanged`). */
let sessionEpoch = 0;

/**
 * A session or an account changed in this process (sign-out, a new password, sessions ended, an
 * account updated or closed, acting for another enterprise): every session row kept by any cache
 * is read again on its next use. Called at the write and again after its commit.
 */
export function sessionsChanged(): void {
  sessionEpoch++;
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
  private readonly sessions = new Map<string, { row: unknown; at: number; epoch: number }>();

  /** The session row read for `tokenHash` within the last `maxAgeMs`, if nothing changed in this process since. */
  recentSession<T>(tokenHash: string, maxAgeMs: number): T | undefined {
    const entry = this.sessions.get(tokenHash);
    if (!entry) return undefined;
    if (entry.epoch !== sessionEpoch || performance.now() - entry.at > maxAgeMs) {
      this.sessions.delete(tokenHash);
      return undefined;
    }
    return entry.row as T;
  }

  /** Keeps a session row read at `epoch` (`currentSessionEpoch()` before the read), unless a change came meanwhile. */
  rememberSession(tokenHash: string, row: unknown, epoch: number): void {
    if (epoch !== sessionEpoch || this.max === 0) return;
    this.sessions.delete(tokenHash);
    this.sessions.set(tokenHash, { row, at: performance.now(), epoch });
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
