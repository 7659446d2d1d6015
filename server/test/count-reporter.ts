import { appendFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints one closing line, `tests: N passed, N failed`, and appends the counts to
 * $TEST_COUNTS_FILE so that .ci/run can total them over all suites.
 */
export default class CountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    // The names of what failed travel with the counts: CI shows only the tail of a long log.
    const failures: string[] = [];
    const firstLine = (error: unknown) =>
      String((error as { message?: unknown })?.message ?? error)
        .split('\n')[0]!
        .slice(0, 300);
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const result = t.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') {
          failed++;
          failures.push(`${m.moduleId.replace(/^.*\/server\//, '')} > ${t.fullName}: ${firstLine(result.errors?.[0])}`);
        } else skipped++;
      }
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) {
        failed++;
        failures.push(`${m.moduleId.replace(/^.*\/server\//, '')}: ${firstLine(m.errors()[0])}`);
      }
    }
    failed += unhandledErrors.length;
    for (const error of unhandledErrors) failures.push(`unhandled: ${firstLine(error)}`);
    const suite = process.env.TEST_SUITE_NAME ?? (process.env.TEST_DATABASE === 'postgres' ? 'server-postgres' : 'server-pglite');
    if (process.env.TEST_COUNTS_FILE) appendFileSync(process.env.TEST_COUNTS_FILE, `${JSON.stringify({ suite, passed, failed, skipped, failures })}\n`);
    for (const f of failures) process.stdout.write(`\nFAILED ${f}`);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
