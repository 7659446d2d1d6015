import type { Db } from '../db/types.ts';
import { sealAuditEvents } from './seal.ts';
import { verifyAuditChain } from './verify.ts';

/**
 * `yiwang audit verify [--seal]`: checks the chain and names the first edited or deleted sealed
 * event. Events not yet sealed are counted, not checked; `--seal` seals what can be sealed first
 * (what a stopped server left unsealed, or the last moments' events of a running one).
 * Exit code 0 intact, 1 broken.
 */
export async function auditVerifyCommand(db: Db, args: string[], out: (s: string) => void): Promise<number> {
  if (args.includes('--seal')) {
    const s = await sealAuditEvents(db);
    out(`sealed ${s.sealed} events${s.unsealed ? ` (${s.unsealed} still unsealed: their transactions were in flight)` : ''}\n`);
  }
  const r = await verifyAuditChain(db);
  const pending = r.unsealed ? `\nnot yet sealed: ${r.unsealed} (not protected until sealed; \`audit verify --seal\` seals first)` : '';
  if (r.ok) {
    out(`audit chain intact: ${r.events} events, head ${r.headHash}${pending}\n`);
    return 0;
  }
  out(
    `AUDIT CHAIN BROKEN at event seq ${r.brokenAt.seq}${r.brokenAt.id ? ` (id ${r.brokenAt.id})` : ''}: ${r.brokenAt.reason}\n${r.events} events before it are intact.${pending}\n`,
  );
  return 1;
}
