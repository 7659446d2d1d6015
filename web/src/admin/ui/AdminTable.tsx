import { Alert, Table, type TableColumnsType } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../api/types';
import { EmptyState, ErrorState } from '../../components/PageState';
import { pagerTotal, totalText } from '../../lib/paging';
import type { ListParams } from './list-params';

interface Props<T> {
  query: UseQueryResult<Page<T>>;
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  list: Pick<ListParams, 'page' | 'pageSize' | 'update'>;
  /** Read by screen readers before the table. */
  label: string;
  /**
   * A width the columns are laid out in (fixed layout: each column keeps the width it names, long
   * text is cut with an ellipsis): a list that must fit a 1280 px screen. Default: as wide as the content.
   */
  fitWidth?: number;
}

/**
 * A server-paged table with the page's loading, empty and error states. A failed first load
 * replaces the table by the error (403 → no permission, network → retry); a failed refetch keeps
 * the rows and shows a banner.
 */
export function AdminTable<T extends object>({ query, columns, rowKey, list, label, fitWidth }: Props<T>) {
  const { t, i18n } = useTranslation();
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      {query.isError && (
        <Alert
          type="warning"
          showIcon
          title={t('errors.refreshFailed')}
          action={<a onClick={() => void query.refetch()}>{t('action.retry')}</a>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<T>
        aria-label={label}
        rowKey={rowKey}
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        scroll={{ x: fitWidth ?? 'max-content' }}
        tableLayout={fitWidth ? 'fixed' : undefined}
        locale={{ emptyText: query.isPending ? ' ' : <EmptyState /> }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: pagerTotal(query.data),
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) =>
            query.data?.totalCapped ? t('admin.totalCapped', { n: totalText(query.data, i18n.language) }) : t('admin.total', { count: total }),
          onChange: (page, pageSize) => list.update(pageSize !== list.pageSize ? { page: 1, pageSize } : { page }),
        }}
      />
    </>
  );
}
