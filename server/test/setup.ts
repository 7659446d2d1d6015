// Outbound network is blocked in tests: only loopback may be reached.
import net from 'node:net';
import { installClockFromEnv } from './frozen-clock.ts';

installClockFromEnv();

process.env.NODE_ENV = 'test';
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const opts = args[0];
  const host = typeof opts === 'object' && opts !== null ? (opts as { host?: string }).host : typeof args[1] === 'string' ? args[1] : undefined;
  if (host && !/^(localhost|127\.|::1$|\[::1\])/.test(host)) throw new Error(`outbound network blocked in tests: ${host}`);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
