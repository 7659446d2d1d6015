import { z } from 'zod';
import { ApplicationForm } from '../../platform/forms/index.ts';

/** GLOSSARY item types (事项类型). */
export const itemTypes = ['licensing', 'confirmation', 'benefit', 'levy', 'award', 'adjudication', 'other_power', 'public_service'] as const;
export const itemTypeNames: Record<(typeof itemTypes)[number], string> = {
  licensing: '行政许可',
  confirmation: '行政确认',
  benefit: '行政给付',
  levy: '行政征收',
  award: '行政奖励',
  adjudication: '行政裁决',
  other_power: '其他行政权力',
  public_service: '公共服务',
};
export const ItemType = z.enum(itemTypes);
export type ItemType = z.infer<typeof ItemType>;
export const SubjectType = z.enum(['person', 'entity']);

const text = (max = 500) => z.string().trim().min(1).max(max);

export const Material = z.object({
  name: text(200),
  form: z.enum(['original', 'copy', 'original_and_copy', 'electronic']).describe('原件/复印件/原件和复印件/电子'),
  copies: z.number().int().min(0).max(99).default(1),
  required: z.boolean().default(true),
  paperSize: z.string().max(20).optional(),
  /** applicant: the applicant provides it; government: a certificate the government issued (fetched through data sharing, never demanded); commitment: replaceable by a written promise (告知承诺). */
  source: z.enum(['applicant', 'government', 'commitment']),
  sourceNote: z.string().max(200).optional(),
  /** Set for government-issued materials: the window fetches it through data sharing. */
  fetchedBySharing: z.boolean().optional(),
  /** For a government-issued material: the data catalog resource and fields a case fetches it from at submission (docs/data-centre.md). */
  sharedData: z
    .object({ resource: z.string().trim().min(1).max(60), fields: z.array(z.string().trim().min(1).max(60)).min(1).max(60) })
    .optional()
    .describe('the data catalog resource (code) and fields a case fetches this material from at submission; only for source government'),
  blankFormUrl: z.string().max(500).optional(),
  sampleUrl: z.string().max(500).optional(),
  fillingNotes: z.string().max(1000).optional(),
  acceptanceStandard: z.string().max(500).optional(),
  basis: z.string().max(500).optional(),
});

export const GuideBase = z.object({
  acceptanceConditions: z.array(text(1000)).min(1),
  materials: z.array(Material).max(100),
  process: z.array(z.object({ step: text(50), description: text(1000), limitDays: z.number().int().min(0).optional() })).min(1),
  statutoryLimitDays: z.number().int().min(0).max(3650).describe('法定办结时限（工作日）'),
  statutoryLimitNote: z.string().max(500).optional(),
  promisedLimitDays: z.number().int().min(0).max(3650).describe('承诺办结时限（工作日），不超过法定时限'),
  promisedLimitNote: z.string().max(500).optional(),
  processingType: z.enum(['instant', 'promised']).describe('即办件 / 承诺件'),
  visitsRequired: z.number().int().min(0).max(10),
  onsiteReason: z.string().max(500).optional(),
  onlineDepth: z.array(z.number().int().min(1).max(8)).describe('网上办理深度 1–8 (multi-select)'),
  doNow: z.boolean().describe('马上办'),
  doOnline: z.boolean().describe('网上办'),
  doInOneVisit: z.boolean().describe('一次办'),
  requiredAssurance: z
    .enum(['registered', 'real_name', 'in_person'])
    .optional()
    .describe('所需身份认证等级 (docs/identity.md): an online applicant whose account is below it is asked to raise it; absent: any signed-in account'),
  handlingMode: z.enum(['self', 'preliminary', 'joint', 'forward']).default('self'),
  powerSource: z.enum(['statutory', 'delegated', 'authorized_higher', 'authorized_peer', 'entrusted_higher', 'entrusted_peer']).default('statutory'),
  serviceScope: z.string().max(200).optional().describe('通办范围'),
  fees: z.array(z.object({ feeCode: text(50), note: z.string().max(500).optional() })).default([]),
  places: z.array(z.object({ name: text(200), address: text(300), window: z.string().max(100).optional(), hours: text(200) })).min(1),
  phones: z.object({ inquiry: text(50), complaint: text(50) }),
  onlineUrl: z.string().max(500).optional(),
  result: z.object({
    name: text(200),
    type: z.enum(['certificate', 'approval', 'filing', 'confirmation', 'payment', 'other']),
    sampleUrl: z.string().max(500).optional(),
  }),
  delivery: z.array(z.enum(['pickup', 'post', 'electronic'])).min(1),
  supportsAppointment: z.boolean().default(true),
  supportsOnlinePayment: z.boolean().default(false),
  intermediaryServices: z.array(z.string().max(200)).default([]),
  specialProcedures: z.array(z.object({ name: text(100), limitDays: z.number().int().min(0), note: z.string().max(500).optional() })).default([]),
  faq: z.array(z.object({ question: text(500), answer: text(2000) })).default([]),
  /** 申请表: JSON Schema subset + UI hints (platform/forms); versioned with the guide. Absent: the cases module offers a generic form. */
  applicationForm: ApplicationForm.optional().describe('application form: JSON Schema subset + UI hints (docs/cases.md)'),
  /** 审查细则: for staff only, never in public responses. */
  reviewRules: z.string().max(5000).default(''),
});

export const Guide = GuideBase.superRefine((g, ctx) => {
  if (g.promisedLimitDays > g.statutoryLimitDays)
    ctx.addIssue({ code: 'custom', path: ['promisedLimitDays'], message: 'promised_exceeds_statutory', params: { code: 'promised_exceeds_statutory' } });
  if (g.processingType === 'instant' && g.promisedLimitDays !== 0)
    ctx.addIssue({ code: 'custom', path: ['promisedLimitDays'], message: 'instant_must_be_zero', params: { code: 'instant_must_be_zero' } });
  if (g.doNow && g.processingType !== 'instant')
    ctx.addIssue({ code: 'custom', path: ['doNow'], message: 'do_now_requires_instant', params: { code: 'do_now_requires_instant' } });
  if (g.doInOneVisit && g.visitsRequired > 1)
    ctx.addIssue({ code: 'custom', path: ['doInOneVisit'], message: 'one_visit_requires_at_most_one', params: { code: 'one_visit_requires_at_most_one' } });
  if (g.doOnline && !g.onlineDepth.includes(4))
    ctx.addIssue({
      code: 'custom',
      path: ['doOnline'],
      message: 'do_online_requires_online_acceptance',
      params: { code: 'do_online_requires_online_acceptance' },
    });
  g.materials.forEach((m, i) => {
    if (m.source === 'government' && m.fetchedBySharing === false) {
      ctx.addIssue({
        code: 'custom',
        path: ['materials', i, 'fetchedBySharing'],
        message: 'government_material_demanded',
        params: { code: 'government_material_demanded' },
      });
    }
    if (m.sharedData && m.source !== 'government')
      ctx.addIssue({
        code: 'custom',
        path: ['materials', i, 'sharedData'],
        message: 'shared_data_not_government',
        params: { code: 'shared_data_not_government' },
      });
  });
});
export type Guide = z.infer<typeof Guide>;
export type GuideInput = z.input<typeof Guide>;

/** Government-issued materials are fetched through data sharing: never demanded from the applicant. */
export function normalizeGuide(g: Guide): Guide {
  return {
    ...g,
    onlineDepth: [...new Set(g.onlineDepth)].sort((a, b) => a - b),
    materials: g.materials.map((m) => ({ ...m, fetchedBySharing: m.source === 'government' ? true : (m.fetchedBySharing ?? false) })),
  };
}

/**
 * The familiar online levels summarise the national multi-select: Ⅳ fully online (handled online,
 * 0 visits), Ⅲ accepted online with at most one visit, Ⅱ pre-review or receipt online, Ⅰ information.
 */
export function onlineLevel(g: Pick<Guide, 'onlineDepth' | 'visitsRequired'>): 'Ⅰ' | 'Ⅱ' | 'Ⅲ' | 'Ⅳ' {
  const d = new Set(g.onlineDepth);
  if (d.has(5) && d.has(4) && g.visitsRequired === 0) return 'Ⅳ';
  if (d.has(4) && g.visitsRequired <= 1) return 'Ⅲ';
  if (d.has(3) || d.has(2)) return 'Ⅱ';
  return 'Ⅰ';
}

/** The guide without what is for staff only. */
export function publicGuide(g: Guide): Omit<Guide, 'reviewRules'> {
  const { reviewRules: _omit, ...rest } = g;
  return rest;
}

/** Level character of the implementation code by region level. */
export const levelOfRegion: Record<string, number> = { province: 2, city: 3, district: 4, street: 5, community: 6 };

/** 实施编码 = implementing department's USCC (18) + level character (1) + base code (12). */
export function implementationCode(uscc: string, level: number, baseCode: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(uscc)) throw new Error(`bad USCC ${uscc}`);
  if (!(level >= 1 && level <= 6)) throw new Error(`bad level ${level}`);
  if (!/^[0-9A-Z]{12}$/.test(baseCode)) throw new Error(`bad base code ${baseCode}`);
  return `${uscc}${level}${baseCode}`;
}

export function parseImplementationCode(code: string): { uscc: string; level: number; baseCode: string } | undefined {
  const m = /^([0-9A-HJ-NPQRTUWXY]{18})([1-6])([0-9A-Z]{12})$/.exec(code);
  return m ? { uscc: m[1]!, level: Number(m[2]), baseCode: m[3]! } : undefined;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    if (value.length === 0 || value.every((v) => v === null || typeof v !== 'object')) {
      out.set(prefix, value);
      return;
    }
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out.set(prefix, value);
}

/** Field-by-field difference (paths like `materials[2].source`), in a stable order. */
export function diffGuides(before: unknown, after: unknown, opts: { hide?: string[] } = {}): FieldChange[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before ?? {}, '', a);
  flatten(after ?? {}, '', b);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const changes: FieldChange[] = [];
  for (const k of keys) {
    if (opts.hide?.some((h) => k === h || k.startsWith(`${h}.`) || k.startsWith(`${h}[`))) continue;
    const x = a.get(k);
    const y = b.get(k);
    if (JSON.stringify(x) !== JSON.stringify(y)) changes.push({ field: k, before: x ?? null, after: y ?? null });
  }
  return changes;
}
