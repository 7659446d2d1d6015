import { useState } from 'react';
import { Button, Input, Modal, Select, Table, Tabs, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { hasPermission, useMe } from '../../../api/auth';
import { refundOrder, useMismatches, useStaffOrders, yuan, type Mismatch, type Order } from '../api';

/** /workbench/payments — the department's payment orders (refund a paid one) and the daily reconciliation's mismatches. */
export function PaymentsPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission permission="payments.order.read">
      <AdminPage title={t('payments.workbench.title')}>
        <Tabs
          items={[
            { key: 'orders', label: t('payments.workbench.orders'), children: <Orders /> },
            { key: 'mismatches', label: t('payments.workbench.mismatches'), children: <Mismatches /> },
          ]}
        />
      </AdminPage>
    </RequirePermission>
  );
}

function Orders() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<Order['status']>();
  const [refunding, setRefunding] = useState<Order>();
  const [reason, setReason] = useState('');
  const list = useStaffOrders(page, status);
  const refund = useMutation({
    mutationFn: () => refundOrder(refunding!.orderNo, reason),
    onSuccess: () => {
      setRefunding(undefined);
      setReason('');
      void qc.invalidateQueries({ queryKey: ['payments', 'staff'] });
    },
  });
  const columns = [
    { title: t('payments.orderNo'), dataIndex: 'orderNo', key: 'orderNo' },
    { title: t('payments.caseNo'), dataIndex: 'caseNo', key: 'caseNo' },
    { title: t('payments.item'), key: 'item', render: (_: unknown, o: Order) => <span lang="zh-CN">{o.itemName}</span> },
    { title: t('payments.total'), key: 'amount', render: (_: unknown, o: Order) => `¥${yuan(o.amountFen)}` },
    { title: t('payments.statusLabel'), key: 'status', render: (_: unknown, o: Order) => <Tag>{t(`payments.status.${o.status}`)}</Tag> },
    {
      title: '',
      key: 'act',
      render: (_: unknown, o: Order) =>
        o.status === 'paid' && hasPermission(me.data, 'payments.order.refund') ? (
          <Button size="small" onClick={() => setRefunding(o)}>
            {t('payments.workbench.refund')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Select
        allowClear
        aria-label={t('payments.statusLabel')}
        placeholder={t('payments.statusLabel')}
        style={{ minWidth: 160, marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
        options={(['unpaid', 'paid', 'closed', 'refunded'] as const).map((s) => ({ value: s, label: t(`payments.status.${s}`) }))}
      />
      {list.isError && <ProblemAlert error={list.error} />}
      <Table
        rowKey="orderNo"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={list.isPending}
        dataSource={list.data?.items}
        columns={columns}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
      />
      <Modal
        open={Boolean(refunding)}
        title={t('payments.workbench.refundTitle', { orderNo: refunding?.orderNo ?? '' })}
        onCancel={() => setRefunding(undefined)}
        onOk={() => refund.mutate()}
        okButtonProps={{ disabled: reason.trim().length < 2, loading: refund.isPending }}
      >
        {refund.isError && <ProblemAlert error={refund.error} />}
        <Input.TextArea
          aria-label={t('payments.workbench.reason')}
          placeholder={t('payments.workbench.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

function Mismatches() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const list = useMismatches(page);
  const columns = [
    { title: t('payments.workbench.day'), dataIndex: 'day', key: 'day' },
    { title: t('payments.workbench.kind'), key: 'kind', render: (_: unknown, m: Mismatch) => t(`payments.mismatch.${m.kind}`) },
    { title: t('payments.orderNo'), dataIndex: 'orderNo', key: 'orderNo' },
    { title: t('payments.workbench.tradeNo'), key: 'tradeNo', render: (_: unknown, m: Mismatch) => m.tradeNo ?? '—' },
    { title: t('payments.workbench.orderFen'), key: 'orderFen', render: (_: unknown, m: Mismatch) => (m.orderFen === null ? '—' : `¥${yuan(m.orderFen)}`) },
    {
      title: t('payments.workbench.gatewayFen'),
      key: 'gatewayFen',
      render: (_: unknown, m: Mismatch) => (m.gatewayFen === null ? '—' : `¥${yuan(m.gatewayFen)}`),
    },
  ];
  return (
    <>
      {list.isError && <ProblemAlert error={list.error} />}
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 'max-content' }}
        loading={list.isPending}
        dataSource={list.data?.items}
        columns={columns}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
      />
    </>
  );
}
