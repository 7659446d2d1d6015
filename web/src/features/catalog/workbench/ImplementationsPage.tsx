import { Select, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { AdminTable } from '../../../admin/ui/AdminTable';
import { useListParams } from '../../../admin/ui/list-params';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { SearchBox } from '../../../admin/ui/SearchBox';
import { oneOf } from '../../../lib/api-call';
import { implementationStates, useWorkbenchList, type ImplementationSummary } from '../api';
import { CreateImplementation, ExcelPanel } from './CatalogTools';

export const stateColor: Record<ImplementationSummary['state'], string> = { unpublished: 'default', published: 'green', suspended: 'orange', abolished: 'red' };

/** /workbench/catalog — an editor's implementations (their department; the server scopes). */
export function EditorListPage() {
  return (
    <RequirePermission permission="catalog.item.edit">
      <ImplementationList mode="edit" />
    </RequirePermission>
  );
}

/** /workbench/catalog/review — the reviewer's queue: submitted versions first. */
export function ReviewListPage() {
  return (
    <RequirePermission permission="catalog.item.review">
      <ImplementationList mode="review" />
    </RequirePermission>
  );
}

function ImplementationList({ mode }: { mode: 'edit' | 'review' }) {
  const { t } = useTranslation();
  const list = useListParams(['state', 'pending'] as const);
  // The review queue shows submitted versions unless the reviewer picks another filter.
  const pending = list.filters.pending ?? (mode === 'review' ? 'submitted' : undefined);
  const query = useWorkbenchList({
    ...list.query,
    state: oneOf(implementationStates, list.filters.state),
    pending: oneOf(['draft', 'submitted'] as const, pending),
  });
  const title = mode === 'edit' ? t('catalog.workbench.editTitle') : t('catalog.workbench.reviewTitle');
  const columns: TableColumnsType<ImplementationSummary> = [
    {
      title: t('catalog.workbench.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Link to={`/workbench/catalog/items/${r.implementationCode}`} aria-label={t('catalog.workbench.openItem', { name: `${name} · ${r.departmentName}` })}>
          {name}
        </Link>
      ),
    },
    { title: t('catalog.workbench.department'), dataIndex: 'departmentName' },
    { title: t('catalog.workbench.code'), dataIndex: 'implementationCode', render: (v: string) => <span className="mono">{v}</span> },
    {
      title: t('catalog.workbench.state'),
      dataIndex: 'state',
      render: (s: ImplementationSummary['state']) => <Tag color={stateColor[s]}>{t(`catalog.workbench.states.${s}`)}</Tag>,
    },
    { title: t('catalog.workbench.version'), dataIndex: 'publishedVersion', render: (v: number | null) => (v === null ? '—' : `v${v}`) },
  ];
  return (
    <AdminPage title={title} actions={mode === 'edit' ? <CreateImplementation /> : undefined}>
      {mode === 'review' && <ExcelPanel />}
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('catalog.workbench.search')} />
        <Select
          aria-label={t('catalog.workbench.pendingFilter')}
          style={{ width: 180 }}
          allowClear={mode === 'edit'}
          placeholder={t('catalog.workbench.pendingFilter')}
          value={pending}
          onChange={(v?: string) => list.update({ pending: v ?? (mode === 'review' ? 'all' : undefined) })}
          options={[
            ...(mode === 'review' ? [{ value: 'all', label: t('catalog.workbench.all') }] : []),
            { value: 'draft', label: t('catalog.workbench.versionStatus.draft') },
            { value: 'submitted', label: t('catalog.workbench.versionStatus.submitted') },
          ]}
        />
        <Select
          aria-label={t('catalog.workbench.stateFilter')}
          style={{ width: 160 }}
          allowClear
          placeholder={t('catalog.workbench.stateFilter')}
          value={list.filters.state}
          onChange={(v?: string) => list.update({ state: v })}
          options={(['unpublished', 'published', 'suspended', 'abolished'] as const).map((s) => ({ value: s, label: t(`catalog.workbench.states.${s}`) }))}
        />
      </div>
      <AdminTable<ImplementationSummary> query={query} columns={columns} rowKey="implementationCode" list={list} label={title} />
    </AdminPage>
  );
}
