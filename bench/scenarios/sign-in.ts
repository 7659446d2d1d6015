import { DEMO_PASSWORD as PASSWORD } from '../lib.ts';
import type { Scenario, ServerFigure } from '../types.ts';
import { throughput } from './writes.ts';

/**
 * Sign-in (issue 14): password sign-ins per second (argon2id at OWASP's minimum, 19 MiB and 2 passes,
 * `identity/passwords.ts`, hashed on libuv's thread pool by @node-rs/argon2, never on the event loop)
 * and SMS-code sign-ins per second (a code asked for and used: HMAC digests, no KDF), each beside the
 * latency of /healthz measured at the same time, which shows the server stays responsive while hashing.
 * The bench server raises the SMS send limits (run.ts) so the limits do not stop the run.
 */
const DURATION_MS = Number(process.env.BENCH_DURATION ?? 5) * 1000;
const PASSWORD_USERS = ['scjg.clerk', 'scjg.reviewer', 'rx.operator', 'window.clerk'];
const MOBILES = ['13800001111', '13900002222', '13700003333'];

const scenarios: Scenario[] = [];
export default scenarios;

/** /healthz p50/p99 asked one after another while `load` runs. */
async function whileLoaded<T>(baseUrl: string, load: Promise<T>) {
  const times: number[] = [];
  let done = false;
  const probe = (async () => {
    while (!done) {
      const t0 = performance.now();
      await (await fetch(`${baseUrl}/healthz`)).arrayBuffer();
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const result = await load;
  done = true;
  await probe;
  times.sort((a, b) => a - b);
  const p = (q: number) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]! * 10) / 10 : 0);
  return { result, healthz: { n: times.length, p50: p(0.5), p99: p(0.99) } };
}

const json = { 'content-type': 'application/json' };

const passwordFigure: ServerFigure = {
  name: 'sign-in by password (argon2id 19 MiB × 2), 8 in flight; /healthz meanwhile',
  async measure(ctx) {
    const { result: r, healthz } = await whileLoaded(
      ctx.baseUrl,
      throughput(
        (i) =>
          fetch(`${ctx.baseUrl}/api/auth/login`, {
            method: 'POST',
            headers: json,
            body: JSON.stringify({ username: PASSWORD_USERS[i % PASSWORD_USERS.length], password: PASSWORD }),
          }),
        { concurrency: 8, ms: DURATION_MS, status: 200 },
      ),
    );
    return {
      value: `${r.perSecond} sign-ins/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.errors} errors); /healthz meanwhile p50 ${healthz.p50} / p99 ${healthz.p99} ms`,
      data: { ...r, healthz },
    };
  },
};

const smsFigure: ServerFigure = {
  name: 'sign-in by SMS code (code asked for, then used), 3 in flight (one per demo mobile); /healthz meanwhile',
  async measure(ctx) {
    // A new code for a number ends that number's older unused codes: each number is used by one worker at a time.
    const free = [...MOBILES];
    const signIn = async () => {
      const mobile = free.shift()!;
      try {
        return await signInWith(mobile);
      } finally {
        free.push(mobile);
      }
    };
    const signInWith = async (mobile: string) => {
      const sent = await fetch(`${ctx.baseUrl}/api/auth/sms-code`, { method: 'POST', headers: json, body: JSON.stringify({ mobile, purpose: 'login' }) });
      const { demoCode } = (await sent.json()) as { demoCode?: string };
      if (!sent.ok || !demoCode) return sent;
      return fetch(`${ctx.baseUrl}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ mobile, smsCode: demoCode }) });
    };
    const { result: r, healthz } = await whileLoaded(ctx.baseUrl, throughput(signIn, { concurrency: MOBILES.length, ms: DURATION_MS, status: 200 }));
    return {
      value: `${r.perSecond} sign-ins/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.errors} errors); /healthz meanwhile p50 ${healthz.p50} / p99 ${healthz.p99} ms`,
      data: { ...r, healthz },
    };
  },
};

export const serverFigures: ServerFigure[] = [passwordFigure, smsFigure];
