import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters for rate limits, shared by every server process: one fixed window per
 * (bucket, key), counted with one atomic upsert (platform/http/rate-limit.ts). Rows whose window
 * has ended are swept by the `platform.rate_windows.sweep` job.
 */
export const rateWindows = pgTable(
  'rate_windows',
  {
    bucket: text('bucket').notNull(),
    key: text('key').notNull(),
    count: integer('count').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true, mode: 'date' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.key] }), index('rate_windows_expires_idx').on(t.expiresAt)],
);
