import { Card, Descriptions, List, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { RequireAuth } from '../../components/RequireAuth';
import { ErrorState, PageLoading } from '../../components/PageState';
import { formatDateTime } from '../../lib/dayjs';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useBundle } from './api';
import { BundleDelivery } from './BundleDelivery';

const lightColor = { green: 'green', yellow: 'gold', red: 'red' } as const;

/** The parent of a 一件事 application: every member with its child case and deadline, one timeline. */
function BundleView() {
  const { bundleNo = '' } = useParams();
  const { t } = useTranslation();
  const b = useBundle(bundleNo);
  useDocumentTitle(b.data?.name);
  if (b.isPending) return <PageLoading />;
  if (b.isError) return <ErrorState error={b.error} onRetry={() => void b.refetch()} />;
  const d = b.data;
  const nameOf = (k: string) => d.members.find((m) => m.key === k)?.itemName ?? k;
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        <span lang="zh">{d.name}</span>
      </Typography.Title>
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('lifeEvents.application')}>{d.bundleNo}</Descriptions.Item>
        <Descriptions.Item label={t('lifeEvents.status')}>{t(`lifeEvents.statuses.${d.status}`)}</Descriptions.Item>
        <Descriptions.Item label={t('lifeEvents.dueDate')}>
          {d.dueDate} {d.light && <Tag color={lightColor[d.light]}>{d.light}</Tag>}
        </Descriptions.Item>
      </Descriptions>
      <Card title={t('lifeEvents.members')} style={{ marginBottom: 16 }}>
        <List
          dataSource={d.members}
          renderItem={(m) => (
            <List.Item>
              <List.Item.Meta
                title={<span lang="zh">{m.caseNo ? <Link to={`/cases/${m.caseNo}`}>{m.itemName}</Link> : m.itemName}</span>}
                description={
                  <>
                    <span lang="zh">{m.departmentName}</span> · <Tag>{t(`lifeEvents.statuses.${m.status}`)}</Tag>
                    {m.dueDate && (
                      <>
                        {t('lifeEvents.dueDate')} {m.dueDate} {m.light && <Tag color={lightColor[m.light]}>{m.light}</Tag>}
                      </>
                    )}
                    {m.status === 'waiting' && t('lifeEvents.waitsFor', { names: m.dependsOn.map(nameOf).join('、') })}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
      <BundleDelivery bundle={d} />
      <Card title={t('lifeEvents.timeline')}>
        {d.timeline.length === 0 ? (
          <Typography.Text>{t('lifeEvents.noTimeline')}</Typography.Text>
        ) : (
          <Timeline
            items={d.timeline.map((x) => ({
              children: (
                <>
                  {formatDateTime(x.occurredAt)} · {nameOf(x.member)} · {x.action} · {x.actorName}
                </>
              ),
            }))}
          />
        )}
      </Card>
    </div>
  );
}

export function BundlePage() {
  return (
    <RequireAuth>
      <BundleView />
    </RequireAuth>
  );
}
