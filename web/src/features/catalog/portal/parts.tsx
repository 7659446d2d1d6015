import { Pagination, Tag } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Page } from '../../../api/types';
import { EmptyState, ErrorState, PageLoading } from '../../../components/PageState';
import type { ImplementationSummary } from '../api';

/** 马上办 / 网上办 / 一次办 and the main figures of an item, as small tags. */
export function ItemFacts({ item }: { item: ImplementationSummary }) {
  const { t } = useTranslation();
  return (
    <div className="cat-facts">
      {item.doNow && <Tag color="green">{t('catalog.flag.doNow')}</Tag>}
      {item.doOnline && <Tag color="blue">{t('catalog.flag.doOnline')}</Tag>}
      {item.doInOneVisit && <Tag color="purple">{t('catalog.flag.doInOneVisit')}</Tag>}
      {item.promisedLimitDays !== null && (
        <span className="cat-fact">
          {item.promisedLimitDays === 0 ? t('catalog.summary.instant') : t('catalog.summary.promised', { count: item.promisedLimitDays })}
        </span>
      )}
      {item.visitsRequired !== null && <span className="cat-fact">{t('catalog.summary.visits', { count: item.visitsRequired })}</span>}
      {item.onlineLevel && <span className="cat-fact">{t('catalog.summary.onlineLevel', { level: item.onlineLevel })}</span>}
    </div>
  );
}

export function ItemCard({ item }: { item: ImplementationSummary }) {
  const { t } = useTranslation();
  return (
    <li className="cat-card">
      <Link to={`/items/${item.implementationCode}`} className="cat-card__name">
        {item.name}
      </Link>
      <div className="cat-card__meta">
        <span>{item.departmentName}</span>
        <span aria-hidden="true"> · </span>
        <span>{t(`catalog.itemType.${item.itemType}`)}</span>
        <span aria-hidden="true"> · </span>
        <span>{item.subjectTypes.map((s) => t(`catalog.subject.${s}`)).join('、')}</span>
      </div>
      <ItemFacts item={item} />
    </li>
  );
}

/** A server-paged list of items with its loading, empty and error states. */
export function ItemResults({
  query,
  page,
  pageSize,
  onPage,
  label,
  empty,
}: {
  query: UseQueryResult<Page<ImplementationSummary>>;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  label: string;
  empty?: string;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <PageLoading />;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data!;
  if (data.items.length === 0) return <EmptyState description={empty} />;
  return (
    <>
      <p className="cat-total" role="status" aria-live="polite">
        {t('catalog.search.total', { count: data.total })}
      </p>
      <ul className="cat-results" aria-label={label} aria-busy={query.isFetching}>
        {data.items.map((item) => (
          <ItemCard key={item.implementationCode} item={item} />
        ))}
      </ul>
      {data.total > pageSize && (
        <nav aria-label={t('catalog.search.pagination')} className="cat-pager">
          <Pagination current={page} pageSize={pageSize} total={data.total} onChange={onPage} showSizeChanger={false} size="small" />
        </nav>
      )}
    </>
  );
}
