import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { handOver, manualStatus, simulateStep, useStaffDeliveries, type ManualBody, type Order } from '../api';

const statuses = ['created', 'collected', 'in_transit', 'out_for_delivery', 'signed', 'returned', 'awaiting_pickup'] as const;
const steps = ['collected', 'in_transit', 'out_for_delivery', 'signed', 'returned'] as const;

/** /workbench/delivery — the delivery orders of my department's cases: manual status update (fallback), pickup hand-over, and the demo carrier. */
export function DeliveryOrdersPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<Order['status']>();
  const [q, setQ] = useState('');
  const [updating, setUpdating] = useState<Order>();
  const [pickup, setPickup] = useState<Order>();
  const [code, setCode] = useState('');
  const [form] = Form.useForm<ManualBody>();
  const list = useStaffDeliveries(page, status, q);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['delivery', 'staff'] });
  const update = useMutation({
    mutationFn: (body: ManualBody) => manualStatus(updating!.id, body),
    onSuccess: () => {
      setUpdating(undefined);
      refresh();
    },
  });
  const hand = useMutation({
    mutationFn: () => handOver(pickup!.id, code),
    onSuccess: () => {
      setPickup(undefined);
      setCode('');
      refresh();
    },
  });
  const simulate = useMutation({ mutationFn: simulateStep, onSuccess: refresh });
  const columns = [
    { title: t('delivery.caseNo'), dataIndex: 'caseNo', key: 'caseNo' },
    { title: t('delivery.item'), key: 'item', render: (_: unknown, o: Order) => <span lang="zh-CN">{o.itemName}</span> },
    { title: t('delivery.directionLabel'), key: 'direction', render: (_: unknown, o: Order) => t(`delivery.direction.${o.direction}`) },
    {
      title: t('delivery.tracking'),
      key: 'tracking',
      render: (_: unknown, o: Order) =>
        o.method === 'pickup'
          ? t('delivery.pickup')
          : o.trackingNumber
            ? `${o.carrier === 'sim' ? t('delivery.simCarrier') : o.carrier} ${o.trackingNumber}`
            : '—',
    },
    { title: t('delivery.statusLabel'), key: 'status', render: (_: unknown, o: Order) => <Tag>{t(`delivery.status.${o.status}`)}</Tag> },
    {
      title: '',
      key: 'act',
      render: (_: unknown, o: Order) =>
        o.status === 'signed' || o.status === 'returned' ? null : (
          <Space wrap>
            {o.method === 'pickup' ? (
              <Button size="small" type="primary" onClick={() => setPickup(o)}>
                {t('delivery.workbench.handOver')}
              </Button>
            ) : (
              (o.carrier === null || o.carrier === 'sim') && (
                <Button size="small" loading={simulate.isPending && simulate.variables === o.id} onClick={() => simulate.mutate(o.id)}>
                  {t('delivery.workbench.simulate')}
                </Button>
              )
            )}
            <Button
              size="small"
              onClick={() => {
                form.resetFields();
                update.reset();
                setUpdating(o);
              }}
            >
              {t('delivery.workbench.manual')}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <RequirePermission permission="delivery.order.handle">
      <AdminPage title={t('delivery.workbench.title')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            aria-label={t('delivery.statusLabel')}
            placeholder={t('delivery.statusLabel')}
            style={{ minWidth: 160 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={statuses.map((s) => ({ value: s, label: t(`delivery.status.${s}`) }))}
          />
          <Input.Search
            allowClear
            aria-label={t('delivery.workbench.search')}
            placeholder={t('delivery.workbench.search')}
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
          />
        </Space>
        {list.isError && <ProblemAlert error={list.error} />}
        {simulate.isError && <ProblemAlert error={simulate.error} />}
        <Table
          rowKey="id"
          size="small"
          scroll={{ x: 'max-content' }}
          loading={list.isPending}
          dataSource={list.data?.items}
          columns={columns}
          pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage }}
        />
        <Modal
          open={Boolean(updating)}
          title={t('delivery.workbench.manualTitle', { caseNo: updating?.caseNo ?? '' })}
          onCancel={() => setUpdating(undefined)}
          onOk={() => form.submit()}
          okButtonProps={{ loading: update.isPending }}
        >
          {update.isError && <ProblemAlert error={update.error} />}
          <Form form={form} layout="vertical" onFinish={(v) => update.mutate(v)}>
            <Form.Item name="status" label={t('delivery.statusLabel')} rules={[{ required: true }]}>
              <Select options={(updating?.method === 'pickup' ? (['signed'] as const) : steps).map((s) => ({ value: s, label: t(`delivery.status.${s}`) }))} />
            </Form.Item>
            {updating?.method === 'post' && (
              <>
                <Form.Item name="carrier" label={t('delivery.workbench.carrier')}>
                  <Input />
                </Form.Item>
                <Form.Item name="trackingNumber" label={t('delivery.tracking')}>
                  <Input />
                </Form.Item>
              </>
            )}
            <Form.Item name="signedBy" label={t('delivery.workbench.signedBy')}>
              <Input />
            </Form.Item>
            <Form.Item name="note" label={t('delivery.workbench.note')} rules={[{ required: true }]}>
              <Input.TextArea />
            </Form.Item>
          </Form>
        </Modal>
        <Modal
          open={Boolean(pickup)}
          title={t('delivery.workbench.handOverTitle', { caseNo: pickup?.caseNo ?? '' })}
          onCancel={() => setPickup(undefined)}
          onOk={() => hand.mutate()}
          okButtonProps={{ disabled: !/^\d{6}$/.test(code), loading: hand.isPending }}
        >
          {hand.isError && <ProblemAlert error={hand.error} />}
          <Input
            inputMode="numeric"
            maxLength={6}
            aria-label={t('delivery.workbench.code')}
            placeholder={t('delivery.workbench.code')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </Modal>
      </AdminPage>
    </RequirePermission>
  );
}
