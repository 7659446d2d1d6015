import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_IDLE_MS } from '../../src/app.ts';
import { createTestApp, type TestApp } from '../harness.ts';

let t: TestApp;
let base: string;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; port: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { agent }, (res) => {
        const port = res.socket.localPort ?? 0;
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, port }));
      })
      .on('error', reject);
  });
}

describe('kept-alive connections (app.ts KEEP_ALIVE_IDLE_MS)', () => {
  it('tells clients to stop reusing an idle connection long before the server closes it, and keeps it alive', async () => {
    expect(t.app.server.keepAliveTimeout).toBe(KEEP_ALIVE_IDLE_MS);
    const first = await get('/healthz');
    const second = await get('/api/public/departments');
    for (const res of [first, second]) {
      expect(res.headers.connection).toBe('keep-alive');
      expect(res.headers['keep-alive']).toBe('timeout=5');
    }
    // The same socket served both: the advertised timeout does not turn keep-alive off.
    expect(second.port).toBe(first.port);
    expect(5_000).toBeLessThan(KEEP_ALIVE_IDLE_MS - 60_000);
  });
});
