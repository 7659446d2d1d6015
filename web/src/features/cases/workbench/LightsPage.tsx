import { useEffect, useRef, useState } from 'react';
import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, PageLoading, QueryView } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useLights, type LightCount } from '../api';
import '../cases.css';

/** 电子监察: open cases per department by light, reddest first; the chart (ECharts) loads on demand. */
export function LightsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.lights.title'));
  const q = useLights();
  return (
    <>
      <div className="staff-page-header">
        <h1>{t('cases.lights.title')}</h1>
      </div>
      <QueryView
        query={q}
        isEmpty={(d) => d.length === 0}
        empty={
          <Card>
            <EmptyState description={t('cases.lights.empty')} />
          </Card>
        }
      >
        {(rows) => (
          <>
            <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.lights.chart')}</h2>}>
              <LightsChart rows={rows} />
            </Card>
            <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.lights.table')}</h2>}>
              <Table<LightCount>
                rowKey="departmentId"
                dataSource={rows}
                pagination={false}
                scroll={{ x: 640 }}
                columns={[
                  { key: 'd', title: t('cases.field.department'), dataIndex: 'departmentName' },
                  { key: 'red', title: t('cases.light.red'), dataIndex: 'red' },
                  { key: 'yellow', title: t('cases.light.yellow'), dataIndex: 'yellow' },
                  { key: 'green', title: t('cases.light.green'), dataIndex: 'green' },
                  { key: 'paused', title: t('cases.light.paused'), dataIndex: 'paused' },
                  { key: 'total', title: t('cases.lights.total'), dataIndex: 'total' },
                ]}
              />
            </Card>
          </>
        )}
      </QueryView>
    </>
  );
}

/** The chart is loaded on demand; its text alternative is the per-department summary (and the table below). */
function LightsChart({ rows }: { rows: LightCount[] }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let cancelled = false;
    void import('./lights-chart').then(({ drawLights }) => {
      if (cancelled || !el.current) return;
      dispose = drawLights(el.current, rows, {
        red: t('cases.light.red'),
        yellow: t('cases.light.yellow'),
        green: t('cases.light.green'),
        paused: t('cases.light.paused'),
      });
      setReady(true);
    });
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [rows, t]);
  const summary = rows
    .map((r) => t('cases.lights.summary', { name: r.departmentName, red: r.red, yellow: r.yellow, green: r.green, paused: r.paused }))
    .join('; ');
  return (
    <>
      {!ready && <PageLoading />}
      <div
        ref={el}
        className="cs-chart"
        role="img"
        aria-label={summary}
        data-testid="cs-lights-chart"
        style={{ height: Math.max(200, rows.length * 40 + 80) }}
      />
    </>
  );
}

export default LightsPage;
