import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** `页面 - 一网政务服务`; screen readers announce the title on navigation. */
export function useDocumentTitle(title: string | undefined): void {
  const { t } = useTranslation();
  const app = t('app.title');
  useEffect(() => {
    document.title = title ? `${title} - ${app}` : app;
  }, [title, app]);
}
