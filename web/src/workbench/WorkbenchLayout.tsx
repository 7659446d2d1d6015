import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../components/RequireAuth';
import { StaffShell } from '../components/StaffShell';
import { workbenchNav } from '../nav/registry';

/** 工作台: staff only. */
export function WorkbenchLayout() {
  const { t } = useTranslation();
  return (
    <RequireAuth kinds={['staff']}>
      <StaffShell title={t('workbench.title')} nav={workbenchNav} navLabel={t('workbench.navLabel')} />
    </RequireAuth>
  );
}

export default WorkbenchLayout;
