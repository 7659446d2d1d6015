// Outbound network is blocked in tests: only loopback may be reached.
import net from 'node:net';
import { installClockFromEnv } from './frozen-clock.ts';

installClockFromEnv();

process.env.NODE_ENV = 'test';
// Patched once per process: the test files of a worker share its process (vitest.config.ts, isolate: false).
const blocked = Symbol.for('yiwang.test.outboundBlocked');
const proto = net.Socket.prototype as typeof net.Socket.prototype & { [blocked]?: true };
if (!proto[blocked]) {
  proto[blocked] = true;
  const originalConnect = proto.connect;
  proto.connect = function (this: net.Socket, ...args: unknown[]) {
    const opts = args[0];
    const host = typeof opts === 'object' && opts !== null ? (opts as { host?: string }).host : typeof args[1] === 'string' ? args[1] : undefined;
    if (host && !/^(localhost|127\.|::1$|\[::1\])/.test(host)) throw new Error(`outbound network blocked in tests: ${host}`);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
}
