// 抽查事项清单: the inspection items of the manager's departments.
import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Radio, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/auth';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { AdminTable } from '../../../admin/ui/AdminTable';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { useListParams } from '../../../admin/ui/list-params';
import { DepartmentPicker } from '../../../admin/ui/pickers';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { SearchBox } from '../../../admin/ui/SearchBox';
import { createItem, inspectionKeys, itemMethods, updateItem, useItemList, type Item } from '../api';
import { MANAGE, useDepartmentOptions } from './directory-shared';

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
