import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { totalText } from '../../../lib/paging';
import { useTodo } from '../api';
import { presetQuery, type TodoPreset } from './TodoPage';
import '../cases.css';

/** The workbench home's counts beside 办件待办: all, mine, overdue — each a link to that saved filter. */
export function TodoCounts() {
  const { t, i18n } = useTranslation();
  const all = useCountOf('all');
  const mine = useCountOf('mine');
  const overdue = useCountOf('overdue');
  const counts = [
    { p: 'all', q: all },
    { p: 'mine', q: mine },
    { p: 'overdue', q: overdue },
  ] as const;
  if (counts.some((c) => c.q === undefined)) return null;
  return (
    <span className="workbench-count" data-testid="cases-todo-counts">
      {counts.map(({ p, q }) => (
        <Link key={p} to={`/workbench/cases?preset=${p}`}>
          {t(`cases.todo.count.${p}`, { n: q ? totalText(q, i18n.language) : '0' })}
        </Link>
      ))}
    </span>
  );
}

/** The count of a preset's list: "1,000+" past the server's cap (totalCapped). */
function useCountOf(preset: TodoPreset): { total: number; totalCapped: boolean } | undefined {
  return useTodo({ page: 1, pageSize: 1, ...presetQuery(preset) }).data;
}

export default TodoCounts;
