import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { casesByLight, lightCounts } from '../cases/index.ts';
import { urgeRepo } from './urge-repository.ts';
import { rectificationsByLight, rectificationLightCounts } from '../evaluation/index.ts';
import { ticketLightCounts, ticketsByLight } from '../hotline/index.ts';
import type { LightCasesQuery, RectificationLightsQuery } from './schemas.ts';

export { lightCounts, ticketLightCounts, ticketsByLight, rectificationLightCounts };

/** The rectifications behind one bar, as the evaluation module lists them, each with its waiting urge. */
export async function lightRectifications(ctx: Ctx, q: z.infer<typeof RectificationLightsQuery>) {
  const page = await rectificationsByLight(ctx, q);
  const waiting = new Map(
    (
      await urgeRepo.waitingOfRectifications(
        ctx.database.db,
        page.items.map((r) => r.id),
      )
    ).map((u) => [u.rectificationId, u]),
  );
  return {
    ...page,
    items: page.items.map((r) => {
      const u = waiting.get(r.id);
      return { ...r, urge: u ? { id: u.id, status: u.status, dueDate: u.dueDate } : null };
    }),
  };
}

/**
 * The cases behind one bar of the e-supervision chart (department × light), as the cases module
 * lists them (same light function, same scope: the total equals the bar), each with the urge that
 * waits for the unit's answer, if any.
 */
export async function lightCases(ctx: Ctx, q: z.infer<typeof LightCasesQuery>) {
  const page = await casesByLight(ctx, q);
  const waiting = new Map(
    (
      await urgeRepo.waitingOfCases(
        ctx.database.db,
        page.items.map((c) => c.caseNo),
      )
    ).map((u) => [u.caseNo, u]),
  );
  return {
    ...page,
    items: page.items.map((c) => {
      const u = waiting.get(c.caseNo);
      return {
        caseNo: c.caseNo,
        itemName: c.itemName,
        departmentName: c.departmentName,
        applicantName: c.applicantName,
        status: c.status,
        stepName: c.stepName,
        submittedAt: c.submittedAt,
        dueDate: c.dueDate,
        light: c.light,
        paused: c.paused,
        urge: u ? { id: u.id, status: u.status, dueDate: u.dueDate } : null,
      };
    }),
  };
}
