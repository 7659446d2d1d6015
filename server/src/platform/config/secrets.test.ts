import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig, storeSecrets } from './index.ts';

const run = promisify(execFile);
const configModule = path.join(path.dirname(fileURLToPath(import.meta.url)), 'index.ts');

describe('secrets kept in DATA_DIR', () => {
  it('processes starting at once on one DATA_DIR agree on one set of secrets', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yiwang-secrets-'));
    const script = `import { loadConfig, storeSecrets } from ${JSON.stringify(configModule)};
      const c = loadConfig({ DATA_DIR: ${JSON.stringify(dir)}, NODE_ENV: 'development' });
      const k = storeSecrets(c.dataDir, { signingPrivateKey: 'p' + process.pid, signingPublicKey: 'q' + process.pid });
      console.log(JSON.stringify({ s: c.secrets.sessionSecret, d: c.secrets.dataKey, k: k.signingPrivateKey }));`;
    const outs = await Promise.all(
      Array.from({ length: 6 }, () => run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: path.dirname(configModule) })),
    );
    const seen = new Set(outs.map((o) => o.stdout.trim()));
    expect(seen.size).toBe(1);
    const stored = JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8'));
    expect(JSON.parse([...seen][0]!)).toEqual({ s: stored.sessionSecret, d: stored.dataKey, k: stored.signingPrivateKey });
    expect(statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('keeps what is stored, adds what is missing, and never writes secrets given by the environment', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'yiwang-secrets-'));
    const first = loadConfig({ DATA_DIR: dir, NODE_ENV: 'development' }).secrets;
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'development' }).secrets).toMatchObject({ sessionSecret: first.sessionSecret, dataKey: first.dataKey });
    expect(storeSecrets(dir, { sessionSecret: 'other', signingPrivateKey: 'k', signingPublicKey: 'K' })).toMatchObject({
      sessionSecret: first.sessionSecret,
      signingPrivateKey: 'k',
    });
    const envDir = mkdtempSync(path.join(tmpdir(), 'yiwang-secrets-'));
    const fromEnv = loadConfig({ DATA_DIR: envDir, NODE_ENV: 'development', SESSION_SECRET: 's'.repeat(32), DATA_KEY: 'd'.repeat(64) }).secrets;
    expect(fromEnv).toMatchObject({ sessionSecret: 's'.repeat(32), dataKey: 'd'.repeat(64) });
    expect(() => readFileSync(path.join(envDir, 'secrets.json'))).toThrow();
  });
});
