import { Navigate } from 'react-router-dom';
import { useMe } from '../api/auth';
import { ForbiddenResult } from '../components/PageState';
import { adminNav, visibleEntries } from '../nav/registry';

/** /admin opens the first page this staff member may use. */
export function AdminHome() {
  const me = useMe();
  const first = visibleEntries(me.data, adminNav)[0];
  return first ? <Navigate to={first.path} replace /> : <ForbiddenResult />;
}

export default AdminHome;
