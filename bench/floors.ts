/**
 * The statement floor of each signed-in read: what the route's own SQL costs when nothing else runs
 * — no session, no validation, no ORM, no presentation, no serialisation.
 *
 * Run in a process of its own: it opens the application in-process on the engine's database (no
 * port, no jobs; PostgreSQL beside the server under test, PGlite's data directory once that server
 * has stopped, since one process holds it), signs in as each read's account, asks the
 * route twice so that every cache is warm, then a third time counting the statements it sends with
 * their text and parameters (platform/db/statements.ts `countStatements` with `keep`). It prints
 * them as JSON. The baseline app (baseline-app.ts, FLOORS_FILE) then serves `/floor/<i>`, which
 * sends the same statements as named prepared statements through the bare pg pool and answers their
 * rows, and the bench measures it beside the route: a route cannot go faster than its floor, so a
 * floor under the goal's ratio says the goal needs fewer or cheaper statements, not less overhead.
 *
 * Input: FLOOR_REQUESTS (JSON [{ path, as }]), DATABASE_URL or DATA_DIR (PGlite), DEMO_PASSWORD.
 */
import { loadConfig } from '../server/src/platform/config/index.ts';
import { buildApp } from '../server/src/app.ts';
import { openPglite, openPostgres, countStatements } from '../server/src/platform/db/index.ts';
import { createLogger } from '../server/src/platform/logger.ts';
import { WorkingCalendar } from '../server/src/platform/calendar/service.ts';
import { modules } from '../server/src/modules/index.ts';
import { DEMO_PASSWORD } from './lib.ts';

export interface FloorStatement {
  text: string;
  params: unknown[];
}

const requests = JSON.parse(process.env.FLOOR_REQUESTS ?? '[]') as { path: string; as: string }[];
const config = loadConfig({ ...process.env, PORT: '1', JOBS: 'off', LOG_LEVEL: 'warn' });
const database = config.DATABASE_URL ? await openPostgres(config.DATABASE_URL, 2) : await openPglite({ dataDir: config.DATA_DIR });
const calendar = new WorkingCalendar(database);
await calendar.reload();
const app = await buildApp({ config, database, calendar, log: createLogger('warn'), modules });
await app.ready();
const out: FloorStatement[][] = [];
for (const r of requests) {
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: r.as, password: DEMO_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`floors: login ${r.as}: ${login.statusCode} ${login.body}`);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const ask = async () => {
    const res = await app.inject({ method: 'GET', url: r.path, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`floors: ${r.path} as ${r.as}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  };
  await ask();
  await ask();
  const { sql, params } = await countStatements(database, ask, { keep: true });
  out.push(sql.map((text, i) => ({ text, params: params[i] ?? [] })));
}
await app.close();
await database.close();
process.stdout.write(`FLOORS ${JSON.stringify(out)}\n`);
process.exit(0);
