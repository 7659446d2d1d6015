import type { Ctx } from '../../platform/context.ts';
import type { Database } from '../../platform/db/types.ts';
import { serialRepo } from './repository.ts';

/**
 * 办件编号 serials without a hot row in the submit transaction (docs/decisions/0007-case-numbers.md).
 * A process reserves a block of the day's serials of an implementation in one short statement of
 * its own (it commits at once: no submit waits for another's commit), then hands them out from
 * memory. Blocks grow 1, 2, 4 … 64 as an item is used, so a quiet item loses few numbers when the
 * process stops and a busy one reserves once per 64 submits. A serial whose submit failed goes
 * back to be handed out again; numbers are unique, not gapless.
 */
const MAX_BLOCK = 64;

interface Block {
  next: number;
  end: number;
  size: number;
  returned: number[];
  /** A reservation in flight: others wait for it instead of reserving too. */
  reserving?: Promise<void>;
}

/** Per database handle (a test process opens many), per `${implementationCode}|${day}`. */
const blocksOf = new WeakMap<Database, Map<string, Block>>();

export interface Serial {
  value: number;
  /** Gives the serial back (its submit did not commit). */
  release(): void;
}

/**
 * The next serial of the day for the implementation. Inside an open transaction (a seed's) it is
 * reserved in that transaction, one at a time: a block reserved there would roll back with it while
 * this process still handed it out.
 */
export async function takeSerial(ctx: Ctx, implementationCode: string, day: string): Promise<Serial> {
  if ('tx' in ctx) return { value: await serialRepo.reserve(ctx.database.db, implementationCode, day, 1), release: () => {} };
  let blocks = blocksOf.get(ctx.database);
  if (!blocks) blocksOf.set(ctx.database, (blocks = new Map()));
  const key = `${implementationCode}|${day}`;
  for (;;) {
    let block = blocks.get(key);
    if (!block) {
      // A new day: yesterday's blocks are done with.
      for (const k of blocks.keys()) if (!k.endsWith(`|${day}`)) blocks.delete(k);
      blocks.set(key, (block = { next: 1, end: 0, size: 0, returned: [] }));
    }
    const value = block.returned.length ? block.returned.shift()! : block.next <= block.end ? block.next++ : undefined;
    if (value !== undefined) {
      const b = block;
      return {
        value,
        release: () => {
          b.returned.push(value);
          b.returned.sort((x, y) => x - y);
        },
      };
    }
    if (!block.reserving) {
      const b = block;
      const size = Math.min(MAX_BLOCK, Math.max(1, b.size * 2));
      b.reserving = serialRepo
        .reserve(ctx.database.db, implementationCode, day, size)
        .then((last) => {
          b.next = last - size + 1;
          b.end = last;
          b.size = size;
        })
        .finally(() => {
          b.reserving = undefined;
        });
    }
    await block.reserving;
  }
}
