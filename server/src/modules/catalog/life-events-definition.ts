import { z } from 'zod';
import { ApplicationForm, FieldHints, FormProperty } from '../../platform/forms/index.ts';
import type { Guide } from './guide.ts';

/**
 * 一件事 as data (docs/life-events.md): the members, their dependency graph, the bundle's promised
 * limit and guide, the field mapping of the combined form and the material mapping. Pure functions
 * here: the check, the combined form, the merged material list and the measured reductions.
 */
const text = (max = 500) => z.string().trim().min(1).max(max);
const memberKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,19}$/, 'member key: a-z, A-Z, 0-9, at most 20');
const fieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/);

export const LifeEventMember = z.object({
  key: memberKey,
  implementationCode: z.string().regex(/^[0-9A-Z]{31}$/),
  /** Members whose result this one waits for (the food permit waits for the business licence). */
  dependsOn: z.array(memberKey).max(10).default([]),
  /** When this member is refused: the members that stop (the others continue). Members waiting for it stop anyway. */
  onRefusedStop: z.array(memberKey).max(20).default([]),
});

export const LifeEventDefinition = z.object({
  name: text(100),
  summary: text(1000),
  subjectTypes: z.array(z.enum(['person', 'entity'])).min(1),
  themes: z.array(text(50)).max(10).default([]),
  /** 承诺时限 of the whole bundle, working days. */
  promisedLimitDays: z.number().int().min(0).max(3650),
  members: z.array(LifeEventMember).min(2).max(12),
  /** The bundle's own guide (环节, visits, places): what "after" is measured on. */
  guide: z.object({
    acceptanceConditions: z.array(text(1000)).min(1),
    process: z.array(z.object({ step: text(50), description: text(1000) })).min(1),
    visitsRequired: z.number().int().min(0).max(10),
    places: z.array(z.object({ name: text(200), address: text(300), window: z.string().max(100).optional(), hours: text(200) })).min(1),
    phones: z.object({ inquiry: text(50), complaint: text(50) }),
    faq: z.array(z.object({ question: text(500), answer: text(2000) })).default([]),
  }),
  /** Shared fields: asked once in the combined form, copied to each mapped member field. */
  sharedFields: z
    .array(z.object({ key: fieldKey, members: z.array(z.object({ member: memberKey, field: fieldKey })).min(2) }))
    .max(50)
    .default([]),
  /** Materials of different names that are the same paper (materials of the same name are the same without saying). */
  materialGroups: z
    .array(z.object({ name: text(200), members: z.array(z.object({ member: memberKey, material: text(200) })).min(2) }))
    .max(50)
    .default([]),
  /** A member's material that another member's result is (never asked: attached when that result is issued). */
  materialsFromResults: z
    .array(z.object({ member: memberKey, material: text(200), from: memberKey }))
    .max(50)
    .default([]),
});
export type LifeEventDefinition = z.infer<typeof LifeEventDefinition>;
export type LifeEventDefinitionInput = z.input<typeof LifeEventDefinition>;

/** What a member contributes: its published guide and who implements it. */
export interface MemberGuide {
  implementationCode: string;
  name: string;
  departmentId: string;
  departmentName: string;
  guideVersion: number;
  guide: Guide;
}

export interface LifeEventIssue {
  code:
    | 'unknown_member'
    | 'duplicate_member'
    | 'member_not_published'
    | 'dependency_cycle'
    | 'unmapped_duplicate'
    | 'unknown_field'
    | 'field_type_mismatch'
    | 'field_mapped_twice'
    | 'unknown_material'
    | 'result_not_prerequisite';
  path: string;
  detail?: Record<string, unknown>;
}

const MaterialEntry = z.object({
  name: z.string(),
  /** asked: the applicant gives it once; shared: fetched by data sharing / the wallet; from_result: another member's result. */
  provision: z.enum(['applicant', 'commitment', 'shared', 'from_result']),
  asked: z.boolean(),
  members: z.array(z.object({ member: z.string(), material: z.string() })),
  fromMember: z.string().optional(),
});
const Figures = z.object({ steps: z.number(), materials: z.number(), workingDays: z.number(), visits: z.number() });
export const Reductions = z.object({
  before: Figures,
  after: Figures,
  /** before − after, and the percentage of before (减环节、减材料、减时限、减跑动). */
  reduced: Figures,
  percent: Figures,
  /** The longest chain of promised limits through the dependency graph (members in parallel). */
  criticalPathDays: z.number(),
});
export const LifeEventComputed = z.object({
  members: z.array(
    z.object({
      key: z.string(),
      implementationCode: z.string(),
      name: z.string(),
      departmentId: z.string(),
      departmentName: z.string(),
      guideVersion: z.number(),
      promisedLimitDays: z.number(),
      resultName: z.string(),
      dependsOn: z.array(z.string()),
      onRefusedStop: z.array(z.string()),
    }),
  ),
  combinedForm: ApplicationForm,
  /** combined field → the member fields it fills. */
  fieldMap: z.record(z.string(), z.array(z.object({ member: z.string(), field: z.string() }))),
  materials: z.array(MaterialEntry),
  reductions: Reductions,
});
export type LifeEventComputed = z.infer<typeof LifeEventComputed>;
export type Reductions = z.infer<typeof Reductions>;
type FormPropertyT = z.infer<typeof FormProperty>;
type Hints = z.infer<typeof FieldHints>;

/** The members' dependency order (a topological order), or the members on a cycle. */
export function dependencyOrder(members: Pick<LifeEventDefinition['members'][number], 'key' | 'dependsOn'>[]): { order: string[]; cycle: string[] } {
  const order: string[] = [];
  const done = new Set<string>();
  let rest = members.map((m) => ({ key: m.key, deps: m.dependsOn.filter((d) => members.some((x) => x.key === d)) }));
  while (rest.length) {
    const ready = rest.filter((m) => m.deps.every((d) => done.has(d)));
    if (!ready.length) return { order, cycle: rest.map((m) => m.key) };
    for (const m of ready) {
      order.push(m.key);
      done.add(m.key);
    }
    rest = rest.filter((m) => !done.has(m.key));
  }
  return { order, cycle: [] };
}

const sameType = (a: FormPropertyT, b: FormPropertyT) =>
  a.type === b.type || (a.type !== 'string' && b.type !== 'string' && a.type !== 'boolean' && b.type !== 'boolean');
const labelOf = (h: Hints | undefined, key: string) => h?.label.zh ?? key;
const formOf = (g: Guide): ApplicationForm | undefined => (g.applicationForm ? ApplicationForm.parse(g.applicationForm) : undefined);

/** Every member field: its member, key, property and label (members without a form of their own contribute the generic one). */
function memberFields(def: LifeEventDefinition, guides: Map<string, MemberGuide>, generic: ApplicationForm) {
  return def.members.flatMap((m) => {
    const g = guides.get(m.implementationCode);
    if (!g) return [];
    const form = formOf(g.guide) ?? generic;
    return Object.entries(form.schema.properties).map(([field, prop]) => ({
      member: m.key,
      field,
      prop,
      required: form.schema.required.includes(field),
      hints: form.ui.fields[field],
    }));
  });
}

/**
 * The check: members exist and are published, no dependency cycle, mappings name real fields of one
 * type, and no field asked twice without a mapping (the same key or the same label in two members'
 * forms, not joined by a shared field: `unmapped_duplicate`).
 */
export function checkLifeEvent(def: LifeEventDefinition, guides: Map<string, MemberGuide>, generic: ApplicationForm): LifeEventIssue[] {
  const issues: LifeEventIssue[] = [];
  const keys = new Set<string>();
  def.members.forEach((m, i) => {
    if (keys.has(m.key)) issues.push({ code: 'duplicate_member', path: `members.${i}.key` });
    keys.add(m.key);
    if (!guides.has(m.implementationCode)) issues.push({ code: 'member_not_published', path: `members.${i}.implementationCode` });
  });
  def.members.forEach((m, i) => {
    m.dependsOn.forEach((d, j) => {
      if (!keys.has(d) || d === m.key) issues.push({ code: 'unknown_member', path: `members.${i}.dependsOn.${j}` });
    });
    m.onRefusedStop.forEach((d, j) => {
      if (!keys.has(d) || d === m.key) issues.push({ code: 'unknown_member', path: `members.${i}.onRefusedStop.${j}` });
    });
  });
  const { cycle } = dependencyOrder(def.members);
  if (cycle.length) issues.push({ code: 'dependency_cycle', path: 'members', detail: { members: cycle } });

  const fields = memberFields(def, guides, generic);
  const find = (member: string, field: string) => fields.find((f) => f.member === member && f.field === field);
  const mapped = new Map<string, string>();
  def.sharedFields.forEach((s, i) => {
    const props: FormPropertyT[] = [];
    s.members.forEach((x, j) => {
      const f = find(x.member, x.field);
      if (!keys.has(x.member) || !f) return issues.push({ code: 'unknown_field', path: `sharedFields.${i}.members.${j}` });
      const id = `${x.member}.${x.field}`;
      if (mapped.has(id)) issues.push({ code: 'field_mapped_twice', path: `sharedFields.${i}.members.${j}`, detail: { field: id } });
      mapped.set(id, s.key);
      if (props.length && !sameType(props[0]!, f.prop)) issues.push({ code: 'field_type_mismatch', path: `sharedFields.${i}.members.${j}` });
      props.push(f.prop);
    });
  });
  // Unmapped duplicates: the same key or the same label in several members' forms.
  const unmapped = fields.filter((f) => !mapped.has(`${f.member}.${f.field}`));
  const groups = new Map<string, Set<string>>();
  for (const f of unmapped) {
    for (const k of [`key:${f.field}`, `label:${labelOf(f.hints, f.field)}`]) {
      const g = groups.get(k) ?? new Set<string>();
      g.add(`${f.member}.${f.field}`);
      groups.set(k, g);
    }
  }
  const flagged = new Set<string>();
  for (const [k, ids] of groups) {
    const members = new Set([...ids].map((id) => id.split('.')[0]));
    const sig = [...ids].sort().join(',');
    if (members.size < 2 || flagged.has(sig)) continue;
    flagged.add(sig);
    issues.push({
      code: 'unmapped_duplicate',
      path: 'sharedFields',
      detail: { [k.startsWith('key:') ? 'field' : 'label']: k.slice(k.indexOf(':') + 1), fields: [...ids].sort() },
    });
  }
  // Materials named in the mappings exist; a result a material is taken from comes from a prerequisite.
  const hasMaterial = (member: string, material: string) => {
    const m = def.members.find((x) => x.key === member);
    const g = m && guides.get(m.implementationCode);
    return !!g?.guide.materials.some((x) => x.name === material);
  };
  def.materialGroups.forEach((g, i) =>
    g.members.forEach((x, j) => {
      if (!hasMaterial(x.member, x.material)) issues.push({ code: 'unknown_material', path: `materialGroups.${i}.members.${j}` });
    }),
  );
  def.materialsFromResults.forEach((r, i) => {
    if (!hasMaterial(r.member, r.material)) issues.push({ code: 'unknown_material', path: `materialsFromResults.${i}` });
    const m = def.members.find((x) => x.key === r.member);
    if (m && !m.dependsOn.includes(r.from)) issues.push({ code: 'result_not_prerequisite', path: `materialsFromResults.${i}.from` });
  });
  return issues;
}

/** The combined form: shared fields once (under their key), every other field as `member__field`. */
function combineForms(def: LifeEventDefinition, guides: Map<string, MemberGuide>, generic: ApplicationForm) {
  const fields = memberFields(def, guides, generic);
  const properties: Record<string, FormPropertyT> = {};
  const ui: Record<string, Hints> = {};
  const required: string[] = [];
  const order: string[] = [];
  const fieldMap: Record<string, { member: string; field: string }[]> = {};
  const sharedOf = new Map<string, string>();
  for (const s of def.sharedFields) for (const x of s.members) sharedOf.set(`${x.member}.${x.field}`, s.key);
  const nameOf = new Map(def.members.map((m) => [m.key, guides.get(m.implementationCode)?.name ?? m.key]));
  const groups = [
    { key: 'shared', label: { zh: '共同信息（只填一次）', en: 'Shared (asked once)' } },
    ...def.members.map((m) => ({ key: `m_${m.key}`, label: { zh: nameOf.get(m.key)!, en: nameOf.get(m.key)! } })),
  ];
  for (const f of fields) {
    const shared = sharedOf.get(`${f.member}.${f.field}`);
    const key = shared ?? `${f.member}__${f.field}`;
    (fieldMap[key] ??= []).push({ member: f.member, field: f.field });
    if (!properties[key]) {
      properties[key] = f.prop;
      order.push(key);
      const hints = f.hints ?? { label: { zh: f.field, en: f.field } };
      ui[key] = { ...hints, group: shared ? 'shared' : `m_${f.member}` };
    }
    if (f.required && !required.includes(key)) required.push(key);
  }
  // Shared fields first, then each member's own, in member order.
  order.sort((a, b) => Number(a.includes('__')) - Number(b.includes('__')));
  const combinedForm = ApplicationForm.parse({
    schema: { type: 'object', properties, required, additionalProperties: false },
    ui: { order, groups: groups.slice(0, 20), fields: ui },
  });
  return { combinedForm, fieldMap };
}

/** One material list: duplicates given once; shared data and other members' results never asked. */
function mergeMaterials(def: LifeEventDefinition, guides: Map<string, MemberGuide>): LifeEventComputed['materials'] {
  const out: LifeEventComputed['materials'] = [];
  const groupOf = new Map<string, string>();
  for (const g of def.materialGroups) for (const x of g.members) groupOf.set(`${x.member}|${x.material}`, g.name);
  for (const m of def.members) {
    const g = guides.get(m.implementationCode);
    for (const mat of g?.guide.materials ?? []) {
      const from = def.materialsFromResults.find((r) => r.member === m.key && r.material === mat.name);
      const ref = { member: m.key, material: mat.name };
      if (from) {
        out.push({ name: mat.name, provision: 'from_result', asked: false, members: [ref], fromMember: from.from });
        continue;
      }
      const provision = mat.source === 'government' ? 'shared' : mat.source === 'commitment' ? 'commitment' : 'applicant';
      const name = groupOf.get(`${m.key}|${mat.name}`) ?? mat.name;
      const same = out.find((o) => o.name === name && o.provision !== 'from_result');
      if (same) {
        same.members.push(ref);
        // Asked if any member needs it from the applicant; a commitment only if every member accepts one.
        if (same.provision === 'shared' && provision !== 'shared') same.provision = provision;
        else if (same.provision === 'commitment' && provision === 'applicant') same.provision = 'applicant';
        same.asked = same.provision !== 'shared';
      } else out.push({ name, provision, asked: provision !== 'shared', members: [ref] });
    }
  }
  return out;
}

function longestPath(def: LifeEventDefinition, days: Map<string, number>): number {
  const memo = new Map<string, number>();
  const of = (key: string, seen: Set<string>): number => {
    if (memo.has(key)) return memo.get(key)!;
    if (seen.has(key)) return 0;
    const m = def.members.find((x) => x.key === key)!;
    const before = Math.max(0, ...m.dependsOn.filter((d) => def.members.some((x) => x.key === d)).map((d) => of(d, new Set([...seen, key]))));
    const v = before + (days.get(key) ?? 0);
    memo.set(key, v);
    return v;
  };
  return Math.max(0, ...def.members.map((m) => of(m.key, new Set())));
}

const pct = (before: number, reduced: number) => (before > 0 ? Math.round((reduced / before) * 1000) / 10 : 0);

/** The combined form, the merged materials and the reductions, from the member guides (the check must pass first). */
export function computeLifeEvent(def: LifeEventDefinition, guides: Map<string, MemberGuide>, generic: ApplicationForm): LifeEventComputed {
  const { combinedForm, fieldMap } = combineForms(def, guides, generic);
  const materials = mergeMaterials(def, guides);
  const members = def.members.map((m) => {
    const g = guides.get(m.implementationCode)!;
    return {
      key: m.key,
      implementationCode: m.implementationCode,
      name: g.name,
      departmentId: g.departmentId,
      departmentName: g.departmentName,
      guideVersion: g.guideVersion,
      promisedLimitDays: g.guide.promisedLimitDays,
      resultName: g.guide.result.name,
      dependsOn: m.dependsOn,
      onRefusedStop: m.onRefusedStop,
    };
  });
  const gs = members.map((m) => guides.get(m.implementationCode)!.guide);
  // Before: each item on its own, one after another, each asking for its own materials (what the applicant gives).
  const before = {
    steps: gs.reduce((n, g) => n + g.process.length, 0),
    materials: gs.reduce((n, g) => n + g.materials.filter((m) => m.source !== 'government').length, 0),
    workingDays: gs.reduce((n, g) => n + g.promisedLimitDays, 0),
    visits: gs.reduce((n, g) => n + g.visitsRequired, 0),
  };
  const after = {
    steps: def.guide.process.length,
    materials: materials.filter((m) => m.asked).length,
    workingDays: def.promisedLimitDays,
    visits: def.guide.visitsRequired,
  };
  const reduced = {
    steps: before.steps - after.steps,
    materials: before.materials - after.materials,
    workingDays: before.workingDays - after.workingDays,
    visits: before.visits - after.visits,
  };
  const percent = {
    steps: pct(before.steps, reduced.steps),
    materials: pct(before.materials, reduced.materials),
    workingDays: pct(before.workingDays, reduced.workingDays),
    visits: pct(before.visits, reduced.visits),
  };
  const criticalPathDays = longestPath(def, new Map(members.map((m) => [m.key, m.promisedLimitDays])));
  return { members, combinedForm, fieldMap, materials, reductions: { before, after, reduced, percent, criticalPathDays } };
}

/** Splits the combined form's data into each member's form data (a shared field's value goes to every field it maps). */
export function splitFormData(computed: Pick<LifeEventComputed, 'fieldMap'>, data: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(data)) {
    for (const t of computed.fieldMap[key] ?? []) (out[t.member] ??= {})[t.field] = value;
  }
  return out;
}
