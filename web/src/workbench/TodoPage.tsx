import { Card } from 'antd';
import { createElement, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../api/auth';
import { EmptyState } from '../components/PageState';
import { useDocumentTitle } from '../lib/use-document-title';
import { todayInCity } from '../lib/dayjs';
import { visibleEntries, workbenchNav, type NavEntry } from '../nav/registry';

/**
 * The workbench home: who I am today and a door to every work area my roles open (each module's
 * own to-do list: cases by urgency, hotline tickets, inspection assignments, …).
 */
export function TodoPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('workbench.nav.todo'));
  const me = useMe();
  const areas: NavEntry[] = visibleEntries(me.data, workbenchNav).filter((e) => e.key !== 'todo');
  return (
    <>
      <div className="staff-page-header">
        <h1>{t('workbench.nav.todo')}</h1>
        <span>{t('workbench.today', { date: todayInCity() })}</span>
      </div>
      <p>{t('workbench.welcome', { name: me.data?.displayName ?? '' })}</p>
      <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('workbench.todoList')}</h2>}>
        {areas.length === 0 ? (
          <EmptyState description={t('workbench.todoEmpty')} />
        ) : (
          <ul className="workbench-areas">
            {areas.map((entry) => (
              <li key={entry.key}>
                <Link to={entry.path}>
                  {createElement(entry.icon)} <span>{t(entry.label)}</span>
                </Link>
                {entry.summary && (
                  <Suspense fallback={null}>
                    <entry.summary />
                  </Suspense>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}

export default TodoPage;
