/**
 * A benchmark scenario: one HTTP request repeated by autocannon against a running server, reported
 * beside a baseline measured in the same run on the same engine:
 *   - 'route': a bare Fastify route in a separate tiny app (the HTTP floor);
 *   - 'query': a bare single-row query through the same driver, served by a tiny Fastify route
 *     (the HTTP + database floor).
 * Later modules add scenarios by adding a file in bench/scenarios/ whose default export is Scenario[].
 */
export interface Scenario {
  /** Shown in the table, e.g. 'GET /healthz'. */
  name: string;
  baseline: 'route' | 'query';
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  /** Sign in as this demo account first (password DEMO_PASSWORD) and send its cookie. */
  as?: string;
  /** Expected status; anything else is counted as an error (default 200). */
  status?: number;
}

/**
 * A figure measured without the server (bundle sizes, …): a scenario file may export
 * `figures: StaticFigure[]` beside its default export; the report lists them after cold start and memory.
 */
export interface StaticFigure {
  name: string;
  measure(): { value: string; target?: string; ok?: boolean; data?: Record<string, unknown> } | Promise<{ value: string; target?: string; ok?: boolean; data?: Record<string, unknown> }>;
}
