import { createReadStream, createWriteStream } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { rawRows, type Database, type Db } from './types.ts';

/**
 * A logical backup: one gzip'd JSON line per row, read in one REPEATABLE READ snapshot so it is
 * consistent. The same file restores into PGlite or PostgreSQL, which is how an embedded
 * installation moves to PostgreSQL.
 */
const FORMAT = 'yiwang-backup/1';

/**
 * Tables every start fills (built-in roles, the platform's meta rows): a fresh database already
 * holds them when a backup is restored into it, so the restore replaces them instead of refusing.
 * Their owners register them, as modules register their bookkeeping tables.
 */
const filledAtStart = new Set<string>(['system_meta']);

export function registerTablesFilledAtStart(...tables: string[]): void {
  for (const t of tables) filledAtStart.add(t);
}

async function userTables(db: Db): Promise<string[]> {
  const rows = await rawRows<{ table_name: string }>(
    db,
    sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function dependencyOrder(db: Db, tables: string[]): Promise<string[]> {
  const fks = await rawRows<{ child: string; parent: string }>(
    db,
    sql`
    SELECT tc.table_name AS child, ccu.table_name AS parent
    FROM information_schema.table_constraints tc
    JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`,
  );
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of fks) if (child !== parent) deps.get(child)?.add(parent);
  const ordered: string[] = [];
  const visit = (t: string, seen = new Set<string>()) => {
    if (ordered.includes(t) || seen.has(t)) return;
    seen.add(t);
    for (const p of deps.get(t) ?? []) visit(p, seen);
    ordered.push(t);
  };
  tables.forEach((t) => visit(t));
  return ordered;
}

export async function backupTo(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  const out = createGzip();
  const sink = createWriteStream(file);
  out.pipe(sink);
  const write = async (line: unknown) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
  };
  let rows = 0;
  const tables = await database.db.transaction(
    async (tx) => {
      const db = tx as unknown as Db;
      const names = await dependencyOrder(db, await userTables(db));
      await write({ format: FORMAT, createdAt: new Date().toISOString(), storage: database.kind, tables: names });
      for (const table of names) {
        const pageSize = 2000;
        for (let offset = 0; ; offset += pageSize) {
          const page = await rawRows<{ r: unknown }>(
            db,
            sql.raw(`SELECT row_to_json(t) AS r FROM (SELECT * FROM "${table}" ORDER BY 1 LIMIT ${pageSize} OFFSET ${offset}) t`),
          );
          for (const { r } of page) await write({ t: table, r });
          rows += page.length;
          if (page.length < pageSize) break;
        }
      }
      return names;
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  out.end();
  await once(sink, 'finish');
  return { tables: tables.length, rows };
}

/** Restores into a migrated, empty database (refuses to overwrite data). */
export async function restoreFrom(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  let header: { format: string; tables: string[] } | undefined;
  let rows = 0;
  await database.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const existing = new Set(await userTables(db));
    // Generated columns are in the backup (row_to_json) but cannot be written: the database recomputes them.
    const columnsOf = new Map<string, string[]>();
    const insertableColumns = async (table: string) => {
      let columns = columnsOf.get(table);
      if (!columns) {
        const found = await rawRows<{ name: string }>(
          db,
          sql`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} AND is_generated = 'NEVER' ORDER BY ordinal_position`,
        );
        columns = found.map((c) => c.name);
        columnsOf.set(table, columns);
      }
      return columns;
    };
    let batch: unknown[] = [];
    let batchTable = '';
    const flush = async () => {
      if (!batch.length) return;
      const columns = (await insertableColumns(batchTable)).map((c) => `"${c}"`).join(', ');
      await db.execute(
        sql`INSERT INTO ${sql.raw(`"${batchTable}"`)} (${sql.raw(columns)}) SELECT ${sql.raw(columns)} FROM json_populate_recordset(null::${sql.raw(`"${batchTable}"`)}, ${JSON.stringify(batch)}::json)`,
      );
      rows += batch.length;
      batch = [];
    };
    // Created right before iterating: lines emitted before the iterator attaches would be lost.
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const item = JSON.parse(line) as { format?: string; tables?: string[]; t?: string; r?: unknown };
      if (!header) {
        if (item.format !== FORMAT) throw new Error(`not a yiwang backup (format ${item.format})`);
        header = item as { format: string; tables: string[] };
        for (const t of header.tables) {
          if (!existing.has(t)) throw new Error(`table ${t} is not in this database: migrate to the same version first`);
          const count = await rawRows<{ n: number }>(db, sql.raw(`SELECT count(*)::int AS n FROM "${t}"`));
          if (Number(count[0]?.n) > 0 && !filledAtStart.has(t)) throw new Error(`table ${t} is not empty: restore only into a fresh database`);
        }
        for (const t of filledAtStart) if (existing.has(t)) await db.execute(sql.raw(`DELETE FROM "${t}"`));
        continue;
      }
      if (item.t !== batchTable || batch.length >= 1000) {
        await flush();
        batchTable = item.t!;
      }
      batch.push(item.r);
    }
    await flush();
    // A sequence behind a restored column (audit_events.seq: decision 0006) continues after its rows.
    const owned = await rawRows<{ seq: string; tbl: string; col: string }>(
      db,
      sql`
      SELECT s.relname AS seq, t.relname AS tbl, a.attname AS col
      FROM pg_depend d
      JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
      JOIN pg_class t ON t.oid = d.refobjid
      JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE d.deptype IN ('a', 'i') AND t.relnamespace = 'public'::regnamespace`,
    );
    for (const o of owned.filter((x) => header?.tables.includes(x.tbl))) {
      await db.execute(sql.raw(`SELECT setval('"${o.seq}"', COALESCE((SELECT max("${o.col}") FROM "${o.tbl}"), 0) + 1, false)`));
    }
  });
  return { tables: header?.tables.length ?? 0, rows };
}
