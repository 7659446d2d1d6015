import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Guide } from './guide.ts';

/** 基本目录: the item as the national/provincial base catalog defines it ("事项同码"). */
export const catalogItems = pgTable('catalog_items', {
  id: uuid('id').primaryKey(),
  baseCode: text('base_code').notNull().unique(),
  name: text('name').notNull(),
  /** GLOSSARY item type: licensing, confirmation, benefit, levy, award, adjudication, other_power, public_service. */
  itemType: text('item_type').notNull(),
  subjectTypes: jsonb('subject_types').$type<('person' | 'entity')[]>().notNull(),
  themes: jsonb('themes').$type<string[]>().notNull().default([]),
  keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
  legalBasis: text('legal_basis').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * 实施清单: an item implemented by one department in one region. Department and region are the org
 * module's ids, stored as plain columns (no cross-module foreign key).
 */
export const catalogImplementations = pgTable(
  'catalog_implementations',
  {
    id: uuid('id').primaryKey(),
    implementationCode: text('implementation_code').notNull().unique(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => catalogItems.id),
    departmentId: uuid('department_id').notNull(),
    departmentUscc: text('department_uscc').notNull(),
    departmentName: text('department_name').notNull(),
    regionCode: text('region_code').notNull(),
    regionPath: text('region_path').notNull(),
    /** Level of exercise: 1 national … 3 city, 4 district/county, 5 street, 6 community. */
    level: integer('level').notNull(),
    /** unpublished (no version published yet) | published | suspended | abolished */
    state: text('state', { enum: ['unpublished', 'published', 'suspended', 'abolished'] })
      .notNull()
      .default('unpublished'),
    publishedVersion: integer('published_version'),
    /** Copies of the published guide's flags, for the lists and the search filters. */
    doNow: boolean('do_now').notNull().default(false),
    doOnline: boolean('do_online').notNull().default(false),
    doInOneVisit: boolean('do_in_one_visit').notNull().default(false),
    /** Copies of the published guide's figures shown in result lists (so a list never reads guides). */
    onlineLevel: text('online_level', { enum: ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'] }),
    promisedLimitDays: integer('promised_limit_days'),
    visitsRequired: integer('visits_required'),
    /** Popularity: guide views (public) and cases filed (cases module, later). */
    views: integer('views').notNull().default(0),
    stateReason: text('state_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('catalog_impl_item_idx').on(t.itemId),
    index('catalog_impl_department_idx').on(t.departmentId),
    index('catalog_impl_region_idx').on(t.regionPath),
    index('catalog_impl_state_idx').on(t.state, t.views),
  ],
);

/** One version of an implementation's service guide. Published versions are never changed. */
export const catalogGuideVersions = pgTable(
  'catalog_guide_versions',
  {
    id: uuid('id').primaryKey(),
    implementationId: uuid('implementation_id')
      .notNull()
      .references(() => catalogImplementations.id),
    version: integer('version').notNull(),
    /** draft → submitted → published → superseded (by the next published version); rejected returns to draft. */
    status: text('status', { enum: ['draft', 'submitted', 'published', 'superseded'] }).notNull(),
    guide: jsonb('guide').$type<Guide>().notNull(),
    changeNote: text('change_note'),
    reviewComment: text('review_comment'),
    editedBy: uuid('edited_by'),
    submittedBy: uuid('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    publishedBy: uuid('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('catalog_versions_impl_version_uq').on(t.implementationId, t.version)],
);

/**
 * Search keys computed in the application at publish time (bigrams, pinyin, initials, codes): the
 * same on PGlite and PostgreSQL, whatever the database locale. See docs/catalog.md.
 */
export const catalogSearchTerms = pgTable(
  'catalog_search_terms',
  {
    term: text('term').notNull(),
    implementationId: uuid('implementation_id')
      .notNull()
      .references(() => catalogImplementations.id),
    weight: integer('weight').notNull(),
    /**
     * The implementation's popularity (views) when last refreshed: at publish and every 10th view.
     * Stored here so that a search ranks and pages on this table alone (no join over every match).
     */
    popularity: integer('popularity').notNull().default(0),
  },
  (t) => [
    // Byte order ("C" collation, whatever the database's locale): `term COLLATE "C" = x ORDER BY
    // weight DESC, popularity DESC LIMIT n` reads the index in order and stops, and `LIKE 'x%'` is a
    // range scan; implementation_id makes both index-only. Queries must say COLLATE "C" to use it.
    index('catalog_search_terms_rank_idx').on(sql`${t.term} COLLATE "C"`, t.weight.desc(), t.popularity.desc(), t.implementationId),
    index('catalog_search_terms_impl_idx').on(t.implementationId),
  ],
);

/** 收费目录: administrative fees and government funds; only these can be charged, only while effective. */
export const catalogFees = pgTable('catalog_fees', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['administrative_fee', 'government_fund'] }).notNull(),
  basis: text('basis').notNull(),
  standard: text('standard').notNull(),
  collectingDepartmentId: uuid('collecting_department_id'),
  collectingDepartmentName: text('collecting_department_name').notNull(),
  effectiveFrom: text('effective_from').notNull(),
  effectiveTo: text('effective_to'),
  /** Retired (取消): kept for the guides that cite it, no longer listed publicly nor citable. */
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  retireReason: text('retire_reason'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** 权责清单: a power with its basis, the responsibilities that go with it and accountability. */
export const catalogPowers = pgTable('catalog_powers', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  powerType: text('power_type').notNull(),
  basis: text('basis').notNull(),
  responsibilities: text('responsibilities').notNull(),
  accountability: text('accountability').notNull(),
  departmentId: uuid('department_id').notNull(),
  departmentName: text('department_name').notNull(),
  regionPath: text('region_path').notNull(),
  /** Retired (取消): kept for the guides that cite it, no longer listed publicly nor citable. */
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  retireReason: text('retire_reason'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** 中介服务清单: intermediary services an item requires, with their basis. */
export const catalogIntermediaries = pgTable('catalog_intermediaries', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  basis: text('basis').notNull(),
  requiredFor: text('required_for').notNull(),
  providerRequirements: text('provider_requirements').notNull(),
  timeLimit: text('time_limit'),
  feeNote: text('fee_note'),
  /** The department in charge (org module id) when known; the name is what the list shows. */
  departmentId: uuid('department_id'),
  departmentName: text('department_name').notNull(),
  /** Retired (取消): kept for the guides that cite it, no longer listed publicly nor citable. */
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  retireReason: text('retire_reason'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export * from './life-events-tables.ts';
