import { readFileSync } from 'node:fs';
import type { Ctx } from '../../platform/context.ts';
import { publicDrawInputs, verifyInputs } from './service.ts';

/** `yiwang draw verify <drawId|file>`: re-runs a draw and prints whether it matches what was recorded. */
export async function drawCommand(ctx: Ctx, args: string[]): Promise<number> {
  const [sub, target] = args;
  if (sub !== 'verify' || !target) {
    process.stderr.write('Usage: yiwang draw verify <drawId|inputs.json>\n');
    return 2;
  }
  const data = /^[0-9a-f-]{36}$/i.test(target) ? await publicDrawInputs(ctx, target) : JSON.parse(readFileSync(target, 'utf8'));
  const report = verifyInputs(data);
  for (const c of report.checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name.padEnd(11)} ${c.actual}${c.ok ? '' : ` (recorded ${c.expected})`}\n`);
  process.stdout.write(report.matches ? 'MATCH: the re-run gives the recorded draw\n' : 'MISMATCH: the re-run differs from the recorded draw\n');
  return report.matches ? 0 : 1;
}
