import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Installation facts: when it was seeded, with what. */
export const systemMeta = pgTable('system_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
