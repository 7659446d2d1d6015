import type { Ctx } from '../platform/context.ts';
import { drawCommand } from './inspection/cli.ts';

/** Commands that modules add to the CLI (e.g. `draw verify`). */
export const cliCommands: Record<string, { help: string; run: (ctx: Ctx, args: string[]) => Promise<number> }> = {
  draw: { help: 'draw verify <id|file>  re-run a random-inspection draw from its disclosed inputs', run: drawCommand },
};
