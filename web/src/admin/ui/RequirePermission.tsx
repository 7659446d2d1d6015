import type { ReactNode } from 'react';
import { hasPermission, useMe } from '../../api/auth';
import { ForbiddenResult } from '../../components/PageState';

/** A page opened by URL without its permission shows "no permission" instead of a failing request. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const me = useMe();
  return hasPermission(me.data, permission) ? <>{children}</> : <ForbiddenResult />;
}
