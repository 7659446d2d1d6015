import { Card, List } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/dayjs';
import { useMyUsage } from './api';

/**
 * 数据使用记录 (shared data): which department read which of my data, when and why. A list, not a
 * table: on a phone four columns squeezed the department to a few characters a line, and a table
 * sized to its content kept re-laying out the account page.
 */
export function SharedDataUsageCard() {
  const { t } = useTranslation();
  const usage = useMyUsage();
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('data.usage.title')}</h2>}>
      <p>{t('data.usage.hint')}</p>
      <List
        size="small"
        rowKey="id"
        loading={usage.isPending}
        dataSource={usage.data?.items ?? []}
        locale={{ emptyText: <span style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('data.usage.empty')}</span> }}
        renderItem={(r) => (
          <List.Item>
            <dl style={{ margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 12, rowGap: 2 }}>
              <dt style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('data.usage.at')}</dt>
              <dd style={{ margin: 0 }}>{formatDateTime(r.at)}</dd>
              <dt style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('data.usage.who')}</dt>
              <dd lang="zh-CN" style={{ margin: 0 }}>
                {r.departmentName}
              </dd>
              <dt style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('data.usage.what')}</dt>
              <dd lang="zh-CN" style={{ margin: 0 }}>
                {r.resourceName}：{r.fields.map((f) => f.label).join('、')}
                {r.detail ? `（${t('data.usage.detail', { detail: r.detail })}）` : ''}
              </dd>
              <dt style={{ color: 'rgba(0, 0, 0, 0.65)' }}>{t('data.usage.why')}</dt>
              <dd lang="zh-CN" style={{ margin: 0 }}>
                {r.purpose}
                {r.caseNo ? `（${r.caseNo}）` : ''}
              </dd>
            </dl>
          </List.Item>
        )}
      />
    </Card>
  );
}
