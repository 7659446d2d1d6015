import { useState } from 'react';
import { App, Button, Input, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { useListParams } from '../../../admin/ui/list-params';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { QueryView } from '../../../components/PageState';
import { LastAlert } from './LastAlert';
import { LevelRules } from './LevelRules';
import {
  useCreditMutations,
  useCreditRecords,
  useDisclosureBoard,
  useListEntries,
  useMeasures,
  useRepairs,
  type CreditRecord,
  type EntryAction,
  type ListEntry,
  type MeasureRule,
  type Repair,
} from '../api';

type DisclosureKey = 'credit.disclosure.late';
type KindKey = 'credit.kind.penalty';
type SourceKey = 'credit.source.import';
type ListKey = 'credit.list.honor';
type StatusKey = 'credit.status.listed';
type ActionKey = 'credit.action.approve';
type MeasureKey = 'credit.measure.fast_lane';
type RepairKey = 'credit.repairStatus.applied';

const disclosureColor: Record<CreditRecord['disclosure'], string> = {
  not_required: 'default',
  pending: 'blue',
  due_soon: 'gold',
  late: 'red',
  published: 'green',
  withdrawn: 'default',
};
/** Actions that need a text: the objection received, the decision's reasons, the removal's reason. */
const needsText: Partial<Record<EntryAction, 'objection' | 'note'>> = {
  object: 'objection',
  uphold_objection: 'note',
  reject_objection: 'note',
  propose_removal: 'note',
};

/** 信用管理工作台: the 双公示 deadline board, records by source, the lists and their workflow, repairs, the measures, the level rules. */
export function CreditOfficePage() {
  return (
    <RequirePermission permission="credit.file.read">
      <CreditOffice />
    </RequirePermission>
  );
}

function CreditOffice() {
  const { t } = useTranslation();
  const list = useListParams(['tab']);
  const tab = list.filters.tab ?? 'board';
  const sections = [
    { key: 'board', label: t('credit.wb.board'), children: <Board /> },
    { key: 'records', label: t('credit.wb.records'), children: <Records /> },
    { key: 'lists', label: t('credit.wb.lists'), children: <Lists /> },
    { key: 'repairs', label: t('credit.wb.repairs'), children: <Repairs /> },
    { key: 'measures', label: t('credit.wb.measures'), children: <Measures /> },
    { key: 'levels', label: t('credit.levels.tab'), children: <LevelRules /> },
  ];
  return (
    <AdminPage title={t('credit.wb.title')}>
      <p>{t('credit.wb.intro')}</p>
      {/* Six sections: buttons that wrap on a phone (antd Tabs would fold them into a "more" menu inside the tablist, which axe rightly refuses). */}
      <Radio.Group
        aria-label={t('credit.wb.title')}
        optionType="button"
        buttonStyle="solid"
        value={tab}
        onChange={(e) => list.update({ tab: String(e.target.value) })}
        options={sections.map((s) => ({ value: s.key, label: s.label }))}
        style={{ marginBottom: 16 }}
      />
      {sections.find((s) => s.key === tab)?.children ?? <Board />}
    </AdminPage>
  );
}

function useRecordColumns(): ColumnsType<CreditRecord> {
  const { t } = useTranslation();
  return [
    {
      title: t('credit.f.subject'),
      key: 'subject',
      render: (_, r) => (
        <>
          <div lang="zh-CN">{r.subjectName}</div>
          <div className="mono">{r.uscc ?? r.idMasked}</div>
        </>
      ),
    },
    { title: t('credit.f.kind'), dataIndex: 'kind', render: (k: CreditRecord['kind']) => t(`credit.kind.${k}` as KindKey) },
    { title: t('credit.f.title'), dataIndex: 'title', render: (v: string) => <span lang="zh-CN">{v}</span> },
    { title: t('credit.f.decidedOn'), dataIndex: 'decidedOn' },
    {
      title: t('credit.f.due'),
      dataIndex: 'disclosureDue',
      render: (v: string | null, r) => (v ? `${v}${r.disclosureDueEstimated ? ` (${t('credit.f.estimated')})` : ''}` : '—'),
    },
    {
      title: t('credit.f.disclosure'),
      dataIndex: 'disclosure',
      render: (d: CreditRecord['disclosure']) => <Tag color={disclosureColor[d]}>{t(`credit.disclosure.${d}` as DisclosureKey)}</Tag>,
    },
  ];
}

function Board() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const board = useDisclosureBoard();
  const { publish } = useCreditMutations();
  const columns = [
    ...useRecordColumns(),
    {
      title: t('credit.f.actions'),
      key: 'actions',
      render: (_: unknown, r: CreditRecord) => (
        <Button
          size="small"
          type="primary"
          loading={publish.isPending && publish.variables === r.id}
          onClick={() =>
            publish.mutate(r.id, { onSuccess: () => void message.success(t('credit.wb.published')), onError: (e) => void message.error(e.message) })
          }
        >
          {t('credit.wb.publish')}
        </Button>
      ),
    },
  ];
  return (
    <QueryView query={board}>
      {(b) => (
        <>
          <Space style={{ marginBottom: 12 }}>
            <Tag color="red">{t('credit.wb.late', { n: b.late })}</Tag>
            <Tag color="gold">{t('credit.wb.dueSoon', { n: b.dueSoon })}</Tag>
          </Space>
          <LastAlert />
          <Table<CreditRecord> rowKey="id" size="small" columns={columns} dataSource={b.items} pagination={false} scroll={{ x: 'max-content' }} />
        </>
      )}
    </QueryView>
  );
}

function Records() {
  const { t } = useTranslation();
  const list = useListParams(['source']);
  const source = list.filters.source as CreditRecord['source'] | undefined;
  const [text, setText] = useState(list.q);
  const q = useCreditRecords({ page: list.page, pageSize: list.pageSize, q: list.q || undefined, source });
  const [proposing, setProposing] = useState<CreditRecord | null>(null);
  return (
    <>
      {proposing && <ProposeDishonesty record={proposing} onClose={() => setProposing(null)} />}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('credit.wb.search')}
          placeholder={t('credit.wb.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => list.update({ q: v })}
          style={{ width: 280 }}
        />
        <Select<string>
          aria-label={t('credit.f.source')}
          style={{ minWidth: 160 }}
          value={source ?? ''}
          onChange={(v) => list.update({ source: v })}
          options={[
            { value: '', label: t('credit.wb.allSources') },
            ...(['cases', 'inspection', 'hotline', 'import'] as const).map((s) => ({ value: s, label: t(`credit.source.${s}` as SourceKey) })),
          ]}
        />
      </Space>
      <Table<CreditRecord>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        columns={[
          ...useRecordColumns(),
          { title: t('credit.f.source'), dataIndex: 'source', render: (s: CreditRecord['source']) => t(`credit.source.${s}` as SourceKey) },
          {
            title: t('credit.f.actions'),
            key: 'actions',
            render: (_, r) =>
              r.kind === 'penalty' && r.subjectKind === 'entity' && !r.repairedOn ? (
                <Button size="small" onClick={() => setProposing(r)}>
                  {t('credit.wb.propose')}
                </Button>
              ) : null,
          },
        ]}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: list.page, pageSize: list.pageSize, total: q.data?.total ?? 0, onChange: (page, pageSize) => list.update({ page, pageSize }) }}
      />
    </>
  );
}

/** 提请列入严重失信主体名单 on a penalty record: the listing rests on it (repairing the record ends it). */
function ProposeDishonesty({ record, onClose }: { record: CreditRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { propose } = useCreditMutations();
  const [reason, setReason] = useState(record.title);
  const [legalBasis, setLegalBasis] = useState('');
  const [validFrom, setValidFrom] = useState(record.decidedOn);
  return (
    <Modal
      open
      title={t('credit.wb.proposeTitle')}
      onCancel={onClose}
      okText={t('credit.wb.propose')}
      okButtonProps={{ disabled: !reason.trim() || !legalBasis.trim() || !/^\d{4}-\d{2}-\d{2}$/.test(validFrom), loading: propose.isPending }}
      onOk={() =>
        propose.mutate(
          {
            list: 'dishonesty',
            subjectKind: 'entity',
            uscc: record.uscc ?? undefined,
            name: record.subjectName,
            reason,
            legalBasis,
            validFrom,
            recordId: record.id,
          },
          {
            onSuccess: () => {
              void message.success(t('credit.wb.proposed'));
              onClose();
            },
            onError: (e) => void message.error(e.message),
          },
        )
      }
    >
      <p>{t('credit.wb.proposeIntro')}</p>
      <p lang="zh-CN">
        <strong>{record.subjectName}</strong> <span className="mono">{record.uscc}</span>
      </p>
      <Space direction="vertical" style={{ width: '100%' }}>
        <label>
          {t('credit.f.reason')}
          <Input.TextArea id="propose-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
        </label>
        <label>
          {t('credit.f.legalBasis')}
          <Input id="propose-basis" value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} maxLength={500} />
        </label>
        <label>
          {t('credit.wb.validFrom')}
          <Input id="propose-from" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} placeholder="YYYY-MM-DD" />
        </label>
      </Space>
    </Modal>
  );
}

function Lists() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useListParams(['list']);
  const which = list.filters.list as ListEntry['list'] | undefined;
  const q = useListEntries({ page: list.page, pageSize: list.pageSize, list: which });
  const { step } = useCreditMutations();
  const [asking, setAsking] = useState<{ entry: ListEntry; action: EntryAction } | null>(null);
  const [text, setText] = useState('');
  const run = (entry: ListEntry, action: EntryAction, value?: string) => {
    const field = needsText[action];
    step.mutate(
      { id: entry.id, action, body: { version: entry.version, ...(field && value ? { [field]: value } : {}) } },
      {
        onSuccess: () => {
          setAsking(null);
          setText('');
          void message.success(t('credit.wb.saved'));
        },
        onError: (e) => void message.error(e.message),
      },
    );
  };
  const columns: ColumnsType<ListEntry> = [
    { title: t('credit.f.list'), dataIndex: 'list', render: (l: ListEntry['list']) => t(`credit.list.${l}` as ListKey) },
    {
      title: t('credit.f.subject'),
      key: 'subject',
      render: (_, e) => (
        <>
          <div lang="zh-CN">{e.subjectName}</div>
          <div className="mono">{e.uscc ?? e.idMasked}</div>
        </>
      ),
    },
    { title: t('credit.f.reason'), dataIndex: 'reason', render: (v: string) => <span lang="zh-CN">{v}</span> },
    { title: t('credit.f.period'), key: 'period', render: (_, e) => `${e.validFrom} – ${e.validUntil ?? '…'}` },
    { title: t('credit.f.status'), dataIndex: 'status', render: (s: ListEntry['status']) => <Tag>{t(`credit.status.${s}` as StatusKey)}</Tag> },
    { title: t('credit.f.objectionDue'), dataIndex: 'objectionDue', render: (v: string | null) => v ?? '—' },
    {
      title: t('credit.f.actions'),
      key: 'actions',
      render: (_, e) => (
        <Space wrap size={4}>
          {e.allowedActions.map((a) => (
            <Button key={a} size="small" onClick={() => (needsText[a] ? setAsking({ entry: e, action: a }) : run(e, a))}>
              {t(`credit.action.${a}` as ActionKey)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Select<string>
        aria-label={t('credit.f.list')}
        style={{ minWidth: 200, marginBottom: 12 }}
        value={which ?? ''}
        onChange={(v) => list.update({ list: v })}
        options={[
          { value: '', label: t('credit.wb.allLists') },
          ...(['honor', 'dishonesty', 'abnormal_operation', 'judgment_defaulter'] as const).map((l) => ({ value: l, label: t(`credit.list.${l}` as ListKey) })),
        ]}
      />
      <Table<ListEntry>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        columns={columns}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: list.page, pageSize: list.pageSize, total: q.data?.total ?? 0, onChange: (page, pageSize) => list.update({ page, pageSize }) }}
      />
      <Modal
        open={!!asking}
        title={asking ? t(`credit.action.${asking.action}` as ActionKey) : ''}
        okButtonProps={{ disabled: !text.trim(), loading: step.isPending }}
        onOk={() => asking && run(asking.entry, asking.action, text.trim())}
        onCancel={() => setAsking(null)}
      >
        <label htmlFor="credit-step-text">{t(asking && needsText[asking.action] === 'objection' ? 'credit.wb.objectionText' : 'credit.wb.noteText')}</label>
        <Input.TextArea id="credit-step-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />
      </Modal>
    </>
  );
}

function Repairs() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useListParams();
  const q = useRepairs(list.page);
  const { decide } = useCreditMutations();
  const [deciding, setDeciding] = useState<{ repair: Repair; decision: 'repaired' | 'refused' } | null>(null);
  const [note, setNote] = useState('');
  const columns: ColumnsType<Repair> = [
    { title: t('credit.f.subject'), key: 'subject', render: (_, r) => <span className="mono">{r.uscc ?? '—'}</span> },
    { title: t('credit.f.statement'), dataIndex: 'statement', render: (v: string) => <span lang="zh-CN">{v}</span> },
    { title: t('credit.f.evidence'), dataIndex: 'evidence', render: (v: string) => <span lang="zh-CN">{v}</span> },
    { title: t('credit.f.appliedOn'), dataIndex: 'appliedOn' },
    { title: t('credit.f.dueOn'), dataIndex: 'dueOn' },
    { title: t('credit.f.status'), dataIndex: 'status', render: (s: Repair['status']) => <Tag>{t(`credit.repairStatus.${s}` as RepairKey)}</Tag> },
    {
      title: t('credit.f.actions'),
      key: 'actions',
      render: (_, r) =>
        r.status === 'applied' && (
          <Space size={4}>
            <Button size="small" type="primary" onClick={() => setDeciding({ repair: r, decision: 'repaired' })}>
              {t('credit.wb.grant')}
            </Button>
            <Button size="small" danger onClick={() => setDeciding({ repair: r, decision: 'refused' })}>
              {t('credit.wb.refuse')}
            </Button>
          </Space>
        ),
    },
  ];
  return (
    <>
      <QueryView query={q} isEmpty={(d) => d.items.length === 0} empty={<p>{t('credit.wb.noRepairs')}</p>}>
        {(page) => (
          <Table<Repair>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={page.items}
            scroll={{ x: 'max-content' }}
            pagination={{ current: list.page, pageSize: 20, total: page.total, onChange: (p) => list.update({ page: p }) }}
          />
        )}
      </QueryView>
      <Modal
        open={!!deciding}
        title={deciding ? t(deciding.decision === 'repaired' ? 'credit.wb.grant' : 'credit.wb.refuse') : ''}
        okButtonProps={{ disabled: !note.trim(), loading: decide.isPending }}
        onOk={() =>
          deciding &&
          decide.mutate(
            { id: deciding.repair.id, body: { decision: deciding.decision, note: note.trim() } },
            {
              onSuccess: () => {
                setDeciding(null);
                setNote('');
                void message.success(t('credit.wb.saved'));
              },
              onError: (e) => void message.error(e.message),
            },
          )
        }
        onCancel={() => setDeciding(null)}
      >
        <label htmlFor="credit-repair-note">{t('credit.wb.noteText')}</label>
        <Input.TextArea id="credit-repair-note" rows={4} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
      </Modal>
    </>
  );
}

function Measures() {
  const { t } = useTranslation();
  const q = useMeasures();
  const columns: ColumnsType<MeasureRule> = [
    { title: t('credit.f.list'), dataIndex: 'list', render: (l: MeasureRule['list']) => t(`credit.list.${l}` as ListKey) },
    { title: t('credit.f.measure'), dataIndex: 'measure', render: (m: MeasureRule['measure']) => t(`credit.measure.${m}` as MeasureKey) },
    { title: t('credit.f.legalBasis'), dataIndex: 'legalBasis', render: (v: string) => <span lang="zh-CN">{v}</span> },
  ];
  return (
    <QueryView query={q}>
      {(rows) => (
        <Table<MeasureRule>
          rowKey={(r) => `${r.list}-${r.measure}`}
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
    </QueryView>
  );
}
