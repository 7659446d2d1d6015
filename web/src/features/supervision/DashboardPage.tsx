import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, DatePicker, Select, Statistic, Table } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { EmptyState, PageLoading, QueryView } from '../../components/PageState';
import { isApiError } from '../../api/errors';
import { dayjs, formatDateTime, todayInCity } from '../../lib/dayjs';
import { useDocumentTitle } from '../../lib/use-document-title';
import { dashboardXlsxUrl, useDashboard, type Dashboard, type DashboardGroup, type DashboardQuery } from './api';
import { monthlyReportUrl, refreshDashboardNow, useMonthlyReports } from './dashboard-api';
import './supervision.css';

type GroupBy = NonNullable<DashboardQuery['groupBy']>;
type Kpi =
  | 'received'
  | 'concluded'
  | 'onTime'
  | 'onlineShare'
  | 'onTimeRate'
  | 'avgWorkingDays'
  | 'zeroVisitShare'
  | 'oneVisitShare'
  | 'satisfaction'
  | 'evaluations'
  | 'badReviews';
type HotlineKpi = 'answeredRate' | 'onTimeRate' | 'resolvedRate' | 'satisfaction';
const groupings: GroupBy[] = ['department', 'item', 'region'];
const isDate = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : v.toFixed(1));
/** The e-supervision list of a department's open cases (its red ones first): where a leader follows a slow unit up. */
const lightsOf = (departmentId: string) => `/workbench/supervision/lights?department=${encodeURIComponent(departmentId)}&light=red`;

/**
 * 领导驾驶舱 (docs/supervision.md): the cases' figures of a period in the reader's scope — KPI
 * cards, a trend per day or month, a bar per department, item or region, and the table. The period
 * and grouping are in the address; a department's bar opens its cases in 电子监察.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supervision.dashboard.title'));
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = todayInCity();
  const from = isDate(params.get('from')) ? params.get('from')! : dayjs(today).subtract(29, 'day').format('YYYY-MM-DD');
  const to = isDate(params.get('to')) ? params.get('to')! : today;
  const groupBy = (groupings as string[]).includes(params.get('groupBy') ?? '') ? (params.get('groupBy') as GroupBy) : 'department';
  const set = (next: Partial<{ from: string; to: string; groupBy: GroupBy }>) =>
    setParams(new URLSearchParams({ from, to, groupBy, ...next }), { replace: true });
  const q = useDashboard({ from, to, groupBy });
  const onPick = groupBy === 'department' ? (g: DashboardGroup) => navigate(lightsOf(g.key)) : undefined;
  return (
    <>
      <div className="staff-page-header">
        <h1>{t('supervision.dashboard.title')}</h1>
      </div>
      <p className="sv-hint">{t('supervision.dashboard.intro')}</p>
      <div className="sv-filter">
        <DatePicker.RangePicker
          aria-label={t('supervision.dashboard.period')}
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
        />
        <Select<GroupBy>
          aria-label={t('supervision.dashboard.groupBy')}
          style={{ width: 140 }}
          value={groupBy}
          onChange={(g) => set({ groupBy: g })}
          options={groupings.map((g) => ({ value: g, label: t(`supervision.dashboard.by.${g}`) }))}
        />
        <Button href={dashboardXlsxUrl({ from, to, groupBy })} download>
          {t('supervision.dashboard.export')}
        </Button>
        <RefreshButton />
      </div>
      <QueryView query={q}>
        {(d) => (
          <>
            <Kpis d={d} />
            {d.totals.received + d.totals.concluded === 0 ? (
              <Card>
                <EmptyState description={t('supervision.dashboard.empty')} />
              </Card>
            ) : (
              <>
                <Card className="sv-section" title={<h2>{t(`supervision.dashboard.trend.${d.trendUnit}`)}</h2>}>
                  <Chart d={d} kind="trend" />
                </Card>
                <Card className="sv-section" title={<h2>{t(`supervision.dashboard.by.${groupBy}`)}</h2>}>
                  {onPick && <p className="sv-hint">{t('supervision.dashboard.pick')}</p>}
                  <Chart d={d} kind="groups" onPick={onPick} />
                </Card>
                <Card className="sv-section" title={<h2>{t('supervision.dashboard.compare')}</h2>}>
                  <Chart d={d} kind="comparison" />
                </Card>
                {d.groups.some((g) => g.evaluations > 0) && (
                  <Card className="sv-section" title={<h2>{t('supervision.dashboard.satisfactionBy', { by: t(`supervision.dashboard.by.${groupBy}`) })}</h2>}>
                    <Chart d={d} kind="satisfaction" onPick={onPick} />
                  </Card>
                )}
                <Card className="sv-section" title={<h2>{t('supervision.lights.table')}</h2>}>
                  <GroupTable d={d} groupBy={groupBy} />
                </Card>
              </>
            )}
          </>
        )}
      </QueryView>
      <Reports />
    </>
  );
}

/** 立即刷新: the hourly recount run now; the figures are read again when it is done. */
function RefreshButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const run = useMutation({
    mutationFn: refreshDashboardNow,
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['supervision', 'dashboard'] });
      void message.success(t('supervision.dashboard.refreshed', { time: formatDateTime(r.refreshedAt) }));
    },
    onError: (e) => void message.error(isApiError(e) ? e.message : String(e)),
  });
  return (
    <Button loading={run.isPending} onClick={() => run.mutate()}>
      {t('supervision.dashboard.refresh')}
    </Button>
  );
}

/** 月度报告: the PDFs the monthly job stored, for a reader over a whole city. */
function Reports() {
  const { t } = useTranslation();
  const q = useMonthlyReports();
  if (!q.data?.items.length) return null;
  return (
    <Card className="sv-section" title={<h2>{t('supervision.dashboard.reports')}</h2>}>
      <ul className="sv-reports">
        {q.data.items.map((r) => (
          <li key={`${r.month}/${r.regionCode}`}>
            <a href={monthlyReportUrl(r)} download>
              <span lang="zh-CN">{r.regionName}</span> {r.month} (PDF)
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Kpis({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const f = d.totals;
  const p = d.previous.totals;
  const h = d.hotline;
  const hp = d.previous.hotline;
  const cards: [string, string | number, string | number][] = [
    [t('supervision.dashboard.kpi.received'), f.received, p.received],
    [t('supervision.dashboard.kpi.concluded'), f.concluded, p.concluded],
    [t('supervision.dashboard.kpi.onlineShare'), pct(f.onlineShare), pct(p.onlineShare)],
    [t('supervision.dashboard.kpi.zeroVisitShare'), pct(f.zeroVisitShare), pct(p.zeroVisitShare)],
    [t('supervision.dashboard.kpi.oneVisitShare'), pct(f.oneVisitShare), pct(p.oneVisitShare)],
    [t('supervision.dashboard.kpi.onTimeRate'), pct(f.onTimeRate), pct(p.onTimeRate)],
    [t('supervision.dashboard.kpi.avgWorkingDays'), `${num(f.avgWorkingDays)} / ${num(f.avgPromisedDays)}`, num(p.avgWorkingDays)],
    [t('supervision.dashboard.kpi.satisfaction'), pct(f.satisfaction), pct(p.satisfaction)],
    [t('supervision.dashboard.kpi.evaluations'), `${f.evaluations} / ${f.badReviews}`, `${p.evaluations} / ${p.badReviews}`],
    ...(['answeredRate', 'onTimeRate', 'resolvedRate'] as HotlineKpi[]).map((k): [string, string, string] => [
      t(`supervision.dashboard.hotline.${k}`),
      pct(h[k]),
      pct(hp[k]),
    ]),
    [t('supervision.dashboard.hotline.satisfaction'), num(h.satisfaction), num(hp.satisfaction)],
  ];
  return (
    <div className="sv-kpis">
      {cards.map(([title, v, before]) => (
        <Card key={title} size="small">
          <Statistic title={title} value={v} />
          <div className="sv-hint">{t('supervision.dashboard.before', { value: before })}</div>
        </Card>
      ))}
    </div>
  );
}

function GroupTable({ d, groupBy }: { d: Dashboard; groupBy: GroupBy }) {
  const { t } = useTranslation();
  const k = (key: Kpi) => t(`supervision.dashboard.kpi.${key}`);
  return (
    <Table<DashboardGroup>
      rowKey="key"
      size="small"
      dataSource={d.groups}
      pagination={d.groups.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 1100 }}
      columns={[
        {
          key: 'name',
          title: t(`supervision.dashboard.by.${groupBy}`),
          render: (_, g) =>
            groupBy === 'department' ? (
              <Link to={lightsOf(g.key)} lang="zh-CN">
                {g.name}
              </Link>
            ) : (
              <span lang="zh-CN">{g.name}</span>
            ),
        },
        { key: 'r', title: k('received'), dataIndex: 'received', align: 'right' },
        { key: 'c', title: k('concluded'), dataIndex: 'concluded', align: 'right' },
        { key: 'o', title: k('onlineShare'), align: 'right', render: (_, g) => pct(g.onlineShare) },
        { key: 't', title: k('onTimeRate'), align: 'right', render: (_, g) => pct(g.onTimeRate) },
        { key: 'w', title: k('avgWorkingDays'), align: 'right', render: (_, g) => `${num(g.avgWorkingDays)} / ${num(g.avgPromisedDays)}` },
        { key: 'z', title: k('zeroVisitShare'), align: 'right', render: (_, g) => pct(g.zeroVisitShare) },
        { key: 's', title: k('satisfaction'), align: 'right', render: (_, g) => pct(g.satisfaction) },
        {
          key: 'b',
          title: k('badReviews'),
          align: 'right',
          render: (_, g) => (g.badReviews > 0 ? <Link to="/workbench/rectifications">{g.badReviews}</Link> : g.badReviews),
        },
        ...(groupBy === 'department'
          ? [
              {
                key: 'h',
                title: t('supervision.dashboard.hotline.resolvedRate'),
                align: 'right' as const,
                render: (_: unknown, g: DashboardGroup) => pct(g.hotline?.resolvedRate ?? null),
              },
            ]
          : []),
      ]}
    />
  );
}

/** A chart loaded on demand (ECharts is its own chunk); its text alternative is a summary of the figures. */
function Chart({ d, kind, onPick }: { d: Dashboard; kind: 'trend' | 'groups' | 'comparison' | 'satisfaction'; onPick?: (g: DashboardGroup) => void }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const pickable = !!onPick;
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    const k = (key: Kpi) => t(`supervision.dashboard.kpi.${key}`);
    const pick = pickable ? (g: DashboardGroup) => pickRef.current?.(g) : undefined;
    void import('./dashboard-chart').then(({ drawComparison, drawGroups, drawSatisfaction, drawTrend }) => {
      if (cancelled || !el.current) return;
      if (kind === 'trend')
        dispose = drawTrend(el.current, d.trend, { received: k('received'), concluded: k('concluded'), onTime: k('onTime'), evaluations: k('evaluations') });
      else if (kind === 'groups') dispose = drawGroups(el.current, d.groups.slice(0, 15), { received: k('received'), concluded: k('concluded') }, pick);
      else if (kind === 'satisfaction') dispose = drawSatisfaction(el.current, d.groups.slice(0, 15), k('satisfaction'), pick);
      else
        dispose = drawComparison(el.current, comparisonRows(d, t), {
          now: t('supervision.dashboard.now'),
          before: t('supervision.dashboard.previous', { from: d.previous.from, to: d.previous.to }),
        });
      setReady(true);
    });
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [d, kind, pickable, t]);
  const summary =
    kind === 'comparison'
      ? comparisonRows(d, t)
          .map((r) => `${r.label}: ${pct(r.now)} / ${pct(r.before)}`)
          .join('; ')
      : kind === 'satisfaction'
        ? d.groups
            .filter((g) => g.evaluations > 0)
            .slice(0, 15)
            .map((g) => `${g.name}: ${pct(g.satisfaction)}`)
            .join('; ')
        : kind === 'trend'
          ? d.trend.map((p) => t('supervision.dashboard.trendSummary', { period: p.period, received: p.received, concluded: p.concluded })).join('; ')
          : d.groups
              .slice(0, 15)
              .map((g) => t('supervision.dashboard.groupSummary', { name: g.name, received: g.received, concluded: g.concluded }))
              .join('; ');
  const rows =
    kind === 'groups'
      ? Math.min(d.groups.length, 15)
      : kind === 'satisfaction'
        ? Math.min(d.groups.filter((g) => g.evaluations > 0).length, 15)
        : kind === 'comparison'
          ? 8
          : 0;
  return (
    <>
      {!ready && <PageLoading />}
      <div ref={el} className="sv-chart" role="img" aria-label={summary} style={{ height: kind === 'trend' ? 320 : Math.max(200, rows * 36 + 80) }} />
    </>
  );
}

/** The rates compared with the period before: the cases', satisfaction and the hotline's 三率. */
function comparisonRows(d: Dashboard, t: TFunction) {
  const f = d.totals;
  const p = d.previous.totals;
  const rows: [string, number | null, number | null][] = [
    [t('supervision.dashboard.kpi.onlineShare'), f.onlineShare, p.onlineShare],
    [t('supervision.dashboard.kpi.zeroVisitShare'), f.zeroVisitShare, p.zeroVisitShare],
    [t('supervision.dashboard.kpi.oneVisitShare'), f.oneVisitShare, p.oneVisitShare],
    [t('supervision.dashboard.kpi.onTimeRate'), f.onTimeRate, p.onTimeRate],
    [t('supervision.dashboard.kpi.satisfaction'), f.satisfaction, p.satisfaction],
    [t('supervision.dashboard.hotline.answeredRate'), d.hotline.answeredRate, d.previous.hotline.answeredRate],
    [t('supervision.dashboard.hotline.onTimeRate'), d.hotline.onTimeRate, d.previous.hotline.onTimeRate],
    [t('supervision.dashboard.hotline.resolvedRate'), d.hotline.resolvedRate, d.previous.hotline.resolvedRate],
  ];
  return rows.map(([label, now, before]) => ({ label, now, before }));
}

export default DashboardPage;
