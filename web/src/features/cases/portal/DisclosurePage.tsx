import { useState } from 'react';
import { Input, Pagination } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, QueryView } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { pagerTotal } from '../../../lib/paging';
import { useDisclosure } from '../api';
import '../cases.css';

/** 办件公示: concluded, refused and denied cases; personal data removed by the server. */
export function DisclosurePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.disclosure.title'));
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const list = useDisclosure(page, q, 20);
  return (
    <div className="cs-portal">
      <h1>{t('cases.disclosure.title')}</h1>
      <p>{t('cases.disclosure.intro')}</p>
      <div role="search" style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('cases.disclosure.search')}
          placeholder={t('cases.disclosure.search')}
          enterButton={t('action.search')}
          allowClear
          maxLength={100}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
      </div>
      <QueryView query={list} isEmpty={(d) => d.items.length === 0 && page === 1} empty={<EmptyState description={t('cases.disclosure.empty')} />}>
        {(d) => (
          <>
            <ul className="cs-list">
              {d.items.map((c) => (
                <li key={c.caseNo}>
                  <h2 lang="zh-CN">{c.itemName}</h2>
                  <div className="cs-list__meta">
                    <span className={`cs-badge cs-badge--${c.outcome === 'approved' ? 'green' : c.outcome ? 'red' : 'grey'}`}>{c.result}</span>
                    <span>{c.applicant}</span>
                  </div>
                  <div className="cs-hint">
                    <span className="mono">{c.caseNo}</span> · {c.departmentName}
                  </div>
                  <div className="cs-hint">{t('cases.disclosure.dates', { submitted: c.submittedOn, concluded: c.concludedOn ?? '—' })}</div>
                </li>
              ))}
            </ul>
            {/* A capped total (totalCapped: the server stopped counting at 1,000) keeps "next" enabled. */}
            {pagerTotal(d) > d.pageSize && (
              <nav aria-label={t('cases.disclosure.pages')}>
                <Pagination current={page} pageSize={d.pageSize} total={pagerTotal(d)} onChange={setPage} simple />
              </nav>
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}

export default DisclosurePage;
