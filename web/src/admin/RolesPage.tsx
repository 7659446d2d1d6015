import { useMemo, useState } from 'react';
import { Button, Form, Input, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Role } from '../api/types';
import { adminKeys, idem, usePermissions, useRolesPage } from './api';
import { AdminPage } from './ui/AdminPage';
import { AdminTable } from './ui/AdminTable';
import { FormDrawer } from './ui/FormDrawer';
import { useListParams } from './ui/list-params';
import { PermissionPicker, RegionPicker } from './ui/pickers';
import { RequirePermission } from './ui/RequirePermission';
import { SearchBox } from './ui/SearchBox';

interface RoleForm {
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
  ownerRegionCode?: string;
}

export function RolesPage() {
  return (
    <RequirePermission permission="identity.role.manage">
      <Roles />
    </RequirePermission>
  );
}

function Roles() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const list = useListParams();
  const roles = useRolesPage(list.query);
  const permissions = usePermissions();
  const permissionName = useMemo(
    () => new Map((permissions.data ?? []).map((p) => [p.code, i18n.language === 'en' ? p.nameEn : p.name])),
    [permissions.data, i18n.language],
  );
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const current = editing && editing !== 'new' ? editing : null;

  const columns: TableColumnsType<Role> = [
    { title: t('admin.role.code'), dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('admin.role.name'), dataIndex: 'name' },
    { title: t('admin.role.nameEn'), dataIndex: 'nameEn', render: (v: string) => <span lang="en">{v}</span> },
    {
      title: t('admin.role.permissions'),
      dataIndex: 'permissions',
      render: (ps: string[]) =>
        ps.includes('*') ? (
          <Tag color="red">{t('admin.role.allPermissions')}</Tag>
        ) : (
          ps.map((p) => (
            <Tag key={p} title={p}>
              {permissionName.get(p) ?? p}
            </Tag>
          ))
        ),
    },
    {
      title: t('admin.role.owner'),
      dataIndex: 'ownerRegionCode',
      render: (v: string, r) => (r.builtIn ? null : v === '' ? <Tag>{t('admin.role.ownerRoot')}</Tag> : <span className="mono">{v}</span>),
    },
    { title: t('admin.role.builtIn'), dataIndex: 'builtIn', render: (v: boolean) => (v ? <Tag color="blue">{t('admin.role.builtIn')}</Tag> : null) },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, r) =>
        r.builtIn ? (
          <Tooltip title={t('admin.role.builtInHint')}>
            <Button type="link" disabled aria-label={t('admin.role.builtInHint')}>
              {t('action.edit')}
            </Button>
          </Tooltip>
        ) : (
          <Button type="link" onClick={() => setEditing(r)} aria-label={t('admin.editItem', { name: r.name })}>
            {t('action.edit')}
          </Button>
        ),
    },
  ];

  return (
    <AdminPage
      title={t('admin.nav.roles')}
      actions={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.role.create')}
        </Button>
      }
    >
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('admin.role.search')} />
      </div>
      <AdminTable<Role> query={roles} columns={columns} rowKey="code" list={list} label={t('admin.nav.roles')} />
      <FormDrawer<RoleForm>
        name="role"
        open={editing !== null}
        title={current ? t('admin.role.edit') : t('admin.role.create')}
        onClose={() => setEditing(null)}
        initialValues={current ?? { permissions: [] }}
        fields={['code', 'name', 'nameEn', 'permissions', 'ownerRegionCode']}
        submit={(v, key) =>
          current
            ? unwrap(
                api.PATCH('/api/admin/roles/{code}', {
                  params: { path: { code: current.code } },
                  body: { name: v.name, nameEn: v.nameEn, permissions: v.permissions },
                }),
              )
            : unwrap(api.POST('/api/admin/roles', { body: { ...v, ownerRegionCode: v.ownerRegionCode || undefined }, headers: idem(key) }))
        }
        onSaved={() => void qc.invalidateQueries({ queryKey: adminKeys.roles })}
      >
        <Form.Item
          name="code"
          label={t('admin.role.code')}
          extra={t('admin.role.codeHint')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: /^[a-z][a-z0-9_]{1,40}$/, message: t('admin.role.codeHint') },
          ]}
        >
          <Input disabled={!!current} className="mono" maxLength={41} />
        </Form.Item>
        <Form.Item name="name" label={t('admin.role.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.role.nameEn')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} lang="en" />
        </Form.Item>
        <Form.Item name="permissions" label={t('admin.role.permissions')} extra={t('admin.role.permissionsHint')}>
          <PermissionPicker />
        </Form.Item>
        {current ? null : (
          <Form.Item name="ownerRegionCode" label={t('admin.role.owner')} extra={t('admin.role.ownerHint')}>
            <RegionPicker />
          </Form.Item>
        )}
      </FormDrawer>
    </AdminPage>
  );
}

export default RolesPage;
