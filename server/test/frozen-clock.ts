/**
 * Runs a test process as if it were another day: `YIWANG_TEST_NOW=2026-09-30T10:00:00+08:00`
 * moves every `new Date()` and `Date.now()` of the process to that moment (the clock keeps
 * ticking from there). Installed by the global set-up (which seeds the demo city) and by each
 * test worker, so the seed and the tests agree on "today". All of them share one timeline: the
 * first process to install the clock records the real moment it stood for YIWANG_TEST_NOW in
 * YIWANG_TEST_CLOCK_ORIGIN, which the workers inherit; a worker started later is therefore later
 * on the shifted clock too, never before what the seed wrote. CI runs the date-sensitive suites
 * under several such dates (`.ci/run`, `docs/security.md` §6).
 */
export function installClockFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const at = env.YIWANG_TEST_NOW;
  if (!at) return undefined;
  const target = Date.parse(at);
  if (Number.isNaN(target)) throw new Error(`YIWANG_TEST_NOW is not a date: ${at}`);
  const RealDate = globalThis.Date as DateConstructor & { __shifted?: boolean };
  if (RealDate.__shifted) return at;
  const origin = Number(env.YIWANG_TEST_CLOCK_ORIGIN) || RealDate.now();
  env.YIWANG_TEST_CLOCK_ORIGIN = String(origin);
  const offset = target - origin;
  class ShiftedDate extends RealDate {
    static override __shifted = true;
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate as unknown as DateConstructor;
  return at;
}
