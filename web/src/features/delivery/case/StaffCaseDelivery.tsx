import { useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../api/auth';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { manualStatus, useStaffDeliveries, type ManualBody, type Order } from '../api';

const steps = ['collected', 'in_transit', 'out_for_delivery', 'signed', 'returned'] as const;

/**
 * The delivery orders of a case on the clerk's case page (寄递与领取 of this case): status, carrier
 * and tracking number, sign-for, and the manual status update (the fallback when no carrier reports).
 */
export function StaffCaseDelivery({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  // Only a clerk holding delivery.order.handle (the route's permission) sees this card; others would get 403.
  const allowed = hasPermission(me.data, 'delivery.order.handle');
  const list = useStaffDeliveries(1, undefined, caseNo, allowed);
  const [updating, setUpdating] = useState<Order>();
  const [form] = Form.useForm<ManualBody>();
  const update = useMutation({
    mutationFn: (body: ManualBody) => manualStatus(updating!.id, body),
    onSuccess: () => {
      setUpdating(undefined);
      void qc.invalidateQueries({ queryKey: ['delivery'] });
    },
  });
  const orders = (list.data?.items ?? []).filter((o) => o.caseNo === caseNo);
  if (!allowed || !orders.length) return null;
  return (
    <Card className="cs-section" title={<h2>{t('delivery.case.staffTitle')}</h2>} data-testid="dl-staff-case">
      <ul className="dl-case-orders">
        {orders.map((o) => (
          <li key={o.id}>
            {t(`delivery.direction.${o.direction}`)} · {o.method === 'pickup' ? t('delivery.pickup') : `${o.carrier ?? ''} ${o.trackingNumber ?? ''}`} ·{' '}
            <Tag>{t(`delivery.status.${o.status}`)}</Tag>
            {o.status !== 'signed' && o.status !== 'returned' && (
              <Button
                size="small"
                onClick={() => {
                  form.resetFields();
                  setUpdating(o);
                }}
              >
                {t('delivery.workbench.manual')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Modal
        open={!!updating}
        title={updating && t('delivery.workbench.manualTitle', { caseNo })}
        onCancel={() => setUpdating(undefined)}
        onOk={() => form.submit()}
        confirmLoading={update.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => update.mutate(v)}>
          <Form.Item name="status" label={t('delivery.statusLabel')} rules={[{ required: true }]}>
            <Select options={(updating?.method === 'pickup' ? (['signed'] as const) : steps).map((s) => ({ value: s, label: t(`delivery.status.${s}`) }))} />
          </Form.Item>
          {updating?.method === 'post' && (
            <>
              <Form.Item name="carrier" label={t('delivery.workbench.carrier')}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="trackingNumber" label={t('delivery.tracking')}>
                <Input maxLength={50} />
              </Form.Item>
            </>
          )}
          <Form.Item name="signedBy" label={t('delivery.workbench.signedBy')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="note" label={t('delivery.workbench.note')} rules={[{ required: true }]}>
            <Input.TextArea maxLength={500} />
          </Form.Item>
          <ProblemAlert error={update.error} />
        </Form>
      </Modal>
    </Card>
  );
}
