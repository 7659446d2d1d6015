import { useSearchParams } from 'react-router-dom';

export const LIST_PAGE_SIZE = 20;

/**
 * A list page's filters and page in the address (督办, 监察规则): `update` sets or drops parameters
 * (the address is replaced, not pushed); `pagination` is the table's pager on `?page=`.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const update = (next: Record<string, string | undefined>) => {
    const sp = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) v ? sp.set(k, v) : sp.delete(k);
    setParams(sp, { replace: true });
  };
  const page = Number(params.get('page')) || 1;
  const pagination = (total: number | undefined) => ({
    current: page,
    pageSize: LIST_PAGE_SIZE,
    total: total ?? 0,
    onChange: (p: number) => update({ page: String(p) }),
    showSizeChanger: false,
    size: 'small' as const,
  });
  return { params, update, page, pagination };
}
