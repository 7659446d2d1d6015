import { boolean, date, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/** Admin-entered exceptions to the national calendar, for the whole city or a region subtree. */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    id: uuid('id').primaryKey(),
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ['workday', 'holiday'] }).notNull(),
    name: text('name').notNull(),
    /** Region path ("" = everywhere). */
    regionPath: text('region_path').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique('calendar_overrides_date_region').on(t.date, t.regionPath)],
);

/** A year's State Council holiday notice entered by an admin before the library ships it. */
export const calendarNotices = pgTable('calendar_notices', {
  year: integer('year').primaryKey(),
  holidays: jsonb('holidays').$type<{ date: string; name: string }[]>().notNull(),
  makeupWorkdays: jsonb('makeup_workdays').$type<{ date: string; name: string }[]>().notNull(),
  source: text('source').notNull(),
  active: boolean('active').notNull().default(true),
  enteredAt: timestamp('entered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
