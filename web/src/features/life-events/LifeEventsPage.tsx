import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorState, PageLoading } from '../../components/PageState';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useLifeEvents } from './api';
import { ReductionsTable } from './parts';

/** 一件事一次办: every published bundle with its members, departments and measured reductions (phone first). */
export function LifeEventsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('lifeEvents.title'));
  const list = useLifeEvents();
  if (list.isPending) return <PageLoading />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {t('lifeEvents.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('lifeEvents.intro')}</Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {list.data.map((b) => (
          <Card
            key={b.code}
            title={
              <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
                <span lang="zh">{b.name}</span>
              </Typography.Title>
            }
          >
            <Typography.Paragraph lang="zh">{b.summary}</Typography.Paragraph>
            <Typography.Paragraph>
              {t('lifeEvents.departments')}：
              {b.departments.map((d) => (
                <Tag key={d} lang="zh">
                  {d}
                </Tag>
              ))}
            </Typography.Paragraph>
            <div style={{ overflowX: 'auto' }}>
              <ReductionsTable r={b.reductions} />
            </div>
            <Link to={`/life-events/${b.code}`}>{t('lifeEvents.open')}</Link>
          </Card>
        ))}
      </Space>
    </div>
  );
}
