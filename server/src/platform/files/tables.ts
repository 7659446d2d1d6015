import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Metadata of a stored file. The bytes live behind the FileStore (local disk or object storage)
 * under `storage_key`; the row is what modules reference (by id, as a plain column).
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid('id').primaryKey(),
    /** Who the file belongs to, e.g. ('case', caseNo) or ('person', personId); free text per module. */
    ownerKind: text('owner_kind').notNull(),
    ownerId: text('owner_id').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    /** Detected from the content (magic bytes), never from the name. */
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    sm3: text('sm3').notNull(),
    /** The name given by the uploader, for display only. */
    originalName: text('original_name'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('stored_files_owner_idx').on(t.ownerKind, t.ownerId), index('stored_files_sm3_idx').on(t.sm3)],
);
