import type { Ctx } from '../platform/context.ts';

/** Commands that modules add to the CLI (e.g. `draw verify`). */
export const cliCommands: Record<string, { help: string; run: (ctx: Ctx, args: string[]) => Promise<number> }> = {};
