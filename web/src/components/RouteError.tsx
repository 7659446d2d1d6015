import { Button } from 'antd';
import { StatusResult } from './StatusResult';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { ErrorState, NotFoundResult } from './PageState';

/**
 * The router's error element. A chunk that fails to load usually means a new version was deployed
 * while the page was open: offer a reload rather than a stack trace.
 */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundResult />;
  const message = error instanceof Error ? error.message : '';
  if (/dynamically imported module|Failed to fetch|Importing a module script failed|error loading/i.test(message)) {
    return (
      <StatusResult
        status="warning"
        title={t('errors.chunk.title')}
        subTitle={t('errors.chunk.detail')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('action.reload')}
          </Button>
        }
      />
    );
  }
  return <ErrorState error={error} onRetry={() => window.location.reload()} />;
}
