export type { Database, Db, Tx, Executor } from './types.ts';
export { rawRows } from './types.ts';
export { openPglite, openPostgres, ping } from './open.ts';
export { migrateAll, type MigrationSource } from './migrate.ts';
export { DataDirLockedError } from './data-dir-lock.ts';
export { DataDirFormatError, PGLITE_PG_MAJOR } from './pglite-data-dir.ts';
export { pageOf, pageSchema, offsetOf, type Page, type PageQuery, pageQuerySchema } from './paging.ts';
export { newId } from './ids.ts';
export { countStatements, type StatementCounter } from './statements.ts';
