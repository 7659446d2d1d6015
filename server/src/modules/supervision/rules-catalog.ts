import type { CaseRuleFacts } from '../cases/index.ts';
import { proofNameOf, type ProofListStatus } from '../data/index.ts';
import type { CaseChargeFact } from '../payments/index.ts';
import type { ruleSeverities } from './tables.ts';

export type RuleSeverity = (typeof ruleSeverities)[number];

/** The evidence of one hit: what was found, in the rule's own words. */
export type Evidence = Record<string, unknown>;

/**
 * What a case rule may look up beside the case: the names of the guide's materials fetched by data
 * sharing, and how the proof list (data's 证明事项清单) answers (item, proof) pairs.
 */
export interface RuleLookups {
  sharedMaterials(implementationCode: string, guideVersion: number): Promise<string[]>;
  proofs(pairs: { itemName: string; proofName: string }[]): Promise<ProofListStatus[]>;
}

/** A fee-catalog entry as the fee rule sees it on the day an order was issued: in force then, and its fixed amount in fen (null: not a fixed amount). */
export interface CatalogFee {
  code: string;
  name: string;
  inForce: boolean;
  unitFen: number | null;
}

/** What the fee rule looks up: the catalog's entries with these codes as of `day` (unknown codes left out). */
export interface FeeLookups {
  fees(codes: string[], day: string): Promise<CatalogFee[]>;
}

export interface RuleDefinition {
  code: string;
  nameZh: string;
  nameEn: string;
  severity: RuleSeverity;
  /** The default threshold, null for a rule without one; `thresholdMeaning` says what it counts. */
  threshold: number | null;
  thresholdMeaning?: { zh: string; en: string };
  /**
   * How the rule is evaluated: over each recently changed case, over the issued results, over the
   * payment orders charged on cases (`evaluateCharge`), or not at all (`reason`: the data it would
   * need does not exist yet; it cannot be enabled).
   */
  over: 'case' | 'results' | 'charges' | 'none';
  reason?: { zh: string; en: string };
  evaluate?: (c: CaseRuleFacts, threshold: number | null, lookups: RuleLookups) => Promise<Evidence | null> | Evidence | null;
  evaluateCharge?: (o: CaseChargeFact, lookups: FeeLookups) => Promise<Evidence | null>;
}

const of = (c: CaseRuleFacts, action: string) => c.actions.filter((a) => a.action === action);
const correctionItems = (a: { payload: Record<string, unknown> }) => (a.payload.items as { material: string; problem?: string }[] | undefined) ?? [];

/** The (item, proof) pairs a case's correction requests ask for (a proof: a material named …证明, data's `proofNameOf`): what `proof.not_listed` looks up (a page of cases at once). */
export const proofPairsOf = (c: CaseRuleFacts) =>
  of(c, 'request_correction').flatMap((a) =>
    correctionItems(a).flatMap((i) => {
      const proofName = proofNameOf(i.material);
      return proofName ? [{ itemName: c.itemName, proofName }] : [];
    }),
  );
const when = (a: { occurredAt: string; actorName: string }) => ({ at: a.occurredAt, by: a.actorName });

/** A legal basis cites a law when it names one (《…》) or an article (第…条). */
const citesLaw = (basis: unknown) => typeof basis === 'string' && /《[^》]+》|第[一二三四五六七八九十百零〇\d]+条/.test(basis);

/** The actions that decide something at a step: acceptance or refusal, approval or denial. */
const decisions = ['accept', 'refuse', 'approve', 'deny'];

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

/** The rules of the reform (电子监察), in the order the page lists them. */
export const ruleDefinitions: RuleDefinition[] = [
  {
    code: 'correction.repeated',
    nameZh: '多次要求补正（违反一次性告知）',
    nameEn: 'More than one correction request (breaks the one-time notice)',
    severity: 'high',
    threshold: 1,
    thresholdMeaning: { zh: '允许的补正次数', en: 'correction requests allowed' },
    over: 'case',
    evaluate: (c, threshold) => {
      const requests = of(c, 'request_correction');
      if (requests.length <= (threshold ?? 1)) return null;
      return {
        corrections: requests.length,
        allowed: threshold ?? 1,
        requests: requests.map((a) => ({ ...when(a), items: ((a.payload.items as { material: string }[] | undefined) ?? []).map((i) => i.material) })),
      };
    },
  },
  {
    code: 'materials.shared_demanded',
    nameZh: '索要可通过数据共享获取的材料',
    nameEn: 'Materials demanded that the guide says come from data sharing',
    severity: 'high',
    threshold: null,
    over: 'case',
    evaluate: async (c, _t, lookups) => {
      const requests = of(c, 'request_correction');
      if (requests.length === 0) return null;
      const shared = new Set(await lookups.sharedMaterials(c.implementationCode, c.guideVersion));
      const demanded = requests.flatMap((a) =>
        ((a.payload.items as { material: string; problem?: string }[] | undefined) ?? [])
          .filter((i) => shared.has(i.material))
          .map((i) => ({ material: i.material, problem: i.problem ?? null, ...when(a) })),
      );
      return demanded.length ? { demanded, guideVersion: c.guideVersion } : null;
    },
  },
  {
    code: 'proof.not_listed',
    nameZh: '索要证明事项清单以外或已取消的证明',
    nameEn: 'A proof demanded that is not on the proof list, or is dropped from it',
    severity: 'high',
    threshold: null,
    over: 'case',
    // A correction request naming a proof (证明) the item's list (data module) lacks or lists as dropped (取消).
    evaluate: async (c, _t, lookups) => {
      const pairs = proofPairsOf(c);
      if (pairs.length === 0) return null;
      const problems = new Map((await lookups.proofs(pairs)).filter((p) => p.problem).map((p) => [p.proofName, p.problem!]));
      if (problems.size === 0) return null;
      const demanded = of(c, 'request_correction').flatMap((a) =>
        correctionItems(a).flatMap((i) => {
          const proofName = proofNameOf(i.material);
          const problem = proofName ? problems.get(proofName) : undefined;
          return problem ? [{ material: i.material, proofName, problem, ...when(a) }] : [];
        }),
      );
      return { itemName: c.itemName, demanded };
    },
  },
  {
    code: 'refusal.no_legal_basis',
    nameZh: '不予受理或不予许可未引用法律依据',
    nameEn: 'A refusal without a cited legal basis',
    severity: 'high',
    threshold: null,
    over: 'case',
    evaluate: (c) => {
      const bare = c.actions.filter((a) => (a.action === 'refuse' || a.action === 'deny') && !citesLaw(a.payload.legalBasis));
      if (bare.length === 0) return null;
      return {
        refusals: bare.map((a) => ({
          action: a.action,
          legalBasis: (a.payload.legalBasis as string | undefined) ?? null,
          reason: a.payload.reason ?? null,
          ...when(a),
        })),
      };
    },
  },
  {
    code: 'decision.too_fast',
    nameZh: '审批过快（受理至决定时间少于环节所需）',
    nameEn: 'A case decided faster than its steps allow',
    severity: 'medium',
    threshold: 10,
    thresholdMeaning: { zh: '受理至决定最少分钟数', en: 'minimum minutes from acceptance to decision' },
    over: 'case',
    evaluate: (c, threshold) => {
      const accepted = of(c, 'accept')[0];
      const decision = c.actions.find((a) => (a.action === 'approve' && a.stepKey === 'decide') || a.action === 'deny');
      if (!accepted || !decision) return null;
      const minutes = minutesBetween(accepted.occurredAt, decision.occurredAt);
      if (minutes >= (threshold ?? 10)) return null;
      const steps = [...new Set(c.actions.filter((a) => a.seq >= accepted.seq && a.seq <= decision.seq).map((a) => a.stepKey))];
      return {
        minutes: Math.round(minutes * 10) / 10,
        minimum: threshold ?? 10,
        acceptedAt: accepted.occurredAt,
        decidedAt: decision.occurredAt,
        steps,
        decidedBy: decision.actorName,
      };
    },
  },
  {
    code: 'decision.outside_role',
    nameZh: '非本环节角色人员作出决定',
    nameEn: "A case decided by someone outside the step's role",
    severity: 'high',
    threshold: null,
    over: 'case',
    // Each staff action records the role the actor acted through and the role its step asked for
    // (cases' case_actions.actor_role / step_role); older actions carry neither and are skipped.
    evaluate: (c) => {
      const outside = c.actions.filter((a) => decisions.includes(a.action) && a.actorRole !== null && a.stepRole !== null && a.actorRole !== a.stepRole);
      if (outside.length === 0) return null;
      return { decisions: outside.map((a) => ({ action: a.action, step: a.stepKey, stepRole: a.stepRole, actorRole: a.actorRole, ...when(a) })) };
    },
  },
  {
    code: 'result.without_case',
    nameZh: '体外循环：无办件或未经批准出具结果',
    nameEn: 'A result issued with no approved case (handled off the system)',
    severity: 'high',
    threshold: null,
    over: 'results',
  },
  {
    code: 'fee.not_in_catalog',
    nameZh: '收取收费目录以外的费用',
    nameEn: 'A fee charged that is not in the fee catalog',
    severity: 'high',
    threshold: null,
    over: 'charges',
    // A payment order (payments module) charged on a case: each line must be a fee-catalog entry in
    // force on the day the order was issued, charged at the catalog's fixed amount.
    evaluateCharge: async (o, lookups) => {
      const codes = [...new Set(o.lines.map((l) => l.feeCode))];
      const catalog = new Map((await lookups.fees(codes, o.issuedOn)).map((f) => [f.code, f]));
      const lines = o.lines.flatMap((l) => {
        const entry = catalog.get(l.feeCode);
        const problem = !entry ? 'not_in_catalog' : !entry.inForce ? 'not_in_force' : entry.unitFen !== l.unitFen ? 'amount_differs' : null;
        if (!problem) return [];
        return [{ feeCode: l.feeCode, name: l.name, problem, chargedFen: l.amountFen, unitFen: l.unitFen, catalogUnitFen: entry?.unitFen ?? null }];
      });
      if (lines.length === 0) return null;
      return { orderNo: o.orderNo, status: o.status, amountFen: o.amountFen, issuedOn: o.issuedOn, lines };
    },
  },
  {
    code: 'suspension.repeated',
    nameZh: '反复中止计时（多次进入特别程序）',
    nameEn: 'A case suspended repeatedly to stop its clock',
    severity: 'medium',
    threshold: 2,
    thresholdMeaning: { zh: '允许的特别程序次数', en: 'special procedures allowed' },
    over: 'case',
    evaluate: (c, threshold) => {
      const pauses = of(c, 'start_special_procedure');
      if (pauses.length <= (threshold ?? 2)) return null;
      return {
        suspensions: pauses.length,
        allowed: threshold ?? 2,
        procedures: pauses.map((a) => ({ procedure: a.payload.procedure ?? null, note: a.payload.note ?? null, ...when(a) })),
      };
    },
  },
];

export const ruleDefinition = (code: string) => ruleDefinitions.find((d) => d.code === code);
