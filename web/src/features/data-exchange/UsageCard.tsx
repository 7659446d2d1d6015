import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/dayjs';
import { useMyUsage } from './api';

/** 数据使用记录 (shared data): which department read which of my data, when and why. */
export function SharedDataUsageCard() {
  const { t } = useTranslation();
  const usage = useMyUsage();
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('data.usage.title')}</h2>}>
      <p>{t('data.usage.hint')}</p>
      <Table
        size="small"
        rowKey="id"
        loading={usage.isPending}
        dataSource={usage.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('data.usage.empty')}</span> }}
        scroll={{ x: true }}
        columns={[
          { key: 'at', title: t('data.usage.at'), render: (_, r) => formatDateTime(r.at) },
          { key: 'who', title: t('data.usage.who'), render: (_, r) => <span lang="zh-CN">{r.departmentName}</span> },
          {
            key: 'what',
            title: t('data.usage.what'),
            render: (_, r) => (
              <span lang="zh-CN">
                {r.resourceName}：{r.fields.map((f) => f.label).join('、')}
                {r.detail ? `（${t('data.usage.detail', { detail: r.detail })}）` : ''}
              </span>
            ),
          },
          {
            key: 'why',
            title: t('data.usage.why'),
            render: (_, r) => (
              <span lang="zh-CN">
                {r.purpose}
                {r.caseNo ? `（${r.caseNo}）` : ''}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
