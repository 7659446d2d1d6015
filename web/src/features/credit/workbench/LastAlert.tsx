import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../lib/dayjs';
import { useDisclosureAlerts } from '../api';

/**
 * 最近提醒 on the 双公示 board: the last working day's deadline digest (day, when, how many, to whom).
 * Staff have no in-site inbox on the workbench, so the board says what the job sent.
 */
export function LastAlert() {
  const { t } = useTranslation();
  const q = useDisclosureAlerts();
  if (!q.data) return null;
  const a = q.data.latest;
  return (
    <Typography.Paragraph type="secondary" data-testid="credit-last-alert">
      {a
        ? t('credit.alert.last', {
            day: formatDate(a.day),
            time: formatDateTime(a.sentAt),
            n: a.items,
            late: a.late,
            dueSoon: a.dueSoon,
            units: a.units.map((u) => (u.role === 'office' ? t('credit.alert.officeUnit', { name: u.unitName }) : u.unitName)).join(t('common.listSeparator')),
          })
        : t('credit.alert.none')}
    </Typography.Paragraph>
  );
}
