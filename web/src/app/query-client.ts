import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/errors';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { allowUnauthorized?: boolean };
    mutationMeta: { allowUnauthorized?: boolean };
  }
}

interface AuthHandlers {
  /** A 401 from any query or mutation: go to sign-in, then back. */
  sessionExpired: () => void;
  /** The server refuses everything until the initial password is changed. */
  passwordChangeRequired: () => void;
}
let handlers: AuthHandlers = { sessionExpired: () => {}, passwordChangeRequired: () => {} };

/** The router registers these once it exists. */
export function setAuthHandlers(h: AuthHandlers): void {
  handlers = h;
}

function handle(error: unknown, meta: { allowUnauthorized?: boolean } | undefined): void {
  if (!isApiError(error)) return;
  if (error.status === 401 && !meta?.allowUnauthorized) handlers.sessionExpired();
  if (error.status === 403 && error.code === 'auth.password_change_required') handlers.passwordChangeRequired();
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => handle(error, query.meta) }),
  mutationCache: new MutationCache({ onError: (error, _v, _c, mutation) => handle(error, mutation.meta) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Retry only what may pass on a second try: the network or the server having a bad moment.
      retry: (count, error) => isApiError(error) && (error.isNetwork || error.status >= 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
