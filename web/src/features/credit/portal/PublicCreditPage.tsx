import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useListParams } from '../../../admin/ui/list-params';
import { QueryView } from '../../../components/PageState';
import { PagedList } from '../../../components/PagedList';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { usePublicCredit, usePublicDisclosures, type Disclosure } from '../api';
import '../credit.css';
import { ReportButton } from './MyCreditLevel';

type KindKey = 'credit.kind.penalty';
type ListKey = 'credit.list.honor';
type MeasureKey = 'credit.measure.fast_lane';

/** 信用查询 and 双公示 on the portal: an entity's lists and published decisions by USCC, and the latest decisions. No personal data. */
export function PublicCreditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('credit.public.title'));
  const list = useListParams(['uscc']);
  const uscc = (list.filters.uscc ?? '').toUpperCase();
  const [text, setText] = useState(uscc);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    list.update({ uscc: text.trim().toUpperCase() });
  };
  return (
    <div className="cr-page">
      <h1>{t('credit.public.title')}</h1>
      <p>
        {t('credit.public.intro')} <Link to="/credit/mine">{t('credit.public.mine')}</Link> <Link to="/credit/verify">{t('credit.verify.title')}</Link>
      </p>
      <form className="cr-lookup" role="search" onSubmit={submit}>
        <label htmlFor="cr-uscc">{t('credit.public.uscc')}</label>
        <input id="cr-uscc" value={text} maxLength={18} autoComplete="off" onChange={(e) => setText(e.target.value)} />
        <button type="submit">{t('credit.public.lookup')}</button>
      </form>
      {uscc && <Lookup uscc={uscc} />}
      <Disclosures />
    </div>
  );
}

function Lookup({ uscc }: { uscc: string }) {
  const { t } = useTranslation();
  const q = usePublicCredit(uscc);
  if (uscc.length !== 18) return <p role="alert">{t('credit.public.badUscc')}</p>;
  return (
    <section aria-labelledby="cr-result">
      <QueryView query={q}>
        {(c) => (
          <>
            <h2 id="cr-result">
              <span lang="zh-CN">{c.name ?? uscc}</span> <span className="mono">{c.uscc}</span>
            </h2>
            <ReportButton uscc={c.uscc} />
            {c.lists.length === 0 ? (
              <p>{t('credit.public.noLists')}</p>
            ) : (
              <ul className="cr-list">
                {c.lists.map((l) => (
                  <li key={`${l.list}-${l.validFrom}`} className="cr-item">
                    <h3>
                      <span className={`cr-badge ${l.list}`}>{t(`credit.list.${l.list}` as ListKey)}</span>
                    </h3>
                    <dl className="cr-meta">
                      <dt>{t('credit.f.reason')}</dt>
                      <dd lang="zh-CN">{l.reason}</dd>
                      <dt>{t('credit.f.legalBasis')}</dt>
                      <dd lang="zh-CN">{l.legalBasis}</dd>
                      <dt>{t('credit.f.period')}</dt>
                      <dd>{`${l.validFrom} – ${l.validUntil ?? '…'}`}</dd>
                    </dl>
                  </li>
                ))}
              </ul>
            )}
            {c.measures.length > 0 && (
              <p>
                {t('credit.public.measures')}
                {c.measures.map((m) => (
                  <span key={m} className="cr-badge">
                    {t(`credit.measure.${m}` as MeasureKey)}
                  </span>
                ))}
              </p>
            )}
            <h3>{t('credit.public.decisions')}</h3>
            {c.disclosures.length === 0 ? (
              <p>{t('credit.public.noDecisions')}</p>
            ) : (
              <ul className="cr-list">
                {c.disclosures.map((d) => (
                  <DisclosureItem key={d.id} d={d} />
                ))}
              </ul>
            )}
          </>
        )}
      </QueryView>
    </section>
  );
}

function Disclosures() {
  const { t } = useTranslation();
  const list = useListParams();
  const q = usePublicDisclosures(list.page);
  return (
    <section aria-labelledby="cr-latest">
      <h2 id="cr-latest">{t('credit.public.latest')}</h2>
      <PagedList
        query={q}
        empty={<p>{t('credit.public.noDecisions')}</p>}
        listClassName="cr-list"
        pagerLabel={t('credit.public.pagination')}
        page={list.page}
        onPage={(p) => list.update({ page: p })}
      >
        {(d) => <DisclosureItem key={d.id} d={d} />}
      </PagedList>
    </section>
  );
}

function DisclosureItem({ d }: { d: Disclosure }) {
  const { t } = useTranslation();
  return (
    <li className="cr-item">
      <h3>
        <span className="cr-badge">{t(`credit.kind.${d.kind}` as KindKey)}</span>
        <span lang="zh-CN">{d.title}</span>
      </h3>
      <dl className="cr-meta">
        <dt>{t('credit.f.subject')}</dt>
        <dd>
          <span lang="zh-CN">{d.subjectName}</span> {d.uscc && <span className="mono">{d.uscc}</span>}
        </dd>
        <dt>{t('credit.f.legalBasis')}</dt>
        <dd lang="zh-CN">{d.legalBasis}</dd>
        <dt>{t('credit.f.department')}</dt>
        <dd lang="zh-CN">{d.departmentName}</dd>
        <dt>{t('credit.f.decidedOn')}</dt>
        <dd>{d.decidedOn}</dd>
        <dt>{t('credit.f.publishedOn')}</dt>
        <dd>{d.publishedOn}</dd>
      </dl>
    </li>
  );
}
