import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../../../api/client';
import { QueryView } from '../../../components/PageState';
import { apiUrl } from '../../../lib/api-call';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { formatDateTime } from '../../../lib/dayjs';
import { DatasetHistory } from './DatasetHistory';
import '../data-exchange.css';

/** 数据开放: the open datasets, their metadata and downloads (CSV, JSON, xlsx). */
export function OpenDataPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('data.open.title'));
  const datasets = useQuery({
    queryKey: ['data', 'open-datasets'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/open-data/datasets', { params: { query: { page: 1, pageSize: 100 } }, signal })),
  });
  return (
    <div className="data-open">
      <h1>{t('data.open.title')}</h1>
      <p>
        {t('data.open.intro')} <Link to="/proofs">{t('data.proofs.title')}</Link>
      </p>
      <QueryView query={datasets} isEmpty={(d) => d.items.length === 0} empty={<p>{t('data.open.empty')}</p>}>
        {(page) => (
          <>
            {page.items.map((d) => (
              <article key={d.id} className="data-dataset" aria-labelledby={`ds-${d.id}`}>
                <h2 id={`ds-${d.id}`} lang="zh-CN">
                  {d.title}
                </h2>
                <p lang="zh-CN">{d.description}</p>
                <p className="data-muted">
                  {t('data.open.publisher')}: <span lang="zh-CN">{d.publisher}</span> · {t('data.open.licence')}: <span lang="zh-CN">{d.licence}</span> ·{' '}
                  {t('data.open.fields')}: <span lang="zh-CN">{d.fields.map((f) => f.title).join('、')}</span>
                </p>
                <p className="data-muted">
                  {t('data.open.modified')}: {d.modified ? formatDateTime(d.modified) : t('data.open.never')}
                  {d.rowCount !== null && <> · {t('data.open.rows', { count: d.rowCount })}</>}
                </p>
                <p>
                  {t('data.open.download')}:{' '}
                  {d.distributions.map((x) => (
                    <a
                      key={x.format}
                      className="data-download"
                      href={apiUrl('/api/public/open-data/datasets/{id}/download', { id: d.id }, { format: x.format })}
                      download
                    >
                      {x.format.toUpperCase()}
                    </a>
                  ))}
                </p>
                <DatasetHistory id={d.id} refreshes={d.refreshes} />
              </article>
            ))}
          </>
        )}
      </QueryView>
    </div>
  );
}
