import { useState } from 'react';
import { Alert, Button, Card, Radio, Select, Space } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { idempotent } from '../../../lib/api-call';
import { formatDateTime } from '../../../lib/dayjs';
import { useAddresses, type Order } from '../api';

const caseKey = (caseNo: string) => ['delivery', 'case', caseNo] as const;

/** The delivery orders of one case, for its applicant or (workbench) its department. */
export function useCaseDeliveries(caseNo: string) {
  return useQuery({
    queryKey: caseKey(caseNo),
    queryFn: ({ signal }) => unwrap(api.GET('/api/delivery/orders', { params: { query: { caseNo } }, signal })),
  });
}

function OrderLine({ o }: { o: Order }) {
  const { t } = useTranslation();
  return (
    <li data-testid="dl-case-order">
      {t(`delivery.direction.${o.direction}`)} ·{' '}
      {o.method === 'pickup' ? `${t('delivery.pickup')}（${o.pickupPlace ?? ''}）` : `${o.recipientName ?? ''} ${o.address ?? ''}`} ·{' '}
      <strong>{t(`delivery.status.${o.status}`)}</strong>
      {o.trackingNumber && ` · ${t('delivery.tracking')} ${o.trackingNumber}`}
      {o.signedAt && ` · ${t('delivery.signedAt')} ${formatDateTime(o.signedAt)}`}
    </li>
  );
}

/**
 * 结果送达方式 on the applicant's case page: the case's delivery orders, and while the result has
 * none, the choice of post (to an address of the address book) or pickup at the department's window
 * (the pickup code is shown once).
 */
export function CaseDeliveryCard({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const orders = useCaseDeliveries(caseNo);
  const addresses = useAddresses();
  const [method, setMethod] = useState<'post' | 'pickup'>('post');
  const [addressId, setAddressId] = useState<string>();
  const [key] = useState(() => crypto.randomUUID());
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/delivery/orders', {
          body: { caseNo, direction: 'result_out', method, addressId: method === 'post' ? addressId : undefined },
          headers: idempotent(key),
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['delivery'] }),
  });
  const list = orders.data ?? [];
  const hasResult = list.some((o) => o.direction === 'result_out');
  const book = addresses.data ?? [];
  const chosen = addressId ?? book.find((a) => a.isDefault)?.id;
  return (
    <Card className="cs-section" title={<h2>{t('delivery.case.title')}</h2>} data-testid="dl-case">
      {list.length > 0 && (
        <ul className="dl-case-orders">
          {list.map((o) => (
            <OrderLine key={o.id} o={o} />
          ))}
        </ul>
      )}
      {create.data?.pickupCode && (
        <Alert type="success" showIcon data-testid="dl-pickup-code" message={t('delivery.case.pickupCode', { code: create.data.pickupCode })} />
      )}
      {!hasResult && !orders.isLoading && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group value={method} onChange={(e) => setMethod(e.target.value as 'post' | 'pickup')} aria-label={t('delivery.case.choose')}>
            <Radio value="post">{t('delivery.case.byPost')}</Radio>
            <Radio value="pickup">{t('delivery.case.atWindow')}</Radio>
          </Radio.Group>
          {method === 'post' &&
            (book.length ? (
              <Select
                aria-label={t('delivery.case.address')}
                style={{ width: '100%' }}
                value={chosen}
                onChange={setAddressId}
                options={book.map((a) => ({ value: a.id, label: `${a.recipientName} ${a.phone} ${a.address}` }))}
              />
            ) : (
              <Link to="/delivery">{t('delivery.case.addAddress')}</Link>
            ))}
          <ProblemAlert error={create.error} />
          <Button
            type="primary"
            disabled={method === 'post' && !chosen}
            loading={create.isPending}
            onClick={() => create.mutate()}
            data-testid="dl-case-submit"
          >
            {t('delivery.case.submit')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
