import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { cases, type CaseSignFor } from './tables.ts';

export const signForRepo = {
  /** Appends a sign-for to the case (not a workflow action: the version and the cached workflow columns stay). */
  async append(db: Executor, caseNo: string, s: CaseSignFor) {
    const rows = await db
      .update(cases)
      .set({ signFors: sql`${cases.signFors} || ${JSON.stringify([s])}::jsonb` })
      .where(eq(cases.caseNo, caseNo))
      .returning({ regionPath: cases.regionPath, departmentId: cases.departmentId });
    return rows[0];
  },
};
