import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../components/RequireAuth';
import { StaffShell } from '../components/StaffShell';
import { adminNav, adminPermissions } from '../nav/registry';

/** 管理: staff holding at least one admin permission; each page checks its own. */
export function AdminLayout() {
  const { t } = useTranslation();
  return (
    <RequireAuth kinds={['staff']} anyPermission={[...adminPermissions]}>
      <StaffShell title={t('admin.title')} nav={adminNav} navLabel={t('admin.navLabel')} />
    </RequireAuth>
  );
}

export default AdminLayout;
