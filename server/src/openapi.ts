import { writeFileSync } from 'node:fs';
import { testConfig } from './platform/config/index.ts';
import { openPglite } from './platform/db/index.ts';
import { createLogger } from './platform/logger.ts';
import { WorkingCalendar } from './platform/calendar/service.ts';
import { buildApp } from './app.ts';
import { modules } from './modules/index.ts';

/** The OpenAPI document as the running server would serve it; the web client's types come from it. */
export async function openApiDocument(): Promise<unknown> {
  const database = await openPglite();
  const app = await buildApp({ config: testConfig(), database, calendar: new WorkingCalendar(database), log: createLogger('silent'), modules });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  await database.close();
  return doc;
}

export async function writeOpenApi(file?: string): Promise<void> {
  const text = `${JSON.stringify(await openApiDocument(), null, 2)}\n`;
  if (file) writeFileSync(file, text);
  else process.stdout.write(text);
}
