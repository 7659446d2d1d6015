import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit trail (全程留痕): append-only, one row per state change or personal-data read, each
 * row's hash covering the previous row's hash, so editing or deleting a row breaks the chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: text('actor_id'),
    actorKind: text('actor_kind').notNull(),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    requestId: text('request_id'),
    ip: text('ip'),
    /**
     * The scope the event belongs to (the object's region and department, else the acting staff
     * member's home scope); what GET /api/admin/audit filters by. null: root only.
     */
    regionPath: text('region_path'),
    departmentId: text('department_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_events_object_idx').on(t.objectType, t.objectId, t.seq), index('audit_events_actor_idx').on(t.actorId, t.seq), index('audit_events_region_idx').on(t.regionPath, t.seq)],
);
