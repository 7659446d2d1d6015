import { useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Form, Input, List, Radio, Select, Space, Switch, Table, Tag, Upload, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/auth';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { AdminTable } from '../../../admin/ui/AdminTable';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { useListParams } from '../../../admin/ui/list-params';
import { DepartmentPicker, RegionPicker } from '../../../admin/ui/pickers';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { SearchBox } from '../../../admin/ui/SearchBox';
import { ProblemAlert } from '../../../components/ProblemAlert';
import {
  createInspector,
  createItem,
  declareRelation,
  importEntities,
  inspectionKeys,
  itemMethods,
  putRules,
  riskLevels,
  updateInspector,
  updateItem,
  useEntities,
  useInspectorList,
  useItemList,
  useItems,
  useRelations,
  useRules,
  type BadRow,
  type Entity,
  type ImportReport,
  type Inspector,
  type Item,
} from '../api';
import { oneOf } from '../../../lib/api-call';

const MANAGE = 'inspection.plan.manage';

/** Departments seen in the item list (the manager's departments), for filters and pickers. */
function useDepartmentOptions() {
  const items = useItems();
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const i of items.data?.items ?? []) seen.set(i.departmentId, i.departmentName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [items.data]);
}

// ---------------------------------------------------------------- 抽查事项清单

type ItemForm = {
  departmentId: string;
  code: string;
  name: string;
  subItem?: string;
  legalBasis: string;
  subjectType: string;
  method: Item['method'];
  joint: boolean;
};

export function ItemsPage() {
  return (
    <RequirePermission permission={MANAGE}>
      <Items />
    </RequirePermission>
  );
}

function Items() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const { message } = App.useApp();
  const list = useListParams(['departmentId'] as const);
  const items = useItemList(list.query);
  const departments = useDepartmentOptions();
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: inspectionKeys.items });
  const retire = useMutation({
    mutationFn: (i: Item) => updateItem(i.id, { active: false }),
    onSuccess: () => {
      void message.success(t('inspection.items.retired'));
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });

  const columns: TableColumnsType<Item> = [
    { title: t('inspection.items.code'), dataIndex: 'code', width: 100 },
    {
      title: t('inspection.items.name'),
      dataIndex: 'name',
      render: (v: string, i) => (
        <>
          {v}
          {i.subItem && <div className="insp-muted">{i.subItem}</div>}
        </>
      ),
    },
    { title: t('inspection.items.legalBasis'), dataIndex: 'legalBasis' },
    { title: t('inspection.items.subjectType'), dataIndex: 'subjectType' },
    { title: t('inspection.items.method'), dataIndex: 'method', render: (m: Item['method']) => t(`inspection.method.${m}`) },
    { title: t('inspection.items.department'), dataIndex: 'departmentName' },
    { title: t('inspection.items.joint'), dataIndex: 'joint', render: (j: boolean) => (j ? <Tag color="blue">{t('inspection.items.jointYes')}</Tag> : null) },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, i) => (
        <Space>
          <Button size="small" onClick={() => setEditing(i)} aria-label={t('inspection.items.editItem', { name: i.name })}>
            {t('inspection.items.editShort')}
          </Button>
          <Button size="small" danger onClick={() => retire.mutate(i)} aria-label={t('inspection.items.retireItem', { name: i.name })}>
            {t('inspection.items.retire')}
          </Button>
        </Space>
      ),
    },
  ];

  const current = editing && editing !== 'new' ? editing : null;
  return (
    <AdminPage
      title={t('inspection.nav.items')}
      actions={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('inspection.items.create')}
        </Button>
      }
    >
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('inspection.items.search')} />
        <Select
          aria-label={t('inspection.items.department')}
          placeholder={t('inspection.items.allDepartments')}
          allowClear
          style={{ minWidth: 220 }}
          options={departments}
          value={list.filters.departmentId}
          onChange={(v?: string) => list.update({ departmentId: v })}
        />
      </div>
      <AdminTable<Item> query={items} columns={columns} rowKey="id" list={list} label={t('inspection.nav.items')} />
      <FormDrawer<ItemForm>
        name="inspection-item"
        open={editing !== null}
        title={current ? t('inspection.items.edit') : t('inspection.items.create')}
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? { ...current, subItem: current.subItem ?? undefined }
            : { departmentId: list.filters.departmentId ?? me.data?.staff?.departmentId, method: 'on_site', joint: false }
        }
        fields={['departmentId', 'code', 'name', 'subItem', 'legalBasis', 'subjectType', 'method', 'joint']}
        submit={(v, key) => {
          const body = { name: v.name, subItem: v.subItem || null, legalBasis: v.legalBasis, subjectType: v.subjectType, method: v.method, joint: v.joint };
          return current ? updateItem(current.id, body) : createItem({ ...body, departmentId: v.departmentId, code: v.code }, key);
        }}
        onSaved={refresh}
      >
        <Form.Item name="departmentId" label={t('inspection.items.department')} rules={[{ required: true, message: t('validation.required') }]}>
          <DepartmentPicker disabled={!!current} current={departments} />
        </Form.Item>
        <Form.Item name="code" label={t('inspection.items.code')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={40} disabled={!!current} />
        </Form.Item>
        <Form.Item name="name" label={t('inspection.items.name')} rules={[{ required: true, whitespace: true, min: 2, message: t('validation.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="subItem" label={t('inspection.items.subItem')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="legalBasis"
          label={t('inspection.items.legalBasis')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('validation.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="subjectType"
          label={t('inspection.items.subjectType')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="method" label={t('inspection.items.method')}>
          <Radio.Group optionType="button" options={itemMethods.map((m) => ({ value: m, label: t(`inspection.method.${m}`) }))} />
        </Form.Item>
        <Form.Item name="joint" valuePropName="checked">
          <Checkbox>{t('inspection.items.jointLabel')}</Checkbox>
        </Form.Item>
      </FormDrawer>
    </AdminPage>
  );
}

// ---------------------------------------------------------------- 检查对象名录库

export function EntitiesPage() {
  return (
    <RequirePermission permission={MANAGE}>
      <Entities />
    </RequirePermission>
  );
}

function Entities() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useListParams(['riskLevel'] as const);
  const entities = useEntities({ ...list.query, riskLevel: oneOf(riskLevels, list.filters.riskLevel) });
  const [outcome, setOutcome] = useState<{ ok: true; report: ImportReport } | { ok: false; badRows: BadRow[]; badRowCount: number } | null>(null);
  const upload = useMutation({
    mutationFn: importEntities,
    onSuccess: (r) => {
      setOutcome(r);
      if (r.ok) void qc.invalidateQueries({ queryKey: inspectionKeys.entities });
    },
  });

  const columns: TableColumnsType<Entity> = [
    { title: t('inspection.entities.uscc'), dataIndex: 'uscc', width: 200 },
    { title: t('inspection.entities.name'), dataIndex: 'name' },
    { title: t('inspection.entities.type'), dataIndex: 'entityType' },
    { title: t('inspection.entities.industry'), dataIndex: 'industry' },
    { title: t('inspection.entities.address'), dataIndex: 'address' },
    {
      title: t('inspection.entities.risk'),
      dataIndex: 'riskLevel',
      render: (r: Entity['riskLevel']) => <Tag color={r === 'high' ? 'red' : r === 'medium' ? 'orange' : undefined}>{t(`inspection.risk.${r}`)}</Tag>,
    },
    { title: t('inspection.entities.credit'), dataIndex: 'creditLevel', render: (c: Entity['creditLevel']) => t(`inspection.credit.${c}`) },
  ];

  return (
    <AdminPage
      title={t('inspection.nav.entities')}
      actions={
        <Upload
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(file) => {
            setOutcome(null);
            upload.mutate(file);
            return false;
          }}
        >
          <Button type="primary" loading={upload.isPending}>
            {t('inspection.entities.import')}
          </Button>
        </Upload>
      }
    >
      <p className="insp-muted">{t('inspection.entities.importHelp')}</p>
      {upload.isPending && <Alert type="info" showIcon title={t('inspection.entities.importing')} />}
      <ProblemAlert error={upload.error} />
      {outcome?.ok && (
        <Alert
          type="success"
          showIcon
          title={t('inspection.entities.imported', { count: outcome.report.imported, created: outcome.report.created, updated: outcome.report.updated })}
        />
      )}
      {outcome && !outcome.ok && (
        <section aria-labelledby="bad-rows" className="insp-section">
          <Alert type="error" showIcon title={<span id="bad-rows">{t('inspection.entities.badRows', { count: outcome.badRowCount })}</span>} />
          <Table<BadRow>
            size="small"
            rowKey={(r) => `${r.row}-${r.field}-${r.code}`}
            dataSource={outcome.badRows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('inspection.entities.row'), dataIndex: 'row', width: 80 },
              { title: t('inspection.entities.field'), dataIndex: 'field', render: (f: string) => t(`inspection.entities.fields.${f}`, { defaultValue: f }) },
              { title: t('inspection.entities.problem'), dataIndex: 'code', render: (c: string) => t(`inspection.entities.codes.${c}`, { defaultValue: c }) },
            ]}
          />
        </section>
      )}
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('inspection.entities.search')} />
        <Select
          aria-label={t('inspection.entities.risk')}
          placeholder={t('inspection.entities.allRisks')}
          allowClear
          style={{ minWidth: 140 }}
          options={riskLevels.map((r) => ({ value: r, label: t(`inspection.risk.${r}`) }))}
          value={list.filters.riskLevel}
          onChange={(v?: string) => list.update({ riskLevel: v })}
        />
      </div>
      <AdminTable<Entity> query={entities} columns={columns} rowKey="uscc" list={list} label={t('inspection.nav.entities')} />
    </AdminPage>
  );
}

// ---------------------------------------------------------------- 执法检查人员名录库

type InspectorForm = {
  name: string;
  certificateNo: string;
  departmentId: string;
  regionCode: string;
  qualifications?: string[];
  available: boolean;
  address?: string;
};

export function InspectorsPage() {
  return (
    <RequirePermission permission={MANAGE}>
      <Inspectors />
    </RequirePermission>
  );
}

function Inspectors() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const { message } = App.useApp();
  const list = useListParams(['departmentId'] as const);
  const inspectors = useInspectorList(list.query);
  const departments = useDepartmentOptions();
  const items = useItems();
  const [creating, setCreating] = useState(false);
  const [relationsOf, setRelationsOf] = useState<Inspector | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: inspectionKeys.inspectors });
  const toggle = useMutation({
    mutationFn: (i: Inspector) => updateInspector(i.id, { available: !i.available }),
    onSuccess: refresh,
    onError: (e) => void message.error(e.message),
  });
  const deptName = (id: string) => departments.find((d) => d.value === id)?.label ?? '';

  const columns: TableColumnsType<Inspector> = [
    { title: t('inspection.inspectors.name'), dataIndex: 'name' },
    { title: t('inspection.inspectors.certificateNo'), dataIndex: 'certificateNo' },
    { title: t('inspection.inspectors.department'), dataIndex: 'departmentId', render: deptName },
    { title: t('inspection.inspectors.region'), dataIndex: 'regionCode' },
    {
      title: t('inspection.inspectors.qualifications'),
      dataIndex: 'qualifications',
      render: (q: string[]) => (q.length ? q.map((c) => <Tag key={c}>{c}</Tag>) : <span className="insp-muted">{t('inspection.inspectors.allItems')}</span>),
    },
    {
      title: t('inspection.inspectors.available'),
      dataIndex: 'available',
      render: (a: boolean, i) => (
        <Switch
          checked={a}
          loading={toggle.isPending && toggle.variables?.id === i.id}
          onChange={() => toggle.mutate(i)}
          aria-label={t('inspection.inspectors.availableOf', { name: i.name })}
        />
      ),
    },
    {
      title: t('inspection.inspectors.relations'),
      key: 'relations',
      render: (_, i) => (
        <Button size="small" onClick={() => setRelationsOf(i)} aria-label={t('inspection.inspectors.relationsOf', { name: i.name })}>
          {t('inspection.inspectors.relations')}
        </Button>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('inspection.nav.inspectors')}
      actions={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('inspection.inspectors.create')}
        </Button>
      }
    >
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('inspection.inspectors.search')} />
        <Select
          aria-label={t('inspection.inspectors.department')}
          placeholder={t('inspection.items.allDepartments')}
          allowClear
          style={{ minWidth: 220 }}
          options={departments}
          value={list.filters.departmentId}
          onChange={(v?: string) => list.update({ departmentId: v })}
        />
      </div>
      <AdminTable<Inspector> query={inspectors} columns={columns} rowKey="id" list={list} label={t('inspection.nav.inspectors')} />
      <FormDrawer<InspectorForm>
        name="inspection-inspector"
        open={creating}
        title={t('inspection.inspectors.create')}
        onClose={() => setCreating(false)}
        initialValues={{ departmentId: me.data?.staff?.departmentId, regionCode: me.data?.staff?.regionCode, available: true }}
        fields={['name', 'certificateNo', 'departmentId', 'regionCode', 'qualifications', 'available', 'address']}
        submit={(v, key) => createInspector({ ...v, qualifications: v.qualifications ?? [], address: v.address || undefined }, key)}
        onSaved={refresh}
      >
        <Form.Item name="name" label={t('inspection.inspectors.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="certificateNo"
          label={t('inspection.inspectors.certificateNo')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('inspection.inspectors.department')} rules={[{ required: true, message: t('validation.required') }]}>
          <DepartmentPicker current={departments} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('inspection.inspectors.region')} rules={[{ required: true, message: t('validation.required') }]}>
          <RegionPicker current={me.data?.staff ? [{ value: me.data.staff.regionCode, label: me.data.staff.regionName }] : undefined} />
        </Form.Item>
        <Form.Item name="qualifications" label={t('inspection.inspectors.qualifications')} extra={t('inspection.inspectors.qualificationsHint')}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={[...new Set((items.data?.items ?? []).map((i) => i.code))].map((c) => ({ value: c, label: c }))}
          />
        </Form.Item>
        <Form.Item name="address" label={t('inspection.inspectors.address')} extra={t('inspection.inspectors.addressHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="available" valuePropName="checked">
          <Checkbox>{t('inspection.inspectors.available')}</Checkbox>
        </Form.Item>
      </FormDrawer>
      <RelationsDrawer inspector={relationsOf} onClose={() => setRelationsOf(null)} />
    </AdminPage>
  );
}

function RelationsDrawer({ inspector, onClose }: { inspector: Inspector | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const relations = useRelations(inspector?.id);
  const [form] = Form.useForm<{ uscc: string; relation: string }>();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const declare = useMutation({
    mutationFn: (v: { uscc: string; relation: string }) => declareRelation(inspector!.id, v, key),
    onSuccess: () => {
      form.resetFields();
      setKey(crypto.randomUUID());
      void qc.invalidateQueries({ queryKey: [...inspectionKeys.inspectors, 'relations', inspector?.id] });
    },
  });
  return (
    <Drawer
      open={!!inspector}
      onClose={onClose}
      title={inspector ? t('inspection.inspectors.relationsTitle', { name: inspector.name }) : ''}
      size={520}
      destroyOnHidden
    >
      <p className="insp-muted">{t('inspection.inspectors.relationsHelp')}</p>
      {relations.isError && <ProblemAlert error={relations.error} />}
      <List
        loading={relations.isPending}
        locale={{ emptyText: t('inspection.inspectors.noRelations') }}
        dataSource={relations.data ?? []}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta title={`${r.entityName ?? ''} ${r.uscc}`} description={`${r.relation} · ${r.declaredAt.slice(0, 10)}`} />
          </List.Item>
        )}
      />
      <Form form={form} layout="vertical" name="inspection-relation" onFinish={(v) => declare.mutate(v)}>
        <ProblemAlert error={declare.error} />
        <Form.Item name="uscc" label={t('inspection.entities.uscc')} rules={[{ required: true, len: 18, message: t('inspection.inspectors.usccRule') }]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item
          name="relation"
          label={t('inspection.inspectors.relation')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} placeholder={t('inspection.inspectors.relationPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={declare.isPending}>
          {t('inspection.inspectors.declare')}
        </Button>
      </Form>
    </Drawer>
  );
}

// ---------------------------------------------------------------- 实施细则

export function RulesPage() {
  return (
    <RequirePermission permission={MANAGE}>
      <RulesEditor />
    </RequirePermission>
  );
}

function RulesEditor() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const rules = useRules();
  const departments = useDepartmentOptions();
  const [departmentId, setDepartmentId] = useState<string | undefined>(undefined);
  const dept = departmentId ?? me.data?.staff?.departmentId ?? departments[0]?.value;
  const current = rules.data?.find((r) => r.departmentId === dept);
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { title: string; body: string; fileRefs?: string }) =>
      putRules(dept!, {
        title: v.title,
        body: v.body,
        fileRefs: (v.fileRefs ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      }),
    onSuccess: () => {
      void message.success(t('inspection.rules.saved'));
      void qc.invalidateQueries({ queryKey: inspectionKeys.rules });
    },
  });
  return (
    <AdminPage title={t('inspection.nav.rules')}>
      <p className="insp-muted">{t('inspection.rules.help')}</p>
      <div className="list-toolbar">
        <Select aria-label={t('inspection.items.department')} style={{ minWidth: 260 }} options={departments} value={dept} onChange={setDepartmentId} />
      </div>
      {rules.isPending ? (
        <p>{t('inspection.rules.loading')}</p>
      ) : rules.isError ? (
        <ProblemAlert error={rules.error} />
      ) : (
        <Form
          key={`${dept}-${current?.updatedAt ?? 'new'}`}
          layout="vertical"
          name="inspection-rules"
          initialValues={{ title: current?.title ?? '', body: current?.body ?? '', fileRefs: (current?.fileRefs ?? []).join('\n') }}
          onFinish={(v) => save.mutate(v)}
          style={{ maxWidth: 820 }}
        >
          <ProblemAlert error={save.error} />
          <Form.Item name="title" label={t('inspection.rules.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('validation.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="body" label={t('inspection.rules.body')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={12} maxLength={50000} />
          </Form.Item>
          <Form.Item name="fileRefs" label={t('inspection.rules.files')} extra={t('inspection.rules.filesHint')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          {current && <p className="insp-muted">{t('inspection.rules.updatedAt', { at: current.updatedAt.slice(0, 16).replace('T', ' ') })}</p>}
          <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!dept}>
            {t('inspection.rules.save')}
          </Button>
        </Form>
      )}
    </AdminPage>
  );
}
