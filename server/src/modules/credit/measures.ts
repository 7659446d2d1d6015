import type { creditLists } from './tables.ts';

export type CreditList = (typeof creditLists)[number];

/** The measures of joint incentives and sanctions (守信激励 / 失信惩戒) a case applies. */
export const creditMeasures = ['fast_lane', 'deferral_allowed', 'no_commitment', 'no_deferral', 'onsite_check', 'priority_inspection'] as const;
export type CreditMeasure = (typeof creditMeasures)[number];

export interface MeasureRule {
  list: CreditList;
  measure: CreditMeasure;
  /** The legal basis the measure cites (every sanction must). */
  legalBasis: string;
}

/**
 * The rule table (list × measure × legal basis), as data. A case looks up the lists its applicant is
 * on and applies every measure of those lists; a sanction wins over an incentive of the same kind
 * (no_deferral over deferral_allowed).
 */
export const measureRules: readonly MeasureRule[] = [
  { list: 'honor', measure: 'fast_lane', legalBasis: '《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》（国发〔2016〕33号）' },
  { list: 'honor', measure: 'deferral_allowed', legalBasis: '国发〔2016〕33号 第（四）项：对守信主体实行“绿色通道”和“容缺受理”' },
  { list: 'dishonesty', measure: 'no_commitment', legalBasis: '《国务院办公厅关于全面推行证明事项告知承诺制的指导意见》（国办发〔2020〕42号）' },
  { list: 'dishonesty', measure: 'no_deferral', legalBasis: '国发〔2016〕33号 第（九）项：失信主体不适用容缺受理' },
  { list: 'dishonesty', measure: 'onsite_check', legalBasis: '国发〔2016〕33号 第（十）项：对失信主体实行现场核查' },
  {
    list: 'dishonesty',
    measure: 'priority_inspection',
    legalBasis: '《国务院办公厅关于加快推进社会信用体系建设构建以信用为基础的新型监管机制的指导意见》（国办发〔2019〕35号）',
  },
  { list: 'judgment_defaulter', measure: 'no_commitment', legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条' },
  { list: 'judgment_defaulter', measure: 'no_deferral', legalBasis: '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条' },
  { list: 'abnormal_operation', measure: 'onsite_check', legalBasis: '《企业经营异常名录管理暂行办法》第十七条' },
];

/** The measures that apply to a subject on `lists`: sanctions cancel the matching incentive. */
export function measuresFor(lists: readonly string[]): CreditMeasure[] {
  const set = new Set(measureRules.filter((r) => lists.includes(r.list)).map((r) => r.measure));
  if (set.has('no_deferral')) set.delete('deferral_allowed');
  if (set.has('no_commitment') || set.has('no_deferral')) set.delete('fast_lane');
  return creditMeasures.filter((m) => set.has(m));
}
