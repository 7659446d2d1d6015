import { useState } from 'react';
import { Button, Form, Input, Switch, Tag, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Department } from '../api/types';
import { adminKeys, idem, useDepartments } from './api';
import { AdminPage } from './ui/AdminPage';
import { AdminTable } from './ui/AdminTable';
import { FormDrawer } from './ui/FormDrawer';
import { useListParams } from './ui/list-params';
import { DepartmentKindPicker, DepartmentPicker, RegionPicker } from './ui/pickers';
import { RequirePermission } from './ui/RequirePermission';
import { SearchBox } from './ui/SearchBox';

interface DepartmentForm {
  name: string;
  shortName: string;
  nameEn?: string | null;
  uscc: string;
  regionCode: string;
  parentId?: string | null;
  kind: string;
  phone?: string | null;
  address?: string | null;
  active?: boolean;
}
const FIELDS = ['name', 'shortName', 'nameEn', 'uscc', 'regionCode', 'parentId', 'kind', 'phone', 'address', 'active'] as const;

export function DepartmentsPage() {
  return (
    <RequirePermission permission="org.department.manage">
      <Departments />
    </RequirePermission>
  );
}

function Departments() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useListParams(['regionCode'] as const);
  const departments = useDepartments({ ...list.query });
  const [editing, setEditing] = useState<Department | 'new' | null>(null);
  const current = editing && editing !== 'new' ? editing : null;

  const columns: TableColumnsType<Department> = [
    { title: t('admin.department.name'), dataIndex: 'name' },
    { title: t('admin.department.shortName'), dataIndex: 'shortName' },
    { title: t('admin.department.uscc'), dataIndex: 'uscc', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('admin.department.region'), dataIndex: 'regionName' },
    { title: t('admin.department.kind'), dataIndex: 'kind', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('admin.department.phone'), dataIndex: 'phone' },
    {
      title: t('admin.status'),
      dataIndex: 'active',
      render: (v: boolean) => (v ? <Tag color="green">{t('admin.active')}</Tag> : <Tag>{t('admin.inactive')}</Tag>),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, d) => (
        <Button type="link" onClick={() => setEditing(d)} aria-label={t('admin.editItem', { name: d.name })}>
          {t('action.edit')}
        </Button>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('admin.nav.departments')}
      actions={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.department.create')}
        </Button>
      }
    >
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('admin.department.search')} />
        <RegionPicker
          aria-label={t('admin.department.region')}
          placeholder={t('admin.department.regionFilter')}
          style={{ width: 240 }}
          value={list.filters.regionCode}
          onChange={(v?: string) => list.update({ regionCode: v })}
        />
      </div>
      <AdminTable<Department> query={departments} columns={columns} rowKey="id" list={list} label={t('admin.nav.departments')} />
      <FormDrawer<DepartmentForm>
        name="department"
        open={editing !== null}
        title={current ? t('admin.department.edit') : t('admin.department.create')}
        onClose={() => setEditing(null)}
        initialValues={current ?? {}}
        fields={FIELDS}
        submit={(v, key) => {
          const body = {
            name: v.name,
            shortName: v.shortName,
            nameEn: v.nameEn || null,
            uscc: v.uscc,
            regionCode: v.regionCode,
            parentId: v.parentId || null,
            kind: v.kind,
            phone: v.phone || null,
            address: v.address || null,
          };
          return current
            ? unwrap(
                api.PATCH('/api/admin/departments/{id}', {
                  params: { path: { id: current.id } },
                  // The version read: the server answers 409 resource.stale if someone saved first.
                  body: { ...body, active: v.active ?? current.active, version: current.version },
                }),
              )
            : unwrap(api.POST('/api/admin/departments', { body, headers: idem(key) }));
        }}
        onSaved={() => void qc.invalidateQueries({ queryKey: adminKeys.departments })}
      >
        <Form.Item name="name" label={t('admin.department.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label={t('admin.department.shortName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.department.nameEn')}>
          <Input maxLength={200} lang="en" />
        </Form.Item>
        <Form.Item
          name="uscc"
          label={t('admin.department.uscc')}
          extra={t('admin.department.usccHint')}
          rules={[
            { required: true, message: t('validation.required') },
            { len: 18, message: t('admin.department.usccHint') },
          ]}
        >
          <Input maxLength={18} className="mono" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('admin.department.region')} rules={[{ required: true, message: t('validation.required') }]}>
          <RegionPicker current={current ? [{ value: current.regionCode, label: current.regionName }] : undefined} />
        </Form.Item>
        <Form.Item name="parentId" label={t('admin.department.parent')}>
          <DepartmentPicker />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('admin.department.kind')}
          extra={t('admin.department.kindHint')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: /^[a-z][a-z0-9_]{1,30}$/, message: t('admin.department.kindHint') },
          ]}
        >
          <DepartmentKindPicker maxLength={31} className="mono" />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.department.phone')}>
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
        <Form.Item name="address" label={t('admin.department.address')}>
          <Input maxLength={200} />
        </Form.Item>
        {current && (
          <Form.Item name="active" label={t('admin.status')} valuePropName="checked">
            <Switch checkedChildren={t('admin.active')} unCheckedChildren={t('admin.inactive')} />
          </Form.Item>
        )}
      </FormDrawer>
    </AdminPage>
  );
}

export default DepartmentsPage;
