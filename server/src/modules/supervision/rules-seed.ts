import { transact, type Ctx } from '../../platform/context.ts';
import { actorForUsername } from '../identity/index.ts';
import { ensureRules } from './rules-defaults.ts';
import { evaluateRules } from './rules-evaluate.ts';
import { rulePermissions } from './rules-policy.ts';
import { rulesRepo } from './rules-repository.ts';
import { seedRuleDemoCases } from './rules-demo.ts';
import { decideHit, listHits } from './rules-service.ts';
import { asActor } from '../../platform/context.ts';

/**
 * Demo 电子监察 rules: the city's supervising office (`supervisor`) owns the rules; three demo
 * cases break them (two corrections, one demanding a shared material; a refusal citing no law; three
 * special procedures and a decision within minutes) and the rules are evaluated over every demo
 * case, so `supervisor` finds their hits after `npm start`, the refusal's already confirmed.
 */
export async function seedRulesDemo(ctx: Ctx): Promise<void> {
  await ensureRules(ctx);
  const sup = await actorForUsername(ctx, 'supervisor');
  const city = sup.grants.find((g) => g.permissions.includes(rulePermissions.manage))?.regionPath;
  if (city)
    await transact(ctx, async (t) => {
      await rulesRepo.setOwner(t.tx, city);
      t.audit({ action: 'supervision.rule.owner', objectType: 'supervision_rule', objectId: '*', summary: { ownerRegionPath: city } });
    });
  const caseNos = await seedRuleDemoCases(ctx);
  await evaluateRules(ctx, { days: 36_500 });
  // The supervisor has already confirmed the refusal that cites no law.
  const supCtx = asActor(ctx, sup);
  const refusal = (await listHits(supCtx, { rule: 'refusal.no_legal_basis', status: 'open', page: 1, pageSize: 1 })).items.find((h) =>
    caseNos.includes(h.caseNo ?? ''),
  );
  if (refusal)
    await decideHit(supCtx, refusal.id, 'confirm', {
      reason: '“不符合受理条件”未援引任何法律法规条款，已责成市场监管局补正不予受理决定书。',
      version: refusal.version,
    });
}
