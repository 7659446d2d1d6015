import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/index.ts';
import { transact } from '../../platform/context.ts';
import { completeUscc } from '../../platform/validators.ts';
import { creditLevelOf, entityCreditLevels } from './levels.ts';
import { fileRecords } from './records.ts';
import { DEMO_DISHONEST, DEMO_HONOR } from './seed.ts';
import { entitySubject } from './subjects.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const cookies: Record<string, string> = {};
async function call<T = Record<string, unknown>>(user: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) {
  if (user) cookies[user] ??= await t.login(user);
  const res = await t.app.inject({ method, url, payload: payload as object, headers: user ? { cookie: cookies[user]! } : {} });
  return { status: res.statusCode, body: res.json() as T };
}
type LevelView = {
  level: string;
  score: number;
  hasFile: boolean;
  contributions: { factorKind: string; factor: string; recordId: string | null; points: number }[];
};

describe('credit levels computed from the file', () => {
  it('computes the level from the rule table and shows the entity its inputs (我的信用)', async () => {
    const x = await call<LevelView>('enterprise2', 'GET', '/api/credit/mine/level');
    expect(x.status).toBe(200);
    // 西江建设: on the dishonesty list (−60) with penalties (−15 each): D.
    expect(x.body.level).toBe('D');
    expect(x.body.contributions).toContainEqual(expect.objectContaining({ factorKind: 'list', factor: 'dishonesty', points: -60 }));
    expect(x.body.contributions.filter((c) => c.factor === 'penalty').every((c) => c.points === -15 && c.recordId)).toBe(true);
    expect(x.body.score).toBe(100 + x.body.contributions.reduce((n, c) => n + c.points, 0));
    const m = await call<LevelView>('enterprise1', 'GET', '/api/credit/mine/level');
    expect(m.body.contributions).toContainEqual(expect.objectContaining({ factorKind: 'list', factor: 'honor', points: 20 }));
    // The set-based computation the inspection draw asks for agrees with the one-subject view.
    const all = new Map((await entityCreditLevels(t.ctx)).map((r) => [r.uscc, r.level]));
    expect(all.get(DEMO_DISHONEST)).toBe('D');
    expect(all.get(DEMO_HONOR)).toBe(m.body.level);
  });

  it('changes when a record is added and when it is repaired', async () => {
    const uscc = completeUscc('91990103MA9GRADE1');
    const subject = entitySubject(uscc, '示范市等级测试有限公司')!;
    const before = await creditLevelOf(t.ctx, subject);
    expect(before).toMatchObject({ level: 'B', score: 100, hasFile: false });
    const base = {
      subject,
      source: 'import' as const,
      legalBasis: '《行政处罚法》',
      decidedOn: '2026-09-01',
      departmentName: '示范市市场监督管理局',
      regionPath: '990000/990100',
    };
    const [p1, p2] = await transact(t.ctx, (tx) =>
      fileRecords(tx, [
        { ...base, sourceRef: 'LEVEL-1', kind: 'penalty', title: '处罚一' },
        { ...base, sourceRef: 'LEVEL-2', kind: 'penalty', title: '处罚二' },
      ]),
    );
    expect(await creditLevelOf(t.ctx, subject)).toMatchObject({ level: 'C', score: 70, hasFile: true });
    expect((await entityCreditLevels(t.ctx)).find((r) => r.uscc === uscc)?.level).toBe('C');
    // A repaired record no longer counts (it stays in the file).
    const { recordRepo } = await import('./repository.ts');
    await recordRepo.update(t.database.db, p1!.id, { repairedOn: '2026-10-09' });
    expect(await creditLevelOf(t.ctx, subject)).toMatchObject({ level: 'C', score: 85 });
    await recordRepo.update(t.database.db, p2!.id, { repairedOn: '2026-10-09' });
    expect(await creditLevelOf(t.ctx, subject)).toMatchObject({ level: 'B', score: 100, hasFile: true });
    expect((await entityCreditLevels(t.ctx)).find((r) => r.uscc === uscc)?.level).toBe('B');

    // Through the repair route too: 西江建设 applies for one of its penalties, the office repairs it, the score rises by 15.
    const file = await call<{ records: { id: string; kind: string; repairedOn: string | null }[]; repairs: { recordId: string; status: string }[] }>(
      'enterprise2',
      'GET',
      '/api/credit/mine',
    );
    const pending = new Set(file.body.repairs.filter((r) => r.status === 'applied').map((r) => r.recordId));
    const target = file.body.records.find((r) => r.kind === 'penalty' && !r.repairedOn && !pending.has(r.id))!;
    const scoreBefore = (await call<LevelView>('enterprise2', 'GET', '/api/credit/mine/level')).body.score;
    const repair = await call<{ id: string }>('enterprise2', 'POST', '/api/credit/repairs', {
      recordId: target.id,
      statement: '已履行处罚决定',
      evidence: '缴款凭证',
    });
    expect(repair.status).toBe(201);
    expect(
      (await call('credit.officer', 'POST', `/api/workbench/credit/repairs/${repair.body.id}/decision`, { decision: 'repaired', note: '已纠正' })).status,
    ).toBe(200);
    expect((await call<LevelView>('enterprise2', 'GET', '/api/credit/mine/level')).body.score).toBe(scoreBefore + 15);
  });

  it('lets the credit office edit the rules over the city (audited, thresholds kept in order); others are refused', async () => {
    const rules = await call<{ regionPath: string; rules: { factorKind: string; factor: string; points: number }[] }>(
      'credit.officer',
      'GET',
      '/api/workbench/credit/level-rules',
    );
    expect(rules.status).toBe(200);
    expect(rules.body.regionPath).toBe('990000/990100');
    expect(rules.body.rules.find((r) => r.factorKind === 'threshold' && r.factor === 'A')?.points).toBe(110);
    const subject = entitySubject(completeUscc('91990103MA9GRADE1'), '示范市等级测试有限公司')!;
    await transact(t.ctx, (tx) =>
      fileRecords(tx, [
        {
          subject,
          source: 'import',
          sourceRef: 'LEVEL-3',
          kind: 'penalty',
          title: '处罚三',
          legalBasis: '《行政处罚法》',
          decidedOn: '2026-09-02',
          departmentName: '示范市市场监督管理局',
          regionPath: '990000/990100',
        },
      ]),
    );
    expect(await creditLevelOf(t.ctx, subject)).toMatchObject({ score: 85, level: 'C' });

    expect((await call('mh.admin', 'PUT', '/api/workbench/credit/level-rules/record/penalty', { points: -5 })).status).toBe(403);
    expect((await call('enterprise1', 'PUT', '/api/workbench/credit/level-rules/record/penalty', { points: -5 })).status).toBe(403);
    const bad = await call<{ code: string }>('credit.officer', 'PUT', '/api/workbench/credit/level-rules/threshold/B', { points: 120 });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('credit.level_thresholds');

    const set = await call<{ id: string; points: number; version: number }>('credit.officer', 'PUT', '/api/workbench/credit/level-rules/record/penalty', {
      points: -5,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ points: -5, version: 1 });
    expect(await creditLevelOf(t.ctx, subject)).toMatchObject({ score: 95, level: 'B' });
    const audit = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, set.body.id));
    expect(audit.map((a) => [a.action, a.summary])).toEqual([['credit.level_rule.set', { factorKind: 'record', factor: 'penalty', from: -15, to: -5 }]]);
    // Back to the default for the other suites' expectations.
    await call('credit.officer', 'PUT', '/api/workbench/credit/level-rules/record/penalty', { points: -15 });
  });
});
