import { Pagination, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useListParams } from '../../../admin/ui/list-params';
import { EmptyState, ErrorState, NotFoundResult, PageLoading } from '../../../components/PageState';
import { oneOf } from '../../../lib/api-call';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { publicListCsvUrl, usePublicList, type PublicList, type PublicRows } from '../api';
import { ItemResults } from './parts';
import '../catalog.css';

export const PUBLIC_LISTS = ['do-now', 'do-online', 'do-in-one-visit', 'fees', 'power', 'intermediary'] as const satisfies readonly PublicList[];

/** /lists/:list — the 马上办 / 网上办 / 一次办 lists, the fee catalog, the power and intermediary lists. */
export function ListPage() {
  const list = oneOf(PUBLIC_LISTS, useParams().list);
  if (!list) return <NotFoundResult />;
  return <PublicListView key={list} list={list} />;
}

function PublicListView({ list }: { list: PublicList }) {
  const { t } = useTranslation();
  const params = useListParams();
  const title = t(`catalog.lists.${list}.name`);
  useDocumentTitle(title);
  return (
    <div className="cat-page">
      <h1 className="page-title">{title}</h1>
      <p className="cat-hint">
        {t(`catalog.lists.${list}.hint`)}
        {' · '}
        <a href={publicListCsvUrl(list)} download={`${list}.csv`}>
          {t('catalog.lists.download', { name: title })}
        </a>
      </p>
      {list === 'fees' ? (
        <FeeList page={params.page} pageSize={params.pageSize} onPage={(page) => params.update({ page })} />
      ) : list === 'power' ? (
        <PowerList page={params.page} pageSize={params.pageSize} onPage={(page) => params.update({ page })} />
      ) : list === 'intermediary' ? (
        <IntermediaryList page={params.page} pageSize={params.pageSize} onPage={(page) => params.update({ page })} />
      ) : (
        <FlagList list={list} page={params.page} pageSize={params.pageSize} onPage={(page) => params.update({ page })} label={title} />
      )}
      <nav className="cat-other-lists" aria-label={t('catalog.lists.other')}>
        <h2 className="cat-subtitle">{t('catalog.lists.other')}</h2>
        <ul className="cat-links">
          {PUBLIC_LISTS.filter((l) => l !== list).map((l) => (
            <li key={l}>
              <Link to={`/lists/${l}`}>{t(`catalog.lists.${l}.name`)}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

interface Paged {
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}

function FlagList({ list, label, ...p }: Paged & { list: 'do-now' | 'do-online' | 'do-in-one-visit'; label: string }) {
  const query = usePublicList(list, p.page, p.pageSize);
  return <ItemResults query={query} page={p.page} pageSize={p.pageSize} onPage={p.onPage} label={label} />;
}

function Rows<L extends 'fees' | 'power' | 'intermediary'>({
  list,
  page,
  pageSize,
  onPage,
  row,
  rowKey,
}: Paged & { list: L; row: (r: PublicRows[L]) => ReactNode; rowKey: (r: PublicRows[L]) => string }) {
  const { t } = useTranslation();
  const query = usePublicList(list, page, pageSize);
  if (query.isPending) return <PageLoading />;
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data!;
  if (data.items.length === 0) return <EmptyState />;
  return (
    <>
      <p className="cat-total">{t('catalog.search.total', { count: data.total })}</p>
      <ul className="cat-results">
        {data.items.map((r) => (
          <li key={rowKey(r)} className="cat-card">
            {row(r)}
          </li>
        ))}
      </ul>
      {data.total > pageSize && (
        <nav aria-label={t('catalog.search.pagination')} className="cat-pager">
          <Pagination current={page} pageSize={pageSize} total={data.total} onChange={onPage} showSizeChanger={false} size="small" />
        </nav>
      )}
    </>
  );
}

function Dl({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="cat-dl">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function FeeList(p: Paged) {
  const { t } = useTranslation();
  return (
    <Rows<'fees'>
      {...p}
      list="fees"
      rowKey={(f) => f.code}
      row={(f) => (
        <>
          <h2 className="cat-card__name cat-card__name--plain" lang="zh-CN">
            {f.name}
          </h2>
          <div className="cat-facts">
            <Tag>{t(`catalog.lists.fee.kind.${f.kind}`)}</Tag>
            {f.effective ? <Tag color="green">{t('catalog.lists.fee.inForce')}</Tag> : <Tag color="default">{t('catalog.lists.fee.expired')}</Tag>}
            <span className="cat-fact mono">{f.code}</span>
          </div>
          <Dl
            rows={[
              [t('catalog.lists.fee.standard'), f.standard],
              [t('catalog.lists.fee.basis'), f.basis],
              [t('catalog.lists.fee.department'), f.collectingDepartmentName],
              [
                t('catalog.lists.fee.effective'),
                f.effectiveTo
                  ? t('catalog.lists.fee.range', { from: f.effectiveFrom, to: f.effectiveTo })
                  : t('catalog.lists.fee.from', { from: f.effectiveFrom }),
              ],
            ]}
          />
        </>
      )}
    />
  );
}

function PowerList(p: Paged) {
  const { t } = useTranslation();
  return (
    <Rows<'power'>
      {...p}
      list="power"
      rowKey={(r) => r.code}
      row={(r) => (
        <>
          <h2 className="cat-card__name cat-card__name--plain" lang="zh-CN">
            {r.name}
          </h2>
          <Dl
            rows={[
              [t('catalog.lists.powerField.type'), r.powerType],
              [t('catalog.lists.powerField.department'), r.departmentName],
              [t('catalog.lists.powerField.basis'), r.basis],
              [t('catalog.lists.powerField.responsibilities'), r.responsibilities],
              [t('catalog.lists.powerField.accountability'), r.accountability],
            ]}
          />
        </>
      )}
    />
  );
}

function IntermediaryList(p: Paged) {
  const { t } = useTranslation();
  return (
    <Rows<'intermediary'>
      {...p}
      list="intermediary"
      rowKey={(r) => r.code}
      row={(r) => (
        <>
          <h2 className="cat-card__name cat-card__name--plain" lang="zh-CN">
            {r.name}
          </h2>
          <Dl
            rows={[
              [t('catalog.lists.intermediaryField.requiredFor'), r.requiredFor],
              [t('catalog.lists.intermediaryField.department'), r.departmentName],
              [t('catalog.lists.intermediaryField.basis'), r.basis],
              [t('catalog.lists.intermediaryField.provider'), r.providerRequirements],
              ...(r.timeLimit ? [[t('catalog.lists.intermediaryField.timeLimit'), r.timeLimit] as [string, ReactNode]] : []),
              ...(r.feeNote ? [[t('catalog.lists.intermediaryField.feeNote'), r.feeNote] as [string, ReactNode]] : []),
            ]}
          />
        </>
      )}
    />
  );
}

export default ListPage;
