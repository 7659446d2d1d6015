import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorState, PageLoading } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useDisplay } from '../api';
import '../appointments.css';

/** /appointments/display/:hallId — the hall's big screen: the latest calls (ticket and window numbers only) and who waits per group; refreshed every 5 s. */
export function DisplayPage() {
  const { t } = useTranslation();
  const { hallId = '' } = useParams();
  useDocumentTitle(t('appointments.display.title'));
  const q = useDisplay(hallId);
  if (q.isPending) return <PageLoading />;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const [latest, ...earlier] = q.data.calls;
  return (
    <div className="ap-display" aria-live="polite">
      <h1 lang="zh-CN">{q.data.hallName}</h1>
      {latest ? (
        <div className="ap-display-latest" data-testid="ap-display-latest">
          {t('appointments.display.call', { number: latest.number, window: latest.windowNumber })}
        </div>
      ) : (
        <div className="ap-display-latest">{t('appointments.display.none')}</div>
      )}
      <table className="ap-display-table">
        <thead>
          <tr>
            <th>{t('appointments.display.ticket')}</th>
            <th>{t('appointments.display.window')}</th>
          </tr>
        </thead>
        <tbody>
          {earlier.map((c) => (
            <tr key={`${c.number}-${c.calledAt}`}>
              <td>{c.number}</td>
              <td>{c.windowNumber}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="ap-display-groups">
        {q.data.groups.map((g) => (
          <li key={g.code}>
            <span lang="zh-CN">
              {g.code} {g.name}
            </span>
            : {t('appointments.display.waiting', { count: g.waiting })}
          </li>
        ))}
      </ul>
    </div>
  );
}
