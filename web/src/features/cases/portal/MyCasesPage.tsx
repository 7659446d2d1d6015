import { useState } from 'react';
import { Pagination } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { RequireAuth } from '../../../components/RequireAuth';
import { EmptyState, QueryView } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { OPEN_STATUSES, useCaseList } from '../api';
import { StatusBadge } from '../ui';
import '../cases.css';

/** 我的办件: every case of the signed-in applicant, newest first, with status and due date. */
export function MyCasesPage() {
  return (
    <RequireAuth kinds={['person', 'entity']}>
      <MyCases />
    </RequireAuth>
  );
}

function MyCases() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.portal.mine'));
  const [page, setPage] = useState(1);
  const list = useCaseList({ mine: '1', page, pageSize: 10 });
  return (
    <div className="cs-portal">
      <h1>{t('cases.portal.mine')}</h1>
      <div className="cs-links">
        <Link to="/me/certificates">{t('cases.portal.wallet')}</Link>
        <Link to="/progress">{t('cases.portal.progress')}</Link>
        <Link to="/search">{t('cases.portal.findService')}</Link>
      </div>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('cases.portal.mineEmpty')} />}>
        {(d) => (
          <>
            <ul className="cs-list" data-testid="cs-my-cases">
              {d.items.map((c) => (
                <li key={c.caseNo}>
                  <h2>
                    <Link to={`/cases/${encodeURIComponent(c.caseNo)}`}>{c.itemName}</Link>
                  </h2>
                  <div className="cs-list__meta">
                    <StatusBadge status={c.status} />
                    {OPEN_STATUSES.includes(c.status) && <span>{c.stepName}</span>}
                    {c.status === 'awaiting_correction' && <strong className="cs-verify-bad">{t('cases.portal.actionNeeded')}</strong>}
                  </div>
                  <div className="cs-hint">
                    <span className="mono">{c.caseNo}</span> · {c.departmentName}
                  </div>
                  <div className="cs-hint">{t('cases.portal.submittedAt', { at: formatDateTime(c.submittedAt) })}</div>
                  {OPEN_STATUSES.includes(c.status) && (
                    <div className="cs-list__meta">
                      <span>{t('cases.due.date', { date: c.dueDate })}</span>
                      {c.paused && <span className="cs-hint">{t('cases.due.paused')}</span>}
                    </div>
                  )}
                </li>
              ))}
            </ul>
            {d.total > d.pageSize && <Pagination current={page} pageSize={d.pageSize} total={d.total} onChange={setPage} simple />}
          </>
        )}
      </QueryView>
    </div>
  );
}

export default MyCasesPage;
