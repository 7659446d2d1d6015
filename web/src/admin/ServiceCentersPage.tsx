import { useState } from 'react';
import { Button, Form, Input, Space, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import type { ServiceCenter } from '../api/types';
import { adminKeys, idem, useServiceCenters } from './api';
import { AdminPage } from './ui/AdminPage';
import { AdminTable } from './ui/AdminTable';
import { FormDrawer } from './ui/FormDrawer';
import { useListParams } from './ui/list-params';
import { RegionPicker } from './ui/pickers';
import { RequirePermission } from './ui/RequirePermission';
import { SearchBox } from './ui/SearchBox';

interface CenterForm {
  name: string;
  regionCode: string;
  address: string;
  hours: string;
  phone?: string | null;
}

export function ServiceCentersPage() {
  return (
    <RequirePermission permission="org.service_center.manage">
      <ServiceCenters />
    </RequirePermission>
  );
}

function ServiceCenters() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useListParams();
  const centers = useServiceCenters(list.query);
  const [editing, setEditing] = useState<ServiceCenter | 'new' | null>(null);
  const current = editing && editing !== 'new' ? editing : null;

  const columns: TableColumnsType<ServiceCenter> = [
    { title: t('admin.center.name'), dataIndex: 'name' },
    { title: t('admin.center.region'), dataIndex: 'regionName' },
    { title: t('admin.center.address'), dataIndex: 'address' },
    { title: t('admin.center.hours'), dataIndex: 'hours' },
    { title: t('admin.center.phone'), dataIndex: 'phone' },
    { title: t('admin.center.windowCount'), dataIndex: 'windowCount', align: 'right' },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space size={0} wrap>
          <Button type="link" onClick={() => setEditing(c)} aria-label={t('admin.editItem', { name: c.name })}>
            {t('action.edit')}
          </Button>
          <Link to={`/admin/service-centers/${c.id}/windows`} state={{ centerName: c.name }} aria-label={t('admin.center.windowsOf', { name: c.name })}>
            {t('admin.center.windows')}
          </Link>
        </Space>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('admin.nav.serviceCenters')}
      actions={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.center.create')}
        </Button>
      }
    >
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('admin.center.search')} />
      </div>
      <AdminTable<ServiceCenter> query={centers} columns={columns} rowKey="id" list={list} label={t('admin.nav.serviceCenters')} />
      <FormDrawer<CenterForm>
        name="serviceCenter"
        open={editing !== null}
        title={current ? t('admin.center.edit') : t('admin.center.create')}
        onClose={() => setEditing(null)}
        initialValues={current ?? {}}
        fields={['name', 'regionCode', 'address', 'hours', 'phone']}
        submit={(v, key) => {
          const body = { name: v.name, regionCode: v.regionCode, address: v.address, hours: v.hours, phone: v.phone || null };
          return current
            ? unwrap(api.PATCH('/api/admin/service-centers/{id}', { params: { path: { id: current.id } }, body }))
            : unwrap(api.POST('/api/admin/service-centers', { body, headers: idem(key) }));
        }}
        onSaved={() => void qc.invalidateQueries({ queryKey: adminKeys.serviceCenters })}
      >
        <Form.Item name="name" label={t('admin.center.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('admin.center.region')} rules={[{ required: true, message: t('validation.required') }]}>
          <RegionPicker current={current ? [{ value: current.regionCode, label: current.regionName }] : undefined} />
        </Form.Item>
        <Form.Item name="address" label={t('admin.center.address')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="hours"
          label={t('admin.center.hours')}
          extra={t('admin.center.hoursHint')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="phone" label={t('admin.center.phone')}>
          <Input maxLength={30} inputMode="tel" />
        </Form.Item>
      </FormDrawer>
    </AdminPage>
  );
}

export default ServiceCentersPage;
