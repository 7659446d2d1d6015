#!/usr/bin/env node
import { loadConfig, ConfigError, type Config } from './platform/config/index.ts';
import { acquireDataDirLock, DataDirLockedError } from './platform/db/data-dir-lock.ts';
import { createLogger } from './platform/logger.ts';
import { cliCommands } from './modules/cli.ts';

// Only the configuration and the data-directory lock are loaded up front: a second process on the
// same PGlite directory must stop at once, before loading (and compiling) every module.

const help: Record<string, string> = {
  serve: 'serve                 start the server (migrates and seeds an empty database first)',
  migrate: 'migrate               apply pending migrations and exit',
  seed: 'seed --demo           load the demo city into an empty database (for training)',
  audit: 'audit verify [--seal] check the audit hash chain; names the first broken event (--seal: seal pending events first)',
  calendar: 'calendar check        show which years are official, entered or estimated',
  backup: 'backup <file>         write a consistent logical backup (gzip JSON lines)',
  restore: 'restore <file>        restore a backup into a fresh database (PGlite or DATABASE_URL)',
  openapi: 'openapi [file]        write the OpenAPI 3.1 document (stdout or file); needs no database',
  ...Object.fromEntries(Object.entries(cliCommands).map(([k, c]) => [k, c.help])),
};

function usage(command?: string): string {
  if (command && help[command]) return `Usage: yiwang ${help[command]}\n`;
  return `yiwang 一网: the city government services platform\n\nUsage: yiwang <command> [options]\n\n${Object.values(help)
    .map((h) => `  ${h}`)
    .join('\n')}\n\nEnvironment: PORT, DATA_DIR, DATABASE_URL, DEMO_PASSWORD, ADMIN_PASSWORD, LOG_LEVEL (see docs/operations.md)\n`;
}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...args] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage(args[0]));
    return 0;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage(command));
    return 0;
  }
  if (command === 'openapi') {
    const { writeOpenApi } = await import('./openapi.ts');
    await writeOpenApi(args[0]);
    return 0;
  }
  const config = loadConfig();
  const log = createLogger(command === 'serve' ? config.LOG_LEVEL : 'warn');
  if (command !== 'serve' && !help[command]) {
    process.stderr.write(`Unknown command: ${command}\n\n${usage()}`);
    return 2;
  }
  const lock = takeLock(config);
  const { openStorage, prepareDatabase, startServer, systemCtx, SeedRefusedError } = await import('./runtime.ts');

  if (command === 'serve') {
    const server = await startServer(config, { log, lockHeld: lock });
    const shutdown = async (signal: string) => {
      log.info({ signal }, 'shutting down');
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      await server.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    return -1; // keep running
  }

  const { auditVerifyCommand } = await import('./platform/audit/cli.ts');
  const { WorkingCalendar } = await import('./platform/calendar/service.ts');
  const { backupTo, restoreFrom } = await import('./platform/db/backup.ts');
  const database = await openStorage(config, lock);
  const ctx = systemCtx(config, database, log, new WorkingCalendar(database));
  try {
    switch (command) {
      case 'migrate': {
        const r = await prepareDatabase(ctx, { seed: 'none' });
        process.stdout.write(r.migrations.length ? `applied ${r.migrations.length} migrations:\n  ${r.migrations.join('\n  ')}\n` : 'database is up to date\n');
        return 0;
      }
      case 'seed': {
        if (!args.includes('--demo')) {
          process.stderr.write(usage('seed'));
          return 2;
        }
        const r = await prepareDatabase(ctx, { seed: 'demo' }).catch((err: unknown) => {
          if (err instanceof SeedRefusedError) return err;
          throw err;
        });
        if (r instanceof SeedRefusedError) {
          process.stderr.write(`seed --demo refused: ${r.message}\n`);
          return 1;
        }
        process.stdout.write(
          r.seeded === 'demo' ? `demo data loaded${r.generatedPassword ? `; demo password: ${r.generatedPassword}` : ''}\n` : 'demo data already present\n',
        );
        return 0;
      }
      case 'audit': {
        if (args[0] !== 'verify') {
          process.stderr.write(usage('audit'));
          return 2;
        }
        return await auditVerifyCommand(database.db, args.slice(1), (line) => process.stdout.write(line));
      }
      case 'calendar': {
        await prepareDatabase(ctx, { seed: 'none' });
        await ctx.calendar.reload();
        const s = ctx.calendar.status();
        for (const y of s.years) process.stdout.write(`${y.year}: ${y.status}\n`);
        for (const w of s.warnings) process.stdout.write(`WARNING: ${w.en}\n         ${w.zh}\n`);
        return 0;
      }
      case 'backup': {
        if (!args[0]) {
          process.stderr.write(usage('backup'));
          return 2;
        }
        const r = await backupTo(database, args[0]);
        process.stdout.write(`backup written to ${args[0]}: ${r.tables} tables, ${r.rows} rows\n`);
        return 0;
      }
      case 'restore': {
        if (!args[0]) {
          process.stderr.write(usage('restore'));
          return 2;
        }
        await prepareDatabase(ctx, { seed: 'none' });
        const r = await restoreFrom(database, args[0]);
        process.stdout.write(`restored ${r.rows} rows into ${r.tables} tables (${database.kind})\n`);
        return 0;
      }
      default:
        return await cliCommands[command]!.run(ctx, args);
    }
  } finally {
    await database.close();
  }
}

/** On PGlite, the data directory's lock; released by the database when it closes. */
function takeLock(config: Config): (() => void) | undefined {
  return config.DATABASE_URL ? undefined : acquireDataDirLock(config.dataDir);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    if (err instanceof ConfigError || err instanceof DataDirLockedError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`yiwang: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
