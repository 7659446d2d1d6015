import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LifeEventComputed, LifeEventDefinition } from './life-events-definition.ts';

/**
 * 一件事: a life-event bundle of member implementations (docs/life-events.md). Edited and published
 * like a guide, in the scope of its lead department (usually the government services bureau).
 */
export const catalogLifeEvents = pgTable(
  'catalog_life_events',
  {
    id: uuid('id').primaryKey(),
    /** Stable public code (lower-case letters, digits, dashes), e.g. `open-restaurant`. */
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    /** The lead department (org id) and its region: who edits and publishes the bundle. */
    departmentId: uuid('department_id').notNull(),
    departmentName: text('department_name').notNull(),
    regionPath: text('region_path').notNull(),
    /** unpublished (no version published yet) | published */
    state: text('state', { enum: ['unpublished', 'published'] })
      .notNull()
      .default('unpublished'),
    publishedVersion: integer('published_version'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('catalog_life_events_state_idx').on(t.state)],
);

/** One version of a bundle: its definition and (once published) what was computed from the member guides then. */
export const catalogLifeEventVersions = pgTable(
  'catalog_life_event_versions',
  {
    id: uuid('id').primaryKey(),
    lifeEventId: uuid('life_event_id')
      .notNull()
      .references(() => catalogLifeEvents.id),
    version: integer('version').notNull(),
    /** draft → published → superseded (by the next published version). */
    status: text('status', { enum: ['draft', 'published', 'superseded'] }).notNull(),
    definition: jsonb('definition').$type<LifeEventDefinition>().notNull(),
    /** Set at publish: the combined form, the merged material list and the measured reductions (immutable with the version). */
    computed: jsonb('computed').$type<LifeEventComputed>(),
    changeNote: text('change_note'),
    editedBy: uuid('edited_by'),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('catalog_life_event_versions_uq').on(t.lifeEventId, t.version)],
);
