import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { QueryView } from './PageState';
import { SimplePager } from './SimplePager';

/** A portal list, a page at a time: loading, error and empty states, the items as a list (each an <li>), the pager past one page. */
export function PagedList<T>({
  query,
  empty,
  listClassName,
  pagerLabel,
  page,
  onPage,
  children,
}: {
  query: UseQueryResult<{ items: T[]; total: number; pageSize: number }>;
  empty: ReactNode;
  listClassName: string;
  pagerLabel: string;
  page: number;
  onPage: (page: number) => void;
  children: (item: T) => ReactNode;
}) {
  return (
    <QueryView query={query} isEmpty={(data) => data.items.length === 0} empty={empty}>
      {(data) => (
        <>
          <ul className={listClassName}>{data.items.map(children)}</ul>
          <SimplePager label={pagerLabel} page={page} pageSize={data.pageSize} total={data.total} onChange={onPage} />
        </>
      )}
    </QueryView>
  );
}
