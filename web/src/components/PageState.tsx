import type { ReactNode } from 'react';
import { Button, Empty, Spin } from 'antd';
import { StatusResult } from './StatusResult';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { UseQueryResult } from '@tanstack/react-query';
import { isApiError } from '../api/errors';

export function PageLoading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="page-state" role="status" aria-live="polite">
      <Spin />
      <span className="page-state__label">{label ?? t('state.loading')}</span>
    </div>
  );
}

export function EmptyState({ description, children }: { description?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('state.empty')}>
      {children}
    </Empty>
  );
}

/** 403 → no permission; network → retry; 404 → not found; anything else → the server's message + retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const retry = onRetry ? (
    <Button type="primary" onClick={onRetry}>
      {t('action.retry')}
    </Button>
  ) : null;
  if (isApiError(error)) {
    if (error.status === 403) return <ForbiddenResult />;
    if (error.status === 404) return <NotFoundResult />;
    if (error.isNetwork) {
      return <StatusResult status="warning" title={t('errors.network.title')} subTitle={t('errors.network.detail')} extra={retry} />;
    }
    return (
      <StatusResult
        status="error"
        title={error.title || t('errors.generic.title')}
        subTitle={
          <>
            {error.detail && <span>{error.detail} </span>}
            {error.requestId && <span className="mono">{t('errors.requestId', { id: error.requestId })}</span>}
          </>
        }
        extra={retry}
      />
    );
  }
  return <StatusResult status="error" title={t('errors.generic.title')} subTitle={t('errors.generic.detail')} extra={retry} />;
}

export function ForbiddenResult() {
  const { t } = useTranslation();
  return (
    <StatusResult status="403" title={t('errors.forbidden.title')} subTitle={t('errors.forbidden.detail')} extra={<Link to="/">{t('nav.backHome')}</Link>} />
  );
}

export function NotFoundResult() {
  const { t } = useTranslation();
  return (
    <StatusResult status="404" title={t('errors.notFound.title')} subTitle={t('errors.notFound.detail')} extra={<Link to="/">{t('nav.backHome')}</Link>} />
  );
}

/**
 * The three states of any page that reads data, in one place:
 * `<QueryView query={q} isEmpty={(d) => d.items.length === 0}>{(d) => …}</QueryView>`.
 */
export function QueryView<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <EmptyState />}</>;
  return <>{children(query.data)}</>;
}
