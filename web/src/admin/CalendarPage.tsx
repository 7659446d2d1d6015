import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Radio, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { CalendarOverride, CalendarStatus } from '../api/types';
import { QueryView } from '../components/PageState';
import { dayjs, todayInCity } from '../lib/dayjs';
import { adminKeys, idem, useCalendarOverrides, useCalendarStatus } from './api';
import { AdminPage } from './ui/AdminPage';
import { CalendarYearDays } from './CalendarYearDays';
import { AdminTable } from './ui/AdminTable';
import { FormDrawer } from './ui/FormDrawer';
import { useListParams } from './ui/list-params';
import { RegionPicker } from './ui/pickers';
import { RequirePermission } from './ui/RequirePermission';

type Kind = CalendarOverride['kind'];
type YearStatus = CalendarStatus['years'][number]['status'];

interface OverrideForm {
  date: dayjs.Dayjs;
  kind: Kind;
  name: string;
  regionPath?: string | null;
}

const STATUS_COLOR: Record<YearStatus, string> = { official: 'green', 'notice-entered': 'blue', estimated: 'orange' };

export function CalendarPage() {
  return (
    <RequirePermission permission="platform.calendar.manage">
      <Calendar />
    </RequirePermission>
  );
}

function Calendar() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useListParams(['year', 'kind', 'regionPath'] as const);
  const { year, kind, regionPath } = list.filters;
  const overrides = useCalendarOverrides({
    ...list.query,
    year: year ? Number(year) : undefined,
    kind: kind === 'workday' || kind === 'holiday' ? kind : undefined,
    regionPath,
  });
  const status = useCalendarStatus();
  const [creating, setCreating] = useState(false);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: adminKeys.calendarOverrides });
    void qc.invalidateQueries({ queryKey: adminKeys.calendarStatus });
  };
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/admin/calendar/overrides/{id}', { params: { path: { id } } })),
    onSuccess: () => {
      void message.success(t('admin.deleted'));
      refresh();
    },
    onError: (e) => void message.error(e instanceof Error ? e.message : t('errors.generic.title')),
  });

  const thisYear = Number(todayInCity().slice(0, 4));
  const years = [thisYear - 1, thisYear, thisYear + 1];
  const shownYear = year ? Number(year) : thisYear;

  const columns: TableColumnsType<CalendarOverride> = [
    { title: t('admin.calendar.date'), dataIndex: 'date', render: (v: string) => <span className="mono">{v}</span> },
    {
      title: t('admin.calendar.kind'),
      dataIndex: 'kind',
      render: (v: Kind) => <Tag color={v === 'holiday' ? 'red' : 'blue'}>{t(`admin.calendar.kinds.${v}`)}</Tag>,
    },
    { title: t('admin.calendar.name'), dataIndex: 'name' },
    {
      title: t('admin.calendar.region'),
      dataIndex: 'regionPath',
      render: (v: string) => (v ? <span className="mono">{v}</span> : t('admin.calendar.allRegions')),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, o) =>
        !o.editable ? (
          <Typography.Text type="secondary">{t('admin.calendar.notEditable', { region: o.regionPath || t('admin.calendar.allRegions') })}</Typography.Text>
        ) : (
          <Popconfirm
            title={t('admin.calendar.deleteConfirm', { date: o.date })}
            okText={t('action.delete')}
            cancelText={t('action.cancel')}
            onConfirm={() => remove.mutateAsync(o.id)}
          >
            <Button type="link" danger aria-label={t('admin.deleteItem', { name: `${o.date} ${o.name}` })}>
              {t('action.delete')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <AdminPage
      title={t('admin.nav.calendar')}
      actions={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('admin.calendar.create')}
        </Button>
      }
    >
      <Card title={<h2 style={{ margin: 0, fontSize: '1.05em' }}>{t('admin.calendar.status')}</h2>} style={{ marginBottom: 16 }}>
        <QueryView query={status} isEmpty={(s) => s.years.length === 0}>
          {(s) => (
            <>
              <Space wrap>
                {s.years.map((y) => (
                  <Tag key={y.year} color={STATUS_COLOR[y.status]}>
                    {t('admin.calendar.yearStatus', { year: y.year, status: t(`admin.calendar.statuses.${y.status}`) })}
                  </Tag>
                ))}
              </Space>
              {s.warnings.map((w) => (
                <Alert key={w} type="warning" showIcon title={w} style={{ marginTop: 12 }} />
              ))}
            </>
          )}
        </QueryView>
      </Card>
      <CalendarYearDays year={shownYear} years={[...years, thisYear + 2]} onYear={(y) => list.update({ year: String(y) })} />
      <h2 style={{ fontSize: '1.05em' }}>{t('admin.calendar.overrides')}</h2>
      <Typography.Paragraph type="secondary">{t('admin.calendar.overridesHint')}</Typography.Paragraph>
      <div className="list-toolbar">
        <Select
          aria-label={t('admin.calendar.year')}
          placeholder={t('admin.calendar.year')}
          allowClear
          style={{ width: 140 }}
          value={year}
          onChange={(v?: string) => list.update({ year: v })}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
        <Select
          aria-label={t('admin.calendar.kind')}
          placeholder={t('admin.calendar.kind')}
          allowClear
          style={{ width: 160 }}
          value={kind}
          onChange={(v?: string) => list.update({ kind: v })}
          options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: t(`admin.calendar.kinds.${k}`) }))}
        />
        <RegionPicker
          valueKey="path"
          aria-label={t('admin.calendar.region')}
          placeholder={t('admin.calendar.region')}
          style={{ width: 240 }}
          value={regionPath}
          onChange={(v?: string) => list.update({ regionPath: v })}
        />
      </div>
      <AdminTable<CalendarOverride> query={overrides} columns={columns} rowKey="id" list={list} label={t('admin.nav.calendar')} />
      <FormDrawer<OverrideForm>
        name="calendarOverride"
        open={creating}
        title={t('admin.calendar.create')}
        onClose={() => setCreating(false)}
        initialValues={{ kind: 'holiday' }}
        fields={['date', 'kind', 'name', 'regionPath']}
        submit={(v, key) =>
          unwrap(
            api.POST('/api/admin/calendar/overrides', {
              body: { date: v.date.format('YYYY-MM-DD'), kind: v.kind, name: v.name, regionPath: v.regionPath || '' },
              headers: idem(key),
            }),
          )
        }
        onSaved={refresh}
      >
        <Form.Item name="date" label={t('admin.calendar.date')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label={t('admin.calendar.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Radio.Group options={(['holiday', 'workday'] as const).map((k) => ({ value: k, label: t(`admin.calendar.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('admin.calendar.name')}
          extra={t('admin.calendar.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="regionPath" label={t('admin.calendar.region')} extra={t('admin.calendar.regionHint')}>
          <RegionPicker valueKey="path" />
        </Form.Item>
      </FormDrawer>
    </AdminPage>
  );
}

export default CalendarPage;
