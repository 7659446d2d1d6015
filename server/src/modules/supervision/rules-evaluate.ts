import { transact, type Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/db/index.ts';
import { caseRuleFacts, orphanResultFacts, type CaseRuleFacts } from '../cases/index.ts';
import { feeEntries, getPublishedGuide } from '../catalog/index.ts';
import { proofListStatus, type ProofListStatus } from '../data/index.ts';
import { caseChargeFacts, unitFen } from '../payments/index.ts';
import { findDepartments } from '../org/index.ts';
import { proofPairsOf, ruleDefinitions, type FeeLookups, type RuleLookups } from './rules-catalog.ts';
import { ensureRules } from './rules-defaults.ts';
import { hitsRepo, type HitInsert, type RuleRow } from './rules-repository.ts';
import { nowOf } from './clock.ts';

const PAGE = 200;

/**
 * Names of the guide's materials fetched through data sharing, per implementation and guide version;
 * the proof list's answers (data's `proofListStatus`), cached per (item, proof) and primed for a
 * page of cases in one statement (`prime`).
 */
function lookupsFor(ctx: Ctx): RuleLookups & { prime(pairs: { itemName: string; proofName: string }[]): Promise<void> } {
  const shared = new Map<string, Promise<string[]>>();
  const proofs = new Map<string, ProofListStatus>();
  const key = (p: { itemName: string; proofName: string }) => `${p.itemName}\u0000${p.proofName}`;
  const prime = async (pairs: { itemName: string; proofName: string }[]) => {
    const missing = [...new Map(pairs.filter((p) => !proofs.has(key(p))).map((p) => [key(p), p])).values()];
    for (const s of await proofListStatus(ctx, missing)) proofs.set(key(s), s);
  };
  return {
    prime,
    async proofs(pairs) {
      await prime(pairs);
      return pairs.map((p) => proofs.get(key(p))!);
    },
    sharedMaterials(code, version) {
      const key = `${code}@${version}`;
      let found = shared.get(key);
      if (!found) {
        found = getPublishedGuide(ctx, code, version)
          .then((g) => g.guide.materials.filter((m) => m.source === 'government' || m.fetchedBySharing).map((m) => m.name))
          .catch(() => []);
        shared.set(key, found);
      }
      return found;
    },
  };
}

/** The fee catalog's entries as of a day (catalog's `feeEntries`), with their fixed amounts (payments' `unitFen`), cached per codes and day. */
function feeLookupsFor(ctx: Ctx): FeeLookups {
  const cache = new Map<string, ReturnType<FeeLookups['fees']>>();
  return {
    fees(codes, day) {
      const key = `${[...codes].sort().join(',')}@${day}`;
      let found = cache.get(key);
      if (!found) {
        found = feeEntries(ctx, codes, day).then((rows) => rows.map((f) => ({ code: f.code, name: f.name, inForce: f.inForce, unitFen: unitFen(f.standard) })));
        cache.set(key, found);
      }
      return found;
    },
  };
}

function caseHit(c: CaseRuleFacts, rule: RuleRow, evidence: Record<string, unknown>, foundAt: Date): HitInsert {
  return {
    id: newId(),
    ruleCode: rule.code,
    subjectKey: c.caseNo,
    caseNo: c.caseNo,
    itemName: c.itemName,
    departmentId: c.departmentId,
    departmentName: c.departmentName,
    regionPath: c.regionPath,
    severity: rule.severity,
    evidence: { caseNo: c.caseNo, ...evidence },
    foundAt,
  };
}

/**
 * The job `supervision.rules.evaluate`: every enabled rule over the cases changed in the last
 * `days` days (and the payment orders charged and the results issued in them), a hit per rule × subject not found before
 * (re-running finds nothing new). Each page of new hits is written and audited in one transaction.
 */
export async function evaluateRules(ctx: Ctx, opts: { days?: number } = {}): Promise<{ cases: number; hits: number }> {
  const now = nowOf(ctx);
  const since = new Date(now.getTime() - (opts.days ?? 3) * 86_400_000);
  const rules = (await ensureRules(ctx)).filter((r) => r.enabled);
  const active = rules.flatMap((r) => {
    const def = ruleDefinitions.find((d) => d.code === r.code);
    return def && def.over !== 'none' ? [{ rule: r, def }] : [];
  });
  const lookups = lookupsFor(ctx);
  let scanned = 0;
  let found = 0;
  const write = async (rows: HitInsert[]) => {
    if (rows.length === 0) return;
    await transact(ctx, async (t) => {
      const added = await hitsRepo.insertNew(t.tx, rows);
      found += added.length;
      if (added.length)
        t.audit({
          action: 'supervision.rules.evaluate',
          objectType: 'supervision_rule_hit',
          objectId: added[0]!.id,
          summary: { newHits: added.length, rules: [...new Set(added.map((h) => h.ruleCode))] },
        });
    });
  };
  const caseRules = active.filter((a) => a.def.over === 'case');
  if (caseRules.length) {
    let afterId: string | undefined;
    for (;;) {
      const page = await caseRuleFacts(ctx, { updatedSince: since, afterId, limit: PAGE });
      if (page.length === 0) break;
      scanned += page.length;
      afterId = page[page.length - 1]!.id;
      if (caseRules.some((a) => a.rule.code === 'proof.not_listed')) await lookups.prime(page.flatMap(proofPairsOf));
      const rows: HitInsert[] = [];
      for (const c of page)
        for (const { rule, def } of caseRules) {
          const evidence = await def.evaluate!(c, rule.threshold, lookups);
          if (evidence) rows.push(caseHit(c, rule, evidence, now));
        }
      await write(rows);
      if (page.length < PAGE) break;
    }
  }
  const charges = active.find((a) => a.def.over === 'charges');
  if (charges) {
    const fees = feeLookupsFor(ctx);
    let afterId: string | undefined;
    for (;;) {
      const page = await caseChargeFacts(ctx, { updatedSince: since, afterId, limit: PAGE });
      if (page.length === 0) break;
      afterId = page[page.length - 1]!.id;
      const rows: HitInsert[] = [];
      for (const o of page) {
        const evidence = await charges.def.evaluateCharge!(o, fees);
        if (evidence)
          rows.push({
            id: newId(),
            ruleCode: charges.rule.code,
            subjectKey: `order:${o.orderNo}`,
            caseNo: o.caseNo,
            itemName: o.itemName,
            departmentId: o.departmentId,
            departmentName: o.departmentName,
            regionPath: o.regionPath,
            severity: charges.rule.severity,
            evidence: { caseNo: o.caseNo, ...evidence },
            foundAt: now,
          });
      }
      await write(rows);
      if (page.length < PAGE) break;
    }
  }
  const results = active.find((a) => a.def.over === 'results');
  if (results) {
    const orphans = await orphanResultFacts(ctx, { issuedSince: since, limit: 1000 });
    // A result with no case: its unit and region are the issuing department's.
    const issuers = new Map(
      (await findDepartments(ctx, [...new Set(orphans.filter((o) => !o.regionPath).map((o) => o.issuerDepartmentId))])).map((d) => [d.id, d]),
    );
    await write(
      orphans.map((o) => ({
        id: newId(),
        ruleCode: results.rule.code,
        subjectKey: `result:${o.identifier}`,
        caseNo: o.caseFound ? o.caseNo : null,
        itemName: o.itemName ?? o.name,
        departmentId: o.issuerDepartmentId,
        departmentName: o.departmentName ?? issuers.get(o.issuerDepartmentId)?.name ?? '',
        regionPath: o.regionPath ?? issuers.get(o.issuerDepartmentId)?.regionPath ?? '',
        severity: results.rule.severity,
        evidence: { result: o.identifier, resultName: o.name, caseNo: o.caseNo, caseFound: o.caseFound, caseOutcome: o.caseOutcome, issuedAt: o.issuedAt },
        foundAt: now,
      })),
    );
  }
  return { cases: scanned, hits: found };
}
