import type { Page } from '../api/types';

/**
 * The total to give antd's pager. A capped total (the server stopped counting: `totalCapped`) is a
 * lower bound, so the pager is told one row more than the pages seen so far: "next" stays enabled
 * past the cap, and an empty page past the end says where the list stops.
 */
export function pagerTotal(page: Pick<Page<unknown>, 'total' | 'totalCapped' | 'page' | 'pageSize'> | undefined): number {
  if (!page) return 0;
  return page.totalCapped ? Math.max(page.total, page.page * page.pageSize + 1) : page.total;
}

/** A total as the lists show it: "1,000+" when the server stopped counting there. */
export function totalText(page: Pick<Page<unknown>, 'total' | 'totalCapped'>, locale?: string): string {
  return `${page.total.toLocaleString(locale)}${page.totalCapped ? '+' : ''}`;
}
