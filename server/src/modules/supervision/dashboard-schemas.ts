import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const DashboardQuery = z
  .object({
    from: date,
    to: date,
    groupBy: z.enum(['department', 'item', 'region']).default('department'),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { message: 'at most three years', path: ['from'] });

const Figures = z.object({
  received: z.number().int(),
  onlineReceived: z.number().int(),
  /** Online share of the cases received, 0–1; null when none was received. */
  onlineShare: z.number().nullable(),
  /** Decided (concluded, refused, denied) in the period. */
  concluded: z.number().int(),
  concludedOnTime: z.number().int(),
  /** Decided on or before the due date, over decided; null when none was decided. */
  onTimeRate: z.number().nullable(),
  /** Working days from submission to decision (platform calendar), averaged over the decided cases. */
  avgWorkingDays: z.number().nullable(),
  avgPromisedDays: z.number().nullable(),
  avgStatutoryDays: z.number().nullable(),
});

export const DashboardView = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(['department', 'item', 'region']),
  trendUnit: z.enum(['day', 'month']),
  totals: Figures,
  /** key: department id, implementation code or region path. */
  groups: z.array(Figures.extend({ key: z.string(), name: z.string() })),
  trend: z.array(z.object({ period: z.string(), received: z.number().int(), concluded: z.number().int(), onTime: z.number().int() })),
});
