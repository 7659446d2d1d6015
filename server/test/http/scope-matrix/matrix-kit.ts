/**
 * What every row table of the scope matrix shares: the shape of a row, the demo organisation's ids,
 * signed-in calls against the app the matrix builds, and run-unique values for creating routes.
 */
import type { FastifyInstance } from 'fastify';
import { cookieOf, TEST_PASSWORD, type TestEnv } from '../../harness.ts';
import { demoDepartmentId } from '../../../src/modules/org/index.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export interface Req {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}
export interface Entry {
  right: string;
  wrongDistrict: string | null;
  wrongDepartment: string | null;
  lower: string | null;
  citizen?: string;
  /** Why a null cell does not apply. */
  na?: string;
  /** Wrong scope answers 404 (the route does not reveal that the object exists). */
  hides?: boolean;
  /** The route reports a refused scope per row (400/422 naming `out_of_scope`) instead of a 403. */
  scopeInReport?: boolean;
  /** Statuses besides 2xx that prove the right actor passed the check. */
  rightMay?: number[];
  req: () => Promise<Req> | Req;
}
/** A route key ("POST /api/admin/regions") → its row. */
export type RowTable = Record<string, Entry>;

/** An initial password any strength rule accepts (the accounts sign in with the demo password). */
export const STRONG_PASSWORD = 'vq8#Lumen-hyacinth-Tarn-4827';
export const CITY = '990100';
const cityPath = '990000/990100';
export const mhPath = `${cityPath}/990102`;
export const dept = {
  scjg: demoDepartmentId('scjg', CITY),
  zjj: demoDepartmentId('zjj', CITY),
  rxzx: demoDepartmentId('rxzx', CITY),
  mhZwfw: demoDepartmentId('zwfw', '990102'),
  mhScjg: demoDepartmentId('scjg', '990102'),
  mhMzj: demoDepartmentId('mzj', '990102'),
  dlZwfw: demoDepartmentId('zwfw', '990103'),
  dlScjg: demoDepartmentId('scjg', '990103'),
  zwfw: demoDepartmentId('zwfw', CITY),
  rsj: demoDepartmentId('rsj', CITY),
  dlZjj: demoDepartmentId('zjj', '990103'),
};

// The app is built in the test file's beforeAll; the row tables only reach it when a cell runs.
let current: { env: TestEnv; app: FastifyInstance } | undefined;
export function useMatrixApp(env: TestEnv, app: FastifyInstance): void {
  current = { env, app };
}
function built(): { env: TestEnv; app: FastifyInstance } {
  if (!current) throw new Error('the scope matrix app is not built yet (beforeAll)');
  return current;
}
export const matrixEnv = (): TestEnv => built().env;

const cookies = new Map<string, string>();
async function login(username: string): Promise<string> {
  let c = cookies.get(username);
  if (!c) {
    const res = await built().app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    c = cookieOf(res);
    cookies.set(username, c);
  }
  return c;
}
export async function call(user: string | null, method: 'GET' | Method, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const res = await built().app.inject({ method, url, payload: payload as object, headers: { ...(user ? { cookie: await login(user) } : {}), ...headers } });
  return res;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the matrix reads whatever each route answers
export async function ok<T = any>(user: string, method: 'GET' | Method, url: string, payload?: unknown, headers?: Record<string, string>): Promise<T> {
  const res = await call(user, method, url, payload, headers);
  if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url} as ${user}: ${res.statusCode} ${res.body}`);
  return (res.body ? res.json() : null) as T;
}
/** A number unique in this run: creating routes get a fresh payload per cell, so a gap cell cannot spoil the right one. */
let serial = 10;
export const next = () => serial++;
/** A date in 2031 unique in this run. */
export const nextDate = () => new Date(Date.UTC(2031, 0, 1) + next() * 86_400_000).toISOString().slice(0, 10);
/** Memoised fixture: built the first time a cell needs it. */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
}
