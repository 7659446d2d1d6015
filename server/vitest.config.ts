import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    setupFiles: ['./test/setup.ts'],
    // 60 s, not vitest's 5: CI runs this suite at nice 10 beside the browser journeys on two cores,
    // where a test runs five to ten times slower than alone (the suite: 163 s alone, 940 s in a landing
    // CI; urging's pages-of-7 test 2.4 s alone went past 30 s there). A hung test still fails.
    testTimeout: 60_000,
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
