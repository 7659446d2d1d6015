import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { hasPermission, useMe } from '../api/auth';
import type { Me } from '../api/types';
import { ErrorState, ForbiddenResult, PageLoading } from './PageState';

interface Props {
  /** Only these account kinds may enter. */
  kinds?: Me['kind'][];
  /** At least one of these permissions is needed. */
  anyPermission?: string[];
  children: ReactNode;
}

/** Signed out → /login?next=here; a citizen on a staff page → /me; wrong kind or missing permission → 403; a forced password change first. */
export function RequireAuth({ kinds, anyPermission, children }: Props) {
  const me = useMe();
  const location = useLocation();
  const here = location.pathname + location.search;
  if (me.isPending) return <PageLoading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={`/login?next=${encodeURIComponent(here)}`} replace />;
  if (me.data.mustChangePassword && location.pathname !== '/password') {
    return <Navigate to={`/password?next=${encodeURIComponent(here)}`} replace />;
  }
  // A citizen who opens a staff-only page (/workbench) is sent to their own portal page, not a dead end.
  if (kinds && !kinds.includes(me.data.kind) && me.data.kind !== 'staff' && kinds.every((k) => k === 'staff')) return <Navigate to="/me" replace />;
  if (kinds && !kinds.includes(me.data.kind)) return <ForbiddenResult />;
  if (anyPermission && !anyPermission.some((p) => hasPermission(me.data, p))) return <ForbiddenResult />;
  return <>{children}</>;
}
