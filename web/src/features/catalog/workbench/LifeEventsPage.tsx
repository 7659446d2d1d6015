import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { EmptyState, ErrorState, ForbiddenResult } from '../../../components/PageState';
import { hasPermission, useMe } from '../../../api/auth';
import { useWorkbenchLifeEvents, type LifeEventRow } from '../life-events-api';
import '../catalog.css';

/** Catalog editors or reviewers: the server lists the bundles their scope covers (the lead department's). */
export const lifeEventPermissions = ['catalog.item.edit', 'catalog.item.review'] as const;

export function useMayManageLifeEvents(): boolean {
  const me = useMe();
  return lifeEventPermissions.some((p) => hasPermission(me.data, p));
}

const versionStatus = ['draft', 'published', 'superseded'] as const;
type VersionStatus = (typeof versionStatus)[number];
export const isVersionStatus = (s: string | null | undefined): s is VersionStatus => versionStatus.includes(s as VersionStatus);

/** /workbench/catalog/life-events — the 一件事 bundles the signed-in staff member may edit or publish. */
export function LifeEventsPage() {
  const { t } = useTranslation();
  const may = useMayManageLifeEvents();
  const query = useWorkbenchLifeEvents();
  if (!may) return <ForbiddenResult />;
  const title = t('catalog.lifeEvents.title');
  const columns: TableColumnsType<LifeEventRow> = [
    {
      title: t('catalog.lifeEvents.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Link to={`/workbench/catalog/life-events/${r.code}`} aria-label={t('catalog.lifeEvents.open', { name })} lang="zh-CN">
          {name}
        </Link>
      ),
    },
    { title: t('catalog.lifeEvents.lead'), dataIndex: 'departmentName', render: (v: string) => <span lang="zh-CN">{v}</span> },
    {
      title: t('catalog.lifeEvents.state'),
      dataIndex: 'state',
      render: (s: LifeEventRow['state']) => <Tag color={s === 'published' ? 'green' : 'default'}>{t(`catalog.lifeEvents.states.${s}`)}</Tag>,
    },
    { title: t('catalog.lifeEvents.published'), dataIndex: 'publishedVersion', render: (v: number | null) => (v === null ? '—' : `v${v}`) },
    {
      title: t('catalog.lifeEvents.working'),
      key: 'working',
      render: (_: unknown, r) =>
        r.workingVersion === null
          ? '—'
          : `v${r.workingVersion} · ${isVersionStatus(r.workingStatus) ? t(`catalog.lifeEvents.versionStatus.${r.workingStatus}`) : r.workingStatus}`,
    },
    {
      title: t('catalog.lifeEvents.members'),
      dataIndex: 'members',
      render: (members: LifeEventRow['members']) => (
        <ul className="le-members" lang="zh-CN">
          {members.map((m) => (
            <li key={m.key}>{m.name ?? m.key}</li>
          ))}
        </ul>
      ),
    },
  ];
  return (
    <AdminPage title={title}>
      <p className="cat-hint">{t('catalog.lifeEvents.hint')}</p>
      {query.isError && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<LifeEventRow>
          aria-label={title}
          rowKey="code"
          columns={columns}
          dataSource={query.data ?? []}
          loading={query.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: query.isPending ? ' ' : <EmptyState description={t('catalog.lifeEvents.empty')} /> }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        />
      )}
    </AdminPage>
  );
}
