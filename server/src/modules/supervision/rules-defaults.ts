import { transact, type Ctx } from '../../platform/context.ts';
import { ruleDefinitions } from './rules-catalog.ts';
import { rulesRepo, type RuleRow } from './rules-repository.ts';

/**
 * The rule rows, adding those of the code the table lacks (a new installation, or a rule added by
 * an upgrade) with their defaults; a rule that cannot be evaluated is added switched off.
 */
export async function ensureRules(ctx: Ctx): Promise<RuleRow[]> {
  const rows = await rulesRepo.all(ctx.database.db);
  const missing = ruleDefinitions.filter((d) => !rows.some((r) => r.code === d.code));
  if (missing.length === 0) return rows;
  await transact(ctx, async (t) => {
    const added = await rulesRepo.insertMissing(
      t.tx,
      missing.map((d) => ({ code: d.code, enabled: d.over !== 'none', threshold: d.threshold, severity: d.severity, nameZh: d.nameZh, nameEn: d.nameEn })),
    );
    if (added.length)
      t.audit({
        action: 'supervision.rule.add_defaults',
        objectType: 'supervision_rule',
        objectId: added[0]!.code,
        summary: { rules: added.map((r) => r.code) },
      });
  });
  return rulesRepo.all(ctx.database.db);
}
