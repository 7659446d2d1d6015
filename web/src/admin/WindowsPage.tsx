import { useMemo, useState } from 'react';
import { Button, Form, Input, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import type { ServiceWindow } from '../api/types';
import { EmptyState, QueryView } from '../components/PageState';
import { adminKeys, idem, usePublicDepartments, useServiceCenter, useWindows } from './api';
import { AdminPage } from './ui/AdminPage';
import { FormDrawer } from './ui/FormDrawer';
import { DepartmentPicker } from './ui/pickers';
import { RequirePermission } from './ui/RequirePermission';

interface WindowForm {
  number: string;
  name: string;
  comprehensive: boolean;
  departmentIds: string[];
  active?: boolean;
}

export function WindowsPage() {
  return (
    <RequirePermission permission="org.service_center.manage">
      <Windows />
    </RequirePermission>
  );
}

/** The windows of one service center: few, so one unpaged list. */
function Windows() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { id = '' } = useParams();
  const state = useLocation().state as { centerName?: string } | null;
  const windows = useWindows(id);
  // Opened from the list, the center's name comes along; opened by URL, it is fetched.
  const center = useServiceCenter(id, !state?.centerName);
  const departments = usePublicDepartments('');
  const departmentName = useMemo(() => new Map((departments.data?.items ?? []).map((d) => [d.id, d.name])), [departments.data]);
  const [editing, setEditing] = useState<ServiceWindow | 'new' | null>(null);
  const current = editing && editing !== 'new' ? editing : null;

  const columns: TableColumnsType<ServiceWindow> = [
    { title: t('admin.window.number'), dataIndex: 'number' },
    { title: t('admin.window.name'), dataIndex: 'name' },
    {
      title: t('admin.window.kind'),
      dataIndex: 'comprehensive',
      render: (v: boolean) => (v ? <Tag color="blue">{t('admin.window.comprehensive')}</Tag> : t('admin.window.dedicated')),
    },
    {
      title: t('admin.window.departments'),
      dataIndex: 'departmentIds',
      render: (ids: string[]) => ids.map((d) => departmentName.get(d) ?? d).join(t('common.listSeparator')) || '—',
    },
    {
      title: t('admin.status'),
      dataIndex: 'active',
      render: (v: boolean) => (v ? <Tag color="green">{t('admin.active')}</Tag> : <Tag>{t('admin.inactive')}</Tag>),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, w) => (
        <Button type="link" onClick={() => setEditing(w)} aria-label={t('admin.editItem', { name: w.name })}>
          {t('action.edit')}
        </Button>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('admin.window.title', { center: state?.centerName ?? center.data?.name ?? '' })}
      actions={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.window.create')}
        </Button>
      }
    >
      <p>
        <Link to="/admin/service-centers">{t('admin.window.back')}</Link>
      </p>
      <QueryView query={windows} isEmpty={(w) => w.length === 0} empty={<EmptyState description={t('admin.window.empty')} />}>
        {(items) => (
          <Table<ServiceWindow>
            aria-label={t('admin.center.windows')}
            rowKey="id"
            columns={columns}
            dataSource={items}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        )}
      </QueryView>
      <FormDrawer<WindowForm>
        name="window"
        open={editing !== null}
        title={current ? t('admin.window.edit') : t('admin.window.create')}
        onClose={() => setEditing(null)}
        initialValues={current ?? { comprehensive: false, departmentIds: [] }}
        fields={['number', 'name', 'comprehensive', 'departmentIds', 'active']}
        submit={(v, key) => {
          const body = { number: v.number, name: v.name, comprehensive: v.comprehensive, departmentIds: v.departmentIds ?? [] };
          return current
            ? unwrap(api.PATCH('/api/admin/windows/{id}', { params: { path: { id: current.id } }, body: { ...body, active: v.active } }))
            : unwrap(api.POST('/api/admin/service-centers/{id}/windows', { params: { path: { id } }, body, headers: idem(key) }));
        }}
        onSaved={() => void qc.invalidateQueries({ queryKey: adminKeys.windows(id) })}
      >
        <Form.Item name="number" label={t('admin.window.number')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={10} />
        </Form.Item>
        <Form.Item name="name" label={t('admin.window.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="comprehensive" label={t('admin.window.comprehensive')} valuePropName="checked" extra={t('admin.window.comprehensiveHint')}>
          <Switch />
        </Form.Item>
        <Form.Item name="departmentIds" label={t('admin.window.departments')}>
          <DepartmentPicker mode="multiple" current={(current?.departmentIds ?? []).map((d) => ({ value: d, label: departmentName.get(d) ?? d }))} />
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

export default WindowsPage;
