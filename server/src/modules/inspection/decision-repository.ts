import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { inspectionAssignments as assignments, inspectionResults as results } from './tables.ts';

/** A result with the entity's name, for a decision taken on it (result-facts.ts). */
export async function resultWithEntity(db: Executor, resultId: string) {
  const [row] = await db
    .select({
      resultId: results.id,
      taskId: results.taskId,
      uscc: results.uscc,
      entityName: assignments.entityName,
      outcome: results.outcome,
      followUp: results.followUp,
      inspectedOn: results.inspectedOn,
    })
    .from(results)
    .innerJoin(assignments, eq(assignments.id, results.assignmentId))
    .where(eq(results.id, resultId));
  return row;
}
