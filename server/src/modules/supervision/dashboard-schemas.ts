import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const DashboardQuery = z
  .object({
    from: date,
    to: date,
    groupBy: z.enum(['department', 'item', 'region', 'window']).default('department'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { message: 'at most three years', path: ['from'] });

const Figures = z.object({
  received: z.number().int(),
  onlineReceived: z.number().int(),
  /** Online share of the cases received, 0–1; null when none was received. */
  onlineShare: z.number().nullable(),
  /** Of the cases received: needing no visit (online, result not picked up at a window), and exactly one. */
  zeroVisit: z.number().int(),
  zeroVisitShare: z.number().nullable(),
  oneVisit: z.number().int(),
  oneVisitShare: z.number().nullable(),
  /** Decided (concluded, refused, denied) in the period. */
  concluded: z.number().int(),
  concludedOnTime: z.number().int(),
  /** Decided on or before the due date, over decided; null when none was decided. */
  onTimeRate: z.number().nullable(),
  /** Working days from submission to decision (platform calendar), averaged over the decided cases. */
  avgWorkingDays: z.number().nullable(),
  avgPromisedDays: z.number().nullable(),
  avgStatutoryDays: z.number().nullable(),
  /** 好差评 rated in the period that stand; satisfaction = levels 3–5 over them (0–1), bad = levels 1–2. */
  evaluations: z.number().int(),
  badReviews: z.number().int(),
  satisfaction: z.number().nullable(),
  /** Average level, 1–5. */
  avgLevel: z.number().nullable(),
});

/** The hotline's 三率 of the tickets taken in the period, held by units in the reader's scope. */
const HotlineFigures = z.object({
  tickets: z.number().int(),
  /** Signed (answered) by the holding unit, over tickets. */
  answeredRate: z.number().nullable(),
  /** Concluded on time, over concluded. */
  onTimeRate: z.number().nullable(),
  /** Resolved, over those followed up. */
  resolvedRate: z.number().nullable(),
  /** The callers' follow-up score, average 1–5. */
  satisfaction: z.number().nullable(),
});

export const DashboardView = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['department', 'item', 'region', 'window']),
  trendUnit: z.enum(['day', 'month']),
  totals: Figures,
  hotline: HotlineFigures,
  /** The period of the same length just before, for the comparison. */
  previous: z.object({ from: z.string(), to: z.string(), totals: Figures, hotline: HotlineFigures }),
  /** key: department id, implementation code or region path. `hotline` per department only (tickets have no item). */
  groups: z.array(Figures.extend({ key: z.string(), name: z.string(), hotline: HotlineFigures.nullable() })),
  trend: z.array(
    z.object({
      period: z.string(),
      received: z.number().int(),
      concluded: z.number().int(),
      onTime: z.number().int(),
      evaluations: z.number().int(),
      satisfied: z.number().int(),
    }),
  ),
});
