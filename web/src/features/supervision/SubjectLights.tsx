// 电子监察 beside the cases: the lights of hotline tickets (per holding unit) and of the
// rectifications of bad reviews (per department), each figure opening the list behind it (the same
// light function and scope on the server, so the list's total is the figure).
import { useEffect, useRef, useState } from 'react';
import { Button, Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { hasPermission, useMe } from '../../api/auth';
import { EmptyState, ErrorState, QueryView } from '../../components/PageState';
import { formatDate, formatDateTime } from '../../lib/dayjs';
import {
  runningLights,
  useLightRectifications,
  useLightTickets,
  useRectificationLights,
  useTicketLights,
  type LightRectification,
  type LightTicket,
  type RunningLight,
} from './api';
import { LightTag, UrgeModal, UrgeStatusTag } from './ui';

const PAGE_SIZE = 20;

interface Bar {
  key: string;
  name: string;
  green: number;
  yellow: number;
  red: number;
  total: number;
}

/** The selection of one section in the address: `?<prefix>=<unit>&<prefix>Light=red&<prefix>Page=2`. */
function useSelection(prefix: string) {
  const [params, setParams] = useSearchParams();
  const key = params.get(prefix);
  const raw = params.get(`${prefix}Light`) ?? '';
  const light = (runningLights as readonly string[]).includes(raw) ? (raw as RunningLight) : null;
  const page = Number(params.get(`${prefix}Page`)) || 1;
  const set = (k: string | null, l: RunningLight | null, p = 1) =>
    setParams(
      (sp) => {
        for (const n of [prefix, `${prefix}Light`, `${prefix}Page`]) sp.delete(n);
        if (k && l) {
          sp.set(prefix, k);
          sp.set(`${prefix}Light`, l);
          if (p > 1) sp.set(`${prefix}Page`, String(p));
        }
        return sp;
      },
      { replace: true },
    );
  return { key, light, page, set };
}

/** The figures per unit; each non-zero figure is a button opening the list behind it. */
function BarTable({ bars, onPick }: { bars: Bar[]; onPick: (key: string, light: RunningLight) => void }) {
  const { t } = useTranslation();
  return (
    <Table<Bar>
      rowKey="key"
      dataSource={bars}
      pagination={false}
      size="small"
      scroll={{ x: 560 }}
      columns={[
        { key: 'n', title: t('supervision.field.unit'), dataIndex: 'name', render: (v: string) => <span lang="zh-CN">{v}</span> },
        ...runningLights.map((l) => ({
          key: l,
          title: t(`supervision.light.${l}`),
          render: (_: unknown, b: Bar) =>
            b[l] === 0 ? (
              0
            ) : (
              <Button type="link" className="sv-count" onClick={() => onPick(b.key, l)}>
                {b[l]}
                <span className="visually-hidden">{t('supervision.lights.open', { name: b.name, light: t(`supervision.light.${l}`) })}</span>
              </Button>
            ),
        })),
        { key: 'total', title: t('supervision.lights.total'), dataIndex: 'total' },
      ]}
    />
  );
}

function Behind({ bar, light, total, onClose, children }: { bar: Bar; light: RunningLight; total?: number; onClose: () => void; children: React.ReactNode }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [bar.key, light]);
  return (
    <div className="sv-behind">
      <div className="sv-behind-head">
        <h3 ref={heading} tabIndex={-1}>
          <span lang="zh-CN">{bar.name}</span> · {t(`supervision.light.${light}`)} · {total ?? bar[light]}
        </h3>
        <Button size="small" onClick={onClose}>
          {t('supervision.lights.close')}
        </Button>
      </div>
      {children}
    </div>
  );
}

/** Hotline tickets still with their unit, per unit by light. */
export function TicketLights() {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = hasPermission(me.data, 'hotline.ticket.read');
  const q = useTicketLights(allowed);
  const sel = useSelection('ticketUnit');
  if (!allowed) return null;
  return (
    <Card className="sv-section" title={<h2>{t('supervision.tickets.title')}</h2>}>
      <p className="sv-hint">{t('supervision.tickets.intro')}</p>
      <QueryView query={q} isEmpty={(d) => d.length === 0} empty={<EmptyState description={t('supervision.tickets.empty')} />}>
        {(rows) => {
          const bars = rows.map((r) => ({ ...r, key: r.unit, name: r.unitName }));
          const bar = bars.find((b) => b.key === sel.key);
          return (
            <>
              <BarTable bars={bars} onPick={(k, l) => sel.set(k, l)} />
              {bar && sel.light && (
                <TicketsBehind bar={bar} light={sel.light} page={sel.page} onPage={(p) => sel.set(bar.key, sel.light, p)} onClose={() => sel.set(null, null)} />
              )}
            </>
          );
        }}
      </QueryView>
    </Card>
  );
}

function TicketsBehind({
  bar,
  light,
  page,
  onPage,
  onClose,
}: {
  bar: Bar;
  light: RunningLight;
  page: number;
  onPage: (p: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const q = useLightTickets({ unit: bar.key, light, page, pageSize: PAGE_SIZE });
  return (
    <Behind bar={bar} light={light} total={q.data?.total} onClose={onClose}>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<LightTicket>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          tableLayout="fixed"
          scroll={{ x: 760 }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, onChange: onPage, showSizeChanger: false, size: 'small' }}
          columns={[
            {
              key: 'number',
              title: t('supervision.field.ticketNo'),
              width: 200,
              render: (_, r) => (
                <Link to={`/workbench/hotline/tickets/${r.id}`} className="mono">
                  {r.number}
                </Link>
              ),
            },
            {
              key: 'title',
              title: t('supervision.field.ticketTitle'),
              dataIndex: 'title',
              ellipsis: { showTitle: true },
              render: (v: string) => <span lang="zh-CN">{v}</span>,
            },
            { key: 'light', title: t('supervision.field.light'), width: 100, render: (_, r) => <LightTag light={r.light} /> },
            {
              key: 'limit',
              title: t('supervision.field.limit'),
              width: 150,
              render: (_, r) => <span className="mono">{r.dueAt ? formatDateTime(r.dueAt) : r.dueDate ? formatDate(r.dueDate) : '—'}</span>,
            },
            { key: 'urged', title: t('supervision.field.urged'), width: 90, dataIndex: 'urgeCount' },
          ]}
        />
      )}
    </Behind>
  );
}

/** Rectifications of bad reviews the unit still owes (open or appealed), per department by light. */
export function RectificationLights() {
  const { t } = useTranslation();
  const me = useMe();
  const allowed = hasPermission(me.data, 'evaluation.rectification.read');
  const q = useRectificationLights(allowed);
  const sel = useSelection('rectUnit');
  if (!allowed) return null;
  return (
    <Card className="sv-section" title={<h2>{t('supervision.rectifications.title')}</h2>}>
      <p className="sv-hint">{t('supervision.rectifications.intro')}</p>
      <QueryView query={q} isEmpty={(d) => d.length === 0} empty={<EmptyState description={t('supervision.rectifications.empty')} />}>
        {(rows) => {
          const bars = rows.map((r) => ({ ...r, key: r.departmentId, name: r.departmentName }));
          const bar = bars.find((b) => b.key === sel.key);
          return (
            <>
              <BarTable bars={bars} onPick={(k, l) => sel.set(k, l)} />
              {bar && sel.light && (
                <RectificationsBehind
                  bar={bar}
                  light={sel.light}
                  page={sel.page}
                  onPage={(p) => sel.set(bar.key, sel.light, p)}
                  onClose={() => sel.set(null, null)}
                />
              )}
            </>
          );
        }}
      </QueryView>
    </Card>
  );
}

function RectificationsBehind({
  bar,
  light,
  page,
  onPage,
  onClose,
}: {
  bar: Bar;
  light: RunningLight;
  page: number;
  onPage: (p: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const mayUrge = hasPermission(me.data, 'supervision.urge.issue');
  const [urging, setUrging] = useState<LightRectification | null>(null);
  const q = useLightRectifications({ departmentId: bar.key, light, page, pageSize: PAGE_SIZE });
  return (
    <Behind bar={bar} light={light} total={q.data?.total} onClose={onClose}>
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<LightRectification>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          tableLayout="fixed"
          scroll={{ x: 820 }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, onChange: onPage, showSizeChanger: false, size: 'small' }}
          columns={[
            {
              key: 'caseNo',
              title: t('supervision.field.caseNo'),
              width: 200,
              render: (_, r) => (
                <Link to={`/workbench/rectifications/${r.id}`} className="mono">
                  {r.caseNo}
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
            { key: 'light', title: t('supervision.field.light'), width: 100, render: (_, r) => <LightTag light={r.light} /> },
            { key: 'limit', title: t('supervision.field.limit'), width: 110, render: (_, r) => <span className="mono">{formatDate(r.dueOn)}</span> },
            {
              key: 'urge',
              title: t('supervision.field.urge'),
              width: 150,
              render: (_, r) =>
                r.urge ? (
                  <Link to={`/workbench/supervision/urges?caseNo=${encodeURIComponent(r.caseNo)}`}>
                    <UrgeStatusTag urge={r.urge} />
                  </Link>
                ) : mayUrge && r.status === 'open' && (r.light === 'yellow' || r.light === 'red') ? (
                  <Button size="small" danger={r.light === 'red'} onClick={() => setUrging(r)}>
                    {t('supervision.urge.issue')}
                    <span className="visually-hidden">{t('supervision.urge.issueRectification', { caseNo: r.caseNo })}</span>
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {urging && <UrgeModal caseNo={urging.caseNo} rectificationId={urging.id} onClose={() => setUrging(null)} />}
    </Behind>
  );
}
