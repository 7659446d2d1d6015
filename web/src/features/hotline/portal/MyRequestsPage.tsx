import { useState } from 'react';
import { Pagination } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../../api/auth';
import { EmptyState, PageLoading, QueryView } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useMyTickets } from '../api';
import { KindTag, StatusTag } from '../ui';
import { MyPhotos } from '../photos';
import '../hotline.css';

export function MyRequestsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('hotline.portal.mine'));
  const me = useMe();
  if (me.isPending) return <PageLoading />;
  if (!me.data) {
    return (
      <div className="hl-portal">
        <h1>{t('hotline.portal.mine')}</h1>
        <p>
          <Link to="/login?next=%2Fhotline%2Fmine">{t('hotline.portal.signInForMine')}</Link>
        </p>
      </div>
    );
  }
  return <Mine />;
}

function Mine() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const mine = useMyTickets(page);
  return (
    <div className="hl-portal">
      <h1>{t('hotline.portal.mine')}</h1>
      <div className="hl-portal-links">
        <Link to="/hotline/new">{t('hotline.portal.new')}</Link>
      </div>
      <QueryView query={mine} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('hotline.portal.mineEmpty')} />}>
        {(d) => (
          <>
            <ul className="hl-my-list">
              {d.items.map((r) => (
                <li key={r.id}>
                  <h2 lang="zh-CN">{r.title}</h2>
                  <div>
                    <KindTag kind={r.kind} />
                    <StatusTag status={r.status} />
                    {r.categoryName && <span>{r.categoryName}</span>}
                  </div>
                  <div>
                    <span className="mono">{r.number}</span> · {formatDateTime(r.createdAt)}
                  </div>
                  {r.dueDate && !r.answer && r.status !== 'closed' && (
                    <div>{r.dueAt ? t('hotline.portal.dueAt', { time: formatDateTime(r.dueAt) }) : t('hotline.portal.submittedDue', { date: r.dueDate })}</div>
                  )}
                  <MyPhotos ticketId={r.id} photos={r.requestPhotos} label={t('hotline.portal.yourPhotos')} />
                  {r.answer && (
                    <section className="hl-my-answer" aria-label={t('hotline.portal.answer')}>
                      <h3>{t('hotline.portal.answer')}</h3>
                      {r.answer.text && <p>{r.answer.text}</p>}
                      <MyPhotos ticketId={r.id} photos={r.answer.photos} label={t('hotline.portal.answerPhotos')} />
                    </section>
                  )}
                  {r.satisfaction !== null && <div>{t('hotline.detail.rating', { value: r.satisfaction })}</div>}
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

export default MyRequestsPage;
