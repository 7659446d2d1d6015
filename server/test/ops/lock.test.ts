import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createStorage, killAll, onPostgres, startServer } from './procs.ts';

afterAll(killAll);

describe.skipIf(onPostgres)('PGlite data directory lock', () => {
  it('a second serve on the same DATA_DIR stops at once, naming the pid of the first', { timeout: 600_000 }, async () => {
    const storage = await createStorage('pglite');
    try {
      // Admin-only first start (no demo seeding) keeps this test quick.
      const env = { ...storage.env, SEED_DEMO: 'never', ADMIN_PASSWORD: 'lock-test-Passw0rd' };
      const first = await startServer(env);
      await first.waitReady();
      const lock = JSON.parse(readFileSync(path.join(storage.dataDir, 'yiwang.lock'), 'utf8')) as { pid: number };
      expect(lock.pid).toBe(first.pid);

      const second = await startServer(env);
      const t0 = Date.now();
      const exit = await second.exited;
      expect(exit.code).toBe(78);
      expect(Date.now() - t0).toBeLessThan(30_000); // "at once": no migration, no PGlite start (generous for a loaded CI box)
      expect(second.output()).toContain(`process ${first.pid}`);
      expect(second.output()).toContain(storage.dataDir);

      // The first server is untouched and keeps serving.
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
      expect((await first.kill('SIGTERM')).code).toBe(0);
      expect(existsSync(path.join(storage.dataDir, 'yiwang.lock'))).toBe(false); // released on clean shutdown
    } finally {
      killAll();
      await storage.dispose();
    }
  });
});
