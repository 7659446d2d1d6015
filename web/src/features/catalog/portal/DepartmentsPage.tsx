import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePublicDepartments } from '../../../admin/api';
import { QueryView } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import '../catalog.css';

/** /departments: browse the catalog by implementing department, grouped by region. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const title = t('catalog.browse.departmentsTitle');
  useDocumentTitle(title);
  const departments = usePublicDepartments('');
  return (
    <div className="cat-page">
      <h1 className="page-title">{title}</h1>
      <p className="cat-hint">{t('catalog.browse.departmentsHint')}</p>
      <QueryView query={departments} isEmpty={(d) => d.items.length === 0}>
        {(d) => {
          const groups = new Map<string, typeof d.items>();
          for (const dep of d.items) groups.set(dep.regionName, [...(groups.get(dep.regionName) ?? []), dep]);
          return [...groups].map(([region, deps]) => (
            <section key={region} className="cat-section" aria-label={region}>
              <h2 className="cat-subtitle" lang="zh-CN">
                {region}
              </h2>
              <p>
                <Link to={`/search?region=${deps[0]!.regionCode}`}>{t('catalog.browse.regionAll', { region })}</Link>
              </p>
              <ul className="cat-links">
                {deps.map((dep) => (
                  <li key={dep.id}>
                    <Link to={`/search?department=${dep.id}`}>{dep.name}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ));
        }}
      </QueryView>
    </div>
  );
}

export default DepartmentsPage;
