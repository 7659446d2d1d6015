import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { ErrorState, ForbiddenResult, PageLoading } from '../../../components/PageState';
import { useWorkbenchLifeEvent, type LifeEventView } from '../life-events-api';
import { LifeEventDraftForm } from './LifeEventDraftForm';
import { isVersionStatus, useMayManageLifeEvents } from './LifeEventsPage';
import '../catalog.css';

/** /workbench/catalog/life-events/:code — the published version, the draft to edit, the publication check and publish. */
export function LifeEventPage() {
  const { code = '' } = useParams();
  const may = useMayManageLifeEvents();
  const query = useWorkbenchLifeEvent(code);
  if (!may) return <ForbiddenResult />;
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <LifeEvent view={query.data} />;
}

function LifeEvent({ view }: { view: LifeEventView }) {
  const { t } = useTranslation();
  const w = view.working;
  const status = isVersionStatus(w.status) ? t(`catalog.lifeEvents.versionStatus.${w.status}`) : w.status;
  return (
    <AdminPage title={view.name} titleLang="zh-CN" actions={<Link to="/workbench/catalog/life-events">{t('catalog.lifeEvents.back')}</Link>}>
      <p>
        <span lang="zh-CN">{view.departmentName}</span> · <span className="mono">{view.code}</span> ·{' '}
        <Tag color={view.state === 'published' ? 'green' : 'default'}>{t(`catalog.lifeEvents.states.${view.state}`)}</Tag>
        {view.state === 'published' && <Link to={`/life-events/${view.code}`}>{view.publishedVersion !== null ? `v${view.publishedVersion}` : ''}</Link>}
      </p>
      <Published view={view} />
      <h2 className="cat-subtitle" id="le-draft-title">
        {w.status === 'draft'
          ? t('catalog.lifeEvents.draftTitle', { version: w.version })
          : t('catalog.lifeEvents.workingTitle', { version: w.version, status })}
      </h2>
      {w.status !== 'draft' && <p className="cat-hint">{t('catalog.lifeEvents.noDraft', { version: w.version + 1 })}</p>}
      <LifeEventDraftForm key={`${w.version}-${w.updatedAt}`} view={view} />
    </AdminPage>
  );
}

function Published({ view }: { view: LifeEventView }) {
  const { t } = useTranslation();
  const p = view.published;
  if (!p)
    return (
      <section className="cat-section" aria-labelledby="le-published-title">
        <h2 className="cat-subtitle" id="le-published-title">
          {t('catalog.lifeEvents.published')}
        </h2>
        <p>{t('catalog.lifeEvents.notPublished')}</p>
      </section>
    );
  const nameOf = (key: string) => p.members.find((m) => m.key === key)?.name ?? key;
  return (
    <section className="cat-section" aria-labelledby="le-published-title" data-testid="le-published">
      <h2 className="cat-subtitle" id="le-published-title">
        {t('catalog.lifeEvents.publishedTitle', { version: p.version })}
      </h2>
      <dl className="le-dl">
        <dt>{t('catalog.lifeEvents.name')}</dt>
        <dd lang="zh-CN">{p.definition.name}</dd>
        <dt>{t('catalog.lifeEvents.summary')}</dt>
        <dd lang="zh-CN">{p.definition.summary}</dd>
        <dt>{t('catalog.lifeEvents.promisedLimit')}</dt>
        <dd>{p.definition.promisedLimitDays}</dd>
        <dt>{t('catalog.lifeEvents.publishedAt')}</dt>
        <dd>{p.publishedAt?.slice(0, 16).replace('T', ' ') ?? '—'}</dd>
      </dl>
      <Table
        className="cat-section"
        size="small"
        rowKey="key"
        pagination={false}
        aria-label={t('catalog.lifeEvents.members')}
        dataSource={p.members}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('catalog.lifeEvents.memberKey'), dataIndex: 'key', render: (v: string) => <span className="mono">{v}</span> },
          { title: t('catalog.lifeEvents.memberItem'), dataIndex: 'name', render: (v: string) => <span lang="zh-CN">{v}</span> },
          { title: t('catalog.lifeEvents.memberDept'), dataIndex: 'departmentName', render: (v: string) => <span lang="zh-CN">{v}</span> },
          { title: t('catalog.lifeEvents.guideVersion'), dataIndex: 'guideVersion', render: (v: number) => `v${v}` },
          {
            title: t('catalog.lifeEvents.dependsOn'),
            dataIndex: 'dependsOn',
            render: (v: string[]) => (v.length ? <span lang="zh-CN">{v.map(nameOf).join('、')}</span> : '—'),
          },
        ]}
      />
    </section>
  );
}
