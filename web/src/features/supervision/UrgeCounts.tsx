import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission, useMe } from '../../api/auth';
import { useUrges, type UrgeStatus } from './api';
import './supervision.css';

/** The workbench home's counts beside 督办: waiting and escalated urges (a unit's own; a supervisor's in scope), each a link to the list. */
export function UrgeCounts() {
  const { t } = useTranslation();
  const me = useMe();
  const box = hasPermission(me.data, 'supervision.urge.issue') ? undefined : 'to-answer';
  const open = useCountOf(box, 'open', !!me.data);
  const escalated = useCountOf(box, 'escalated', !!me.data);
  if (open === undefined || escalated === undefined) return null;
  return (
    <span className="sv-counts" data-testid="supervision-urge-counts">
      <Link to={`/workbench/supervision/urges?${box ? `box=${box}&` : ''}status=open`}>{t('supervision.urges.count.open', { count: open })}</Link>
      <Link to={`/workbench/supervision/urges?${box ? `box=${box}&` : ''}status=escalated`}>
        {t('supervision.urges.count.escalated', { count: escalated })}
      </Link>
    </span>
  );
}

function useCountOf(box: 'to-answer' | undefined, status: UrgeStatus, enabled: boolean): number | undefined {
  return useUrges({ box, status, page: 1, pageSize: 1 }, enabled).data?.total;
}

export default UrgeCounts;
