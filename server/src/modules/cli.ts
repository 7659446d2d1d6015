import type { Ctx } from '../platform/context.ts';

/**
 * Commands that modules add to the CLI (e.g. `draw verify`). Each loads its module only when run,
 * so the CLI starts (and a locked data directory is reported) without loading every module.
 */
export const cliCommands: Record<string, { help: string; run: (ctx: Ctx, args: string[]) => Promise<number> }> = {
  hotline: {
    help: 'hotline bench-data [--tickets 1000000] [--days 365]  bulk hotline tickets for npm run bench',
    run: async (ctx, args) => (await import('./hotline/bench-data.ts')).hotlineCommand(ctx, args),
  },
  draw: {
    help: 'draw verify <id|file>  re-run a random-inspection draw from its disclosed inputs',
    run: async (ctx, args) => (await import('./inspection/cli.ts')).drawCommand(ctx, args),
  },
  catalog: {
    help: 'catalog bench-data [--implementations 20000]  add synthetic published catalog items (benchmark)',
    run: async (ctx, args) => (await import('./catalog/cli.ts')).catalogCommand(ctx, args),
  },
  cases: {
    help: 'cases bench-data [--cases 1000000] [--days 365] | refresh-lights  bulk cases for npm run bench; recompute the lights of open cases',
    run: async (ctx, args) => (await import('./cases/bench-data.ts')).casesCommand(ctx, args),
  },
  inspection: {
    help: 'inspection bench-data [--entities N] [--inspectors M]  bulk random-inspection data for npm run bench',
    run: async (ctx, args) => (await import('./inspection/cli.ts')).inspectionCommand(ctx, args),
  },
  evaluation: {
    help: 'evaluation bench-data [--evaluations 1000000] [--days 365]  bulk evaluations (好差评) for npm run bench',
    run: async (ctx, args) => (await import('./evaluation/bench-data.ts')).evaluationCommand(ctx, args),
  },
  supervision: {
    help: "supervision dashboard-refresh [--from 2000-01-01]  recount the leaders' dashboard rows from that day to today",
    run: async (ctx, args) => (await import('./supervision/dashboard-cli.ts')).supervisionCommand(ctx, args),
  },
  oidc: {
    help: 'oidc rotate-keys  a new OIDC signing key now; the old one stays published for verification (docs/oidc.md)',
    run: async (ctx, args) => (await import('./oidc/cli.ts')).oidcCommand(ctx, args),
  },
};
