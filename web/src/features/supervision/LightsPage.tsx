import { useEffect, useRef, useState } from 'react';
import { Button, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { hasPermission, useMe } from '../../api/auth';
import { EmptyState, ErrorState, PageLoading, QueryView } from '../../components/PageState';
import { formatDate } from '../../lib/dayjs';
import { useDocumentTitle } from '../../lib/use-document-title';
import { lightBuckets, useLightCases, useLights, type LightBucket, type LightCase, type LightCount } from './api';
import { LightTag, UrgeModal, UrgeStatusTag } from './ui';
import { RectificationLights, TicketLights } from './SubjectLights';
import './supervision.css';

const PAGE_SIZE = 20;

/**
 * 电子监察: open cases per department by light (yellow: the warning before red), reddest first. A
 * bar of the chart or a figure of the table opens the cases behind it (same light function, same
 * scope: the list's total is the figure), where a supervisor urges a yellow or red case.
 */
export function LightsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supervision.lights.title'));
  const q = useLights();
  const [params, setParams] = useSearchParams();
  const departmentId = params.get('department');
  const light = (lightBuckets as readonly string[]).includes(params.get('light') ?? '') ? (params.get('light') as LightBucket) : null;
  const page = Number(params.get('page')) || 1;
  const pick = (d: string | null, l: LightBucket | null) => {
    const sp = new URLSearchParams();
    if (d && l) {
      sp.set('department', d);
      sp.set('light', l);
    }
    setParams(sp, { replace: true });
  };
  return (
    <>
      <div className="staff-page-header">
        <h1>{t('supervision.lights.title')}</h1>
      </div>
      <p className="sv-hint">{t('supervision.lights.intro')}</p>
      <QueryView
        query={q}
        isEmpty={(d) => d.length === 0}
        empty={
          <Card>
            <EmptyState description={t('supervision.lights.empty')} />
          </Card>
        }
      >
        {(rows) => {
          const bar = rows.find((r) => r.departmentId === departmentId);
          return (
            <>
              <Card className="sv-section" title={<h2>{t('supervision.lights.chart')}</h2>}>
                <LightsChart rows={rows} onPick={pick} />
              </Card>
              {bar && light && (
                <CasesBehind
                  bar={bar}
                  light={light}
                  page={page}
                  onPage={(p) => setParams((sp) => (sp.set('page', String(p)), sp), { replace: true })}
                  onClose={() => pick(null, null)}
                />
              )}
              <Card className="sv-section" title={<h2>{t('supervision.lights.table')}</h2>}>
                <Table<LightCount>
                  rowKey="departmentId"
                  dataSource={rows}
                  pagination={false}
                  scroll={{ x: 640 }}
                  columns={[
                    { key: 'd', title: t('supervision.field.unit'), dataIndex: 'departmentName', render: (v: string) => <span lang="zh-CN">{v}</span> },
                    ...lightBuckets.map((l) => ({
                      key: l,
                      title: t(`supervision.light.${l}`),
                      render: (_: unknown, r: LightCount) =>
                        r[l] === 0 ? (
                          0
                        ) : (
                          <Button type="link" className="sv-count" onClick={() => pick(r.departmentId, l)}>
                            {r[l]}
                            <span className="visually-hidden">
                              {t('supervision.lights.open', { name: r.departmentName, light: t(`supervision.light.${l}`) })}
                            </span>
                          </Button>
                        ),
                    })),
                    { key: 'total', title: t('supervision.lights.total'), dataIndex: 'total' },
                  ]}
                />
              </Card>
            </>
          );
        }}
      </QueryView>
      <TicketLights />
      <RectificationLights />
    </>
  );
}

/** The cases behind one bar, most overdue first, with the urge waiting on each or a 督办 button. */
function CasesBehind({
  bar,
  light,
  page,
  onPage,
  onClose,
}: {
  bar: LightCount;
  light: LightBucket;
  page: number;
  onPage: (p: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const mayUrge = hasPermission(me.data, 'supervision.urge.issue');
  const [urging, setUrging] = useState<string | null>(null);
  const q = useLightCases({ departmentId: bar.departmentId, light, page, pageSize: PAGE_SIZE });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [bar.departmentId, light]);
  return (
    <Card
      className="sv-section"
      title={
        <h2 ref={heading} tabIndex={-1}>
          <span lang="zh-CN">{bar.departmentName}</span> · {t(`supervision.light.${light}`)} · {q.data?.total ?? bar[light]}
        </h2>
      }
      extra={<Button onClick={onClose}>{t('supervision.lights.close')}</Button>}
    >
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<LightCase>
          rowKey="caseNo"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          tableLayout="fixed"
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, onChange: onPage, showSizeChanger: false, size: 'small' }}
          columns={[
            {
              key: 'caseNo',
              title: t('supervision.field.caseNo'),
              width: 200,
              render: (_, c) => (
                <Link to={`/workbench/cases/${encodeURIComponent(c.caseNo)}`} className="mono">
                  <Typography.Text ellipsis={{ tooltip: c.caseNo }} style={{ color: 'inherit' }}>
                    {c.caseNo}
                  </Typography.Text>
                </Link>
              ),
            },
            {
              key: 'item',
              title: t('supervision.field.item'),
              dataIndex: 'itemName',
              ellipsis: { showTitle: true },
              render: (v: string) => <span lang="zh-CN">{v}</span>,
            },
            { key: 'step', title: t('supervision.field.step'), dataIndex: 'stepName', width: 120, render: (v: string) => <span lang="zh-CN">{v}</span> },
            { key: 'light', title: t('supervision.field.light'), width: 100, render: (_, c) => <LightTag light={c.paused ? 'paused' : c.light} /> },
            { key: 'limit', title: t('supervision.field.limit'), width: 110, render: (_, c) => <span className="mono">{formatDate(c.dueDate)}</span> },
            {
              key: 'urge',
              title: t('supervision.field.urge'),
              width: 150,
              render: (_, c) =>
                c.urge ? (
                  <Link to={`/workbench/supervision/urges?caseNo=${encodeURIComponent(c.caseNo)}`}>
                    <UrgeStatusTag urge={c.urge} />
                  </Link>
                ) : mayUrge && (c.light === 'yellow' || c.light === 'red') ? (
                  <Button size="small" danger={c.light === 'red'} onClick={() => setUrging(c.caseNo)}>
                    {t('supervision.urge.issue')}
                    <span className="visually-hidden">{t('supervision.urge.issueCase', { caseNo: c.caseNo })}</span>
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {urging && <UrgeModal caseNo={urging} onClose={() => setUrging(null)} />}
    </Card>
  );
}

/** The chart is loaded on demand; its text alternative is the per-department summary (and the table). */
function LightsChart({ rows, onPick }: { rows: LightCount[]; onPick: (departmentId: string, light: LightBucket) => void }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    void import('./lights-chart').then(({ drawLights }) => {
      if (cancelled || !el.current) return;
      dispose = drawLights(
        el.current,
        rows,
        { red: t('supervision.light.red'), yellow: t('supervision.light.yellow'), green: t('supervision.light.green'), paused: t('supervision.light.paused') },
        (d, l) => pickRef.current(d, l),
      );
      setReady(true);
    });
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [rows, t]);
  const summary = rows
    .map((r) => t('supervision.lights.summary', { name: r.departmentName, red: r.red, yellow: r.yellow, green: r.green, paused: r.paused }))
    .join('; ');
  return (
    <>
      {!ready && <PageLoading />}
      <p className="sv-hint">{t('supervision.lights.pick')}</p>
      <div
        ref={el}
        className="sv-chart"
        role="img"
        aria-label={summary}
        data-testid="sv-lights-chart"
        style={{ height: Math.max(200, rows.length * 40 + 80) }}
      />
    </>
  );
}

export default LightsPage;
