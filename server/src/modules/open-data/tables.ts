import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The update history of each open dataset: one row per refresh (time, row count, and what changed
 * since the previous refresh, counted on a digest of each public row). `rowDigests` is kept so the
 * next refresh can count rows added and removed; it holds hashes of public (redacted) rows only.
 */
export const openDataRefreshes = pgTable(
  'open_data_refreshes',
  {
    id: uuid('id').primaryKey(),
    datasetId: text('dataset_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    rowCount: integer('row_count').notNull(),
    added: integer('added').notNull(),
    removed: integer('removed').notNull(),
    changed: boolean('changed').notNull(),
    digest: text('digest').notNull(),
    rowDigests: jsonb('row_digests').$type<string[]>().notNull(),
  },
  (t) => [index('open_data_refreshes_dataset_idx').on(t.datasetId, t.at)],
);
