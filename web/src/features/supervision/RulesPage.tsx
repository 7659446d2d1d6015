import { useState } from 'react';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LIST_PAGE_SIZE as PAGE_SIZE, useUrlFilters } from './url-filters';
import { ErrorState } from '../../components/PageState';
import { formatDateTime } from '../../lib/dayjs';
import { useDocumentTitle } from '../../lib/use-document-title';
import { hitStatuses, useHits, useRules, type Hit, type HitAction, type HitStatus, type Rule, type RuleSeverity } from './rules-api';
import { HitModal, RuleModal, usePick } from './RuleDialogs';
import './supervision.css';
import './rules.css';

const severityColor: Record<RuleSeverity, string> = { high: 'red', medium: 'orange', low: 'default' };
const statusColor: Record<HitStatus, string> = { open: 'processing', confirmed: 'error', dismissed: 'default' };

function SeverityTag({ severity }: { severity: RuleSeverity }) {
  const { t } = useTranslation();
  return <Tag color={severityColor[severity]}>{t(`supervisionRules.severity.${severity}`)}</Tag>;
}

/** A hit's evidence: each fact on its line; lists and records as compact JSON (data, in Chinese). */
function Evidence({ hit }: { hit: Hit }) {
  const { t } = useTranslation();
  return (
    <div className="sv-evidence">
      <dl>
        {Object.entries(hit.evidence).map(([k, v]) => (
          <div key={k}>
            <dt className="mono">{k}</dt>
            <dd lang="zh-CN" className="mono">
              {typeof v === 'object' ? JSON.stringify(v) : String(v)}
            </dd>
          </div>
        ))}
      </dl>
      {hit.status !== 'open' && (
        <p>
          {t(`supervisionRules.hit.decided.${hit.status}`, { name: hit.decidedByName ?? '', at: hit.decidedAt ? formatDateTime(hit.decidedAt) : '' })}{' '}
          <span lang="zh-CN">{hit.reason}</span>
        </p>
      )}
    </div>
  );
}

/**
 * 电子监察 rules (docs/supervision.md, "Rules"): the rules as data, switched on and tuned by the
 * supervising office, and their hits in the reader's region, each confirmed or dismissed with a reason.
 */
export function RulesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('supervisionRules.title'));
  const pick = usePick();
  const { params, update, page, pagination } = useUrlFilters();
  const rules = useRules();
  const [editing, setEditing] = useState<Rule | null>(null);
  const [deciding, setDeciding] = useState<{ hit: Hit; action: HitAction } | null>(null);
  const rule = params.get('rule') ?? undefined;
  const status = (hitStatuses as readonly string[]).includes(params.get('status') ?? 'open') ? ((params.get('status') ?? 'open') as HitStatus) : undefined;
  const hits = useHits({ rule, status, page, pageSize: PAGE_SIZE });
  return (
    <>
      <div className="staff-page-header">
        <h1>{t('supervisionRules.title')}</h1>
      </div>
      <p className="sv-hint">{t('supervisionRules.intro')}</p>
      <Card title={t('supervisionRules.rules')}>
        {rules.isError ? (
          <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
        ) : (
          <Table<Rule>
            rowKey="code"
            loading={rules.isFetching}
            dataSource={rules.data ?? []}
            pagination={false}
            tableLayout="fixed"
            scroll={{ x: 820 }}
            columns={[
              {
                key: 'name',
                title: t('supervisionRules.field.rule'),
                render: (_, r) => (
                  <>
                    <span>{pick(r.nameZh, r.nameEn)}</span>
                    {!r.evaluable && r.reason && <div className="sv-hint">{pick(r.reason.zh, r.reason.en)}</div>}
                  </>
                ),
              },
              {
                key: 'enabled',
                title: t('supervisionRules.field.enabled'),
                width: 110,
                render: (_, r) =>
                  r.evaluable ? (
                    <Tag color={r.enabled ? 'success' : 'default'}>{t(r.enabled ? 'supervisionRules.rule.on' : 'supervisionRules.rule.off')}</Tag>
                  ) : (
                    <Tag>{t('supervisionRules.rule.notEvaluable')}</Tag>
                  ),
              },
              { key: 'threshold', title: t('supervisionRules.field.threshold'), width: 110, render: (_, r) => (r.threshold === null ? '—' : r.threshold) },
              { key: 'severity', title: t('supervisionRules.field.severity'), width: 90, render: (_, r) => <SeverityTag severity={r.severity} /> },
              {
                key: 'open',
                title: t('supervisionRules.field.openHits'),
                width: 100,
                render: (_, r) =>
                  r.openHits ? <Link to={`/workbench/supervision/rules?rule=${encodeURIComponent(r.code)}&status=open`}>{r.openHits}</Link> : 0,
              },
              {
                key: 'actions',
                title: t('supervisionRules.field.actions'),
                width: 90,
                render: (_, r) =>
                  r.mayEdit ? (
                    <Button size="small" onClick={() => setEditing(r)}>
                      {t('supervisionRules.rule.editButton')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      <Card title={t('supervisionRules.hits')} style={{ marginTop: 16 }}>
        <div className="sv-filter">
          <Select
            aria-label={t('supervisionRules.field.rule')}
            placeholder={t('supervisionRules.allRules')}
            allowClear
            style={{ width: 280 }}
            value={rule}
            onChange={(v?: string) => update({ rule: v, page: undefined })}
            options={(rules.data ?? []).filter((r) => r.evaluable).map((r) => ({ value: r.code, label: pick(r.nameZh, r.nameEn) }))}
          />
          <Select
            aria-label={t('supervisionRules.field.status')}
            style={{ width: 160 }}
            value={status ?? 'all'}
            onChange={(v: string) => update({ status: v, page: undefined })}
            options={[...hitStatuses, 'all' as const].map((s) => ({ value: s, label: t(`supervisionRules.status.${s}`) }))}
          />
        </div>
        {hits.isError ? (
          <ErrorState error={hits.error} onRetry={() => void hits.refetch()} />
        ) : (
          <Table<Hit>
            rowKey="id"
            loading={hits.isFetching}
            dataSource={hits.data?.items ?? []}
            locale={{ emptyText: <span className="sv-hint">{t('supervisionRules.empty')}</span> }}
            tableLayout="fixed"
            scroll={{ x: 1120 }}
            expandable={{ expandedRowRender: (h) => <Evidence hit={h} /> }}
            pagination={pagination(hits.data?.total)}
            columns={[
              {
                key: 'rule',
                title: t('supervisionRules.field.rule'),
                width: 230,
                ellipsis: { showTitle: true },
                render: (_, h) => pick(h.ruleNameZh, h.ruleNameEn),
              },
              {
                key: 'caseNo',
                title: t('supervision.field.caseNo'),
                width: 190,
                ellipsis: true,
                render: (_, h) =>
                  h.caseNo ? (
                    <Link to={`/workbench/cases/${encodeURIComponent(h.caseNo)}`} className="mono" title={h.caseNo}>
                      {h.caseNo}
                    </Link>
                  ) : (
                    '—'
                  ),
              },
              {
                key: 'unit',
                title: t('supervision.field.unit'),
                dataIndex: 'departmentName',
                ellipsis: { showTitle: true },
                render: (v: string) => <span lang="zh-CN">{v}</span>,
              },
              { key: 'severity', title: t('supervisionRules.field.severity'), width: 90, render: (_, h) => <SeverityTag severity={h.severity} /> },
              {
                key: 'found',
                title: t('supervisionRules.field.foundAt'),
                width: 150,
                render: (_, h) => <span className="mono">{formatDateTime(h.foundAt)}</span>,
              },
              {
                key: 'status',
                title: t('supervisionRules.field.status'),
                width: 100,
                render: (_, h) => <Tag color={statusColor[h.status]}>{t(`supervisionRules.status.${h.status}`)}</Tag>,
              },
              {
                key: 'actions',
                title: t('supervisionRules.field.actions'),
                width: 190,
                render: (_, h) =>
                  h.status === 'open' ? (
                    <Space size={4}>
                      <Button size="small" danger onClick={() => setDeciding({ hit: h, action: 'confirm' })}>
                        {t('supervisionRules.hit.action.confirm')}
                      </Button>
                      <Button size="small" onClick={() => setDeciding({ hit: h, action: 'dismiss' })}>
                        {t('supervisionRules.hit.action.dismiss')}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      {editing && <RuleModal rule={editing} onClose={() => setEditing(null)} />}
      {deciding && <HitModal hit={deciding.hit} action={deciding.action} onClose={() => setDeciding(null)} />}
    </>
  );
}

export default RulesPage;
