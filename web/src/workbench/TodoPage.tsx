import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/auth';
import { EmptyState } from '../components/PageState';
import { useDocumentTitle } from '../lib/use-document-title';
import { todayInCity } from '../lib/dayjs';

/** The to-do area: empty until the cases issue gives staff something to do. */
export function TodoPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('workbench.nav.todo'));
  const me = useMe();
  return (
    <>
      <div className="staff-page-header">
        <h1>{t('workbench.nav.todo')}</h1>
        <span>{t('workbench.today', { date: todayInCity() })}</span>
      </div>
      <p>{t('workbench.welcome', { name: me.data?.displayName ?? '' })}</p>
      <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('workbench.todoList')}</h2>}>
        <EmptyState description={t('workbench.todoEmpty')} />
      </Card>
    </>
  );
}

export default TodoPage;
