import type { Actor } from './actor.ts';

/**
 * Who is behind each session, kept in process so that a request with a warm session costs one
 * statement (the session row, read with the auth generation) instead of rebuilding the actor from
 * staff, assignments and roles. An entry is good only for the auth generation it was built at
 * (platform/meta/generations.ts): any change to accounts, staff, grants or roles, in any process,
 * bumps the generation and every entry built before it is rebuilt on its next use.
 * Least recently used entries go first beyond `max`.
 */
export class ActorCache {
  private readonly entries = new Map<string, { generation: number; actor: Actor }>();

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
  }

  get size(): number {
    return this.entries.size;
  }
}
