import { useState } from 'react';
import { Button, Form, Input, Select, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Region, RegionLevel } from '../api/types';
import { adminKeys, idem, useRegions } from './api';
import { AdminPage } from './ui/AdminPage';
import { AdminTable } from './ui/AdminTable';
import { FormDrawer } from './ui/FormDrawer';
import { useListParams } from './ui/list-params';
import { RegionPicker } from './ui/pickers';
import { RequirePermission } from './ui/RequirePermission';
import { SearchBox } from './ui/SearchBox';

const LEVELS = ['province', 'city', 'district', 'street', 'community'] as const satisfies readonly RegionLevel[];
const isLevel = (v: string | undefined): v is RegionLevel => LEVELS.includes(v as RegionLevel);

interface RegionForm {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode?: string | null;
}

export function RegionsPage() {
  return (
    <RequirePermission permission="org.region.manage">
      <Regions />
    </RequirePermission>
  );
}

function Regions() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useListParams(['parentCode', 'level'] as const);
  const { level, parentCode } = list.filters;
  const regions = useRegions({ ...list.query, level: isLevel(level) ? level : undefined, parentCode });
  const [editing, setEditing] = useState<Region | 'new' | null>(null);

  const columns: TableColumnsType<Region> = [
    { title: t('admin.region.code'), dataIndex: 'code', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('admin.region.name'), dataIndex: 'name' },
    { title: t('admin.region.level'), dataIndex: 'level', render: (v: RegionLevel) => t(`admin.region.levels.${v}`) },
    { title: t('admin.region.parentCode'), dataIndex: 'parentCode', render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, r) => (
        <Button type="link" onClick={() => setEditing(r)} aria-label={t('admin.editItem', { name: r.name })}>
          {t('action.edit')}
        </Button>
      ),
    },
  ];

  const current = editing && editing !== 'new' ? editing : null;
  return (
    <AdminPage
      title={t('admin.nav.regions')}
      actions={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.region.create')}
        </Button>
      }
    >
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('admin.region.search')} />
        <Select
          aria-label={t('admin.region.level')}
          placeholder={t('admin.region.level')}
          allowClear
          style={{ width: 160 }}
          value={isLevel(level) ? level : undefined}
          onChange={(v?: string) => list.update({ level: v })}
          options={LEVELS.map((l) => ({ value: l, label: t(`admin.region.levels.${l}`) }))}
        />
        <RegionPicker
          aria-label={t('admin.region.parentCode')}
          placeholder={t('admin.region.parentFilter')}
          style={{ width: 240 }}
          value={parentCode}
          onChange={(v?: string) => list.update({ parentCode: v })}
        />
      </div>
      <AdminTable<Region> query={regions} columns={columns} rowKey="code" list={list} label={t('admin.nav.regions')} />
      <FormDrawer<RegionForm>
        name="region"
        open={editing !== null}
        title={current ? t('admin.region.edit') : t('admin.region.create')}
        onClose={() => setEditing(null)}
        initialValues={current ?? { level: 'street' }}
        fields={['code', 'name', 'level', 'parentCode']}
        submit={(v, key) =>
          current
            ? unwrap(api.PATCH('/api/admin/regions/{code}', { params: { path: { code: current.code } }, body: { name: v.name } }))
            : unwrap(
                api.POST('/api/admin/regions', {
                  body: { code: v.code, name: v.name, level: v.level, parentCode: v.parentCode ?? null },
                  headers: idem(key),
                }),
              )
        }
        onSaved={() => void qc.invalidateQueries({ queryKey: adminKeys.regions })}
      >
        <Form.Item
          name="code"
          label={t('admin.region.code')}
          extra={t('admin.region.codeHint')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: /^\d{6}(\d{3}(\d{3})?)?$/, message: t('admin.region.codeHint') },
          ]}
        >
          <Input disabled={!!current} inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item name="name" label={t('admin.region.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="level" label={t('admin.region.level')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select disabled={!!current} options={LEVELS.map((l) => ({ value: l, label: t(`admin.region.levels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="parentCode" label={t('admin.region.parentCode')}>
          <RegionPicker disabled={!!current} current={current?.parentCode ? [{ value: current.parentCode, label: current.parentCode }] : undefined} />
        </Form.Item>
      </FormDrawer>
    </AdminPage>
  );
}

export default RegionsPage;
