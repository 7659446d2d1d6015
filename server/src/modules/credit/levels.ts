import { assertCan, definePermissions } from '../../platform/auth/index.ts';
import { transact, type Ctx, type TxCtx } from '../../platform/context.ts';
import { newId, type Executor } from '../../platform/db/index.ts';
import { AppError, registerErrors } from '../../platform/errors.ts';
import { listAllRegions } from '../org/index.ts';
import { creditPermissions as P } from './policy.ts';
import { nowOf } from './present.ts';
import { entryRepo, recordRepo } from './repository.ts';
import { signedInSubject } from './subjects.ts';
import type { levelFactorKinds } from './tables.ts';
import { levelRuleRepo, type LevelRuleRow } from './levels-repository.ts';

/** Edit the credit level rules (over the city's region). */
export const LEVEL_PERMISSION = 'credit.level.manage';
definePermissions({ [LEVEL_PERMISSION]: { zh: '维护信用等级规则', en: 'Edit the credit level rules' } });
registerErrors({
  'credit.level_rule_unknown': { status: 404, zh: '没有这条信用等级规则', en: 'No such credit level rule' },
  'credit.level_thresholds': {
    status: 422,
    zh: '等级分数线须满足 A > B > C',
    en: 'The level thresholds must satisfy A > B > C',
  },
});

export type LevelFactorKind = (typeof levelFactorKinds)[number];
export type CreditLevel = 'A' | 'B' | 'C' | 'D';
export interface LevelRule {
  factorKind: LevelFactorKind;
  factor: string;
  points: number;
  note: string;
}

/**
 * The rule table a new platform starts with (rows in credit_level_rules replace them one by one).
 * A licence is no blemish; sanctions weigh by severity; the honor list lifts. Base 100: a clean file
 * is B, the honor list makes A, any penalty C or worse, the dishonesty list D.
 */
export const defaultLevelRules: LevelRule[] = [
  { factorKind: 'base', factor: 'score', points: 100, note: '起始分' },
  { factorKind: 'record', factor: 'licence', points: 0, note: '行政许可' },
  { factorKind: 'record', factor: 'penalty', points: -15, note: '行政处罚（每条）' },
  { factorKind: 'record', factor: 'inspection', points: -5, note: '抽查发现问题（每条）' },
  { factorKind: 'record', factor: 'complaint', points: -5, note: '投诉属实（每条）' },
  { factorKind: 'record', factor: 'commitment_breach', points: -20, note: '违背承诺（每条）' },
  { factorKind: 'record', factor: 'other', points: 0, note: '其他记录' },
  { factorKind: 'list', factor: 'honor', points: 20, note: '红名单' },
  { factorKind: 'list', factor: 'dishonesty', points: -60, note: '严重失信主体名单' },
  { factorKind: 'list', factor: 'abnormal_operation', points: -20, note: '经营异常名录' },
  { factorKind: 'list', factor: 'judgment_defaulter', points: -50, note: '失信被执行人' },
  { factorKind: 'threshold', factor: 'A', points: 110, note: 'A 级（诚信）最低分' },
  { factorKind: 'threshold', factor: 'B', points: 90, note: 'B 级（守信）最低分' },
  { factorKind: 'threshold', factor: 'C', points: 60, note: 'C 级（基本守信）最低分；更低为 D 级（失信）' },
];

const keyOf = (r: { factorKind: string; factor: string }) => `${r.factorKind}:${r.factor}`;

/** The city's region path (rules belong to it; editing them needs the permission over it). */
export async function rulesRegion(ctx: Ctx): Promise<string> {
  const regions = await listAllRegions(ctx);
  return regions.find((r) => r.level === 'city')?.path ?? '';
}

/** The rules in force: the defaults, each replaced by its stored row. */
export async function levelRules(db: Executor): Promise<(LevelRule & { id: string | null; version: number; updatedAt: Date | null })[]> {
  const stored = new Map((await levelRuleRepo.all(db)).map((r) => [keyOf(r), r]));
  return defaultLevelRules.map((d) => {
    const s = stored.get(keyOf(d));
    return s
      ? { ...d, points: s.points, note: s.note || d.note, id: s.id, version: s.version, updatedAt: s.updatedAt }
      : { ...d, id: null, version: 0, updatedAt: null };
  });
}

interface Scoring {
  base: number;
  record: Map<string, number>;
  list: Map<string, number>;
  thresholds: { A: number; B: number; C: number };
}
function scoringOf(rules: LevelRule[]): Scoring {
  const pick = (kind: LevelFactorKind) => new Map(rules.filter((r) => r.factorKind === kind).map((r) => [r.factor, r.points]));
  const th = pick('threshold');
  return {
    base: pick('base').get('score') ?? 100,
    record: pick('record'),
    list: pick('list'),
    thresholds: { A: th.get('A')!, B: th.get('B')!, C: th.get('C')! },
  };
}
export function levelOf(score: number, t: Scoring['thresholds']): CreditLevel {
  return score >= t.A ? 'A' : score >= t.B ? 'B' : score >= t.C ? 'C' : 'D';
}

/**
 * A subject's level and what makes it: the base, each record in force (not repaired, not past its
 * validity) with the points of its kind, each list it is on today. `hasFile`: credit holds a record
 * or a list entry of it (without one the inspection draw falls back to the imported letter).
 */
export async function creditLevelOf(ctx: Ctx, subject: { kind: 'entity' | 'person'; key: string }) {
  const db = ctx.database.db;
  const today = ctx.calendar.today();
  const s = scoringOf(await levelRules(db));
  const records = await recordRepo.ofSubject(db, subject.kind, subject.key);
  const entries = await entryRepo.inForce(db, subject.kind, subject.key, today);
  const contributions = [
    ...records
      .filter((r) => !r.repairedOn && (!r.validUntil || r.validUntil >= today))
      .map((r) => ({
        factorKind: 'record' as const,
        factor: r.kind,
        recordId: r.id,
        title: r.title,
        decidedOn: r.decidedOn,
        points: s.record.get(r.kind) ?? 0,
      })),
    ...[...new Set(entries.map((e) => e.list))].sort().map((l) => ({
      factorKind: 'list' as const,
      factor: l,
      recordId: null,
      title: entries.find((e) => e.list === l)!.reason,
      decidedOn: entries.find((e) => e.list === l)!.validFrom,
      points: s.list.get(l) ?? 0,
    })),
  ];
  const score = s.base + contributions.reduce((n, c) => n + c.points, 0);
  return {
    level: levelOf(score, s.thresholds),
    score,
    base: s.base,
    thresholds: s.thresholds,
    hasFile: records.length > 0 || entries.length > 0,
    contributions,
  };
}

/** The signed-in entity's or person's own level and its inputs (我的信用). */
export async function myCreditLevel(ctx: Ctx) {
  const s = await signedInSubject(ctx);
  return creditLevelOf(ctx, s);
}

/**
 * The computed level of every entity credit holds a file of (a record or a list entry), one
 * set-based statement: what the inspection draw weights by (inspection asks at each draw; entities
 * not listed keep their imported letter). `usccs`: only these (a page of the inspection directory:
 * two statements for the page, the rules and the scores; none for an empty page).
 */
export async function entityCreditLevels(ctx: Ctx, usccs?: string[]): Promise<{ uscc: string; level: CreditLevel }[]> {
  if (usccs && usccs.length === 0) return [];
  // Inside the caller's transaction when there is one (the draw's).
  const db = 'tx' in ctx ? (ctx as TxCtx).tx : ctx.database.db;
  const today = ctx.calendar.today();
  const s = scoringOf(await levelRules(db));
  const rows = await levelRuleRepo.entityScores(db, today, s.base, s.record, s.list, usccs);
  return rows.map((r) => ({ uscc: r.uscc, level: levelOf(Number(r.score), s.thresholds) }));
}

/** The rule table for the credit office (read). */
export async function listLevelRules(ctx: Ctx) {
  assertCan(ctx.actor, P.read);
  return { regionPath: await rulesRegion(ctx), rules: await levelRules(ctx.database.db) };
}

/** Sets one rule's points (and note), over the city's region; thresholds must stay A > B > C. Audited. */
export async function setLevelRule(ctx: Ctx, factorKind: LevelFactorKind, factor: string, input: { points: number; note?: string }) {
  const regionPath = await rulesRegion(ctx);
  assertCan(ctx.actor, LEVEL_PERMISSION, { regionPath });
  const known = defaultLevelRules.find((d) => d.factorKind === factorKind && d.factor === factor);
  if (!known) throw new AppError('credit.level_rule_unknown');
  return transact(ctx, async (t) => {
    await levelRuleRepo.lockAll(t.tx);
    const current = await levelRules(t.tx);
    const next = current.map((r) => (r.factorKind === factorKind && r.factor === factor ? { ...r, points: input.points } : r));
    const th = scoringOf(next).thresholds;
    if (!(th.A > th.B && th.B > th.C)) throw new AppError('credit.level_thresholds');
    const before = current.find((r) => r.factorKind === factorKind && r.factor === factor)!;
    const row: LevelRuleRow = await levelRuleRepo.upsert(t.tx, {
      id: before.id ?? newId(),
      regionPath,
      factorKind,
      factor,
      points: input.points,
      note: input.note ?? before.note,
      version: before.version + 1,
      updatedBy: t.actor.id,
      updatedAt: nowOf(t),
    });
    t.audit({
      action: 'credit.level_rule.set',
      objectType: 'credit_level_rule',
      objectId: row.id,
      summary: { factorKind, factor, from: before.points, to: input.points },
    });
    return { ...known, points: row.points, note: row.note, id: row.id, version: row.version, updatedAt: row.updatedAt };
  });
}
