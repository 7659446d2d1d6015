import { Select, Switch, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AdminPage } from '../../admin/ui/AdminPage';
import { AdminTable } from '../../admin/ui/AdminTable';
import { useListParams } from '../../admin/ui/list-params';
import { RequirePermission } from '../../admin/ui/RequirePermission';
import { SearchBox } from '../../admin/ui/SearchBox';
import { formatDateTime } from '../../lib/dayjs';
import { oneOf } from '../../lib/api-call';
import { ticketKinds, ticketStatuses, timeStates, useTickets, type Ticket } from './api';
import { Deadline, KindTag, StatusTag } from './ui';

export function TicketsPage() {
  return (
    <RequirePermission permission="hotline.ticket.read">
      <Tickets />
    </RequirePermission>
  );
}

function Tickets() {
  const { t } = useTranslation();
  const list = useListParams(['status', 'kind', 'timeState', 'mine'] as const);
  const { filters } = list;
  const tickets = useTickets({
    ...list.query,
    status: oneOf(ticketStatuses, filters.status),
    kind: oneOf(ticketKinds, filters.kind),
    timeState: oneOf(timeStates, filters.timeState),
    mine: filters.mine === 'true' ? 'true' : undefined,
  });

  const columns: TableColumnsType<Ticket> = [
    {
      title: t('hotline.field.number'),
      dataIndex: 'number',
      width: 168,
      render: (v: string, r) => (
        <Link to={`/workbench/hotline/tickets/${r.id}`} className="mono">
          {v}
        </Link>
      ),
    },
    // At 1280 px every column fits (issue 15: 办理期限 and 登记时间 were cut off): the title takes what is left.
    { title: t('hotline.field.title'), dataIndex: 'title', ellipsis: { showTitle: true } },
    { title: t('hotline.field.kind'), dataIndex: 'kind', width: 76, render: (_, r) => <KindTag kind={r.kind} /> },
    { title: t('hotline.field.categoryId'), dataIndex: 'categoryName', width: 112, ellipsis: { showTitle: true } },
    {
      title: t('hotline.field.status'),
      dataIndex: 'status',
      width: 116,
      render: (_, r) => (
        <>
          <StatusTag status={r.status} />
          {r.urgeCount > 0 && <Tag color="red">{t('hotline.list.urged', { count: r.urgeCount })}</Tag>}
        </>
      ),
    },
    { title: t('hotline.field.unit'), dataIndex: ['unit', 'name'], width: 128, ellipsis: { showTitle: true } },
    { title: t('hotline.field.dueDate'), dataIndex: 'dueDate', width: 150, render: (_, r) => <Deadline ticket={r} /> },
    { title: t('hotline.field.createdAt'), dataIndex: 'createdAt', width: 136, render: (v: string) => formatDateTime(v) },
  ];

  return (
    <AdminPage title={t('hotline.list.title')}>
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('hotline.list.search')} />
        <Select
          aria-label={t('hotline.list.statusFilter')}
          placeholder={t('hotline.list.statusFilter')}
          allowClear
          style={{ width: 150 }}
          value={list.filters.status}
          onChange={(v?: string) => list.update({ status: v })}
          options={ticketStatuses.map((s) => ({ value: s, label: t(`hotline.status.${s}`) }))}
        />
        <Select
          aria-label={t('hotline.list.kindFilter')}
          placeholder={t('hotline.list.kindFilter')}
          allowClear
          style={{ width: 120 }}
          value={list.filters.kind}
          onChange={(v?: string) => list.update({ kind: v })}
          options={ticketKinds.map((k) => ({ value: k, label: t(`hotline.kind.${k}`) }))}
        />
        <Select
          aria-label={t('hotline.list.timeFilter')}
          placeholder={t('hotline.list.timeFilter')}
          allowClear
          style={{ width: 120 }}
          value={list.filters.timeState}
          onChange={(v?: string) => list.update({ timeState: v })}
          options={timeStates.map((s) => ({ value: s, label: t(`hotline.timeState.${s}`) }))}
        />
        <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center' }}>
          <Switch checked={list.filters.mine === 'true'} onChange={(on) => list.update({ mine: on ? 'true' : undefined })} />
          {t('hotline.list.mine')}
        </label>
      </div>
      <AdminTable<Ticket> query={tickets} columns={columns} rowKey="id" list={list} label={t('hotline.list.title')} fitWidth={1000} />
    </AdminPage>
  );
}

export default TicketsPage;
