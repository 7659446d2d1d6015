// 执法检查人员名录库: the inspectors and the relations that exclude them from an entity.
import { useState } from 'react';
import { App, Button, Checkbox, Drawer, Form, Input, List, Select, Switch, Tag, type TableColumnsType } from 'antd';
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
import { createInspector, declareRelation, inspectionKeys, updateInspector, useInspectorList, useItems, useRelations, type Inspector } from '../api';
import { MANAGE, useDepartmentOptions } from './directory-shared';

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
