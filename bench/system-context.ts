import { systemActor } from '../server/src/platform/auth/index.ts';
import { WorkingCalendar } from '../server/src/platform/calendar/service.ts';
import { testConfig } from '../server/src/platform/config/index.ts';
import type { Ctx } from '../server/src/platform/context.ts';
import { openPostgres } from '../server/src/platform/db/open.ts';
import { createLogger } from '../server/src/platform/logger.ts';

/**
 * A system context on the engine's PostgreSQL database, for figures that call a module's service in
 * process beside the running server (its calendar loaded). Close its database when done.
 */
export async function openSystemContext(databaseUrl: string, poolSize: number): Promise<{ ctx: Ctx; database: Ctx['database'] }> {
  const database = await openPostgres(databaseUrl, poolSize);
  const calendar = new WorkingCalendar(database);
  await calendar.reload();
  const ctx: Ctx = {
    config: testConfig(),
    database,
    calendar,
    log: createLogger('silent'),
    actor: systemActor,
    requestId: null,
    ip: '127.0.0.1',
    locale: 'zh-CN',
  };
  return { ctx, database };
}
