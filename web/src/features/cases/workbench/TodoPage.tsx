import { App, Button, Card, Grid, Input, Radio, Table, Tag, Typography } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useMe } from '../../../api/auth';
import { isApiError } from '../../../api/errors';
import { ErrorState } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/dayjs';
import { pagerTotal, totalText } from '../../../lib/paging';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { caseAction, casesKeys, useTodo, type CaseSummary, type TodoQuery } from '../api';
import { LightBadge, StatusBadge } from '../ui';
import { SavedFilters } from './SavedFilters';
import '../cases.css';

/** The saved filters a clerk switches between all day; the last one chosen is remembered on this browser. */
export const todoPresets = ['all', 'mine', 'overdue', 'soon'] as const;
export type TodoPreset = (typeof todoPresets)[number];
const PRESET_KEY = 'yw.cases.todo.preset';

/** What a preset asks the server for. */
export function presetQuery(preset: TodoPreset): Pick<TodoQuery, 'assigned' | 'light'> {
  if (preset === 'mine') return { assigned: 'me' };
  if (preset === 'overdue') return { light: 'red' };
  if (preset === 'soon') return { light: 'yellow' };
  return {};
}

type Sort = NonNullable<TodoQuery['sort']>;
const sorts: readonly Sort[] = ['due', 'submitted', '-submitted'];

function savedPreset(): TodoPreset {
  try {
    const v = localStorage.getItem(PRESET_KEY);
    return (todoPresets as readonly string[]).includes(v ?? '') ? (v as TodoPreset) : 'all';
  } catch {
    return 'all';
  }
}

/** The case number's tail (date and serial, what people read out); the full number is copied and read by screen readers. */
export const shortCaseNo = (caseNo: string) => (caseNo.length > 14 ? `…${caseNo.slice(-12)}` : caseNo);

/** 待办: cases at a step of my roles in my departments, most urgent first; saved filters, sorting, claim in one click. */
export function TodoPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.todo.title'));
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get('preset');
  const preset: TodoPreset = (todoPresets as readonly string[]).includes(fromUrl ?? '') ? (fromUrl as TodoPreset) : savedPreset();
  const sort: Sort = (sorts as readonly string[]).includes(params.get('sort') ?? '') ? (params.get('sort') as Sort) : 'due';
  const page = Number(params.get('page')) || 1;
  const q = params.get('q') ?? '';
  const me = useMe();
  const todo = useTodo({ page, pageSize: 20, ...presetQuery(preset), sort: sort === 'due' ? undefined : sort, q: q || undefined });
  useEffect(() => {
    try {
      localStorage.setItem(PRESET_KEY, preset);
    } catch {
      /* private mode: the filter is not remembered */
    }
  }, [preset]);
  const update = (next: Record<string, string | undefined>) => {
    const sp = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) v ? sp.set(k, v) : sp.delete(k);
    setParams(sp, { replace: true });
  };
  return (
    <>
      <div className="staff-page-header">
        <h1>{t('cases.todo.title')}</h1>
      </div>
      <Card>
        <div className="cs-filter">
          <Radio.Group
            aria-label={t('cases.todo.preset.label')}
            optionType="button"
            value={preset}
            onChange={(e) => update({ preset: String(e.target.value), page: undefined })}
            options={todoPresets.map((p) => ({ value: p, label: t(`cases.todo.preset.${p}`) }))}
          />
          {me.data?.staff?.id && (
            <SavedFilters
              userId={me.data.staff.id}
              current={{ preset, q: q || undefined, sort: sort === 'due' ? undefined : sort }}
              onApply={(f) => update({ preset: f.preset, q: f.q, sort: f.sort, page: undefined })}
            />
          )}
          <Input.Search
            key={q}
            aria-label={t('cases.todo.search')}
            placeholder={t('cases.todo.search')}
            defaultValue={q}
            allowClear
            onSearch={(v) => update({ q: v.trim() || undefined, page: undefined })}
            style={{ maxWidth: 320 }}
          />
        </div>
        {todo.isError ? (
          <ErrorState error={todo.error} onRetry={() => void todo.refetch()} />
        ) : (
          <TodoTable
            rows={todo.data?.items ?? []}
            loading={todo.isFetching}
            total={todo.data?.total ?? 0}
            capped={todo.data?.totalCapped ?? false}
            page={page}
            sort={sort}
            onPage={(p) => update({ page: String(p) })}
            onSort={(s) => update({ sort: s === 'due' ? undefined : s, page: undefined })}
          />
        )}
      </Card>
    </>
  );
}

function CaseNoLink({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  return (
    <span className="cs-todo-caseno">
      {/* The name is the whole number; the eye sees its tail (an aria-label that the visible "…tail" is not
          part of fails axe's label-content-name-mismatch). */}
      <Link to={`/workbench/cases/${encodeURIComponent(caseNo)}`} className="mono" title={caseNo}>
        <span className="visually-hidden">{caseNo}</span>
        <span aria-hidden="true">{shortCaseNo(caseNo)}</span>
      </Link>
      <Typography.Text copyable={{ text: caseNo, tooltips: [t('cases.todo.copy'), t('cases.todo.copied')] }} className="cs-todo-caseno__copy" />
    </span>
  );
}

function useClaim() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    // Claiming = taking the case at its step for myself, in one click; a colleague who also tried is told it is taken.
    mutationFn: (c: CaseSummary) => caseAction(c.caseNo, { action: 'claim', body: { version: c.version } }),
    onSuccess: (c) => {
      void qc.invalidateQueries({ queryKey: casesKeys.all });
      void navigate(`/workbench/cases/${encodeURIComponent(c.caseNo)}`);
    },
    onError: (e) => {
      void qc.invalidateQueries({ queryKey: casesKeys.all });
      void message.error(isApiError(e) && e.code === 'resource.stale' ? t('cases.staff.stale') : isApiError(e) ? e.title : t('errors.generic.title'));
    },
  });
}

function Assignee({ c, claim }: { c: CaseSummary; claim: ReturnType<typeof useClaim> }) {
  const { t } = useTranslation();
  const me = useMe();
  if (c.assigneeId) return <>{c.assigneeId === me.data?.staff?.id ? t('cases.todo.mine') : t('cases.todo.taken')}</>;
  return (
    <Button size="small" loading={claim.isPending && claim.variables?.caseNo === c.caseNo} onClick={() => claim.mutate(c)}>
      {t('cases.todo.claim')}
      <span className="visually-hidden">{t('cases.todo.claimCase', { caseNo: c.caseNo })}</span>
    </Button>
  );
}

interface TableProps {
  rows: CaseSummary[];
  loading: boolean;
  total: number;
  /** The server stopped counting at `total` (more match): show "1,000+", keep "next" on. */
  capped: boolean;
  page: number;
  sort: Sort;
  onPage: (p: number) => void;
  onSort: (s: Sort) => void;
}

function TodoTable({ rows, loading, total, capped, page, sort, onPage, onSort }: TableProps) {
  const { t, i18n } = useTranslation();
  const claim = useClaim();
  const screens = Grid.useBreakpoint();
  const counted = { total, totalCapped: capped, page, pageSize: 20 };
  const pagination = {
    current: page,
    pageSize: 20,
    total: pagerTotal(counted),
    onChange: onPage,
    showSizeChanger: false,
    size: 'small' as const,
    showTotal: () => (capped ? t('admin.totalCapped', { n: totalText(counted, i18n.language) }) : t('admin.total', { count: total })),
  };
  // Phones (< 576 px): a card per case, everything readable without scrolling sideways.
  if (screens.sm === false)
    return <TodoCards rows={rows} loading={loading} claim={claim} pagination={pagination} capped={capped} sort={sort} onSort={onSort} />;
  const order = (key: 'due' | 'submitted'): SortOrder =>
    key === 'due' ? (sort === 'due' ? 'ascend' : null) : sort === 'submitted' ? 'ascend' : sort === '-submitted' ? 'descend' : null;
  return (
    <Table<CaseSummary>
      rowKey="caseNo"
      className="cs-todo-table"
      loading={loading}
      dataSource={rows}
      locale={{ emptyText: <span className="cs-hint">{t('cases.todo.empty')}</span> }}
      pagination={pagination}
      tableLayout="fixed"
      scroll={{ x: 940 }}
      onChange={(_p, _f, sorter) => {
        const s = Array.isArray(sorter) ? sorter[0] : sorter;
        if (s?.columnKey === 'submitted') onSort(s.order === 'descend' ? '-submitted' : s.order === 'ascend' ? 'submitted' : 'due');
        else onSort('due');
      }}
      columns={[
        { key: 'caseNo', title: t('cases.field.caseNo'), render: (_, c) => <CaseNoLink caseNo={c.caseNo} />, width: 150 },
        {
          key: 'item',
          title: t('cases.field.item'),
          dataIndex: 'itemName',
          ellipsis: { showTitle: true },
          render: (_, c) => (
            <>
              {c.fastLane && (
                <Tag color="green" title={t('cases.todo.fastLaneHint')}>
                  {t('cases.todo.fastLane')}
                </Tag>
              )}
              {c.itemName}
            </>
          ),
        },
        { key: 'applicant', title: t('cases.field.applicant'), dataIndex: 'applicantName', ellipsis: { showTitle: true } },
        {
          key: 'step',
          title: t('cases.field.step'),
          width: 140,
          render: (_, c) => (
            <>
              <StatusBadge status={c.status} /> {c.stepName}
            </>
          ),
        },
        // The light belongs to the due date: one column for both leaves item and applicant the room.
        {
          key: 'due',
          title: t('cases.field.due'),
          width: 176,
          sorter: true,
          sortOrder: order('due'),
          sortDirections: ['ascend'],
          render: (_, c) => (
            <span className="cs-todo-due">
              <LightBadge light={c.light} paused={c.paused} /> {c.dueDate}
            </span>
          ),
        },
        {
          key: 'submitted',
          title: t('cases.field.submittedAt'),
          render: (_, c) => formatDateTime(c.submittedAt),
          width: 140,
          sorter: true,
          sortOrder: order('submitted'),
          sortDirections: ['ascend', 'descend'],
        },
        { key: 'claim', title: t('cases.todo.assignee'), width: 100, render: (_, c) => <Assignee c={c} claim={claim} /> },
      ]}
    />
  );
}

function TodoCards({
  rows,
  loading,
  claim,
  pagination,
  capped,
  sort,
  onSort,
}: {
  rows: CaseSummary[];
  loading: boolean;
  claim: ReturnType<typeof useClaim>;
  pagination: { current: number; pageSize: number; total: number; onChange: (p: number) => void };
  capped: boolean;
  sort: Sort;
  onSort: (s: Sort) => void;
}) {
  const { t } = useTranslation();
  return (
    <div aria-busy={loading}>
      <Radio.Group
        aria-label={t('cases.todo.sort.label')}
        size="small"
        optionType="button"
        value={sort}
        onChange={(e) => onSort(e.target.value as Sort)}
        options={sorts.map((s) => ({ value: s, label: t(`cases.todo.sort.${s}`) }))}
        style={{ marginBottom: 12 }}
      />
      {rows.length === 0 && !loading ? (
        <p>{t('cases.todo.empty')}</p>
      ) : (
        <ul className="cs-todo-cards">
          {rows.map((c) => (
            <li key={c.caseNo} className="cs-todo-card">
              <div className="cs-todo-card__head">
                <LightBadge light={c.light} paused={c.paused} />
                <CaseNoLink caseNo={c.caseNo} />
              </div>
              <div className="cs-todo-card__item">
                {c.fastLane && <Tag color="green">{t('cases.todo.fastLane')}</Tag>}
                {c.itemName}
              </div>
              <div>{c.applicantName}</div>
              <div className="cs-hint">
                <StatusBadge status={c.status} /> {c.stepName} · {t('cases.field.due')} {c.dueDate}
              </div>
              <div className="cs-todo-card__foot">
                <span className="cs-hint">{formatDateTime(c.submittedAt)}</span>
                <Assignee c={c} claim={claim} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {pagination.total > pagination.pageSize && (
        <div className="cs-actions" style={{ justifyContent: 'space-between', marginTop: 12 }}>
          <Button disabled={pagination.current <= 1} onClick={() => pagination.onChange(pagination.current - 1)}>
            {t('cases.todo.prev')}
          </Button>
          <span>
            {pagination.current} / {Math.ceil(pagination.total / pagination.pageSize)}
            {capped && '+'}
          </span>
          <Button disabled={pagination.current * pagination.pageSize >= pagination.total} onClick={() => pagination.onChange(pagination.current + 1)}>
            {t('cases.todo.next')}
          </Button>
        </div>
      )}
    </div>
  );
}

export default TodoPage;
