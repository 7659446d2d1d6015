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
        <span>{item.subjectTypes.map((s) => t(`catalog.subject.${s}`)).join(t('common.listSeparator'))}</span>
      </div>
      <ItemFacts item={item} />
    </li>
  );
}

/**
 * One item offered in several places (the city and its districts each implement it): one card,
 * the places as links, so a search no longer lists the same item four times.
 */
export function ItemGroupCard({ items }: { items: ImplementationSummary[] }) {
  const { t } = useTranslation();
  const first = items[0]!;
  return (
    <li className="cat-card" data-testid="cat-item-group">
      <span className="cat-card__name">{first.name}</span>
      <div className="cat-card__meta">
        <span>{t(`catalog.itemType.${first.itemType}`)}</span>
        <span aria-hidden="true"> · </span>
        <span>{first.subjectTypes.map((s) => t(`catalog.subject.${s}`)).join(t('common.listSeparator'))}</span>
      </div>
      <ItemFacts item={first} />
      <p className="cat-card__places">{t('catalog.search.choosePlace', { count: items.length })}</p>
      <ul className="cat-places">
        {items.map((i) => (
          <li key={i.implementationCode}>
            <Link to={`/items/${i.implementationCode}`} aria-label={`${first.name} — ${i.departmentName}`}>
              {i.departmentName}
            </Link>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** The page's items grouped by base item, in the order of their first appearance. */
export function groupByItem(items: ImplementationSummary[]): ImplementationSummary[][] {
  const groups = new Map<string, ImplementationSummary[]>();
  for (const item of items) {
    const key = item.baseCode || item.implementationCode;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()];
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
        {groupByItem(data.items).map((group) =>
          group.length === 1 ? (
            <ItemCard key={group[0]!.implementationCode} item={group[0]!} />
          ) : (
            <ItemGroupCard key={group[0]!.implementationCode} items={group} />
          ),
        )}
      </ul>
      {data.total > pageSize && (
        <nav aria-label={t('catalog.search.pagination')} className="cat-pager">
          <Pagination current={page} pageSize={pageSize} total={data.total} onChange={onPage} showSizeChanger={false} size="small" />
        </nav>
      )}
    </>
  );
}
