/**
 * Start-up: what a production first start creates, the repair of installs seeded before the
 * platform department existed, and the banner (no demo accounts or password hint in production).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testConfig, type Config } from './platform/config/index.ts';
import { openPglite, type Database } from './platform/db/index.ts';
import { createLogger } from './platform/logger.ts';
import { bannerLines, prepareDatabase, SeedRefusedError, systemCtx, type PrepareResult } from './runtime.ts';
import { departments } from './modules/org/tables.ts';
import { accounts, staff } from './modules/identity/tables.ts';
import { PLATFORM_DEPARTMENT_ID } from './modules/org/index.ts';
import { actorFor } from './modules/identity/index.ts';
import { describeMe } from './modules/identity/auth-service.ts';

const production = (over: Partial<Config> = {}): Config => ({ ...testConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'Kv3-first-Start-Harbor' }), ...over });

describe('a production first start (empty database)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openPglite();
  }, 300_000);
  afterAll(() => database?.close());

  it(
    'creates only the platform department and admin in it, whom describeMe can present; a later start repairs a missing department',
    { timeout: 300_000 },
    async () => {
      const config = production();
      const ctx = systemCtx(config, database, createLogger('silent'));
      const first = await prepareDatabase(ctx, { seed: 'auto' });
      expect(first).toMatchObject({ seeded: 'admin-only', content: 'admin-only' });
      expect(first.generatedPassword).toBeUndefined();
      const depts = await database.db.select().from(departments);
      expect(depts).toEqual([expect.objectContaining({ id: PLATFORM_DEPARTMENT_ID, regionPath: '', kind: 'platform' })]);
      expect((await database.db.select().from(accounts)).map((a) => a.username)).toEqual(['admin']);
      const [admin] = await database.db.select().from(accounts).where(eq(accounts.username, 'admin'));
      const [member] = await database.db.select().from(staff).where(eq(staff.id, admin!.staffId!));
      expect(member!.departmentId).toBe(PLATFORM_DEPARTMENT_ID);
      const me = await describeMe({ ...ctx, actor: await actorFor(ctx, admin!) });
      expect(me).toMatchObject({ username: 'admin', mustChangePassword: true, staff: { departmentName: '平台管理' } });

      // An install seeded by the earlier code had no department row: the next start puts it back.
      await database.db.delete(departments).where(eq(departments.id, PLATFORM_DEPARTMENT_ID));
      const again = await prepareDatabase(ctx, { seed: 'auto' });
      expect(again).toMatchObject({ seeded: 'already', content: 'admin-only' });
      expect((await database.db.select().from(departments)).map((d) => d.id)).toEqual([PLATFORM_DEPARTMENT_ID]);
      expect((await database.db.select().from(accounts)).map((a) => a.username)).toEqual(['admin']);

      // `seed --demo` does not pour the demo city (with its own admin) into a city's installation.
      await expect(prepareDatabase(ctx, { seed: 'demo' })).rejects.toBeInstanceOf(SeedRefusedError);
      expect((await database.db.select().from(accounts)).map((a) => a.username)).toEqual(['admin']);
    },
  );
});

describe('the start-up banner', () => {
  const url = 'http://localhost:8080';
  const demoDb: PrepareResult = { migrations: [], seeded: 'already', content: 'demo' };
  it('shows demo accounts and where the demo password is outside production', () => {
    const text = bannerLines(testConfig({ NODE_ENV: 'development' }), demoDb, url, 'pglite').join('\n');
    expect(text).toMatch(/Demo accounts/);
    expect(text).toMatch(/Demo password/);
  });
  it('never shows demo accounts or a demo-password hint in production', () => {
    for (const prepared of [
      demoDb,
      { ...demoDb, seeded: 'demo' as const, generatedPassword: 'Demo-abc1' },
      { migrations: [], seeded: 'already' as const, content: 'admin-only' as const },
      { migrations: [], seeded: 'already' as const },
    ]) {
      const text = bannerLines(production(), prepared, url, 'postgres').join('\n');
      expect(text).not.toMatch(/Demo accounts|Demo password|demo-password|Demo-abc1/);
    }
    expect(bannerLines(production(), demoDb, url, 'postgres').join('\n')).toMatch(/WARNING: this database holds the demo city/);
  });
  it('tells the first start of a production install who the only account is', () => {
    expect(bannerLines(production(), { migrations: [], seeded: 'admin-only', content: 'admin-only' }, url, 'postgres').join('\n')).toMatch(
      /the only account is admin, with the password from ADMIN_PASSWORD/,
    );
    expect(
      bannerLines(production(), { migrations: [], seeded: 'admin-only', content: 'admin-only', generatedPassword: 'gen-Pass-123' }, url, 'postgres').join('\n'),
    ).toMatch(/password gen-Pass-123 \(shown once/);
  });
});
