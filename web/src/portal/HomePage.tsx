import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HotServices, ThemeLinks } from '../features/catalog/portal/home';
import { useDocumentTitle } from '../lib/use-document-title';

/** The three published lists (马上办 / 网上办 / 一次办); their pages come with the catalog issue. */
const LISTS = ['do-now', 'do-online', 'do-in-one-visit'] as const;

/**
 * Portal home. The sections are the skeleton later issues fill: hot services and themes from the
 * catalog, the published lists.
 */
/** Services anyone can use without knowing an item: follow a case, check a certificate, ask 12345. */
const QUICK_LINKS = [
  { key: 'lifeEvents', to: '/life-events' },
  { key: 'progress', to: '/progress' },
  { key: 'verify', to: '/certificates/verify' },
  { key: 'hotline', to: '/hotline/new' },
  { key: 'disclosure', to: '/disclosure' },
  { key: 'inspection', to: '/inspection' },
  { key: 'evaluation', to: '/evaluation' },
  { key: 'appointments', to: '/appointments' },
  { key: 'payments', to: '/payments' },
  { key: 'openData', to: '/open-data' },
] as const;

export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(undefined);
  return (
    <>
      <section className="home-hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('portal.home.title')}</h1>
        <p>{t('portal.home.subtitle')}</p>
        <div className="home-entries">
          <Link className="home-entry" to="/services/person">
            <strong>{t('portal.nav.person')}</strong>
            <span>{t('portal.home.personHint')}</span>
          </Link>
          <Link className="home-entry" to="/services/entity">
            <strong>{t('portal.nav.entity')}</strong>
            <span>{t('portal.home.entityHint')}</span>
          </Link>
        </div>
      </section>

      <div className="home-columns">
        <section className="home-section" aria-labelledby="home-hot">
          <h2 id="home-hot">{t('portal.home.hot')}</h2>
          <HotServices />
        </section>
        <section className="home-section" aria-labelledby="home-themes">
          <h2 id="home-themes">{t('portal.home.themes')}</h2>
          <ThemeLinks />
        </section>
      </div>

      <section className="home-section" aria-labelledby="home-quick">
        <h2 id="home-quick">{t('portal.home.quick')}</h2>
        <ul className="home-lists">
          {QUICK_LINKS.map((link) => (
            <li key={link.key}>
              <Link to={link.to}>
                <strong>{t(`portal.home.quickLinks.${link.key}.name`)}</strong>
                <span>{t(`portal.home.quickLinks.${link.key}.hint`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="home-section" aria-labelledby="home-lists">
        <h2 id="home-lists">{t('portal.home.lists')}</h2>
        <ul className="home-lists">
          {LISTS.map((list) => (
            <li key={list}>
              <Link to={`/lists/${list}`}>
                <strong>{t(`portal.lists.${list}.name`)}</strong>
                <span>{t(`portal.lists.${list}.hint`)}</span>
              </Link>
            </li>
          ))}
        </ul>
        <p className="cat-hint" style={{ marginTop: 12 }}>
          <Link to="/lists/fees">{t('catalog.lists.fees.name')}</Link>
        </p>
      </section>
    </>
  );
}

export default HomePage;
