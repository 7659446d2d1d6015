import { Pagination } from 'antd';

/** The portal lists' pager: shown only when there is more than one page, in a nav named for the list. */
export function SimplePager({
  label,
  page,
  pageSize,
  total,
  onChange,
}: {
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  if (total <= pageSize) return null;
  return (
    <nav aria-label={label}>
      <Pagination style={{ marginTop: 16 }} simple current={page} pageSize={pageSize} total={total} onChange={onChange} />
    </nav>
  );
}
