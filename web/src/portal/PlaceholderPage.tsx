import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router-dom';
import { EmptyState } from '../components/PageState';
import { useDocumentTitle } from '../lib/use-document-title';

/** Search results, service lists and the person / entity directories: filled by the catalog issue. */
export function PlaceholderPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const q = params.get('q');
  const title = pathname.startsWith('/search')
    ? t('portal.search.title')
    : pathname === '/services/entity'
      ? t('portal.nav.entity')
      : pathname === '/services/person'
        ? t('portal.nav.person')
        : t('portal.home.lists');
  useDocumentTitle(title);
  return (
    <section className="home-section" aria-labelledby="placeholder-title">
      <h1 id="placeholder-title" className="page-title">
        {title}
      </h1>
      {q && <p>{t('portal.search.for', { q })}</p>}
      <EmptyState description={t('state.comingSoon')} />
    </section>
  );
}

export default PlaceholderPage;
