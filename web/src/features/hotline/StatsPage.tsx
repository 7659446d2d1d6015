import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, DatePicker, Select, Statistic, Table, type TableColumnsType } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AdminPage } from '../../admin/ui/AdminPage';
import { RequirePermission } from '../../admin/ui/RequirePermission';
import { ErrorState, PageLoading } from '../../components/PageState';
import { dayjs, todayInCity } from '../../lib/dayjs';
import { fetchStats, hotlineKeys, statsXlsxUrl, useChildRegions, useStats, type GroupBy, type Stats } from './api';
import type { EChartsOption } from './charts';
import './hotline.css';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const CITY = '990100';

export function StatsPage() {
  return (
    <RequirePermission permission="hotline.stats.read">
      <StatsView />
    </RequirePermission>
  );
}

/** One chart: echarts is imported on first use (its own chunk), never by the portal. */
function Chart({ option, label }: { option: EChartsOption; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<{ setOption(o: EChartsOption, notMerge?: boolean): void; resize(): void; dispose(): void } | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./charts').then(({ echarts }) => {
      if (disposed || !ref.current) return;
      chart.current = echarts.init(ref.current, undefined, { renderer: 'svg' });
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(ref.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    if (ready) chart.current?.setOption(option, true);
  }, [ready, option]);
  return (
    <div role="img" aria-label={label} className="hl-chart" ref={ref}>
      {!ready && <PageLoading />}
    </div>
  );
}

function StatsView() {
  const { t } = useTranslation();
  const today = todayInCity();
  const [range, setRange] = useState<[string, string]>([dayjs(today).subtract(29, 'day').format('YYYY-MM-DD'), today]);
  const [groupBy, setGroupBy] = useState<GroupBy>('unit');
  const [from, to] = range;
  const main = useStats({ from, to, groupBy });
  const byDay = useStats({ from, to, groupBy: 'day' });
  const byCategory = useStats({ from, to, groupBy: 'category' });
  const districts = useChildRegions(CITY);

  // The heat grid: districts × weeks of the period (one region-grouped call per week).
  const weeks = useMemo(() => {
    const out: [string, string][] = [];
    let end = dayjs(to);
    const start = dayjs(from);
    while (!end.isBefore(start) && out.length < 8) {
      const s = end.subtract(6, 'day');
      out.unshift([(s.isBefore(start) ? start : s).format('YYYY-MM-DD'), end.format('YYYY-MM-DD')]);
      end = s.subtract(1, 'day');
    }
    return out;
  }, [from, to]);
  const weekly = useQueries({
    queries: weeks.map(([f, tt]) => ({
      queryKey: [...hotlineKeys.stats, { from: f, to: tt, groupBy: 'region' }],
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchStats({ from: f, to: tt, groupBy: 'region' }, signal),
    })),
  });

  const trend = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 30 },
      xAxis: { type: 'category', data: (byDay.data?.groups ?? []).map((g) => g.key) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'line', smooth: true, areaStyle: {}, name: t('hotline.stats.tickets'), data: (byDay.data?.groups ?? []).map((g) => g.tickets) }],
    }),
    [byDay.data, t],
  );
  const share = useMemo<EChartsOption>(() => {
    const groups = [...(byCategory.data?.groups ?? [])].sort((a, b) => b.tickets - a.tickets);
    const top = groups.slice(0, 9);
    const rest = groups.slice(9).reduce((n, g) => n + g.tickets, 0);
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '70%'],
          center: ['35%', '50%'],
          label: { show: false },
          data: [...top.map((g) => ({ name: g.name, value: g.tickets })), ...(rest ? [{ name: '…', value: rest }] : [])],
        },
      ],
    };
  }, [byCategory.data]);
  const heat = useMemo<EChartsOption>(() => {
    const rows = (districts.data?.items ?? []).filter((r) => r.level === 'district');
    const data: [number, number, number][] = [];
    let max = 1;
    weekly.forEach((w, x) => {
      const counts = new Map((w.data?.groups ?? []).map((g) => [g.key, g.tickets]));
      rows.forEach((r, y) => {
        const n = counts.get(r.code) ?? 0;
        max = Math.max(max, n);
        data.push([x, y, n]);
      });
    });
    return {
      tooltip: { position: 'top' },
      grid: { left: 90, right: 16, top: 10, bottom: 80 },
      xAxis: { type: 'category', data: weeks.map(([f]) => f.slice(5)), splitArea: { show: true } },
      yAxis: { type: 'category', data: rows.map((r) => r.name), splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f5f9ff', '#f0b400', '#d4380d'] } },
      series: [{ type: 'heatmap', data, label: { show: true } }],
    };
    // weekly is a new array each render; its data is what matters
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [districts.data, weeks, ...weekly.map((w) => w.data)]);
  const hot = useMemo<EChartsOption>(() => {
    const items = [...(main.data?.hotCategories ?? [])].reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 110, right: 30, top: 10, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: items.map((h) => h.name) },
      series: [{ type: 'bar', data: items.map((h) => h.rise), label: { show: true, position: 'right' } }],
    };
  }, [main.data]);

  const columns: TableColumnsType<Stats['groups'][number] & { rank?: number | null; score?: number | null }> = [
    ...(groupBy === 'unit' ? [{ title: t('hotline.stats.rank'), dataIndex: 'rank', width: 70 }] : []),
    { title: t('hotline.stats.unit'), dataIndex: 'name' },
    { title: t('hotline.stats.tickets'), dataIndex: 'tickets', align: 'right' as const },
    ...(groupBy === 'unit'
      ? [
          {
            title: t('hotline.stats.score'),
            dataIndex: 'score',
            align: 'right' as const,
            render: (v?: number | null) => (v === undefined ? '—' : v === null ? t('hotline.stats.notScored') : v.toFixed(1)),
          },
        ]
      : []),
    { title: t('hotline.stats.onTimeSignRate'), dataIndex: 'onTimeSignRate', align: 'right' as const, render: pct },
    { title: t('hotline.stats.onTimeConclusionRate'), dataIndex: 'onTimeConclusionRate', align: 'right' as const, render: pct },
    { title: t('hotline.stats.extensionRate'), dataIndex: 'extensionRate', align: 'right' as const, render: pct },
    { title: t('hotline.stats.returnRate'), dataIndex: 'returnRate', align: 'right' as const, render: pct },
    { title: t('hotline.stats.solvedRate'), dataIndex: 'solvedRate', align: 'right' as const, render: pct },
    {
      title: t('hotline.stats.satisfaction'),
      dataIndex: 'satisfaction',
      align: 'right' as const,
      render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
    },
  ];
  const rows = useMemo(() => {
    const groups = main.data?.groups ?? [];
    if (groupBy !== 'unit') return groups;
    const rank = new Map((main.data?.ranking ?? []).map((r) => [r.key, r]));
    return groups
      .map((g) => ({ ...g, rank: rank.get(g.key)?.rank, score: rank.get(g.key)?.score }))
      .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || b.tickets - a.tickets);
  }, [main.data, groupBy]);

  const totals = main.data?.totals;
  const card = (title: string, node: React.ReactNode) => (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1em' }}>{title}</h2>}>
      {node}
    </Card>
  );

  return (
    <AdminPage
      title={t('hotline.stats.title')}
      actions={
        <Button href={statsXlsxUrl({ from, to, groupBy })} download>
          {t('hotline.stats.export')}
        </Button>
      }
    >
      <div className="list-toolbar">
        <DatePicker.RangePicker
          aria-label={t('hotline.stats.range')}
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
        />
        <Select<GroupBy>
          aria-label={t('hotline.stats.unit')}
          style={{ width: 140 }}
          value={groupBy}
          onChange={setGroupBy}
          options={[
            { value: 'unit', label: t('hotline.stats.unit') },
            { value: 'category', label: t('hotline.field.categoryId') },
            { value: 'region', label: t('hotline.field.regionCode') },
            { value: 'street', label: t('hotline.stats.street') },
            { value: 'day', label: t('hotline.stats.trend') },
          ]}
        />
      </div>
      {main.isError && !main.data ? (
        <ErrorState error={main.error} onRetry={() => void main.refetch()} />
      ) : (
        <>
          <Card size="small">
            <div className="hl-kpis" data-testid="hl-kpis">
              <Statistic
                title={t('hotline.stats.tickets')}
                value={totals?.tickets ?? '—'}
                loading={main.isPending}
                valueRender={(n) => <span data-testid="hl-total">{n}</span>}
              />
              <Statistic title={t('hotline.stats.onTimeSignRate')} value={pct(totals?.onTimeSignRate ?? null)} loading={main.isPending} />
              <Statistic title={t('hotline.stats.onTimeConclusionRate')} value={pct(totals?.onTimeConclusionRate ?? null)} loading={main.isPending} />
              <Statistic title={t('hotline.stats.extensionRate')} value={pct(totals?.extensionRate ?? null)} loading={main.isPending} />
              <Statistic title={t('hotline.stats.returnRate')} value={pct(totals?.returnRate ?? null)} loading={main.isPending} />
              <Statistic title={t('hotline.stats.solvedRate')} value={pct(totals?.solvedRate ?? null)} loading={main.isPending} />
              <Statistic title={t('hotline.stats.satisfaction')} value={totals?.satisfaction?.toFixed(2) ?? '—'} loading={main.isPending} />
            </div>
          </Card>
          <div className="hl-stats-grid">
            {card(t('hotline.stats.trend'), <Chart option={trend} label={t('hotline.stats.trend')} />)}
            {card(t('hotline.stats.share'), <Chart option={share} label={t('hotline.stats.share')} />)}
            {card(
              t('hotline.stats.heat'),
              <>
                <Chart option={heat} label={t('hotline.stats.heatHint')} />
                <small>{t('hotline.stats.heatHint')}</small>
              </>,
            )}
            {card(
              t('hotline.stats.hot'),
              <>
                <Chart option={hot} label={t('hotline.stats.hot')} />
                <ol className="visually-hidden" data-testid="hl-hot">
                  {(main.data?.hotCategories ?? []).map((h) => (
                    <li key={h.categoryId}>
                      {h.name} {t('hotline.stats.rise', { count: h.rise })}
                    </li>
                  ))}
                </ol>
              </>,
            )}
          </div>
          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={<h2 style={{ margin: 0, fontSize: '1em' }}>{groupBy === 'unit' ? t('hotline.stats.ranking') : t('hotline.stats.title')}</h2>}
          >
            <Table
              aria-label={t('hotline.stats.ranking')}
              rowKey="key"
              size="small"
              loading={main.isFetching}
              columns={columns}
              dataSource={rows}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
            />
          </Card>
        </>
      )}
    </AdminPage>
  );
}

export default StatsPage;
