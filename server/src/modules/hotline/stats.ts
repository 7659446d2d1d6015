import { newWorkbook } from '../../platform/excel.ts';
import type { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { addCalendarDays } from '../../platform/calendar/engine.ts';
import { AppError } from '../../platform/errors.ts';
import { listAllRegions } from '../org/index.ts';
import { hotlinePermissions as P, scopes } from './policy.ts';
import { allCategories } from './reference.ts';
import type { StatsQuery } from './schemas.ts';
import { statsRepo, type Raw, type StatsSource } from './stats-repository.ts';

export type { StatsSource } from './stats-repository.ts';

const rate = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 1000) / 1000 : null);

function metrics(r: Raw) {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    tickets: n(r.tickets),
    onTimeSignRate: rate(n(r.signed_on_time), n(r.signed)),
    onTimeConclusionRate: rate(n(r.concluded_on_time), n(r.concluded)),
    extensionRate: rate(n(r.extended), n(r.tickets)),
    returnRate: rate(n(r.returned), n(r.tickets)),
    solvedRate: rate(n(r.solved), n(r.followed)),
    satisfaction: r.satisfaction === null ? null : Math.round(Number(r.satisfaction) * 100) / 100,
  };
}

export type Metrics = ReturnType<typeof metrics>;

/**
 * 统一考核 score (0–100): on-time sign 20, on-time conclusion 30, solved 20, satisfaction 30, over the
 * parts the unit has data for (weights rescaled). A unit that signed nothing (the center, which only
 * answers directly and dispatches) has no score: `null`, shown as n/a and ranked after every scored unit.
 */
export function score(m: Metrics): number | null {
  if (m.onTimeSignRate === null) return null;
  const parts: [number | null, number][] = [
    [m.onTimeSignRate, 20],
    [m.onTimeConclusionRate, 30],
    [m.solvedRate, 20],
    [m.satisfaction === null ? null : m.satisfaction / 5, 30],
  ];
  const known = parts.filter((p): p is [number, number] => p[0] !== null);
  const weight = known.reduce((n, [, w]) => n + w, 0);
  return Math.round((known.reduce((n, [v, w]) => n + v * w, 0) / weight) * 1000) / 10;
}

/** Scored units by score (then tickets), numbered; units without a score after them, without a rank. */
export function rankUnits<G extends Metrics & { key: string; name: string }>(groups: G[]) {
  const scored = groups.filter((g) => g.tickets >= 3).map((g) => ({ key: g.key, name: g.name, tickets: g.tickets, score: score(g) }));
  const ranked = scored.filter((g) => g.score !== null).sort((a, b) => b.score! - a.score! || b.tickets - a.tickets);
  const unranked = scored.filter((g) => g.score === null).sort((a, b) => b.tickets - a.tickets);
  return [...ranked.map((g, i) => ({ rank: (i + 1) as number | null, ...g })), ...unranked.map((g) => ({ rank: null as number | null, ...g }))];
}

export async function computeStats(ctx: Ctx, q: z.infer<typeof StatsQuery>, source: StatsSource = 'rollup') {
  if (q.from > q.to) throw new AppError('request.invalid', { fields: [{ field: 'from', code: 'invalid_value' }] });
  const scope = scopes(ctx.actor, P.stats);
  // Hot issues: categories rising most against the window of the same length before.
  const days = Math.round((Date.parse(q.to) - Date.parse(q.from)) / 86400_000) + 1;
  const { totals, rows, current, before } = await statsRepo.figures(
    ctx.database.db,
    source,
    q.groupBy,
    { from: q.from, to: q.to, district: q.district, scope },
    { from: addCalendarDays(q.from, -days), to: addCalendarDays(q.from, -1), district: q.district, scope },
  );

  const categories = new Map((await allCategories(ctx)).map((c) => [c.id, c.name]));
  const regions = new Map((await listAllRegions(ctx)).map((r) => [r.code, r.name]));
  const nameOf = (r: Raw) =>
    (q.groupBy === 'category' ? categories.get(r.key ?? '') : q.groupBy === 'region' || q.groupBy === 'street' ? regions.get(r.key ?? '') : r.label) ??
    r.key ??
    '（未定）';
  const groups = rows.map((r) => ({ key: r.key ?? '', name: nameOf(r), ...metrics(r) }));
  const ranking = q.groupBy === 'unit' ? rankUnits(groups) : [];

  const prev = new Map(before.map((r) => [r.key, Number(r.n)]));
  const hotCategories = current
    .map((r) => ({ categoryId: r.key, name: categories.get(r.key) ?? r.key, tickets: Number(r.n), previous: prev.get(r.key) ?? 0 }))
    .map((r) => ({ ...r, rise: r.tickets - r.previous }))
    .filter((r) => r.rise > 0 && r.tickets > 0)
    .sort((a, b) => b.rise - a.rise || b.tickets - a.tickets)
    .slice(0, 10);

  return { from: q.from, to: q.to, groupBy: q.groupBy, totals: metrics(totals), groups, ranking, hotCategories };
}

const pct = (v: number | null) => (v === null ? '' : v);

export async function statsWorkbook(ctx: Ctx, q: z.infer<typeof StatsQuery>): Promise<Buffer> {
  const s = await computeStats(ctx, q);
  const wb = await newWorkbook();
  wb.creator = 'yiwang';
  const sheet = wb.addWorksheet('统计');
  sheet.columns = [
    { header: { unit: '承办单位', category: '分类', region: '区县', street: '街道', day: '日期' }[q.groupBy], key: 'name', width: 30 },
    { header: '工单数', key: 'tickets', width: 10 },
    { header: '按时签收率', key: 'onTimeSignRate', width: 12, style: { numFmt: '0.0%' } },
    { header: '按时办结率', key: 'onTimeConclusionRate', width: 12, style: { numFmt: '0.0%' } },
    { header: '延期率', key: 'extensionRate', width: 10, style: { numFmt: '0.0%' } },
    { header: '退单率', key: 'returnRate', width: 10, style: { numFmt: '0.0%' } },
    { header: '解决率', key: 'solvedRate', width: 10, style: { numFmt: '0.0%' } },
    { header: '满意度(1-5)', key: 'satisfaction', width: 12 },
  ];
  for (const g of [...s.groups, { ...s.totals, name: '合计' }]) {
    sheet.addRow({
      ...g,
      onTimeSignRate: pct(g.onTimeSignRate),
      onTimeConclusionRate: pct(g.onTimeConclusionRate),
      extensionRate: pct(g.extensionRate),
      returnRate: pct(g.returnRate),
      solvedRate: pct(g.solvedRate),
      satisfaction: g.satisfaction ?? '',
    });
  }
  sheet.getRow(1).font = { bold: true };
  if (s.ranking.length) {
    const r = wb.addWorksheet('考核排名');
    r.columns = [
      { header: '名次', key: 'rank', width: 8 },
      { header: '承办单位', key: 'name', width: 30 },
      { header: '工单数', key: 'tickets', width: 10 },
      { header: '得分', key: 'score', width: 10 },
    ];
    for (const x of s.ranking) r.addRow({ ...x, rank: x.rank ?? '', score: x.score ?? '不参评' });
  }
  const hot = wb.addWorksheet('热点问题');
  hot.columns = [
    { header: '分类', key: 'name', width: 24 },
    { header: '本期', key: 'tickets', width: 10 },
    { header: '上期', key: 'previous', width: 10 },
    { header: '增加', key: 'rise', width: 10 },
  ];
  for (const x of s.hotCategories) hot.addRow(x);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
