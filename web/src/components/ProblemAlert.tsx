import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldError } from '../api/errors';

/**
 * A form-level message for a failed submit: the server's localized title and detail, plus any field
 * errors that no form field could show.
 */
export function ProblemAlert({ error, leftover = [] }: { error: unknown; leftover?: FieldError[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  let title: string = t('errors.generic.title');
  let detail: string | undefined;
  if (isApiError(error)) {
    if (error.isNetwork) {
      title = t('errors.network.title');
      detail = t('errors.network.detail');
    } else if (error.status === 403) {
      title = t('errors.forbidden.title');
      detail = t('errors.forbidden.detail');
    } else {
      title = error.title || title;
      detail = error.detail;
    }
  }
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={title}
      description={
        detail || leftover.length > 0 ? (
          <>
            {detail && <div>{detail}</div>}
            {leftover.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {leftover.map((e) => (
                  <li key={e.field + e.message}>
                    <span className="mono">{e.field}</span>: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : undefined
      }
    />
  );
}
