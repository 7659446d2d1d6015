import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** 行政区划: province → city → district → street → community; `path` joins the codes from the top. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'district', 'street', 'community'] }).notNull(),
    parentCode: text('parent_code'),
    path: text('path').notNull(),
    sort: integer('sort').notNull().default(0),
    /** Centre point for maps (GCJ-02 is not needed for the demo; WGS-84 degrees). */
    lng: text('lng'),
    lat: text('lat'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode), index('regions_path_idx').on(t.path)],
);

/** 部门 / 单位: a government body with its own unified social credit code. */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    nameEn: text('name_en'),
    uscc: text('uscc').notNull().unique(),
    regionCode: text('region_code').notNull(),
    regionPath: text('region_path').notNull(),
    parentId: uuid('parent_id'),
    /** A short code for the function (scjg, rsj, …) shared by the same function across districts. */
    kind: text('kind').notNull(),
    phone: text('phone'),
    address: text('address'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('departments_region_idx').on(t.regionPath), index('departments_kind_idx').on(t.kind)],
);

/** 政务服务中心: a physical service hall. */
export const serviceCenters = pgTable('service_centers', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  regionCode: text('region_code').notNull(),
  regionPath: text('region_path').notNull(),
  address: text('address').notNull(),
  hours: text('hours').notNull(),
  phone: text('phone'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** 窗口: a counter; a comprehensive window accepts any department's items. */
export const serviceWindows = pgTable(
  'service_windows',
  {
    id: uuid('id').primaryKey(),
    serviceCenterId: uuid('service_center_id')
      .notNull()
      .references(() => serviceCenters.id),
    number: text('number').notNull(),
    name: text('name').notNull(),
    comprehensive: boolean('comprehensive').notNull().default(false),
    departmentIds: jsonb('department_ids').$type<string[]>().notNull().default([]),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('service_windows_center_idx').on(t.serviceCenterId)],
);
