import { useEffect, useRef, useState } from 'react';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/auth';
import { EmptyState, PageLoading, QueryView } from '../../components/PageState';
import { useDocumentTitle } from '../../lib/use-document-title';
import { lightBuckets, useLightCases, useLights, type LightBucket, type LightCase, type LightCount } from './api';
import { UrgeModal } from './ui';
import { RectificationLights, TicketLights } from './SubjectLights';
import {
  PAGE_SIZE,
  LightList,
  LightTable,
  dateColumn,
  dayOf,
  lightColumn,
  linkColumn,
  textColumn,
  urgeColumn,
  useLightSelection,
  type BehindProps,
} from './LightTable';
import './supervision.css';

/**
 * 电子监察: open cases per department by light (yellow: the warning before red), reddest first. A
 * bar of the chart or a figure of the table opens the cases behind it (same light function, same
 * scope: the list's total is the figure), where a supervisor urges a yellow or red case.
 */
export function LightsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supervision.lights.title'));
  const q = useLights();
  const sel = useLightSelection(lightBuckets, { unit: 'department', light: 'light', page: 'page' });
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
          const bars = rows.map((r) => ({ ...r, key: r.departmentId, name: r.departmentName }));
          const bar = bars.find((r) => r.key === sel.key);
          return (
            <>
              <Card className="sv-section" title={<h2>{t('supervision.lights.chart')}</h2>}>
                <LightsChart rows={rows} onPick={(d, l) => sel.set(d, l)} />
              </Card>
              {bar && sel.light && (
                <CasesBehind bar={bar} light={sel.light} page={sel.page} onPage={(p) => sel.set(bar.key, sel.light, p)} onClose={() => sel.set(null, null)} />
              )}
              <Card className="sv-section" title={<h2>{t('supervision.lights.table')}</h2>}>
                <LightTable subject="cases" lights={lightBuckets} bars={bars} onPick={(d, l) => sel.set(d, l)} scrollX={640} />
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
function CasesBehind(p: BehindProps<LightBucket>) {
  const { t } = useTranslation();
  const me = useMe();
  const [urging, setUrging] = useState<string | null>(null);
  const q = useLightCases({ departmentId: p.bar.key, light: p.light, page: p.page, pageSize: PAGE_SIZE });
  return (
    <LightList<LightCase>
      {...p}
      level={2}
      query={q}
      rowKey="caseNo"
      scrollX={900}
      columns={[
        linkColumn<LightCase>(
          'caseNo',
          t('supervision.field.caseNo'),
          (c) => `/workbench/cases/${encodeURIComponent(c.caseNo)}`,
          (c) => (
            <Typography.Text ellipsis={{ tooltip: c.caseNo }} style={{ color: 'inherit' }}>
              {c.caseNo}
            </Typography.Text>
          ),
        ),
        textColumn<LightCase>('item', t('supervision.field.item'), 'itemName'),
        { key: 'step', title: t('supervision.field.step'), dataIndex: 'stepName', width: 120, render: (v: string) => <span lang="zh-CN">{v}</span> },
        lightColumn<LightCase>(t('supervision.field.light'), (c) => (c.paused ? 'paused' : c.light)),
        dateColumn<LightCase>(t('supervision.field.limit'), (c) => dayOf(c.dueDate)),
        urgeColumn<LightCase>(t('supervision.field.urge'), {
          may: hasPermission(me.data, 'supervision.urge.issue'),
          urgeable: () => true,
          text: t('supervision.urge.issue'),
          label: (c) => t('supervision.urge.issueCase', { caseNo: c.caseNo }),
          onUrge: (c) => setUrging(c.caseNo),
        }),
      ]}
    >
      {urging && <UrgeModal caseNo={urging} onClose={() => setUrging(null)} />}
    </LightList>
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
