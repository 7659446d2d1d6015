import { z } from 'zod';
import type { LifeEventComputed, LifeEventDefinition, MemberGuide } from './life-events-definition.ts';

/**
 * The publication check's "what would change" (docs/life-events.md): the working definition against
 * the published one, and the member guides in force against those the published version was computed
 * from (a member's new guide version, a renamed material, a field added to a member's form). Pure.
 */
export const LifeEventChange = z.object({
  what: z.enum([
    'name',
    'summary',
    'promised_limit',
    'member_added',
    'member_removed',
    'member_order',
    'member_depends_on',
    'member_on_refused_stop',
    'member_guide',
    'member_not_published',
    'material_added',
    'material_removed',
    'material_provision',
    'field_added',
    'field_removed',
    'definition_other',
  ]),
  /** The member key, when the change is a member's. */
  member: z.string().optional(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type LifeEventChange = z.infer<typeof LifeEventChange>;

const list = (xs: string[]) => xs.join('、');

export function lifeEventChanges(
  published: { definition: LifeEventDefinition; computed: LifeEventComputed | null },
  working: LifeEventDefinition,
  guides: Map<string, MemberGuide>,
  computed: LifeEventComputed | null,
): LifeEventChange[] {
  const out: LifeEventChange[] = [];
  const p = published.definition;
  if (p.name !== working.name) out.push({ what: 'name', before: p.name, after: working.name });
  if (p.summary !== working.summary) out.push({ what: 'summary', before: p.summary, after: working.summary });
  if (p.promisedLimitDays !== working.promisedLimitDays)
    out.push({ what: 'promised_limit', before: String(p.promisedLimitDays), after: String(working.promisedLimitDays) });
  const pKeys = p.members.map((m) => m.key);
  const wKeys = working.members.map((m) => m.key);
  const nameOf = (m: { key: string; implementationCode: string }) => guides.get(m.implementationCode)?.name ?? m.implementationCode;
  for (const m of working.members) if (!pKeys.includes(m.key)) out.push({ what: 'member_added', member: m.key, before: null, after: nameOf(m) });
  for (const m of p.members) {
    const before = published.computed?.members.find((x) => x.key === m.key)?.name ?? m.implementationCode;
    if (!wKeys.includes(m.key)) out.push({ what: 'member_removed', member: m.key, before, after: null });
  }
  const kept = (keys: string[], other: string[]) => keys.filter((k) => other.includes(k));
  if (kept(pKeys, wKeys).join() !== kept(wKeys, pKeys).join())
    out.push({ what: 'member_order', before: list(kept(pKeys, wKeys)), after: list(kept(wKeys, pKeys)) });
  for (const w of working.members) {
    const o = p.members.find((m) => m.key === w.key);
    if (!o) continue;
    if ([...o.dependsOn].sort().join() !== [...w.dependsOn].sort().join())
      out.push({ what: 'member_depends_on', member: w.key, before: list(o.dependsOn), after: list(w.dependsOn) });
    if ([...o.onRefusedStop].sort().join() !== [...w.onRefusedStop].sort().join())
      out.push({ what: 'member_on_refused_stop', member: w.key, before: list(o.onRefusedStop), after: list(w.onRefusedStop) });
  }
  // Anything else of the definition (guide, shared fields, material mappings): one line.
  const rest = (d: LifeEventDefinition) => JSON.stringify({ ...d, name: 0, summary: 0, promisedLimitDays: 0, members: 0 });
  if (rest(p) !== rest(working)) out.push({ what: 'definition_other', before: null, after: null });

  // The member guides in force against those the published version was computed from.
  const pc = published.computed;
  if (!pc) return out;
  for (const m of pc.members) {
    const w = working.members.find((x) => x.key === m.key);
    if (!w || w.implementationCode !== m.implementationCode) continue;
    const g = guides.get(m.implementationCode);
    if (!g) out.push({ what: 'member_not_published', member: m.key, before: `${m.name} v${m.guideVersion}`, after: null });
    else if (g.guideVersion !== m.guideVersion)
      out.push({ what: 'member_guide', member: m.key, before: `${m.name} v${m.guideVersion}`, after: `${g.name} v${g.guideVersion}` });
  }
  if (!computed) return out;
  const refs = (x: LifeEventComputed['materials'][number]) => x.members.map((r) => r.member).join('、');
  for (const mat of computed.materials) {
    const old = pc.materials.find((x) => x.name === mat.name && (x.provision === 'from_result') === (mat.provision === 'from_result'));
    if (!old) out.push({ what: 'material_added', before: null, after: `${mat.name}（${refs(mat)}）` });
    else if (old.provision !== mat.provision)
      out.push({ what: 'material_provision', before: `${mat.name}: ${old.provision}`, after: `${mat.name}: ${mat.provision}` });
  }
  for (const old of pc.materials)
    if (!computed.materials.some((x) => x.name === old.name && (x.provision === 'from_result') === (old.provision === 'from_result')))
      out.push({ what: 'material_removed', before: `${old.name}（${refs(old)}）`, after: null });
  const label = (c: LifeEventComputed, k: string) => c.combinedForm.ui.fields[k]?.label.zh ?? k;
  const pFields = Object.keys(pc.combinedForm.schema.properties);
  const wFields = Object.keys(computed.combinedForm.schema.properties);
  for (const k of wFields) if (!pFields.includes(k)) out.push({ what: 'field_added', before: null, after: `${label(computed, k)}（${k}）` });
  for (const k of pFields) if (!wFields.includes(k)) out.push({ what: 'field_removed', before: `${label(pc, k)}（${k}）`, after: null });
  return out;
}
