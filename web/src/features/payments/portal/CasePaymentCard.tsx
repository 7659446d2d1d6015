import { Alert, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMyOrders, yuan } from '../api';

/**
 * On the applicant's case page while the case waits for payment (status `awaiting_payment`): the
 * amount due and the pay button (to 网上缴费, where the order is paid through the gateway). The case
 * resumes by itself when the payment's notice arrives.
 */
export function CasePaymentCard({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  const orders = useMyOrders(false);
  const order = (orders.data ?? []).find((o) => o.caseNo === caseNo && o.status === 'unpaid');
  return (
    <Card className="cs-section" title={<h2>{t('payments.case.title')}</h2>} data-testid="pay-case">
      <Alert type="warning" showIcon message={t('payments.case.waiting')} />
      <p>
        <Link to="/payments">
          <Button type="primary" data-testid="pay-case-button">
            {order ? t('payments.portal.pay', { amount: yuan(order.amountFen) }) : t('payments.case.go')}
          </Button>
        </Link>
      </p>
    </Card>
  );
}
