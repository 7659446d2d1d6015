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
  /** For a path known only at run time (a case number, a ticket id): replaces `path`. */
  resolvePath?: (ctx: ServerFigureContext) => Promise<string>;
  body?: unknown;
  /** Sign in as this demo account first (password DEMO_PASSWORD) and send its cookie. */
  as?: string;
  /** Expected status; anything else is counted as an error (default 200). */
  status?: number;
  /**
   * 'read': one of issue 12's signed-in reads, listed in the goals table of latest.md against ≥ 0.5×
   * the bare query (both engines) and p99 < 50 ms (PostgreSQL, 1,000,000 cases and tickets).
   */
  goal?: 'read';
}

/**
 * A figure measured without the server (bundle sizes, …): a scenario file may export
 * `figures: StaticFigure[]` beside its default export; the report lists them after cold start and memory.
 */
export interface StaticFigure {
  name: string;
  measure():
    | { value: string; target?: string; ok?: boolean; data?: Record<string, unknown> }
    | Promise<{ value: string; target?: string; ok?: boolean; data?: Record<string, unknown> }>;
}

/**
 * A figure measured against the running server of one engine (latency percentiles of sequential
 * requests, the time of a long operation, …): a scenario file may export `serverFigures`.
 */
export interface ServerFigure {
  name: string;
  /** Set to list the figure in the goals table of latest.md (with its target and ✅/❌), e.g. 'writes'. */
  goal?: string;
  measure(ctx: ServerFigureContext): Promise<{ value: string; target?: string; ok?: boolean; data?: Record<string, unknown> }>;
}

export interface ServerFigureContext {
  engine: 'pglite' | 'postgres';
  baseUrl: string;
  /** The session cookie of a demo account (password DEMO_PASSWORD), signed in once per run. */
  cookie(username: string): Promise<string>;
  /** PostgreSQL: the engine's database (a figure may call a module's services against it in process). */
  databaseUrl?: string;
}

/**
 * Bulk data for a scenario file (`export const generate: Generator[]`): a yiwang CLI command run
 * against the engine's database (DATA_DIR or DATABASE_URL) while the server is stopped, after the
 * start-up figures and before any scenario; its duration is reported. Set BENCH_GENERATE=0 to skip.
 */
export interface Generator {
  name: string;
  /** Arguments to `node server/src/main.ts`, e.g. ['cases', 'bench-data', '--cases', '1000000']. */
  args: string[];
  env?: Record<string, string>;
}
