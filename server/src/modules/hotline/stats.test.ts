import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { addCalendarDays, shanghaiDate } from '../../platform/calendar/engine.ts';
import { score } from './stats.ts';

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
    const recent = await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/stats?from=${addCalendarDays(to, -14)}&to=${to}&groupBy=category`, headers: { cookie } });
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
    expect(score({ tickets: 5, onTimeSignRate: null, onTimeConclusionRate: 1, extensionRate: 0, returnRate: 0, solvedRate: null, satisfaction: null })).toBeNull();
    expect(score({ tickets: 5, onTimeSignRate: 1, onTimeConclusionRate: 0.5, extensionRate: 0, returnRate: 0, solvedRate: null, satisfaction: null })).toBe(70);
  });

  it('groups by street within a district', async () => {
    const cookie = await t.login('supervisor');
    const res = await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/stats?from=${from}&to=${to}&groupBy=street&district=990102`, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.groups.length).toBeGreaterThan(1);
    expect(s.groups.every((g: { key: string }) => g.key === '' || g.key.startsWith('990102'))).toBe(true);
    expect(s.groups.map((g: { name: string }) => g.name)).toContain('湖滨街道');
    const district = (await t.app.inject({ method: 'GET', url: `/api/workbench/hotline/stats?from=${from}&to=${to}&groupBy=region`, headers: { cookie } })).json();
    expect(s.totals.tickets).toBe(district.groups.find((g: { key: string }) => g.key === '990102').tickets);
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
