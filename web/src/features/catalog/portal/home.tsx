import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, ErrorState } from '../../../components/PageState';
import { useCatalogSearch, useThemes } from '../api';
import { THEMES, themeLabel } from './themes';
import '../catalog.css';

/** Portal home: the most viewed published services. */
export function HotServices() {
  const { t } = useTranslation();
  const hot = useCatalogSearch({ pageSize: 8 });
  if (hot.isError) return <ErrorState error={hot.error} onRetry={() => void hot.refetch()} />;
  if (hot.data && hot.data.items.length === 0) return <EmptyState />;
  return (
    <>
      <ul className="cat-hot" aria-busy={hot.isPending}>
        {(hot.data?.items ?? []).map((i) => (
          <li key={i.implementationCode}>
            <Link to={`/items/${i.implementationCode}`}>
              <strong>{i.name}</strong>
              <span>{i.departmentName}</span>
            </Link>
          </li>
        ))}
      </ul>
      <Link to="/search">{t('catalog.browse.more')}</Link>
    </>
  );
}

/** Portal home: themes and life situations, and browsing by department. */
export function ThemeLinks() {
  const { t } = useTranslation();
  const served = useThemes();
  const themes = served.data ? served.data.slice(0, 16).map((x) => x.theme) : [...new Set([...THEMES.person, ...THEMES.entity])];
  return (
    <ul className="cat-links">
      {themes.map((theme) => (
        <li key={theme}>
          <Link to={`/search?theme=${encodeURIComponent(theme)}`}>{themeLabel(t, theme)}</Link>
        </li>
      ))}
      <li>
        <Link to="/departments">{t('catalog.browse.departments')}</Link>
      </li>
    </ul>
  );
}
