/**
 * Connectors: how the platform reaches the system that holds a resource (a department's own system
 * or a provincial exchange platform). One request/response interface; `callConnector` adds the
 * timeout and the retries, so every adapter is as simple as the simulated ones below, and a city
 * swaps in its own with `useDataConnector(name, adapter)`.
 */
export interface ConnectorRequest {
  resource: string;
  subject: { kind: 'person'; idNumber: string } | { kind: 'entity'; uscc: string };
  fields: string[];
}

/** The record found (field → value), or null when the provider holds nothing about the subject. */
export type ConnectorAnswer = Record<string, unknown> | null;

export interface DataConnector {
  /** Answers one request; must honour `signal` (aborted when the time is up). */
  fetch(req: ConnectorRequest, signal: AbortSignal): Promise<ConnectorAnswer>;
}

/** A failure worth another try (time out, connection lost, 5xx). Anything else is final. */
export class TransientConnectorError extends Error {}

export interface CallOptions {
  timeoutMs: number;
  retries: number;
  /** Pause before retry n (1-based); the default backs off 100 ms, 200 ms, … */
  backoffMs?: (attempt: number) => number;
}

export const defaultCallOptions: CallOptions = { timeoutMs: 3000, retries: 2 };

const registry = new Map<string, DataConnector>();

export function useDataConnector(name: string, connector: DataConnector): void {
  registry.set(name, connector);
}

export function dataConnector(name: string): DataConnector | undefined {
  return registry.get(name);
}

async function once(connector: DataConnector, req: ConnectorRequest, timeoutMs: number): Promise<ConnectorAnswer> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.abort();
      reject(new TransientConnectorError(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([connector.fetch(req, abort.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls the connector with a timeout per attempt and retries transient failures; the last error is thrown. */
export async function callConnector(
  connector: DataConnector,
  req: ConnectorRequest,
  opts: CallOptions = defaultCallOptions,
): Promise<{ answer: ConnectorAnswer; attempts: number }> {
  let last: unknown;
  for (let attempt = 1; attempt <= opts.retries + 1; attempt++) {
    try {
      return { answer: await once(connector, req, opts.timeoutMs), attempts: attempt };
    } catch (e) {
      last = e;
      if (!(e instanceof TransientConnectorError) || attempt > opts.retries) break;
      const pause = opts.backoffMs ? opts.backoffMs(attempt) : 100 * attempt;
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
    }
  }
  throw last;
}
