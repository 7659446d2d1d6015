import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  ALGORITHM_VERSION,
  EntityPool,
  Sm3Stream,
  commitmentOf,
  defaultCreditWeights,
  defaultRiskWeights,
  runDraw,
  verifyDraw,
  type DrawEntity,
  type DrawExclusion,
  type DrawInputs,
  type DrawInspector,
} from './draw.ts';

// The browser port (web/src/features/inspection/draw), loaded by path so the server's tsc does not
// type-check web code (it has its own settings).
const webPort = '../../../../web/src/features/inspection/draw/draw.ts';
const { runDraw: webRunDraw } = (await import(new URL(webPort, import.meta.url).href)) as {
  runDraw: (inputs: DrawInputs) => { hashes: unknown; selected: unknown };
};

const seedOf = (n: number | string) => createHash('sm3').update(`test-seed:${n}`).digest('hex');
const uscc = (i: number) => `91990102MA${String(i).padStart(7, '0')}X`;

function entities(n: number, f: (i: number) => Partial<DrawEntity> = () => ({})): DrawEntity[] {
  return Array.from({ length: n }, (_, i) => ({ uscc: uscc(i), regionPath: '990000/990100/990102', riskLevel: 'low', creditLevel: 'A', ...f(i) }));
}
function inspectors(n: number, dept = 'd1', regionPath = '990000/990100'): DrawInspector[] {
  return Array.from({ length: n }, (_, i) => ({ key: `${dept}-i${String(i).padStart(3, '0')}`, departmentId: dept, regionPath }));
}
function inputs(over: Partial<Omit<DrawInputs, 'params'>> & { params?: Partial<DrawInputs['params']> } = {}): DrawInputs {
  return {
    algorithm: ALGORITHM_VERSION,
    seed: seedOf(1),
    entities: entities(200),
    inspectors: inspectors(10),
    exclusions: [],
    ...over,
    params: {
      count: 10,
      proportionBp: null,
      inspectorsPerEntity: 2,
      departmentIds: ['d1'],
      riskWeights: { ...defaultRiskWeights },
      creditWeights: { ...defaultCreditWeights },
      ...over.params,
    },
  };
}

/** Upper 0.1% point of chi-square with df degrees of freedom (Wilson–Hilferty). */
function chiSquareCritical(df: number): number {
  const z = 3.0902;
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

describe('the PRNG', () => {
  it('is SM3 in counter mode, as documented', () => {
    const seed = seedOf('prng');
    const block0 = createHash('sm3')
      .update(Buffer.concat([Buffer.from(seed, 'hex'), Buffer.from(`${ALGORITHM_VERSION}|x|`), Buffer.alloc(8)]))
      .digest();
    const s = new Sm3Stream(seed, 'x');
    expect(s.next48()).toBe(block0.readUIntBE(0, 6));
    expect(s.next48()).toBe(block0.readUIntBE(6, 6));
  });
  it('draws uniform integers', () => {
    const s = new Sm3Stream(seedOf('u'), 'u');
    const counts = new Array(7).fill(0);
    for (let i = 0; i < 7000; i++) counts[s.below(7)]++;
    const chi = counts.reduce((acc, c) => acc + (c - 1000) ** 2 / 1000, 0);
    expect(chi).toBeLessThan(chiSquareCritical(6));
  });
  it('commits to the seed with SM3 over its bytes', () => {
    const seed = seedOf('c');
    expect(commitmentOf(seed)).toBe(createHash('sm3').update(Buffer.from(seed, 'hex')).digest('hex'));
  });
});

describe('the draw', () => {
  it('is deterministic and re-runs from the disclosed inputs', () => {
    const a = runDraw(inputs());
    const b = runDraw(JSON.parse(JSON.stringify(inputs())));
    expect(b).toEqual(a);
    expect(a.selected).toHaveLength(10);
    // Order of the pools as given does not matter: they are put in canonical order.
    const shuffled = inputs({ entities: entities(200).reverse(), inspectors: inspectors(10).reverse() });
    expect(runDraw(shuffled)).toEqual(a);
    const report = verifyDraw(inputs(), { commitment: commitmentOf(inputs().seed), hashes: a.hashes });
    expect(report.matches).toBe(true);
  });

  it('changes when any input changes', () => {
    const base = runDraw(inputs());
    const variants: DrawInputs[] = [
      inputs({ seed: seedOf(2) }),
      inputs({ entities: entities(201) }),
      inputs({ entities: entities(200, (i) => (i === 5 ? { riskLevel: 'high' } : {})) }),
      inputs({ inspectors: inspectors(11) }),
      inputs({ exclusions: [{ inspectorKey: 'd1-i000', uscc: uscc(0), reason: 'relation' }] }),
      inputs({ params: { count: 11 } }),
      inputs({ params: { riskWeights: { low: 1, medium: 1, high: 2 } } }),
      inputs({ params: { inspectorsPerEntity: 3 } }),
    ];
    for (const v of variants) {
      const out = runDraw(v);
      const changedHashes = Object.keys(base.hashes).filter((k) => base.hashes[k as keyof typeof base.hashes] !== out.hashes[k as keyof typeof out.hashes]);
      expect(changedHashes.length).toBeGreaterThan(0);
      // The recorded hashes no longer verify.
      expect(verifyDraw(v, { commitment: commitmentOf(v.seed), hashes: base.hashes }).matches).toBe(false);
    }
    // A different seed gives a different selection.
    expect(runDraw(inputs({ seed: seedOf(2) })).selected.map((s) => s.uscc)).not.toEqual(base.selected.map((s) => s.uscc));
  });

  it('draws count or proportion (rounded up)', () => {
    expect(runDraw(inputs({ params: { count: 500 } })).selected).toHaveLength(200);
    expect(runDraw(inputs({ params: { count: null, proportionBp: 500 } })).target).toBe(10);
    expect(runDraw(inputs({ entities: entities(201), params: { count: null, proportionBp: 500 } })).target).toBe(11);
  });

  it('selects every entity equally often when weights are equal (chi-square over many seeds)', () => {
    const n = 40;
    const counts = new Map<string, number>();
    const seeds = 1000;
    for (let s = 0; s < seeds; s++) {
      const out = runDraw(inputs({ seed: seedOf(`eq${s}`), entities: entities(n), params: { count: 8 } }));
      for (const a of out.selected) counts.set(a.uscc, (counts.get(a.uscc) ?? 0) + 1);
    }
    const expected = (seeds * 8) / n;
    let chi = 0;
    for (let i = 0; i < n; i++) chi += ((counts.get(uscc(i)) ?? 0) - expected) ** 2 / expected;
    expect(chi).toBeLessThan(chiSquareCritical(n - 1));
  });

  it('draws in proportion to risk and credit weights (chi-square over many seeds)', () => {
    // 30 entities each of weight 1 (low, A), 2 (medium, A), 4 (high, A) and 8 (high, D).
    const pool = entities(
      120,
      (i) => [{}, { riskLevel: 'medium' }, { riskLevel: 'high' }, { riskLevel: 'high', creditLevel: 'D' }][Math.floor(i / 30)] as Partial<DrawEntity>,
    );
    const weightOf = [1, 2, 4, 8];
    const counts = [0, 0, 0, 0];
    const seeds = 3000;
    for (let s = 0; s < seeds; s++) {
      const out = runDraw(
        inputs({
          seed: seedOf(`w${s}`),
          entities: pool,
          params: { count: 1, riskWeights: { low: 1, medium: 2, high: 4 }, creditWeights: { A: 1, B: 1, C: 1, D: 2 } },
        }),
      );
      counts[Math.floor(Number(out.selected[0]!.uscc.slice(10, 17)) / 30)]!++;
    }
    const total = weightOf.reduce((a, b) => a + b, 0);
    const chi = counts.reduce((acc, c, g) => acc + (c - (seeds * weightOf[g]!) / total) ** 2 / ((seeds * weightOf[g]!) / total), 0);
    expect(chi).toBeLessThan(chiSquareCritical(3));
    expect(counts[3]).toBeGreaterThan(counts[0]! * 4);
  });

  it('gives each entity the inspectors it needs, from every department of a joint task', () => {
    const out = runDraw(
      inputs({ inspectors: [...inspectors(6, 'd1'), ...inspectors(4, 'd2')], params: { departmentIds: ['d2', 'd1'], inspectorsPerEntity: 3 } }),
    );
    for (const a of out.selected) {
      expect(a.inspectorKeys).toHaveLength(3);
      expect(new Set(a.inspectorKeys).size).toBe(3);
      expect(a.inspectorKeys.filter((k) => k.startsWith('d1')).length).toBe(2);
      expect(a.inspectorKeys.filter((k) => k.startsWith('d2')).length).toBe(1);
    }
  });

  it('refuses fewer than two inspectors per entity or fewer than one per department', () => {
    expect(() => runDraw(inputs({ params: { inspectorsPerEntity: 1 } }))).toThrow(/two inspectors/);
    expect(() => runDraw(inputs({ params: { inspectorsPerEntity: 2, departmentIds: ['a', 'b', 'c'] } }))).toThrow(/per department/);
  });

  it('skips an entity nobody may inspect rather than sending one inspector alone', () => {
    const pool = entities(3);
    const exclusions: DrawExclusion[] = ['d1-i000', 'd1-i001'].map((k) => ({ inspectorKey: k, uscc: uscc(1), reason: 'relation' }));
    const out = runDraw(inputs({ entities: pool, inspectors: inspectors(3), exclusions, params: { count: 3 } }));
    expect(out.selected.map((s) => s.uscc).sort()).toEqual([uscc(0), uscc(2)]);
    expect(out.skipped).toEqual([{ uscc: uscc(1), reason: 'no_eligible_inspectors' }]);
  });

  it('never violates recusal, region cover or the two-inspector rule (property)', () => {
    const arb = fc.record({
      seed: fc.integer(),
      nEntities: fc.integer({ min: 1, max: 60 }),
      nInsp1: fc.integer({ min: 0, max: 8 }),
      nInsp2: fc.integer({ min: 0, max: 8 }),
      joint: fc.boolean(),
      m: fc.integer({ min: 2, max: 4 }),
      count: fc.integer({ min: 1, max: 60 }),
      exclusions: fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.boolean(), fc.integer({ min: 0, max: 59 })), { maxLength: 80 }),
      districtInspectors: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
    });
    fc.assert(
      fc.property(arb, (c) => {
        const pool = entities(c.nEntities, (i) => ({
          regionPath: i % 2 ? '990000/990100/990102' : '990000/990100/990103',
          riskLevel: (['low', 'medium', 'high'] as const)[i % 3],
        }));
        const insp = [...inspectors(c.nInsp1, 'd1'), ...inspectors(c.nInsp2, 'd2')].map((x, i) =>
          c.districtInspectors[i] ? { ...x, regionPath: '990000/990100/990102' } : x,
        );
        const exclusions: DrawExclusion[] = c.exclusions.map(([k, d2, e]) => ({
          inspectorKey: `${d2 ? 'd2' : 'd1'}-i${String(k).padStart(3, '0')}`,
          uscc: uscc(e),
          reason: 'relation',
        }));
        const departmentIds = c.joint ? ['d1', 'd2'] : ['d1'];
        const out = runDraw(
          inputs({ seed: seedOf(c.seed), entities: pool, inspectors: insp, exclusions, params: { count: c.count, inspectorsPerEntity: c.m, departmentIds } }),
        );
        const byKey = new Map(insp.map((i) => [i.key, i]));
        const excluded = new Set(exclusions.map((x) => `${x.inspectorKey}|${x.uscc}`));
        expect(out.selected.length + out.skipped.length).toBeLessThanOrEqual(c.nEntities);
        expect(out.selected.length).toBeLessThanOrEqual(Math.min(c.count, c.nEntities));
        for (const a of out.selected) {
          const entity = pool.find((e) => e.uscc === a.uscc)!;
          expect(a.inspectorKeys.length).toBe(c.m);
          expect(a.inspectorKeys.length).toBeGreaterThanOrEqual(2);
          expect(new Set(a.inspectorKeys).size).toBe(a.inspectorKeys.length);
          for (const k of a.inspectorKeys) {
            expect(excluded.has(`${k}|${a.uscc}`)).toBe(false);
            const i = byKey.get(k)!;
            expect(entity.regionPath === i.regionPath || entity.regionPath.startsWith(`${i.regionPath}/`)).toBe(true);
          }
          for (const d of departmentIds) expect(a.inspectorKeys.some((k) => byKey.get(k)!.departmentId === d)).toBe(true);
        }
        // Stops early only when the pool is exhausted.
        if (out.selected.length < Math.min(c.count, c.nEntities)) expect(out.selected.length + out.skipped.length).toBe(c.nEntities);
      }),
      { numRuns: 300 },
    );
  });

  it('spreads the work over the inspectors', () => {
    const out = runDraw(inputs({ inspectors: inspectors(10), params: { count: 50 } }));
    const load = new Map<string, number>();
    for (const a of out.selected) for (const k of a.inspectorKeys) load.set(k, (load.get(k) ?? 0) + 1);
    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
  });
});

describe('the pool as canonical text (the server reads big pools this way)', () => {
  const mixed = entities(300, (i) => ({
    riskLevel: (['low', 'medium', 'high'] as const)[i % 3],
    creditLevel: (['A', 'B', 'C', 'D'] as const)[i % 4],
    regionPath: `990000/990100/99010${2 + (i % 3)}`,
  }));
  const text = mixed.map((e) => `E|${e.uscc}|${e.regionPath}|${e.riskLevel}|${e.creditLevel}\n`).join('');

  it('gives the same draw and hashes as the list, in any line order', () => {
    const fromList = runDraw(inputs({ entities: mixed, params: { count: 40, riskWeights: { low: 1, medium: 3, high: 7 } } }));
    const fromText = runDraw(inputs({ entities: text, params: { count: 40, riskWeights: { low: 1, medium: 3, high: 7 } } }));
    const reversed = runDraw(
      inputs({ entities: text.trimEnd().split('\n').reverse().join('\n') + '\n', params: { count: 40, riskWeights: { low: 1, medium: 3, high: 7 } } }),
    );
    expect(fromText).toEqual(fromList);
    expect(reversed).toEqual(fromList);
    expect(EntityPool.fromText(text).hash()).toBe(createHash('sm3').update(text).digest('hex'));
    expect(EntityPool.fromText(text).toEntities()).toEqual(mixed);
  });

  it('refuses malformed lines, bad levels and duplicates', () => {
    expect(() => EntityPool.fromText('E|X|p|low|A')).toThrow(/line break/);
    expect(() => EntityPool.fromText('E|X|p|lo|A\n')).toThrow(/level/);
    expect(() => EntityPool.fromText('E|X|p|low\n')).toThrow(/malformed/);
    expect(() => EntityPool.fromText('E|X|p|low|A\nE|X|q|low|A\n')).toThrow(/duplicate/);
    expect(() => EntityPool.fromText('E|Y|p|low|A\nE|X|q|low|A\nE|Y|r|low|A\n')).toThrow(/duplicate/);
    expect(() => EntityPool.fromText('E|X|a|b|low|A\n')).toThrow(/level/);
  });

  it('is the same pool when read in parts (hashed and parsed part by part), whatever the cuts', () => {
    const lines = text.match(/[^\n]*\n/g)!;
    const whole = EntityPool.fromText(text);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: lines.length }), { maxLength: 6 }), (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), lines.length];
        const b = EntityPool.builder();
        for (let i = 1; i < at.length; i++) b.add(lines.slice(at[i - 1], at[i]).join(''));
        const pool = b.finish();
        expect(pool.text).toBe(text);
        expect(pool.hash()).toBe(whole.hash());
        expect(pool.toEntities()).toEqual(mixed);
        expect(runDraw({ ...inputs({ params: { count: 30 } }), entities: pool })).toEqual(runDraw(inputs({ entities: text, params: { count: 30 } })));
      }),
      { numRuns: 30 },
    );
    // Parts out of order, or a line repeated across parts: read as a whole (sorted, or refused).
    const swapped = EntityPool.builder();
    swapped.add(lines.slice(150).join(''));
    swapped.add(lines.slice(0, 150).join(''));
    const fixed = swapped.finish();
    expect(fixed.text).toBe(text);
    expect(fixed.hash()).toBe(whole.hash());
    const twice = EntityPool.builder();
    twice.add(lines.slice(0, 151).join(''));
    twice.add(lines.slice(150).join(''));
    expect(() => twice.finish()).toThrow(/duplicate/);
  });

  it('finds which USCCs are in the pool', () => {
    const pool = EntityPool.fromText(text);
    const asked = [uscc(299), uscc(0), 'NOT-THERE', uscc(150), uscc(150), uscc(300), '0', 'ZZZ'];
    expect(pool.present(asked)).toEqual(new Set([uscc(0), uscc(150), uscc(299)]));
    expect(asked.map((u) => pool.has(u))).toEqual([true, true, false, true, true, false, false, false]);
    expect(pool.indexOf(uscc(7))).toBe(7);
    expect(EntityPool.fromText('').present(asked).size).toBe(0);
  });

  it('matches the browser port (web/src/features/inspection/draw) for lists and text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 30 }), fc.boolean(), (seed, count, asText) => {
        const input = inputs({
          seed: seedOf(`web${seed}`),
          entities: asText ? text : mixed,
          inspectors: [...inspectors(5, 'd1'), ...inspectors(4, 'd2', '990000/990100/990102')],
          exclusions: [{ inspectorKey: 'd1-i001', uscc: mixed[seed % 300]!.uscc, reason: 'relation' }],
          params: { count, departmentIds: ['d1', 'd2'], inspectorsPerEntity: 3, creditWeights: { A: 1, B: 2, C: 3, D: 4 } },
        });
        const server = runDraw(input);
        const browser = webRunDraw(input);
        expect(browser.hashes).toEqual(server.hashes);
        expect(browser.selected).toEqual(server.selected);
      }),
      { numRuns: 25 },
    );
  });
});
