import { afterAll, describe, expect, it } from 'vitest';
import { killAll, onPostgres, runCli } from './procs.ts';

afterAll(killAll);

// The help text needs no database: the PGlite run covers it, the PostgreSQL run skips the ~20 process starts.
describe.skipIf(onPostgres)('CLI help', () => {
  it('`--help` lists every command and exits 0', { timeout: 600_000 }, async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: yiwang <command>/m);
    for (const c of ['serve', 'migrate', 'seed', 'audit', 'calendar', 'backup', 'restore']) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });

  it('`<command> --help` prints that command’s usage and exits 0, for every listed command', { timeout: 600_000 }, async () => {
    const top = await runCli(['--help']);
    // Command lines are indented two spaces: "  backup <file>   write ...". Module commands appear here too.
    const commands = [...top.stdout.matchAll(/^ {2}([a-z][a-z0-9:-]*)\b/gm)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThanOrEqual(7);
    // Two at a time: each is a Node start-up, and CI machines are small.
    const results: { c: string; r: Awaited<ReturnType<typeof runCli>> }[] = [];
    for (let i = 0; i < commands.length; i += 2) {
      results.push(
        ...(await Promise.all(commands.slice(i, i + 2).map(async (c) => ({ c, r: await runCli([c, '--help'], { DATA_DIR: '/nonexistent-yiwang-help' }) })))),
      );
    }
    for (const { c, r } of results) {
      expect(r.code, `${c} --help: ${r.stderr}`).toBe(0);
      expect(r.stdout, c).toMatch(new RegExp(`^Usage: yiwang ${c}\\b`));
    }
  });

  it('an unknown command exits 2 with the usage on stderr', { timeout: 600_000 }, async () => {
    const r = await runCli(['no-such-command'], { DATA_DIR: '/tmp/yiwang-help-unused' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Unknown command: no-such-command/);
  });
});
