import { Card, List, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import { ErrorState } from '../../components/PageState';

/** 我的一件事 on 我的: my 一件事 applications (GET /api/life-events/applications), newest first, each opening its parent page. */
export function MyLifeEventApplications() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: ['life-events', 'applications', 'mine'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/life-events/applications', { signal })),
  });
  const title = t('portal.me.lifeEvents.title');
  return (
    <Card
      title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{title}</h2>}
      extra={
        <Link to="/life-events" aria-label={`${t('portal.me.lifeEvents.browse')}: ${title}`}>
          {t('portal.me.lifeEvents.browse')}
        </Link>
      }
      style={{ marginTop: 'var(--yw-space)' }}
      data-testid="le-mine"
    >
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Typography.Text type="secondary">{t('portal.me.lifeEvents.loading')}</Typography.Text>
      ) : list.data.length === 0 ? (
        <p style={{ margin: 0 }} data-testid="le-mine-empty">
          {t('portal.me.lifeEvents.empty')} <Link to="/life-events">{t('portal.me.lifeEvents.start')}</Link>
        </p>
      ) : (
        <List
          dataSource={list.data}
          renderItem={(a) => (
            <List.Item data-testid={`le-mine-${a.bundleNo}`}>
              <List.Item.Meta
                title={
                  <Link to={`/life-events/applications/${a.bundleNo}`}>
                    <span lang="zh">{a.name}</span>
                  </Link>
                }
                description={
                  <span style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'center' }}>
                    <Tag style={{ marginInlineEnd: 0 }}>{t(`lifeEvents.statuses.${a.status}`, { defaultValue: a.status })}</Tag>
                    <span className="mono">{a.bundleNo}</span>
                    <span>{t('portal.me.lifeEvents.submittedOn', { date: a.submittedOn })}</span>
                    <span>{t('portal.me.lifeEvents.dueOn', { date: a.dueDate })}</span>
                  </span>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
