import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { formatDateTime } from '../../../lib/dayjs';

/** A dataset's update history (each refresh: time, rows, change), fetched when opened. */
export function DatasetHistory({ id, refreshes }: { id: string; refreshes: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const history = useQuery({
    queryKey: ['data', 'open-datasets', id, 'history'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/open-data/datasets/{id}/history', { params: { path: { id } }, signal })),
    enabled: open,
  });
  if (refreshes === 0) return null;
  return (
    <details className="data-history" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>
        {t('data.open.history')} ({refreshes})
      </summary>
      {history.data && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('data.open.historyAt')}</th>
              <th scope="col">{t('data.open.historyRows')}</th>
              <th scope="col">{t('data.open.historyChange')}</th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((h) => (
              <tr key={h.at}>
                <td>{formatDateTime(h.at)}</td>
                <td>{h.rowCount}</td>
                <td>{h.changed ? t('data.open.changeSome', { added: h.added, removed: h.removed }) : t('data.open.changeNone')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
