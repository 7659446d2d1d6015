import { Alert, Button, Card, Empty, Space, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../../lib/api-call';
import { RequireAuth } from '../../../components/RequireAuth';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { PageLoading } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { payOrder, paymentKeys, useMyOrders, yuan, type Order } from '../api';

const statusColor: Record<Order['status'], string> = { unpaid: 'orange', paid: 'green', closed: 'default', refunded: 'purple' };

/** /payments — the applicant's payment orders (phone first): pay one through the (simulated) gateway, download a paid one's receipt. */
export function PaymentRoute() {
  return (
    <RequireAuth kinds={['person', 'entity']}>
      <PaymentPage />
    </RequireAuth>
  );
}

function PaymentPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('payments.portal.title'));
  const qc = useQueryClient();
  const pay = useMutation({ mutationFn: (o: Order) => payOrder(o.orderNo), onSuccess: () => void qc.invalidateQueries({ queryKey: paymentKeys.mine }) });
  // Paid at the gateway, its notice not yet arrived: the order is still unpaid with a gateway set.
  const waiting = (o: Order) => o.status === 'unpaid' && o.gateway !== null;
  const mine = useMyOrders(true);
  if (mine.isPending) return <PageLoading />;
  return (
    <div className="pay-page">
      <h1>{t('payments.portal.title')}</h1>
      {mine.isError && <ProblemAlert error={mine.error} />}
      {pay.isError && <ProblemAlert error={pay.error} />}
      {mine.data?.length === 0 && <Empty description={t('payments.portal.none')} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {mine.data?.map((o) => (
          <Card
            key={o.orderNo}
            size="small"
            title={<span lang="zh-CN">{o.itemName}</span>}
            extra={<Tag color={statusColor[o.status]}>{t(`payments.status.${o.status}`)}</Tag>}
            data-testid={`pay-order-${o.orderNo}`}
          >
            <p>
              {t('payments.orderNo')}: {o.orderNo} · {t('payments.caseNo')}: {o.caseNo}
            </p>
            <ul className="pay-lines">
              {o.lines.map((l) => (
                <li key={l.feeCode}>
                  <span lang="zh-CN">{l.name}</span> × {l.quantity}: ¥{yuan(l.amountFen)}
                </li>
              ))}
            </ul>
            <p>
              <strong>
                {t('payments.total')}: ¥{yuan(o.amountFen)}
              </strong>
            </p>
            {waiting(o) && <Alert type="info" showIcon message={t('payments.portal.waiting')} />}
            {o.status === 'unpaid' && !waiting(o) && (
              <Button type="primary" block size="large" loading={pay.isPending && pay.variables?.orderNo === o.orderNo} onClick={() => pay.mutate(o)}>
                {t('payments.portal.pay', { amount: yuan(o.amountFen) })}
              </Button>
            )}
            {(o.status === 'paid' || o.status === 'refunded') && (
              <Button block href={apiUrl('/api/payments/orders/{orderNo}/receipt', { orderNo: o.orderNo })}>
                {t('payments.portal.receipt')}
              </Button>
            )}
          </Card>
        ))}
      </Space>
      <p className="pay-note">{t('payments.portal.simulated')}</p>
    </div>
  );
}
