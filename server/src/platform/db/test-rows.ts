/**
 * Test support for the platform/db tests that write `system_meta` rows through `transact`: which
 * keys with a prefix are stored, and how many audit events name an object.
 */
import { eq, like } from 'drizzle-orm';
import { systemMeta } from '../meta/tables.ts';
import { auditEvents } from '../audit/tables.ts';
import type { Database } from './index.ts';

export async function metaKeys(database: Database, prefix: string): Promise<string[]> {
  const rows = await database.db
    .select()
    .from(systemMeta)
    .where(like(systemMeta.key, `${prefix}%`));
  return rows.map((r) => r.key).sort();
}

export async function auditedCount(database: Database, objectId: string): Promise<number> {
  return (await database.db.select().from(auditEvents).where(eq(auditEvents.objectId, objectId))).length;
}
