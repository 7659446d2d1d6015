import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useListParams } from '../../../admin/ui/list-params';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { usePublicTasks, type PublicTask } from '../api';
import { outcomeColor } from '../labels';
import '../inspection.css';
import { PagedList } from '../../../components/PagedList';

/** 双随机抽查结果公示: disclosed tasks with their results; each links to its draw, re-runnable here. */
export function DisclosurePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('inspection.portal.title'));
  const list = useListParams();
  const tasks = usePublicTasks({ page: list.page, pageSize: Math.min(list.pageSize, 10) });
  return (
    <div className="insp-page">
      <h1>{t('inspection.portal.title')}</h1>
      <p className="insp-intro">{t('inspection.portal.intro')}</p>
      <p>
        <Link to="/inspection/rules">{t('inspection.rules.publicTitle')}</Link>
      </p>
      <PagedList
        query={tasks}
        empty={<p>{t('inspection.portal.empty')}</p>}
        listClassName="insp-tasks"
        pagerLabel={t('inspection.portal.pagination')}
        page={list.page}
        onPage={(p) => list.update({ page: p })}
      >
        {(task) => <TaskCard key={task.id} task={task} />}
      </PagedList>
    </div>
  );
}

function TaskCard({ task }: { task: PublicTask }) {
  const { t } = useTranslation();
  const id = `task-${task.id}`;
  const items = task.items.map((i) => `${i.name} ${i.code}`).join(t('common.listSeparator'));
  const departments = task.departments.join(t('common.listSeparator'));
  return (
    <li className="insp-task">
      <article aria-labelledby={id}>
        <h2 id={id} lang="zh-CN">
          {task.title}
        </h2>
        <dl className="insp-meta">
          <dt>{t('inspection.portal.items')}</dt>
          <dd lang="zh-CN">{items}</dd>
          <dt>{t('inspection.portal.departments')}</dt>
          <dd lang="zh-CN">{departments}</dd>
        </dl>
        {task.drawId && (
          <p>
            <Link to={`/inspection/draws/${task.drawId}`}>
              {t('inspection.portal.verify')}
              <span className="visually-hidden">{t('inspection.portal.verifyFor', { title: task.title })}</span>
            </Link>
          </p>
        )}
        <h3>{t('inspection.portal.results', { count: task.results.length })}</h3>
        <ul className="insp-results">
          {task.results.map((r) => (
            <li key={r.uscc} className="insp-result">
              <strong lang="zh-CN">{r.entityName}</strong>
              <span className="mono">{r.uscc}</span>
              <dl className="insp-meta">
                <dt>{t('inspection.portal.items')}</dt>
                <dd lang="zh-CN">{task.items.map((i) => i.name).join(t('common.listSeparator'))}</dd>
                <dt>{t('inspection.portal.departments')}</dt>
                <dd lang="zh-CN">{departments}</dd>
                <dt>{t('inspection.portal.date')}</dt>
                <dd>{r.inspectedOn}</dd>
                <dt>{t('inspection.portal.result')}</dt>
                <dd>
                  <span className={`insp-badge insp-badge--${outcomeColor[r.outcome]}`}>{t(`inspection.outcome.${r.outcome}`)}</span>
                </dd>
                <dt>{t('inspection.portal.followUp')}</dt>
                <dd>{t(`inspection.followUp.${r.followUp}`)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      </article>
    </li>
  );
}

export default DisclosurePage;
