/** The canonical lines of a draw's inputs and result, and the SM3 hashes over them (draw.ts's header). */
import { createHash } from 'node:crypto';
import {
  DrawInputError,
  creditLevels,
  riskLevels,
  type DrawAssignment,
  type DrawEntity,
  type DrawExclusion,
  type DrawInspector,
  type DrawOutcome,
  type DrawParams,
} from './draw-types.ts';

function field(name: string, v: string): string {
  if (v.includes('|') || v.includes('\n') || v.includes('\r')) throw new DrawInputError(name, `${name} may not contain "|" or a line break`);
  return v;
}

export const byAscii = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function canonicalParams(p: DrawParams): string {
  return (
    [
      'P',
      p.count === null ? '-' : String(p.count),
      p.proportionBp === null ? '-' : String(p.proportionBp),
      String(p.inspectorsPerEntity),
      [...p.departmentIds]
        .sort(byAscii)
        .map((d) => field('departmentIds', d))
        .join(','),
      riskLevels.map((r) => String(p.riskWeights[r])).join(','),
      creditLevels.map((c) => String(p.creditWeights[c])).join(','),
    ].join('|') + '\n'
  );
}

export function sortEntities(list: DrawEntity[]): DrawEntity[] {
  return [...list].sort((a, b) => byAscii(a.uscc, b.uscc));
}
export function sortInspectors(list: DrawInspector[]): DrawInspector[] {
  return [...list].sort((a, b) => byAscii(a.key, b.key));
}
const byExclusion = (a: DrawExclusion, b: DrawExclusion) => byAscii(a.inspectorKey, b.inspectorKey) || byAscii(a.uscc, b.uscc) || byAscii(a.reason, b.reason);
/** Sorted by inspectorKey, uscc, reason (a list already in that order is returned as it is). */
export function sortExclusions(list: DrawExclusion[]): DrawExclusion[] {
  for (let i = 1; i < list.length; i++) if (byExclusion(list[i - 1]!, list[i]!) > 0) return [...list].sort(byExclusion);
  return list;
}

/** One line per entity, USCC ascending: `E|uscc|regionPath|risk|credit\n`. */
export const entityLine = (e: DrawEntity) => `E|${field('uscc', e.uscc)}|${field('regionPath', e.regionPath)}|${e.riskLevel}|${e.creditLevel}\n`;
export function canonicalEntities(list: DrawEntity[], sorted = false): string[] {
  return (sorted ? list : sortEntities(list)).map(entityLine);
}
/** `I|key|departmentId|regionPath\n`, key ascending. */
export const inspectorLine = (i: DrawInspector) => `I|${field('key', i.key)}|${field('departmentId', i.departmentId)}|${field('regionPath', i.regionPath)}\n`;
export function canonicalInspectors(list: DrawInspector[], sorted = false): string[] {
  return (sorted ? list : sortInspectors(list)).map(inspectorLine);
}
/** `X|inspectorKey|uscc|reason\n`, sorted by all three. */
export function canonicalExclusions(list: DrawExclusion[]): string[] {
  return sortExclusions(list).map((x) => `X|${field('inspectorKey', x.inspectorKey)}|${field('uscc', x.uscc)}|${x.reason}\n`);
}
/** `S|uscc|key1,key2,…\n` in draw order, then `K|uscc|reason\n` for skipped entities. */
export function canonicalResult(selected: DrawAssignment[], skipped: DrawOutcome['skipped']): string[] {
  return [...selected.map((s) => `S|${s.uscc}|${s.inspectorKeys.join(',')}\n`), ...skipped.map((k) => `K|${k.uscc}|${k.reason}\n`)];
}

/** SM3 over the concatenated lines (UTF-8), fed in chunks so a million lines never form one string. */
export function hashLines(lines: string[]): string {
  return hashEach(lines, (l) => l);
}

export function hashEach<T>(list: T[], line: (x: T) => string): string {
  const h = createHash('sm3');
  let chunk = '';
  for (let i = 0; i < list.length; i++) {
    chunk += line(list[i]!);
    if (chunk.length > 65536) {
      h.update(chunk, 'utf8');
      chunk = '';
    }
  }
  h.update(chunk, 'utf8');
  return h.digest('hex');
}
