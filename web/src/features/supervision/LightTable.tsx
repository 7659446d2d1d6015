// The pieces 电子监察 shows for every subject (cases, hotline tickets, rectifications): the figures
// per unit by light, each a button opening the list behind it, and that list (same light function
// and scope on the server, so the list's total is the figure), with the urge column.
import { useEffect, useRef } from 'react';
import { Button, Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../components/PageState';
import { formatDate } from '../../lib/dayjs';
import type { LightBucket, Urge } from './api';
import { LightTag, UrgeStatusTag } from './ui';

export const PAGE_SIZE = 20;

/** What a light table lists: its figures' button names and the urge links differ per subject. */
export type Subject = 'cases' | 'tickets' | 'rectifications';
const openKey = {
  cases: 'supervision.lights.open',
  tickets: 'supervision.lights.openTickets',
  rectifications: 'supervision.lights.openRectifications',
} as const;

/** One unit's figures: `key` identifies the unit, `name` is shown. */
export type Bar<L extends string> = { key: string; name: string; total: number } & Record<L, number>;

/** The selection of one table in the address: the unit, the light and the page, under the given parameter names. */
export function useLightSelection<L extends string>(lights: readonly L[], names: { unit: string; light: string; page: string }) {
  const [params, setParams] = useSearchParams();
  const key = params.get(names.unit);
  const raw = params.get(names.light) ?? '';
  const light = (lights as readonly string[]).includes(raw) ? (raw as L) : null;
  const page = Number(params.get(names.page)) || 1;
  const set = (k: string | null, l: L | null, p = 1) =>
    setParams(
      (sp) => {
        for (const n of Object.values(names)) sp.delete(n);
        if (k && l) {
          sp.set(names.unit, k);
          sp.set(names.light, l);
          if (p > 1) sp.set(names.page, String(p));
        }
        return sp;
      },
      { replace: true },
    );
  return { key, light, page, set };
}

/** The figures per unit; each non-zero figure is a button opening the list behind it. */
export function LightTable<L extends string>({
  subject,
  lights,
  bars,
  onPick,
  scrollX = 560,
}: {
  subject: Subject;
  lights: readonly L[];
  bars: Bar<L>[];
  onPick: (key: string, light: L) => void;
  scrollX?: number;
}) {
  const { t } = useTranslation();
  return (
    <Table<Bar<L>>
      rowKey="key"
      dataSource={bars}
      pagination={false}
      size="small"
      scroll={{ x: scrollX }}
      columns={[
        { key: 'n', title: t('supervision.field.unit'), dataIndex: 'name', render: (v: string) => <span lang="zh-CN">{v}</span> },
        ...lights.map((l) => ({
          key: l,
          title: t(`supervision.light.${l as LightBucket}`),
          render: (_: unknown, b: Bar<L>) =>
            b[l] === 0 ? (
              0
            ) : (
              <Button type="link" className="sv-count" onClick={() => onPick(b.key, l)}>
                {b[l]}
                <span className="visually-hidden">{t(openKey[subject], { name: b.name, light: t(`supervision.light.${l as LightBucket}`) })}</span>
              </Button>
            ),
        })),
        { key: 'total', title: t('supervision.lights.total'), dataIndex: 'total' },
      ]}
    />
  );
}

interface Page<T> {
  items: T[];
  total: number;
}

/** Which list is open: the unit's figures, the light picked, the page, and how to move or close it. */
export interface BehindProps<L extends string> {
  bar: Bar<L>;
  light: L;
  page: number;
  onPage: (p: number) => void;
  onClose: () => void;
}

/**
 * The rows behind one figure, paged, under a heading naming the unit, the light and the total
 * (focused when it opens). `level` 2: a section of its own (the cases); 3: inside its table's section.
 */
export function LightList<T extends object, L extends LightBucket = LightBucket>({
  bar,
  light,
  query,
  page,
  onPage,
  onClose,
  rowKey,
  columns,
  scrollX,
  level = 3,
  children,
}: BehindProps<L> & {
  query: UseQueryResult<Page<T>>;
  rowKey: keyof T & string;
  columns: ColumnsType<T>;
  scrollX: number;
  level?: 2 | 3;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const name = bar.name;
  useEffect(() => heading.current?.focus(), [name, light]);
  const H = level === 2 ? 'h2' : 'h3';
  const title = (
    <H ref={heading} tabIndex={-1}>
      <span lang="zh-CN">{name}</span> · {t(`supervision.light.${light}`)} · {query.data?.total ?? bar[light]}
    </H>
  );
  const close = (
    <Button size={level === 2 ? undefined : 'small'} onClick={onClose}>
      {t('supervision.lights.close')}
    </Button>
  );
  const body = (
    <>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<T>
          rowKey={rowKey}
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          tableLayout="fixed"
          scroll={{ x: scrollX }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: query.data?.total ?? 0, onChange: onPage, showSizeChanger: false, size: 'small' }}
          columns={columns}
        />
      )}
      {children}
    </>
  );
  return level === 2 ? (
    <Card className="sv-section" title={title} extra={close}>
      {body}
    </Card>
  ) : (
    <div className="sv-behind">
      <div className="sv-behind-head">
        {title}
        {close}
      </div>
      {body}
    </div>
  );
}

/** The first column: the row's number, linking to its page. */
export const linkColumn = <T,>(key: string, title: string, to: (r: T) => string, text: (r: T) => React.ReactNode) => ({
  key,
  title,
  width: 200,
  render: (_: unknown, r: T) => (
    <Link to={to(r)} className="mono">
      {text(r)}
    </Link>
  ),
});

/** A column of Chinese text from the data (item, title), cut with an ellipsis. */
export const textColumn = <T,>(key: string, title: string, dataIndex: keyof T & string) => ({
  key,
  title,
  dataIndex,
  ellipsis: { showTitle: true },
  render: (v: string) => <span lang="zh-CN">{v}</span>,
});

/** The light of a row, as its word and dot. */
export const lightColumn = <T,>(title: string, light: (r: T) => LightBucket | null) => ({
  key: 'light',
  title,
  width: 100,
  render: (_: unknown, r: T) => <LightTag light={light(r)} />,
});

/** A date column (the limit). */
export const dateColumn = <T,>(title: string, date: (r: T) => string | null, width = 110) => ({
  key: 'limit',
  title,
  width,
  render: (_: unknown, r: T) => <span className="mono">{date(r) ?? '—'}</span>,
});
export const dayOf = (d: string | null | undefined) => (d ? formatDate(d) : null);

/**
 * The urge column: the waiting urge (a link to 督办 filtered on the case), or for a supervisor a
 * 督办 button on a row that may be urged; `label` names the button for screen readers.
 */
export function urgeColumn<T extends { caseNo: string; light: string | null; urge?: Pick<Urge, 'status'> | null }>(
  title: string,
  o: { may: boolean; urgeable: (r: T) => boolean; label: (r: T) => string; text: string; onUrge: (r: T) => void },
) {
  return {
    key: 'urge',
    title,
    width: 150,
    render: (_: unknown, r: T) =>
      r.urge ? (
        <Link to={`/workbench/supervision/urges?caseNo=${encodeURIComponent(r.caseNo)}`}>
          <UrgeStatusTag urge={r.urge} />
        </Link>
      ) : o.may && (r.light === 'yellow' || r.light === 'red') && o.urgeable(r) ? (
        <Button size="small" danger={r.light === 'red'} onClick={() => o.onUrge(r)}>
          {o.text}
          <span className="visually-hidden">{o.label(r)}</span>
        </Button>
      ) : null,
  };
}
