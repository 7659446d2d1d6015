import { useEffect, useRef, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
// The ES builds: `antd/locale/*` are CommonJS and drag antd/lib into the bundle.
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { usePrefs, useReducedMotion } from '../lib/prefs';
import { queryClient } from './query-client';
import { themeFor } from './theme';

/**
 * antd's locale and theme follow the visitor's language and 长辈版 choice. antd's <App> (message,
 * modal hooks) is not here: it is heavy and the portal home does not need it; the faces that do
 * wrap themselves in it.
 */
export function AppProviders({ children }: { children: ReactNode }) {
  const { language, elder } = usePrefs();
  const reducedMotion = useReducedMotion();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Server messages and localized names come back in the new language.
    void queryClient.invalidateQueries();
  }, [language]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={themeFor(elder, reducedMotion)}>
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
