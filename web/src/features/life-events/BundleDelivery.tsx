import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/dayjs';
import { labelOf } from '../cases/ui';
import { bundleKey, chooseBundleDelivery, type Bundle } from './api';
import { DeliveryChoice, useDeliveryChoice } from './DeliveryChoice';

/**
 * While no order is arranged (no choice made, or the address deleted meanwhile): the applicant asks
 * for one delivery of every result (PUT …/delivery); the page then shows the answer.
 */
function ChooseDelivery({ bundleNo }: { bundleNo: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const choice = useDeliveryChoice('pickup');
  const save = useMutation({
    mutationFn: () => chooseBundleDelivery(bundleNo, choice.body!),
    onSuccess: (b) => qc.setQueryData(bundleKey(bundleNo), b),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <DeliveryChoice choice={choice} />
      <ProblemAlert error={save.error} />
      <Button type="primary" block disabled={!choice.body} loading={save.isPending} onClick={() => save.mutate()} data-testid="le-delivery-confirm">
        {t('lifeEvents.delivery.confirm')}
      </Button>
    </Space>
  );
}

/**
 * 结果统一送达: how the application's results come together (post or window pickup), and once every
 * result is issued the one delivery order: its status, tracking number or pickup place and code, and
 * the results it carries (docs/life-events.md, "One delivery").
 */
export function BundleDelivery({ bundle }: { bundle: Bundle }) {
  const { t } = useTranslation();
  const { delivery } = bundle;
  const open = bundle.status === 'in_progress' && !delivery?.order;
  if (!delivery) {
    if (!open) return null;
    return (
      <Card title={t('lifeEvents.delivery.title')} style={{ marginBottom: 16 }} data-testid="le-delivery">
        <Typography.Paragraph>{t('lifeEvents.delivery.separateNow')}</Typography.Paragraph>
        <ChooseDelivery bundleNo={bundle.bundleNo} />
      </Card>
    );
  }
  const o = delivery.order;
  return (
    <Card title={t('lifeEvents.delivery.title')} style={{ marginBottom: 16 }} data-testid="le-delivery">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('lifeEvents.delivery.method')}>{t(`lifeEvents.delivery.methods.${delivery.method}`)}</Descriptions.Item>
        <Descriptions.Item label={t('delivery.statusLabel')}>
          {o ? (
            <Tag data-testid="le-delivery-status">{labelOf(t, `delivery.status.${o.status}`, o.status)}</Tag>
          ) : (
            labelOf(t, `lifeEvents.delivery.${delivery.note ?? 'waiting'}`, t('lifeEvents.delivery.waiting'))
          )}
        </Descriptions.Item>
        {o?.trackingNumber && (
          <Descriptions.Item label={t('delivery.tracking')}>
            {o.carrier} {o.trackingNumber}
          </Descriptions.Item>
        )}
        {o?.method === 'post' && (
          <Descriptions.Item label={t('delivery.to')}>
            {o.recipientName} <span lang="zh">{o.address}</span>
          </Descriptions.Item>
        )}
        {o?.pickupPlace && (
          <Descriptions.Item label={t('delivery.pickupAt')}>
            <span lang="zh">{o.pickupPlace}</span>
          </Descriptions.Item>
        )}
        {delivery.pickupCode && (
          <Descriptions.Item label={t('lifeEvents.delivery.pickupCode')}>
            <Typography.Text strong copyable>
              {delivery.pickupCode}
            </Typography.Text>
          </Descriptions.Item>
        )}
        {o?.signedAt && <Descriptions.Item label={t('delivery.signedAt')}>{formatDateTime(o.signedAt)}</Descriptions.Item>}
        {o && (
          <Descriptions.Item label={t('lifeEvents.delivery.contents')}>
            {/* One result a line: joined they wrap to many lines in the cell on a phone. */}
            <ul lang="zh" style={{ margin: 0, paddingInlineStart: 20 }}>
              {o.contents.map((c) => (
                <li key={c.caseNo}>{c.resultName}</li>
              ))}
            </ul>
          </Descriptions.Item>
        )}
      </Descriptions>
      {open && delivery.note === 'address_missing' && <ChooseDelivery bundleNo={bundle.bundleNo} />}
    </Card>
  );
}
