import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../components/RequireAuth';
import { StaffShell } from '../components/StaffShell';
import { workbenchNav } from '../nav/registry';
import { InboxBell } from '../features/inbox/Bell';

/** 工作台: staff only. */
export function WorkbenchLayout() {
  const { t } = useTranslation();
  return (
    <RequireAuth kinds={['staff']}>
      <StaffShell title={t('workbench.title')} nav={workbenchNav} navLabel={t('workbench.navLabel')} tools={<InboxBell />} />
    </RequireAuth>
  );
}

export default WorkbenchLayout;
