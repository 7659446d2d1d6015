import type { z } from 'zod';
import { transact, type Ctx } from '../../platform/context.ts';
import { assertCan, can, scopesOf } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { ruleDefinition, ruleDefinitions } from './rules-catalog.ts';
import { hitWorkflow, rulePermissions as P, type HitAction } from './rules-policy.ts';
import { hitsRepo, rulesRepo, type HitRow, type HitVisibility, type RuleRow } from './rules-repository.ts';
import type { HitDecision, HitListQuery, HitView, RuleUpdate, RuleView } from './rules-schemas.ts';
import { nowOf } from './clock.ts';

function visibility(ctx: Ctx): HitVisibility {
  const s = scopesOf(ctx.actor, P.review);
  return s.all ? 'all' : s.scopes;
}

function presentRule(ctx: Ctx, r: RuleRow, openHits: number): RuleView {
  const def = ruleDefinition(r.code);
  return {
    code: r.code,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    enabled: r.enabled,
    threshold: r.threshold,
    thresholdMeaning: def?.thresholdMeaning ?? null,
    severity: r.severity,
    evaluable: !!def && def.over !== 'none',
    reason: def?.reason ?? null,
    openHits,
    mayEdit: can(ctx.actor, P.manage, { regionPath: r.ownerRegionPath }),
    version: r.version,
    updatedAt: r.updatedAt?.toISOString() ?? null,
  };
}

function presentHit(r: HitRow, rules: Map<string, RuleRow>): HitView {
  const rule = rules.get(r.ruleCode);
  return {
    id: r.id,
    ruleCode: r.ruleCode,
    ruleNameZh: rule?.nameZh ?? r.ruleCode,
    ruleNameEn: rule?.nameEn ?? r.ruleCode,
    caseNo: r.caseNo,
    itemName: r.itemName,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    severity: r.severity,
    evidence: r.evidence,
    status: r.status,
    foundAt: r.foundAt.toISOString(),
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    reason: r.reason,
    version: r.version,
  };
}

async function rulesByCode(ctx: Ctx) {
  return new Map((await rulesRepo.all(ctx.database.db)).map((r) => [r.code, r]));
}

/** The rules, each with the open hits the reader may see. */
export async function listRules(ctx: Ctx): Promise<RuleView[]> {
  const db = ctx.database.db;
  const [rows, counts] = await Promise.all([rulesRepo.all(db), hitsRepo.openCountsByRule(db, visibility(ctx))]);
  const open = new Map(counts.map((c) => [c.ruleCode, c.n]));
  // In the order of the code's list (the order), rules the code no longer knows last.
  const order = (code: string) => ((i) => (i < 0 ? ruleDefinitions.length : i))(ruleDefinitions.findIndex((d) => d.code === code));
  return rows.sort((a, b) => order(a.code) - order(b.code)).map((r) => presentRule(ctx, r, open.get(r.code) ?? 0));
}

/** Switch a rule on or off, or tune it: staff holding `supervision.rule.manage` over the rule's owner region. */
export async function updateRule(ctx: Ctx, code: string, input: z.infer<typeof RuleUpdate>): Promise<RuleView> {
  return transact(ctx, async (t) => {
    const row = await rulesRepo.lock(t.tx, code);
    if (!row) throw notFound('supervision rule', code);
    assertCan(t.actor, P.manage, { regionPath: row.ownerRegionPath });
    const def = ruleDefinition(code);
    if (input.enabled && (!def || def.over === 'none')) throw new AppError('supervision.rule_not_evaluable', { extra: { rule: code } });
    if (input.threshold !== undefined && row.threshold === null)
      throw new AppError('supervision.rule_no_threshold', { fields: [{ field: 'threshold', code: 'not_applicable' }] });
    const patch = {
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.threshold !== undefined ? { threshold: input.threshold } : {}),
      ...(input.severity !== undefined ? { severity: input.severity } : {}),
    };
    const updated = await rulesRepo.update(t.tx, code, input.version, { ...patch, updatedBy: t.actor.id, updatedAt: nowOf(t) });
    if (!updated) throw new AppError('resource.stale', { extra: { currentVersion: row.version } });
    t.audit({
      action: 'supervision.rule.update',
      objectType: 'supervision_rule',
      objectId: code,
      summary: { before: { enabled: row.enabled, threshold: row.threshold, severity: row.severity }, after: patch },
      scope: { regionPath: row.ownerRegionPath },
    });
    return presentRule(t, updated, 0);
  });
}

/** The hits the reader may see (their grants' regions and departments), open ones and the most severe first. */
export async function listHits(ctx: Ctx, q: z.infer<typeof HitListQuery>) {
  const db = ctx.database.db;
  const [{ rows, total }, rules] = await Promise.all([
    hitsRepo.list(db, visibility(ctx), { ruleCode: q.rule, status: q.status, departmentId: q.departmentId, caseNo: q.caseNo }, q),
    rulesByCode(ctx),
  ]);
  return { items: rows.map((r) => presentHit(r, rules)), total, page: q.page, pageSize: q.pageSize };
}

/** Confirm (the practice was irregular) or dismiss (it was not) an open hit, with the reason; audited. */
export async function decideHit(ctx: Ctx, id: string, action: HitAction, input: z.infer<typeof HitDecision>): Promise<HitView> {
  return transact(ctx, async (t) => {
    const row = await hitsRepo.lock(t.tx, id);
    // A hit outside the reader's scope does not exist for them.
    if (!row || !can(t.actor, P.review, { regionPath: row.regionPath, departmentId: row.departmentId })) throw notFound('supervision hit', id);
    const status = hitWorkflow.next(row.status, action);
    const updated = await hitsRepo.update(t.tx, id, input.version, {
      status,
      reason: input.reason,
      decidedBy: t.actor.id,
      decidedByName: t.actor.name,
      decidedAt: nowOf(t),
    });
    if (!updated) throw new AppError('resource.stale', { extra: { currentVersion: row.version } });
    t.audit({
      action: `supervision.rule_hit.${action}`,
      objectType: 'supervision_rule_hit',
      objectId: id,
      summary: { rule: row.ruleCode, caseNo: row.caseNo, department: row.departmentName, reason: input.reason },
      scope: { regionPath: row.regionPath, departmentId: row.departmentId },
    });
    return presentHit(updated, await rulesByCode(t));
  });
}
