import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The audit trail (全程留痕): append-only, one row per state change or personal-data read, each
 * row's hash covering the previous row's hash, so editing or deleting a row breaks the chain.
 *
 * Since decision 0006 a row is inserted unsealed (hash null) in the business transaction, taking
 * its place from the sequence behind `audit_next_seq()`; the sealer (seal.ts) chains committed rows
 * in seq order moments later. Sequence values may have gaps (rolled-back transactions): a sealed
 * row's `prev_seq` names the event sealed before it, so a deleted event is still named.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    /** The event's place in the chain: from `audit_next_seq()` (decision 0006), 1… dense before it. */
    seq: bigint('seq', { mode: 'number' })
      .primaryKey()
      .default(sql`audit_next_seq()`),
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
    /** Set when sealed (null while unsealed); events written before decision 0006 have no prev_seq. */
    prevSeq: bigint('prev_seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_events_object_idx').on(t.objectType, t.objectId, t.seq),
    index('audit_events_actor_idx').on(t.actorId, t.seq),
    index('audit_events_region_idx').on(t.regionPath, t.seq),
    index('audit_events_unsealed_idx')
      .on(t.seq)
      .where(sql`hash IS NULL`),
  ],
);
