import { Card, Radio, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LIST_PAGE_SIZE as PAGE_SIZE, useUrlFilters } from './url-filters';
import { hasPermission, useMe } from '../../api/auth';
import { ErrorState } from '../../components/PageState';
import { formatDate } from '../../lib/dayjs';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrges, type Urge, type UrgeQuery, type UrgeStatus } from './api';
import { LightTag, UrgeCard, UrgeStatusTag } from './ui';
import './supervision.css';

const boxes = ['to-answer', 'escalated', 'all'] as const;
type Box = (typeof boxes)[number];
const statuses: UrgeStatus[] = ['open', 'escalated', 'answered'];

/**
 * 督办: the urges to my unit (to answer), those escalated to my department, or every urge I may see
 * (a supervisor's: the ones issued in their scope); waiting ones first. A row opens into the urge
 * with its answer form.
 */
export function UrgesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supervision.urges.title'));
  const me = useMe();
  const { params, update, page, pagination } = useUrlFilters();
  const supervisor = hasPermission(me.data, 'supervision.urge.issue');
  const fromUrl = params.get('box');
  const box: Box = (boxes as readonly string[]).includes(fromUrl ?? '') ? (fromUrl as Box) : supervisor ? 'all' : 'to-answer';
  const status = (statuses as string[]).includes(params.get('status') ?? '') ? (params.get('status') as UrgeStatus) : undefined;
  const caseNo = params.get('caseNo') ?? undefined;
  const query: UrgeQuery = { box: box === 'all' ? undefined : box, status, caseNo, page, pageSize: PAGE_SIZE };
  const urges = useUrges(query, !!me.data);
  return (
    <>
      <div className="staff-page-header">
        <h1>{t('supervision.urges.title')}</h1>
      </div>
      <p className="sv-hint">{t('supervision.urges.intro')}</p>
      <Card>
        <div className="sv-filter">
          <Radio.Group
            aria-label={t('supervision.urges.box.label')}
            optionType="button"
            value={box}
            onChange={(e) => update({ box: String(e.target.value), page: undefined })}
            options={boxes.map((b) => ({ value: b, label: t(`supervision.urges.box.${b}`) }))}
          />
          <Select
            aria-label={t('supervision.urges.statusFilter')}
            placeholder={t('supervision.urges.statusFilter')}
            allowClear
            style={{ width: 160 }}
            value={status}
            onChange={(v?: string) => update({ status: v, page: undefined })}
            options={statuses.map((s) => ({ value: s, label: t(`supervision.urge.status.${s}`) }))}
          />
          {caseNo && (
            <span className="sv-tag">
              <span className="mono">{caseNo}</span>{' '}
              <Link to="/workbench/supervision/urges" onClick={() => update({ caseNo: undefined })}>
                ×<span className="visually-hidden">{t('supervision.lights.close')}</span>
              </Link>
            </span>
          )}
        </div>
        {urges.isError ? (
          <ErrorState error={urges.error} onRetry={() => void urges.refetch()} />
        ) : (
          <Table<Urge>
            rowKey="id"
            loading={urges.isFetching}
            dataSource={urges.data?.items ?? []}
            locale={{ emptyText: <span className="sv-hint">{t('supervision.urges.empty')}</span> }}
            tableLayout="fixed"
            scroll={{ x: 900 }}
            expandable={{ expandedRowRender: (u) => <UrgeCard urge={u} />, rowExpandable: () => true, defaultExpandedRowKeys: caseNo ? undefined : [] }}
            pagination={pagination(urges.data?.total)}
            columns={[
              {
                key: 'caseNo',
                title: t('supervision.field.caseNo'),
                width: 190,
                ellipsis: true,
                render: (_, u) =>
                  u.rectificationId ? (
                    <Link to={`/workbench/rectifications/${u.rectificationId}`} className="mono" title={u.caseNo}>
                      {u.caseNo} <span className="sv-subject">{t('supervision.subject.rectification')}</span>
                    </Link>
                  ) : (
                    <Link to={`/workbench/cases/${encodeURIComponent(u.caseNo)}`} className="mono" title={u.caseNo}>
                      {u.caseNo}
                    </Link>
                  ),
              },
              {
                key: 'item',
                title: t('supervision.field.item'),
                dataIndex: 'itemName',
                ellipsis: { showTitle: true },
                render: (v: string) => <span lang="zh-CN">{v}</span>,
              },
              {
                key: 'unit',
                title: t('supervision.field.unit'),
                dataIndex: 'departmentName',
                ellipsis: { showTitle: true },
                render: (v: string) => <span lang="zh-CN">{v}</span>,
              },
              { key: 'light', title: t('supervision.field.light'), width: 90, render: (_, u) => <LightTag light={u.caseLight} /> },
              { key: 'due', title: t('supervision.field.answerDue'), width: 110, render: (_, u) => <span className="mono">{formatDate(u.dueDate)}</span> },
              { key: 'status', title: t('supervision.field.status'), width: 170, render: (_, u) => <UrgeStatusTag urge={u} /> },
            ]}
          />
        )}
      </Card>
    </>
  );
}

export default UrgesPage;
