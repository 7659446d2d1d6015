import { useEffect } from 'react';
import { Button, Checkbox, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useListParams } from '../../../admin/ui/list-params';
import { DepartmentPicker, RegionPicker } from '../../../admin/ui/pickers';
import { NotFoundResult } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCatalogSearch, useThemes, type ItemType, type SubjectType } from '../api';
import { ItemResults } from './parts';
import { THEMES, themeLabel } from './themes';
import '../catalog.css';

const FILTERS = ['department', 'region', 'subject', 'itemType', 'theme', 'flags'] as const;
const ITEM_TYPES: ItemType[] = ['licensing', 'confirmation', 'benefit', 'levy', 'award', 'adjudication', 'other_power', 'public_service'];
const FLAGS = [
  ['do-now', 'doNow'],
  ['do-online', 'doOnline'],
  ['do-in-one-visit', 'doInOneVisit'],
] as const;

/** /search?q=…: search and browse the published catalog; the filters live in the URL. */
export function SearchPage() {
  return <CatalogBrowser />;
}

/** /services/person and /services/entity: the catalog for one kind of applicant, by theme. */
export function ServicesPage() {
  const { subject } = useParams();
  if (subject !== 'person' && subject !== 'entity') return <NotFoundResult />;
  return <CatalogBrowser key={subject} subject={subject} />;
}

/** The place the visitor chose last (the search starts there next time). */
const REGION_KEY = 'yiwang.portal.region';
const rememberedRegion = (): string | undefined => {
  try {
    return localStorage.getItem(REGION_KEY) ?? undefined;
  } catch {
    return undefined;
  }
};

function CatalogBrowser({ subject: fixedSubject }: { subject?: SubjectType }) {
  const { t } = useTranslation();
  const list = useListParams(FILTERS);
  const f = list.filters;
  // Start where the visitor chose last time (once; an explicit choice in the address wins).
  useEffect(() => {
    const remembered = rememberedRegion();
    if (!f.region && remembered) list.update({ region: remembered });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on arrival
  }, []);
  const chooseRegion = (v?: string) => {
    try {
      if (v) localStorage.setItem(REGION_KEY, v);
      else localStorage.removeItem(REGION_KEY);
    } catch {
      // storage unavailable (private mode): the choice lasts for this page only
    }
    list.update({ region: v });
  };
  const subject = fixedSubject ?? (f.subject === 'person' || f.subject === 'entity' ? f.subject : undefined);
  const query = useCatalogSearch({
    q: list.q || undefined,
    department: f.department,
    region: f.region,
    subject,
    itemType: ITEM_TYPES.includes(f.itemType as ItemType) ? (f.itemType as ItemType) : undefined,
    theme: f.theme,
    flags: f.flags,
    page: list.page,
    pageSize: list.pageSize,
  });
  const title = fixedSubject
    ? t(`catalog.services.${fixedSubject}`)
    : list.q
      ? t('catalog.search.for', { q: list.q })
      : f.theme
        ? themeLabel(t, f.theme)
        : t('catalog.search.title');
  useDocumentTitle(title);
  const flags = f.flags ? f.flags.split(',') : [];
  const anyFilter = FILTERS.some((k) => (k === 'subject' && fixedSubject ? false : !!f[k]));
  // Without a subject, the themes actually in use (from the server, most used first); else the subject's list.
  const served = useThemes();
  const themes = subject
    ? THEMES[subject]
    : served.data
      ? served.data.map((x) => x.theme)
      : THEMES.person.concat(THEMES.entity.filter((x) => !THEMES.person.includes(x)));

  return (
    <div className="cat-page">
      <h1 className="page-title">{title}</h1>
      {!fixedSubject && !list.q && <p className="cat-hint">{t('catalog.search.hint')}</p>}

      <nav className="cat-themes" aria-label={t('catalog.browse.themes')}>
        <h2 className="cat-subtitle">{t('catalog.browse.themes')}</h2>
        <ul>
          <li>
            <Link
              to="?"
              aria-current={!f.theme ? 'true' : undefined}
              className={!f.theme ? 'is-active' : undefined}
              onClick={(e) => {
                e.preventDefault();
                list.update({ theme: undefined });
              }}
            >
              {t('catalog.search.allThemes')}
            </Link>
          </li>
          {themes.map((theme) => (
            <li key={theme}>
              <Link
                to={`?theme=${encodeURIComponent(theme)}`}
                aria-current={f.theme === theme ? 'true' : undefined}
                className={f.theme === theme ? 'is-active' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  list.update({ theme });
                }}
              >
                {themeLabel(t, theme)}
              </Link>
            </li>
          ))}
          <li>
            <Link to="/departments">{t('catalog.browse.departments')}</Link>
          </li>
        </ul>
      </nav>

      <details className="cat-filters" open={anyFilter || undefined}>
        <summary>{t('catalog.search.filters')}</summary>
        <div className="cat-filters__grid">
          <label className="cat-filter">
            <span>{t('catalog.search.department')}</span>
            <DepartmentPicker
              aria-label={t('catalog.search.department')}
              placeholder={t('catalog.search.allDepartments')}
              value={f.department}
              onChange={(v?: string) => list.update({ department: v })}
            />
          </label>
          <label className="cat-filter">
            <span>{t('catalog.search.region')}</span>
            <RegionPicker aria-label={t('catalog.search.region')} placeholder={t('catalog.search.allRegions')} value={f.region} onChange={chooseRegion} />
          </label>
          {!fixedSubject && (
            <label className="cat-filter">
              <span>{t('catalog.search.subject')}</span>
              <Select
                aria-label={t('catalog.search.subject')}
                allowClear
                placeholder={t('catalog.search.allSubjects')}
                value={f.subject}
                onChange={(v?: string) => list.update({ subject: v })}
                options={(['person', 'entity'] as const).map((s) => ({ value: s, label: t(`catalog.subject.${s}`) }))}
              />
            </label>
          )}
          <label className="cat-filter">
            <span>{t('catalog.search.itemType')}</span>
            <Select
              aria-label={t('catalog.search.itemType')}
              allowClear
              placeholder={t('catalog.search.allItemTypes')}
              value={f.itemType}
              onChange={(v?: string) => list.update({ itemType: v })}
              options={ITEM_TYPES.map((x) => ({ value: x, label: t(`catalog.itemType.${x}`) }))}
            />
          </label>
          <fieldset className="cat-filter cat-filter--flags">
            <legend>{t('catalog.search.flags')}</legend>
            <Checkbox.Group
              value={flags}
              onChange={(v) => list.update({ flags: (v as string[]).join(',') })}
              options={FLAGS.map(([value, key]) => ({ value, label: t(`catalog.flag.${key}`) }))}
            />
          </fieldset>
        </div>
        {anyFilter && (
          <Button
            onClick={() => {
              chooseRegion(undefined);
              list.update(Object.fromEntries(FILTERS.map((k) => [k, undefined])));
            }}
          >
            {t('catalog.search.clear')}
          </Button>
        )}
      </details>

      {list.q && query.data?.suggestion && <DidYouMean suggestion={query.data.suggestion} onChoose={(q) => list.update({ q })} />}

      <ItemResults
        query={query}
        page={list.page}
        pageSize={list.pageSize}
        onPage={(page) => list.update({ page })}
        label={title}
        empty={t('catalog.search.empty')}
      />
    </div>
  );
}

/** 您是不是要找 “…”: the published name closest to a query that none contains (server: suggest.ts). */
export function DidYouMean({ suggestion, onChoose }: { suggestion: string; onChoose: (q: string) => void }) {
  const { t } = useTranslation();
  return (
    <p className="cat-suggest" data-testid="cat-did-you-mean">
      {t('catalog.search.didYouMean')}{' '}
      <Link
        to={`/search?q=${encodeURIComponent(suggestion)}`}
        lang="zh-CN"
        onClick={(e) => {
          e.preventDefault();
          onChoose(suggestion);
        }}
      >
        “{suggestion}”
      </Link>
      {t('catalog.search.didYouMeanEnd')}
    </p>
  );
}

export default SearchPage;
