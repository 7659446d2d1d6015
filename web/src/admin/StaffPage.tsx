import { useMemo, useState } from 'react';
import { Button, Card, Form, Input, Select, Switch, Tag, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { RoleAssignment, Staff } from '../api/types';
import { adminKeys, idem, useRoles, useStaffList } from './api';
import { AdminPage } from './ui/AdminPage';
import { AdminTable } from './ui/AdminTable';
import { FormDrawer } from './ui/FormDrawer';
import { useListParams } from './ui/list-params';
import { DepartmentPicker, RegionPicker, RolePicker } from './ui/pickers';
import { RequirePermission } from './ui/RequirePermission';
import { SearchBox } from './ui/SearchBox';

interface StaffForm {
  username: string;
  name: string;
  phone?: string | null;
  departmentId: string;
  password?: string;
  active?: boolean;
  roles: { roleCode?: string; departmentId?: string | null; regionCode?: string }[];
}

export function StaffPage() {
  return (
    <RequirePermission permission="identity.staff.manage">
      <StaffList />
    </RequirePermission>
  );
}

function StaffList() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const list = useListParams(['departmentId', 'active'] as const);
  const { departmentId, active } = list.filters;
  const staff = useStaffList({
    ...list.query,
    departmentId,
    active: active === 'true' || active === 'false' ? active : undefined,
  });
  const roles = useRoles();
  const roleName = useMemo(() => new Map((roles.data ?? []).map((r) => [r.code, i18n.language === 'en' ? r.nameEn : r.name])), [roles.data, i18n.language]);
  const [editing, setEditing] = useState<Staff | 'new' | null>(null);
  const current = editing && editing !== 'new' ? editing : null;

  const columns: TableColumnsType<Staff> = [
    { title: t('admin.staff.username'), dataIndex: 'username', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('admin.staff.name'), dataIndex: 'name' },
    { title: t('admin.staff.department'), dataIndex: 'departmentName' },
    {
      title: t('admin.staff.roles'),
      dataIndex: 'roles',
      render: (rs: RoleAssignment[]) =>
        rs.map((r) => (
          <Tag key={`${r.roleCode}-${r.departmentId ?? ''}-${r.regionCode}`}>
            {roleName.get(r.roleCode) ?? r.roleCode}
            <span className="mono"> · {r.regionCode}</span>
          </Tag>
        )),
    },
    {
      title: t('admin.status'),
      dataIndex: 'active',
      render: (v: boolean) => (v ? <Tag color="green">{t('admin.active')}</Tag> : <Tag>{t('admin.inactive')}</Tag>),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, s) => (
        <Button type="link" onClick={() => setEditing(s)} aria-label={t('admin.editItem', { name: s.name })}>
          {t('action.edit')}
        </Button>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('admin.nav.staff')}
      actions={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.staff.create')}
        </Button>
      }
    >
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('admin.staff.search')} />
        <DepartmentPicker
          aria-label={t('admin.staff.department')}
          placeholder={t('admin.staff.departmentFilter')}
          style={{ width: 260 }}
          value={departmentId}
          onChange={(v?: string) => list.update({ departmentId: v })}
        />
        <Select
          aria-label={t('admin.status')}
          placeholder={t('admin.status')}
          allowClear
          style={{ width: 140 }}
          value={active}
          onChange={(v?: string) => list.update({ active: v })}
          options={[
            { value: 'true', label: t('admin.active') },
            { value: 'false', label: t('admin.inactive') },
          ]}
        />
      </div>
      <AdminTable<Staff> query={staff} columns={columns} rowKey="id" list={list} label={t('admin.nav.staff')} />
      <FormDrawer<StaffForm>
        name="staff"
        open={editing !== null}
        title={current ? t('admin.staff.edit') : t('admin.staff.create')}
        onClose={() => setEditing(null)}
        initialValues={current ? { ...current, roles: current.roles.map((r) => ({ ...r })) } : { roles: [{}] }}
        fields={['username', 'name', 'phone', 'departmentId', 'password', 'active', 'roles']}
        submit={(v, key) => {
          const roleList = (v.roles ?? []).map((r) => ({ roleCode: r.roleCode ?? '', departmentId: r.departmentId || null, regionCode: r.regionCode ?? '' }));
          return current
            ? unwrap(
                api.PATCH('/api/admin/staff/{id}', {
                  params: { path: { id: current.id } },
                  body: { name: v.name, phone: v.phone || null, departmentId: v.departmentId, active: v.active, roles: roleList },
                }),
              )
            : unwrap(
                api.POST('/api/admin/staff', {
                  body: {
                    username: v.username,
                    name: v.name,
                    phone: v.phone || null,
                    departmentId: v.departmentId,
                    password: v.password ?? '',
                    roles: roleList,
                  },
                  headers: idem(key),
                }),
              );
        }}
        onSaved={() => void qc.invalidateQueries({ queryKey: adminKeys.staff })}
      >
        <Form.Item name="username" label={t('admin.staff.username')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input disabled={!!current} autoComplete="off" maxLength={64} className="mono" />
        </Form.Item>
        <Form.Item name="name" label={t('admin.staff.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.staff.phone')}>
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('admin.staff.department')} rules={[{ required: true, message: t('validation.required') }]}>
          <DepartmentPicker current={current ? [{ value: current.departmentId, label: current.departmentName }] : undefined} />
        </Form.Item>
        {!current && (
          <Form.Item
            name="password"
            label={t('admin.staff.initialPassword')}
            extra={t('admin.staff.initialPasswordHint')}
            rules={[
              { required: true, message: t('validation.required') },
              { min: 10, message: t('auth.passwordRule') },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {current && (
          <Form.Item name="active" label={t('admin.status')} valuePropName="checked">
            <Switch checkedChildren={t('admin.active')} unCheckedChildren={t('admin.inactive')} />
          </Form.Item>
        )}
        <fieldset className="form-fieldset">
          <legend>{t('admin.staff.roles')}</legend>
          <p className="form-hint">{t('admin.staff.rolesHint')}</p>
          <Form.List name="roles">
            {(items, { add, remove }, { errors }) => (
              <>
                {items.map((item, index) => (
                  <Card
                    key={item.key}
                    size="small"
                    style={{ marginBottom: 12 }}
                    title={t('admin.staff.roleN', { n: index + 1 })}
                    extra={
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        onClick={() => remove(item.name)}
                        aria-label={t('admin.staff.removeRole', { n: index + 1 })}
                      />
                    }
                  >
                    <Form.Item name={[item.name, 'roleCode']} label={t('admin.staff.role')} rules={[{ required: true, message: t('validation.required') }]}>
                      <RolePicker />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'regionCode']}
                      label={t('admin.staff.roleRegion')}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <RegionPicker />
                    </Form.Item>
                    <Form.Item name={[item.name, 'departmentId']} label={t('admin.staff.roleDepartment')}>
                      <DepartmentPicker />
                    </Form.Item>
                  </Card>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block>
                  {t('admin.staff.addRole')}
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
      </FormDrawer>
    </AdminPage>
  );
}

export default StaffPage;
