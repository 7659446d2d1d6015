import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Input, Pagination, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { compact } from '../../../lib/api-call';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { proofDispositions, dispositionColor, type Disposition } from '../proofs-api';
import '../data-exchange.css';

/** 证明事项清单 (public): the proofs items still ask for, their basis and how each is met now. */
export function ProofsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('data.proofs.title'));
  const [q, setQ] = useState('');
  const [disposition, setDisposition] = useState<Disposition | undefined>();
  const [page, setPage] = useState(1);
  const proofs = useQuery({
    queryKey: ['data', 'public-proofs', q, disposition, page],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/public/proofs', { params: { query: compact({ q: q || undefined, disposition, page, pageSize: 20 }) }, signal })),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="data-proofs">
      <h1>{t('data.proofs.title')}</h1>
      <p>{t('data.proofs.intro')}</p>
      <div className="list-toolbar" style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <Input.Search
          aria-label={t('data.proofs.search')}
          placeholder={t('data.proofs.search')}
          allowClear
          style={{ maxWidth: 280 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        <Select
          aria-label={t('data.proofs.disposition')}
          placeholder={t('data.proofs.all')}
          allowClear
          style={{ minWidth: 180 }}
          options={proofDispositions.map((d) => ({ value: d, label: t(`data.disposition.${d}`) }))}
          value={disposition}
          onChange={(v?: Disposition) => {
            setDisposition(v);
            setPage(1);
          }}
        />
      </div>
      {proofs.data && proofs.data.items.length === 0 && <p>{t('data.proofs.empty')}</p>}
      <ul className="data-proof-list" aria-busy={proofs.isFetching}>
        {(proofs.data?.items ?? []).map((r) => (
          <li key={`${r.itemName}|${r.proofName}`}>
            <h2 lang="zh-CN">
              {r.proofName} <Tag color={dispositionColor[r.disposition]}>{t(`data.disposition.${r.disposition}`)}</Tag>
            </h2>
            <p>
              {t('data.proofs.item')}: <span lang="zh-CN">{r.itemName}</span> · {t('data.proofs.department')}: <span lang="zh-CN">{r.departmentName}</span>
            </p>
            <p>
              {t('data.proofs.issuer')}: <span lang="zh-CN">{r.issuer}</span>
            </p>
            <p>
              {t('data.proofs.basis')}: <span lang="zh-CN">{r.legalBasis}</span>
            </p>
            {r.replacement && (
              <p className="data-muted" lang="zh-CN">
                {r.replacement}
              </p>
            )}
          </li>
        ))}
      </ul>
      <Pagination current={page} pageSize={20} total={proofs.data?.total ?? 0} onChange={setPage} showSizeChanger={false} hideOnSinglePage />
    </div>
  );
}
