import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

type Patch<F extends string> = Partial<Record<'page' | 'pageSize' | 'q' | F, string | number | undefined | null>>;

/**
 * A list's page, size, search text and filters live in the URL: a reload, a shared link or the back
 * button shows the same page. Any change other than the page itself goes back to page 1.
 */
export function useListParams<F extends string = never>(filterKeys: readonly F[] = []) {
  const [sp, setSp] = useSearchParams();
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(sp.get('pageSize')) || 20));
  const q = sp.get('q') ?? '';
  const key = filterKeys.map((k) => `${k}=${sp.get(k) ?? ''}`).join('&');
  const filters = useMemo(() => {
    const out = {} as Partial<Record<F, string>>;
    for (const k of filterKeys) {
      const v = sp.get(k);
      if (v) out[k] = v;
    }
    return out;
    // `key` captures every filter value
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const update = (patch: Patch<F>) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === undefined || v === null || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        if (!('page' in patch)) next.delete('page');
        if (next.get('page') === '1') next.delete('page');
        return next;
      },
      { replace: true },
    );

  /** What to send: only what is set. */
  const query = useMemo(() => ({ page, pageSize, ...(q ? { q } : {}), ...filters }), [page, pageSize, q, filters]);
  return { page, pageSize, q, filters, update, query };
}

export type ListParams = ReturnType<typeof useListParams<string>>;
