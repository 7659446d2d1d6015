import { Pagination, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { useListParams } from '../../../admin/ui/list-params';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { QueryView } from '../../../components/PageState';
import { rectificationStatuses, useRectifications, type Rectification } from '../api';
import { levelColor, lightColor, statusColor } from '../labels';
import '../evaluation.css';

type LevelKey = 'evaluation.level.1';
type TagKey = 'evaluation.tag.other';
type StatusKey = 'evaluation.status.open';
type LightKey = 'evaluation.light.green';
type Status = (typeof rectificationStatuses)[number];

/** 差评整改 for the unit (scope unit) or 差评申诉裁定 for the supervising office (scope appeals): one card per rectification, phone-sized. */
export function RectificationsPage({ scope }: { scope: 'unit' | 'appeals' }) {
  return (
    <RequirePermission permission={scope === 'appeals' ? 'evaluation.appeal.decide' : 'evaluation.rectification.read'}>
      <Rectifications scope={scope} />
    </RequirePermission>
  );
}

function Rectifications({ scope }: { scope: 'unit' | 'appeals' }) {
  const { t } = useTranslation();
  const list = useListParams(['status']);
  const status = list.filters.status as Status | undefined;
  const q = useRectifications({ page: list.page, pageSize: list.pageSize, scope, status });
  return (
    <AdminPage title={t(scope === 'appeals' ? 'evaluation.wb.appealsTitle' : 'evaluation.wb.title')}>
      <p>{t(scope === 'appeals' ? 'evaluation.wb.appealsIntro' : 'evaluation.wb.intro')}</p>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="ev-status">{t('evaluation.wb.statusFilter')}</label>
        <Select<string>
          id="ev-status"
          style={{ minWidth: 180 }}
          value={status ?? ''}
          onChange={(v) => list.update({ status: v })}
          options={[
            { value: '', label: t('evaluation.wb.all') },
            ...rectificationStatuses.map((s) => ({ value: s, label: t(`evaluation.status.${s}` as StatusKey) })),
          ]}
        />
      </Space>
      <QueryView query={q} isEmpty={(d) => d.items.length === 0} empty={<p>{t('evaluation.wb.empty')}</p>}>
        {(page) => (
          <>
            <ul className="ev-list">
              {page.items.map((r) => (
                <RectificationCard key={r.id} r={r} />
              ))}
            </ul>
            {page.total > page.pageSize && (
              <Pagination
                style={{ marginTop: 16 }}
                simple
                current={list.page}
                pageSize={list.pageSize}
                total={page.total}
                onChange={(p) => list.update({ page: p })}
              />
            )}
          </>
        )}
      </QueryView>
    </AdminPage>
  );
}

function RectificationCard({ r }: { r: Rectification }) {
  const { t } = useTranslation();
  const id = `rect-${r.id}`;
  return (
    <li className="ev-item" aria-labelledby={id}>
      <h2 id={id}>
        <Link to={`/workbench/rectifications/${r.id}`}>
          <span lang="zh-CN">{r.evaluation.itemName}</span> <span className="mono">{r.caseNo}</span>
        </Link>
      </h2>
      <p>
        <Tag color={statusColor[r.status]}>{t(`evaluation.status.${r.status}` as StatusKey)}</Tag>
        {r.light && <Tag color={lightColor[r.light]}>{t(`evaluation.light.${r.light}` as LightKey)}</Tag>}
        <Tag color={levelColor[r.evaluation.level]}>{t(`evaluation.level.${r.evaluation.level}` as LevelKey)}</Tag>
        {r.evaluation.tags.map((tag) => (
          <Tag key={tag}>{t(`evaluation.tag.${tag}` as TagKey)}</Tag>
        ))}
      </p>
      <dl className="ev-meta">
        <dt>{t('evaluation.wb.department')}</dt>
        <dd lang="zh-CN">{r.departmentName}</dd>
        <dt>{t('evaluation.wb.due')}</dt>
        <dd>{r.dueOn}</dd>
        {r.evaluation.comment && [
          <dt key="c-t">{t('evaluation.wb.review')}</dt>,
          <dd key="c-d" lang="zh-CN">
            {r.evaluation.comment}
          </dd>,
        ]}
      </dl>
    </li>
  );
}

export function UnitRectificationsPage() {
  return <RectificationsPage scope="unit" />;
}
export function AppealsPage() {
  return <RectificationsPage scope="appeals" />;
}
