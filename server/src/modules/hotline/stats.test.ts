import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { addCalendarDays, shanghaiDate } from '../../platform/calendar/engine.ts';
import { computeStats, score } from './stats.ts';
import { demoId } from '../org/index.ts';
import { foldDailyStats, rebuildDailyStats } from './rollup-repository.ts';
import { hotlineDailyStats } from './tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const to = shanghaiDate();
const from = addCalendarDays(to, -60);

describe('statistics', () => {
  it('gives the figures by unit with a ranking and rising categories', async () => {
    const cookie = await t.login('supervisor');
    const res = await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/stats?from=${from}&to=${to}&groupBy=unit`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.totals.tickets).toBeGreaterThanOrEqual(300);
    expect(s.totals.onTimeSignRate).toBeGreaterThan(0.5);
    expect(s.totals.satisfaction).toBeGreaterThan(1);
    expect(s.groups.reduce((n: number, g: { tickets: number }) => n + g.tickets, 0)).toBe(s.totals.tickets);
    expect(s.ranking[0].rank).toBe(1);
    const scored = s.ranking.filter((r: { score: number | null }) => r.score !== null);
    expect(scored[0].score).toBeGreaterThanOrEqual(scored.at(-1).score);
    const recent = await t.app.inject({
      method: 'GET',
      url: `/api/workbench/hotline/stats?from=${addCalendarDays(to, -14)}&to=${to}&groupBy=category`,
      headers: { cookie },
    });
    expect(recent.json().hotCategories.every((h: { rise: number }) => h.rise > 0)).toBe(true);
    const byDay = await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/stats?from=${from}&to=${to}&groupBy=day`, headers: { cookie } });
    expect(byDay.json().groups[0].key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const byRegion = await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/stats?from=${from}&to=${to}&groupBy=region`, headers: { cookie } });
    expect(byRegion.json().groups.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['明湖区', '东岭区', '西江区']));
  });

  it('ranks units with no signed ticket (the center) last with no score, not first with 100', async () => {
    const cookie = await t.login('supervisor');
    const s = (await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/stats?from=${from}&to=${to}&groupBy=unit`, headers: { cookie } })).json();
    const center = s.ranking.find((r: { name: string }) => r.name.includes('12345'));
    expect(center).toMatchObject({ score: null, rank: null });
    const firstUnscored = s.ranking.findIndex((r: { score: number | null }) => r.score === null);
    expect(s.ranking.slice(firstUnscored).every((r: { score: number | null; rank: number | null }) => r.score === null && r.rank === null)).toBe(true);
    expect(s.ranking.slice(0, firstUnscored).map((r: { rank: number }) => r.rank)).toEqual(Array.from({ length: firstUnscored }, (_, i) => i + 1));
    expect(
      score({ tickets: 5, onTimeSignRate: null, onTimeConclusionRate: 1, extensionRate: 0, returnRate: 0, solvedRate: null, satisfaction: null }),
    ).toBeNull();
    expect(score({ tickets: 5, onTimeSignRate: 1, onTimeConclusionRate: 0.5, extensionRate: 0, returnRate: 0, solvedRate: null, satisfaction: null })).toBe(70);
  });

  it('groups by street within a district', async () => {
    const cookie = await t.login('supervisor');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/workbench/hotline/stats?from=${from}&to=${to}&groupBy=street&district=990102`,
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.groups.length).toBeGreaterThan(1);
    expect(s.groups.every((g: { key: string }) => g.key === '' || g.key.startsWith('990102'))).toBe(true);
    expect(s.groups.map((g: { name: string }) => g.name)).toContain('湖滨街道');
    const district = (
      await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/stats?from=${from}&to=${to}&groupBy=region`, headers: { cookie } })
    ).json();
    expect(s.totals.tickets).toBe(district.groups.find((g: { key: string }) => g.key === '990102').tickets);
  });

  it('the daily rollup agrees with the raw tickets after intake and every kind of workflow change', async () => {
    const op = await t.login('rx.operator');
    const disp = await t.login('rx.dispatcher');
    const mh = await t.login('mh.handler');
    const street = await t.login('mh.street.handler');
    const post = async (cookie: string, url: string, payload: unknown) => {
      const r = await t.app.inject({ method: 'POST', url: `/api/workbench/hotline/${url}`, headers: { cookie }, payload: payload as never });
      expect(r.statusCode, r.body).toBeLessThan(300);
      return r.json();
    };
    for (let i = 0; i < 3; i++) {
      const { ticket } = await post(op, 'tickets', {
        callerPhone: '13812340000',
        kind: 'complaint',
        categoryId: demoId('hotline-category', 'cg.zdjy'),
        text: `摊贩占道经营 ${i}`,
        address: '示范市明湖区湖滨街道湖滨路 8 号',
      });
      await post(disp, `tickets/${ticket.id}/dispatch`, {});
      if (i === 0) continue;
      await post(mh, `tickets/${ticket.id}/dispatch`, {});
      await post(street, `tickets/${ticket.id}/sign`, {});
      if (i === 1) {
        await post(street, `tickets/${ticket.id}/return`, { reason: '不属本街道' });
        continue;
      }
      await post(street, `tickets/${ticket.id}/reply`, { text: '已处理' });
      await post(disp, `tickets/${ticket.id}/review`, { pass: true });
      await post(op, `tickets/${ticket.id}/follow-up`, { solved: false, satisfaction: 2 });
      await post(op, `tickets/${ticket.id}/reopen`, { reason: '又来了' });
    }
    const ctx = await t.as('supervisor');
    for (const groupBy of ['unit', 'category', 'region', 'street', 'day'] as const) {
      const q = { from, to, groupBy };
      expect(await computeStats(ctx, q, 'rollup')).toEqual(await computeStats(ctx, q, 'raw'));
    }
    const district = await t.as('mh.handler');
    expect(await computeStats(district, { from, to, groupBy: 'unit' })).toEqual(await computeStats(district, { from, to, groupBy: 'unit' }, 'raw'));
    // folded into the rollup, the deltas give the same figures, and a rebuild from the tickets the same rows
    await foldDailyStats(t.database.db);
    expect(await computeStats(ctx, { from, to, groupBy: 'unit' }, 'rollup')).toEqual(await computeStats(ctx, { from, to, groupBy: 'unit' }, 'raw'));
    const rows = async () =>
      (await t.database.db.select().from(hotlineDailyStats))
        .filter((r) => r.tickets > 0)
        .map((r) => JSON.stringify(r))
        .sort();
    const kept = await rows();
    await rebuildDailyStats(t.database.db);
    expect(await rows()).toEqual(kept);
  });

  it('a district sees only its own units', async () => {
    const cookie = await t.login('mh.handler');
    const s = (await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/stats?from=${from}&to=${to}&groupBy=region`, headers: { cookie } })).json();
    expect(s.groups.every((g: { key: string }) => g.key === '990102')).toBe(true);
  });

  it('exports xlsx', async () => {
    const cookie = await t.login('supervisor');
    const res = await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/stats.xlsx?from=${from}&to=${to}&groupBy=unit`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计', '考核排名', '热点问题']);
    expect(wb.getWorksheet('统计')!.getRow(1).getCell(1).value).toBe('承办单位');
  });
});
