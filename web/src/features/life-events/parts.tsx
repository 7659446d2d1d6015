import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LifeEventSummary } from './api';

/** 减环节、减材料、减时限、减跑动: before (one by one) and after (as one), measured from the member guides. */
export function ReductionsTable({ r }: { r: LifeEventSummary['reductions'] }) {
  const { t } = useTranslation();
  const rows = (['steps', 'materials', 'workingDays', 'visits'] as const).map((k) => ({
    key: k,
    figure: t(`lifeEvents.${k}`),
    before: r.before[k],
    after: r.after[k],
    percent: r.percent[k],
  }));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      columns={[
        { title: t('lifeEvents.reductions'), dataIndex: 'figure' },
        { title: t('lifeEvents.before'), dataIndex: 'before' },
        { title: t('lifeEvents.after'), dataIndex: 'after' },
        { title: '−%', dataIndex: 'percent', render: (p: number) => (p > 0 ? <Tag color="green">−{p}%</Tag> : '—') },
      ]}
    />
  );
}
