import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { Me } from './types';

export const meKey = ['auth', 'me'] as const;

/** Who is signed in; `null` when nobody is (GET /api/auth/session answers an anonymous visitor 200, so public pages log no 401). */
export const meQuery = queryOptions({
  queryKey: meKey,
  queryFn: async ({ signal }): Promise<Me | null> => {
    const session = await unwrap(api.GET('/api/auth/session', { signal }));
    return session.signedIn ? session.me : null;
  },
  staleTime: 5 * 60_000,
  meta: { allowUnauthorized: true },
});

export function useMe() {
  return useQuery(meQuery);
}

/** `*` is the platform administrator's wildcard. */
export function hasPermission(me: Me | null | undefined, permission: string | null | undefined): boolean {
  if (!permission) return !!me;
  if (!me) return false;
  return me.permissions.includes('*') || me.permissions.includes(permission);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => unwrap(api.POST('/api/auth/login', { body })),
    meta: { allowUnauthorized: true },
    onSuccess: ({ me }) => {
      // Whatever was cached belonged to the previous session.
      qc.clear();
      qc.setQueryData(meKey, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/logout')),
    meta: { allowUnauthorized: true },
    onSettled: () => {
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => unwrap(api.POST('/api/auth/password', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

/** Where to go after sign-in: `next` when it is one of our own paths, else the face for the account. */
export function landingPath(me: Me, next: string | null): string {
  // Only a path on this site: '//host' and '/\host' would leave it.
  if (next && /^\/(?![/\\])/.test(next) && !next.startsWith('/login')) return next;
  return me.kind === 'staff' ? '/workbench' : '/me';
}
