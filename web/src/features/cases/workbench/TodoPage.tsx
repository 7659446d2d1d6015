import { App, Button, Card, Input, Radio, Table } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useMe } from '../../../api/auth';
import { isApiError } from '../../../api/errors';
import { ErrorState } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { caseAction, casesKeys, lights, useTodo, type CaseSummary, type Light } from '../api';
import { LightBadge, StatusBadge } from '../ui';
import '../cases.css';

/** 待办: cases at a step of my roles in my departments, most urgent first; filter by light; claim. */
export function TodoPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.todo.title'));
  const [params, setParams] = useSearchParams();
  const light = (lights as readonly string[]).includes(params.get('light') ?? '') ? (params.get('light') as Light) : undefined;
  const page = Number(params.get('page')) || 1;
  const q = params.get('q') ?? '';
  const todo = useTodo({ page, pageSize: 20, light, q: q || undefined });
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
            aria-label={t('cases.todo.filterLight')}
            optionType="button"
            value={light ?? 'all'}
            onChange={(e) => update({ light: e.target.value === 'all' ? undefined : String(e.target.value), page: undefined })}
            options={[{ value: 'all', label: t('cases.todo.all') }, ...lights.map((l) => ({ value: l, label: t(`cases.light.${l}`) }))]}
          />
          <Input.Search
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
            page={page}
            onPage={(p) => update({ page: String(p) })}
          />
        )}
      </Card>
    </>
  );
}

function TodoTable({
  rows,
  loading,
  total,
  page,
  onPage,
}: {
  rows: CaseSummary[];
  loading: boolean;
  total: number;
  page: number;
  onPage: (p: number) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const claim = useMutation({
    // Claiming = taking the case at its step for myself; a colleague who also tried is told it is taken.
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
  return (
    <Table<CaseSummary>
      rowKey="caseNo"
      loading={loading}
      dataSource={rows}
      locale={{ emptyText: t('cases.todo.empty') }}
      pagination={{ current: page, pageSize: 20, total, onChange: onPage, showSizeChanger: false }}
      scroll={{ x: 900 }}
      columns={[
        { key: 'light', title: t('cases.field.light'), render: (_, c) => <LightBadge light={c.light} paused={c.paused} />, width: 110 },
        {
          key: 'caseNo',
          title: t('cases.field.caseNo'),
          render: (_, c) => (
            <Link to={`/workbench/cases/${encodeURIComponent(c.caseNo)}`} className="mono">
              {c.caseNo}
            </Link>
          ),
        },
        { key: 'item', title: t('cases.field.item'), dataIndex: 'itemName' },
        { key: 'applicant', title: t('cases.field.applicant'), dataIndex: 'applicantName' },
        {
          key: 'step',
          title: t('cases.field.step'),
          render: (_, c) => (
            <>
              <StatusBadge status={c.status} /> {c.stepName}
            </>
          ),
        },
        { key: 'due', title: t('cases.field.due'), dataIndex: 'dueDate', width: 120 },
        { key: 'submitted', title: t('cases.field.submittedAt'), render: (_, c) => formatDateTime(c.submittedAt), width: 150 },
        {
          key: 'claim',
          title: t('cases.todo.assignee'),
          width: 130,
          render: (_, c) =>
            c.assigneeId ? (
              c.assigneeId === me.data?.staff?.id ? (
                t('cases.todo.mine')
              ) : (
                t('cases.todo.taken')
              )
            ) : (
              <Button size="small" loading={claim.isPending && claim.variables?.caseNo === c.caseNo} onClick={() => claim.mutate(c)}>
                {t('cases.todo.claim')}
                <span className="visually-hidden">{t('cases.todo.claimCase', { caseNo: c.caseNo })}</span>
              </Button>
            ),
        },
      ]}
    />
  );
}

export default TodoPage;
