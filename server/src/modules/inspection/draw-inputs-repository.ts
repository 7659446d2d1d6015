import { eq, sql } from 'drizzle-orm';
import { rawRows, type Db, type Executor } from '../../platform/db/index.ts';
import { inspectionDrawInputs as drawInputs, inspectionDrawPools as drawPools, inspectionDraws as draws } from './tables.ts';

/** The stored pool text of a draw (its parts in order), or null once compacted; beside inputs_gz, in the same statement. */
// Written out: in a select list the ORM may leave the outer column unqualified (p.draw_id = draw_id).
const poolText = sql<
  string | null
>`(SELECT string_agg(p.entities, '' ORDER BY p.part) FROM inspection_draw_pools p WHERE p.draw_id = inspection_draw_inputs.draw_id)`;

/** The rows a drawn draw's disclosed inputs are kept in (draw-inputs.ts reads their forms). */
export const drawInputsRepo = {
  /** The stored gzip and, until compaction, the pool text beside it: read in one statement. */
  async find(db: Executor, drawId: string): Promise<{ gz: Buffer; entities: string | null } | undefined> {
    const [row] = await db.select({ gz: drawInputs.inputsGz, entities: poolText }).from(drawInputs).where(eq(drawInputs.drawId, drawId));
    return row;
  },
  async insert(db: Executor, drawId: string, inputsGz: Buffer): Promise<void> {
    await db.insert(drawInputs).values({ drawId, inputsGz });
  },
  /** Replaces the two rows by the whole document, if the pool rows are still there (else done already). */
  async compact(db: Db, drawId: string, gz: Buffer): Promise<void> {
    await db.transaction(async (tx) => {
      const gone = await tx.delete(drawPools).where(eq(drawPools.drawId, drawId)).returning({ id: drawPools.drawId });
      if (gone.length) await tx.update(drawInputs).set({ inputsGz: gz }).where(eq(drawInputs.drawId, drawId));
    });
  },
  /** Draws drawn before `before` whose pool is still in its own rows. */
  async pendingCompaction(db: Executor, before: Date): Promise<string[]> {
    const rows = await rawRows<{ id: string }>(
      db,
      sql`SELECT DISTINCT p.draw_id AS id FROM ${drawPools} p JOIN ${draws} d ON d.id = p.draw_id WHERE d.drawn_at < ${before}`,
    );
    return rows.map((r) => r.id);
  },
};
