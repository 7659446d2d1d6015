import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // A worker's process runs its test files one after another with the modules loaded once: each
    // file loading the whole server again cost 5 s of a file's 17 s in CI (import 748 s of 1,331 s on
    // PGlite). Each file still gets its own database copy, and module state kept across files is
    // keyed by database handle (WeakMaps) or only ever invalidates more (auth/actor-cache.ts).
    isolate: false,
    reporters: ['default', './test/count-reporter.ts'],
  },
});
