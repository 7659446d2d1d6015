import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import './styles/global.css';
import { initI18n } from './i18n';
import { AppProviders } from './app/providers';
import { createAppRouter } from './app/router';

/**
 * Start-up: i18n, then the router loads the lazy chunks of the first route, then React renders.
 * Rendering only once the router is initialized matters: RouterProvider subscribes in an effect, and
 * a lazy route that resolves between its first render and that effect was seen to leave the page on
 * the fallback for good. Until then index.html shows its own small loading text.
 * (No top-level await either: lazy chunks import shared code from this entry chunk.)
 */
async function start(): Promise<void> {
  await initI18n().catch(() => undefined);
  const router = createAppRouter();
  if (!router.state.initialized) {
    await new Promise<void>((resolve) => {
      const unsubscribe = router.subscribe((state) => {
        if (state.initialized) {
          unsubscribe();
          resolve();
        }
      });
    });
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <AppProviders>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  );
}

void start();
