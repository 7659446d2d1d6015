import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/dayjs';
import { labelOf } from '../cases/ui';
import type { Bundle } from './api';

/**
 * 结果统一送达: how the application's results come together (post or window pickup), and once every
 * result is issued the one delivery order: its status, tracking number or pickup place and code, and
 * the results it carries (docs/life-events.md, "One delivery").
 */
export function BundleDelivery({ delivery }: { delivery: Bundle['delivery'] }) {
  const { t } = useTranslation();
  if (!delivery) return null;
  const o = delivery.order;
  return (
    <Card title={t('lifeEvents.delivery.title')} style={{ marginBottom: 16 }}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('lifeEvents.delivery.method')}>{t(`lifeEvents.delivery.methods.${delivery.method}`)}</Descriptions.Item>
        <Descriptions.Item label={t('delivery.statusLabel')}>
          {o ? (
            <Tag>{labelOf(t, `delivery.status.${o.status}`, o.status)}</Tag>
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
            <span lang="zh">{o.contents.map((c) => c.resultName).join('、')}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
