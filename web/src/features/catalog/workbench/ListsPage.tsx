import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Space, Tabs, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { AdminTable } from '../../../admin/ui/AdminTable';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { useListParams } from '../../../admin/ui/list-params';
import { DepartmentPicker } from '../../../admin/ui/pickers';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { SearchBox } from '../../../admin/ui/SearchBox';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { catalogKeys, listActions, listKeys, useManagedList, type ManagedList, type WbFee, type WbIntermediary, type WbPower } from '../api';

const MANAGE = 'catalog.list.manage';
const required = (message: string) => [{ required: true, whitespace: true, message }];

/** The three lists' pages share a tab bar, search, status filter and retire dialog. */
function ListShell({ list, onCreate, children }: { list: ManagedList; onCreate: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <AdminPage
      title={t(`catalog.listsEditor.${list}.title`)}
      actions={
        <Button type="primary" onClick={onCreate}>
          {t(`catalog.listsEditor.${list}.create`)}
        </Button>
      }
    >
      <Tabs
        activeKey={list}
        onChange={(k) => void navigate(`/workbench/catalog/lists/${k}`)}
        items={(['fees', 'powers', 'intermediaries'] as const).map((k) => ({ key: k, label: t(`catalog.listsEditor.${k}.tab`) }))}
      />
      {children}
    </AdminPage>
  );
}

function Toolbar({ list, params }: { list: ManagedList; params: ReturnType<typeof useListParams<'status'>> }) {
  const { t } = useTranslation();
  return (
    <div className="list-toolbar">
      <SearchBox value={params.q} onSearch={(q) => params.update({ q })} label={t(`catalog.listsEditor.${list}.search`)} />
      <Select
        aria-label={t('catalog.listsEditor.statusFilter')}
        style={{ width: 140 }}
        value={params.filters.status ?? 'active'}
        onChange={(v: string) => params.update({ status: v === 'active' ? undefined : v })}
        options={(['active', 'retired', 'all'] as const).map((s) => ({ value: s, label: t(`catalog.listsEditor.status.${s}`) }))}
      />
    </div>
  );
}

function StatusTag({ entry }: { entry: { retired: boolean; retireReason: string | null; effective?: boolean } }) {
  const { t } = useTranslation();
  if (entry.retired) return <Tag title={entry.retireReason ?? undefined}>{t('catalog.listsEditor.status.retired')}</Tag>;
  if (entry.effective === false) return <Tag color="orange">{t('catalog.lists.fee.expired')}</Tag>;
  return <Tag color="green">{t('catalog.listsEditor.status.active')}</Tag>;
}

/** Edit and retire buttons of one row; retiring asks for the reason. */
function RowActions({
  list,
  entry,
  onEdit,
  warning,
}: {
  list: ManagedList;
  entry: { code: string; name: string; version: number; retired: boolean };
  onEdit: () => void;
  warning?: string;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const retire = useMutation({
    mutationFn: () => listActions.retire(list, entry.code, reason.trim(), entry.version),
    onSuccess: () => {
      void message.success(t('catalog.listsEditor.retired'));
      setOpen(false);
      void qc.invalidateQueries({ queryKey: listKeys(list) });
      void qc.invalidateQueries({ queryKey: [...catalogKeys.all, 'list'] });
    },
  });
  if (entry.retired) return null;
  return (
    <Space>
      {/* The row's name is in the accessible name, hidden from sight (a visible text within the name, WCAG 2.5.3). */}
      <Button size="small" onClick={onEdit}>
        {t('catalog.listsEditor.edit')}
        <span className="visually-hidden"> {entry.name}</span>
      </Button>
      <Button size="small" danger onClick={() => setOpen(true)}>
        {t('catalog.listsEditor.retire')}
        <span className="visually-hidden"> {entry.name}</span>
      </Button>
      <Modal
        open={open}
        title={t('catalog.listsEditor.retireTitle', { name: entry.name })}
        okText={t('catalog.listsEditor.retire')}
        okButtonProps={{ danger: true, loading: retire.isPending, disabled: !reason.trim() }}
        onOk={() => retire.mutate()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p className="cat-hint">{t(`catalog.listsEditor.${list}.retireHint`)}</p>
        {warning && <Alert type="warning" showIcon title={warning} style={{ marginBottom: 12 }} />}
        <ProblemAlert error={retire.error} />
        <label htmlFor={`retire-${entry.code}`}>{t('catalog.listsEditor.reason')}</label>
        <Input.TextArea id={`retire-${entry.code}`} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </Space>
  );
}

function useEditing<T>() {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return { editing, setEditing, current: editing && editing !== 'new' ? editing : null };
}

function useRefresh(list: ManagedList) {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: listKeys(list) });
    void qc.invalidateQueries({ queryKey: [...catalogKeys.all, 'list'] });
  };
}

/** /workbench/catalog/lists/{fees|powers|intermediaries}: one route (one lazy import in the app shell). */
export function ListsPage() {
  const { list } = useParams();
  if (list === 'fees') return <FeesPage />;
  if (list === 'powers') return <PowersPage />;
  if (list === 'intermediaries') return <IntermediariesPage />;
  return <Navigate to="/workbench/catalog/lists/fees" replace />;
}

// ---------------------------------------------------------------- 收费目录

export function FeesPage() {
  return (
    <RequirePermission permission={MANAGE}>
      <Fees />
    </RequirePermission>
  );
}

type FeeForm = {
  code: string;
  name: string;
  kind: WbFee['kind'];
  basis: string;
  standard: string;
  collectingDepartmentId?: string;
  effectiveFrom: string;
  effectiveTo?: string;
};

function Fees() {
  const { t } = useTranslation();
  const params = useListParams(['status'] as const);
  const query = useManagedList('fees', params.query);
  const { editing, setEditing, current } = useEditing<WbFee>();
  const refresh = useRefresh('fees');
  const columns: TableColumnsType<WbFee> = [
    { title: t('catalog.listsEditor.code'), dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('catalog.listsEditor.name'), dataIndex: 'name' },
    { title: t('catalog.listsEditor.fees.kind'), dataIndex: 'kind', render: (k: WbFee['kind']) => t(`catalog.lists.fee.kind.${k}`) },
    { title: t('catalog.lists.fee.standard'), dataIndex: 'standard', width: 220 },
    { title: t('catalog.lists.fee.department'), dataIndex: 'collectingDepartmentName' },
    {
      title: t('catalog.lists.fee.effective'),
      key: 'dates',
      render: (_, f) =>
        f.effectiveTo ? t('catalog.lists.fee.range', { from: f.effectiveFrom, to: f.effectiveTo }) : t('catalog.lists.fee.from', { from: f.effectiveFrom }),
    },
    { title: t('catalog.listsEditor.statusCol'), key: 'status', render: (_, f) => <StatusTag entry={f} /> },
    {
      title: t('catalog.listsEditor.fees.citedBy'),
      key: 'citedBy',
      render: (_, f) =>
        f.citedBy.published || f.citedBy.working
          ? t('catalog.listsEditor.fees.citedByValue', { published: f.citedBy.published, working: f.citedBy.working })
          : '—',
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, f) => (
        <RowActions
          list="fees"
          entry={f}
          onEdit={() => setEditing(f)}
          warning={
            f.citedBy.published || f.citedBy.working
              ? t('catalog.listsEditor.fees.citedWarning', { published: f.citedBy.published, working: f.citedBy.working })
              : undefined
          }
        />
      ),
    },
  ];
  return (
    <ListShell list="fees" onCreate={() => setEditing('new')}>
      <Toolbar list="fees" params={params} />
      <AdminTable<WbFee> query={query} columns={columns} rowKey="code" list={params} label={t('catalog.listsEditor.fees.title')} />
      <FormDrawer<FeeForm>
        name="catalog-fee"
        open={editing !== null}
        title={current ? t('catalog.listsEditor.fees.edit') : t('catalog.listsEditor.fees.create')}
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? { ...current, collectingDepartmentId: current.collectingDepartmentId ?? undefined, effectiveTo: current.effectiveTo ?? undefined }
            : { kind: 'administrative_fee' }
        }
        fields={['code', 'name', 'kind', 'basis', 'standard', 'collectingDepartmentId', 'collectingDepartmentName', 'effectiveFrom', 'effectiveTo']}
        submit={(v, key) => {
          const body = {
            name: v.name,
            kind: v.kind,
            basis: v.basis,
            standard: v.standard,
            collectingDepartmentId: v.collectingDepartmentId || null,
            collectingDepartmentName: current && !v.collectingDepartmentId ? current.collectingDepartmentName : null,
            effectiveFrom: v.effectiveFrom,
            effectiveTo: v.effectiveTo || null,
          };
          return current
            ? listActions.update('fees', current.code, { ...body, version: current.version })
            : listActions.create('fees', { ...body, code: v.code }, key);
        }}
        onSaved={refresh}
      >
        <Form.Item name="code" label={t('catalog.listsEditor.code')} rules={required(t('validation.required'))} extra={t('catalog.listsEditor.fees.codeHint')}>
          <Input maxLength={50} disabled={!!current} />
        </Form.Item>
        <Form.Item name="name" label={t('catalog.listsEditor.name')} rules={required(t('validation.required'))}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('catalog.listsEditor.fees.kind')}>
          <Radio.Group
            optionType="button"
            options={(['administrative_fee', 'government_fund'] as const).map((k) => ({ value: k, label: t(`catalog.lists.fee.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="basis" label={t('catalog.lists.fee.basis')} rules={required(t('validation.required'))}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="standard" label={t('catalog.lists.fee.standard')} rules={required(t('validation.required'))}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="collectingDepartmentId" label={t('catalog.lists.fee.department')}>
          <DepartmentPicker
            aria-label={t('catalog.lists.fee.department')}
            current={current?.collectingDepartmentId ? [{ value: current.collectingDepartmentId, label: current.collectingDepartmentName }] : undefined}
          />
        </Form.Item>
        <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 24 }}>
          <Form.Item name="effectiveFrom" label={t('catalog.listsEditor.fees.from')} rules={required(t('validation.required'))}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="effectiveTo" label={t('catalog.listsEditor.fees.to')}>
            <Input type="date" />
          </Form.Item>
        </div>
      </FormDrawer>
    </ListShell>
  );
}

// ---------------------------------------------------------------- 权责清单

export function PowersPage() {
  return (
    <RequirePermission permission={MANAGE}>
      <Powers />
    </RequirePermission>
  );
}

type PowerForm = { code: string; name: string; powerType: string; basis: string; responsibilities: string; accountability: string; departmentId: string };

function Powers() {
  const { t } = useTranslation();
  const params = useListParams(['status'] as const);
  const query = useManagedList('powers', params.query);
  const { editing, setEditing, current } = useEditing<WbPower>();
  const refresh = useRefresh('powers');
  const columns: TableColumnsType<WbPower> = [
    { title: t('catalog.listsEditor.code'), dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('catalog.listsEditor.name'), dataIndex: 'name' },
    { title: t('catalog.lists.powerField.type'), dataIndex: 'powerType' },
    { title: t('catalog.lists.powerField.department'), dataIndex: 'departmentName' },
    { title: t('catalog.listsEditor.statusCol'), key: 'status', render: (_, p) => <StatusTag entry={p} /> },
    { title: t('admin.actions'), key: 'actions', fixed: 'right', render: (_, p) => <RowActions list="powers" entry={p} onEdit={() => setEditing(p)} /> },
  ];
  return (
    <ListShell list="powers" onCreate={() => setEditing('new')}>
      <Toolbar list="powers" params={params} />
      <AdminTable<WbPower> query={query} columns={columns} rowKey="code" list={params} label={t('catalog.listsEditor.powers.title')} />
      <FormDrawer<PowerForm>
        name="catalog-power"
        open={editing !== null}
        title={current ? t('catalog.listsEditor.powers.edit') : t('catalog.listsEditor.powers.create')}
        onClose={() => setEditing(null)}
        initialValues={current ?? {}}
        fields={['code', 'name', 'powerType', 'basis', 'responsibilities', 'accountability', 'departmentId']}
        submit={(v, key) => {
          const body = {
            name: v.name,
            powerType: v.powerType,
            basis: v.basis,
            responsibilities: v.responsibilities,
            accountability: v.accountability,
            departmentId: v.departmentId,
          };
          return current
            ? listActions.update('powers', current.code, { ...body, version: current.version })
            : listActions.create('powers', { ...body, code: v.code }, key);
        }}
        onSaved={refresh}
      >
        <Form.Item name="code" label={t('catalog.listsEditor.code')} rules={required(t('validation.required'))}>
          <Input maxLength={50} disabled={!!current} />
        </Form.Item>
        <Form.Item name="name" label={t('catalog.listsEditor.powers.name')} rules={required(t('validation.required'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="powerType"
          label={t('catalog.lists.powerField.type')}
          rules={required(t('validation.required'))}
          extra={t('catalog.listsEditor.powers.typeHint')}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('catalog.lists.powerField.department')} rules={[{ required: true, message: t('validation.required') }]}>
          <DepartmentPicker
            aria-label={t('catalog.lists.powerField.department')}
            current={current ? [{ value: current.departmentId, label: current.departmentName }] : undefined}
          />
        </Form.Item>
        <Form.Item name="basis" label={t('catalog.lists.powerField.basis')} rules={required(t('validation.required'))}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="responsibilities" label={t('catalog.lists.powerField.responsibilities')} rules={required(t('validation.required'))}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="accountability" label={t('catalog.lists.powerField.accountability')} rules={required(t('validation.required'))}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
      </FormDrawer>
    </ListShell>
  );
}

// ---------------------------------------------------------------- 中介服务清单

export function IntermediariesPage() {
  return (
    <RequirePermission permission={MANAGE}>
      <Intermediaries />
    </RequirePermission>
  );
}

type IntermediaryForm = {
  code: string;
  name: string;
  basis: string;
  requiredFor: string;
  providerRequirements: string;
  timeLimit?: string;
  feeNote?: string;
  departmentId?: string;
  departmentName?: string;
};

function Intermediaries() {
  const { t } = useTranslation();
  const params = useListParams(['status'] as const);
  const query = useManagedList('intermediaries', params.query);
  const { editing, setEditing, current } = useEditing<WbIntermediary>();
  const refresh = useRefresh('intermediaries');
  const columns: TableColumnsType<WbIntermediary> = [
    { title: t('catalog.listsEditor.code'), dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('catalog.listsEditor.name'), dataIndex: 'name' },
    { title: t('catalog.lists.intermediaryField.requiredFor'), dataIndex: 'requiredFor' },
    { title: t('catalog.lists.intermediaryField.department'), dataIndex: 'departmentName' },
    { title: t('catalog.lists.intermediaryField.timeLimit'), dataIndex: 'timeLimit', render: (v: string | null) => v ?? '—' },
    { title: t('catalog.listsEditor.statusCol'), key: 'status', render: (_, m) => <StatusTag entry={m} /> },
    {
      title: t('admin.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, m) => <RowActions list="intermediaries" entry={m} onEdit={() => setEditing(m)} />,
    },
  ];
  return (
    <ListShell list="intermediaries" onCreate={() => setEditing('new')}>
      <Toolbar list="intermediaries" params={params} />
      <AdminTable<WbIntermediary> query={query} columns={columns} rowKey="code" list={params} label={t('catalog.listsEditor.intermediaries.title')} />
      <FormDrawer<IntermediaryForm>
        name="catalog-intermediary"
        open={editing !== null}
        title={current ? t('catalog.listsEditor.intermediaries.edit') : t('catalog.listsEditor.intermediaries.create')}
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? { ...current, timeLimit: current.timeLimit ?? undefined, feeNote: current.feeNote ?? undefined, departmentId: current.departmentId ?? undefined }
            : {}
        }
        fields={['code', 'name', 'basis', 'requiredFor', 'providerRequirements', 'timeLimit', 'feeNote', 'departmentId', 'departmentName']}
        submit={(v, key) => {
          const body = {
            name: v.name,
            basis: v.basis,
            requiredFor: v.requiredFor,
            providerRequirements: v.providerRequirements,
            timeLimit: v.timeLimit || null,
            feeNote: v.feeNote || null,
            departmentId: v.departmentId || null,
            departmentName: v.departmentId ? null : v.departmentName || null,
          };
          return current
            ? listActions.update('intermediaries', current.code, { ...body, version: current.version })
            : listActions.create('intermediaries', { ...body, code: v.code }, key);
        }}
        onSaved={refresh}
      >
        <Form.Item name="code" label={t('catalog.listsEditor.code')} rules={required(t('validation.required'))}>
          <Input maxLength={50} disabled={!!current} />
        </Form.Item>
        <Form.Item name="name" label={t('catalog.listsEditor.intermediaries.name')} rules={required(t('validation.required'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="requiredFor" label={t('catalog.lists.intermediaryField.requiredFor')} rules={required(t('validation.required'))}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="basis" label={t('catalog.lists.intermediaryField.basis')} rules={required(t('validation.required'))}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="providerRequirements" label={t('catalog.lists.intermediaryField.provider')} rules={required(t('validation.required'))}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="timeLimit" label={t('catalog.lists.intermediaryField.timeLimit')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="feeNote" label={t('catalog.lists.intermediaryField.feeNote')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('catalog.lists.intermediaryField.department')} extra={t('catalog.listsEditor.intermediaries.departmentHint')}>
          <DepartmentPicker
            aria-label={t('catalog.lists.intermediaryField.department')}
            current={current?.departmentId ? [{ value: current.departmentId, label: current.departmentName }] : undefined}
          />
        </Form.Item>
        <Form.Item name="departmentName" label={t('catalog.listsEditor.intermediaries.departmentName')}>
          <Input maxLength={100} />
        </Form.Item>
      </FormDrawer>
    </ListShell>
  );
}
