import { useState } from 'react';
import { Button, Form, InputNumber, Radio, Table, Typography, type TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { EmptyState, ErrorState } from '../../../components/PageState';
import type { paths } from '../../../api/schema';
import { KindTag } from '../ui';

type LimitRow = paths['/api/admin/hotline/limits']['get']['responses'][200]['content']['application/json'][number];
type LimitForm = Pick<LimitRow, 'conclusionUnit' | 'conclusionAmount' | 'signMinutes'>;

const limitsKey = ['hotline', 'limits'];

/** The kind cell spans its rows (the server lists them kind by kind). */
function rowSpanOf(rows: LimitRow[], r: LimitRow, i: number | undefined) {
  const first = rows.findIndex((x) => x.kind === r.kind);
  return first === i ? rows.filter((x) => x.kind === r.kind).length : 0;
}

/** 办理时限: the kind × urgency table (conclusion in working days or hours, sign in working minutes). */
export function LimitsPage() {
  return (
    <RequirePermission permission="hotline.manage">
      <Limits />
    </RequirePermission>
  );
}

function Limits() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const limits = useQuery({ queryKey: limitsKey, queryFn: () => unwrap(api.GET('/api/admin/hotline/limits')) });
  const [editing, setEditing] = useState<LimitRow | null>(null);
  const name = (r: LimitRow) => `${t(`hotline.kind.${r.kind}`)} · ${t(`hotline.urgency.${r.urgency}`)}`;
  const conclusion = (r: LimitForm) => t(r.conclusionUnit === 'working_hours' ? 'hotline.limits.hours' : 'hotline.limits.days', { count: r.conclusionAmount });

  const columns: TableColumnsType<LimitRow> = [
    {
      title: t('hotline.field.kind'),
      dataIndex: 'kind',
      render: (_: unknown, r) => <KindTag kind={r.kind} />,
      onCell: (r, i) => ({ rowSpan: rowSpanOf(limits.data ?? [], r, i) }),
    },
    { title: t('hotline.field.urgency'), dataIndex: 'urgency', render: (v: LimitRow['urgency']) => t(`hotline.urgency.${v}`) },
    { title: t('hotline.limits.conclusion'), key: 'conclusion', render: (_, r) => conclusion(r) },
    { title: t('hotline.limits.sign'), dataIndex: 'signMinutes', render: (v: number) => t('hotline.limits.minutes', { count: v }) },
    {
      title: t('hotline.limits.updatedAt'),
      dataIndex: 'updatedAt',
      render: (v: string | null) => (v ? new Date(v).toLocaleString() : t('hotline.limits.default')),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, r) => (
        <Button type="link" onClick={() => setEditing(r)} aria-label={t('admin.editItem', { name: name(r) })}>
          {t('action.edit')}
        </Button>
      ),
    },
  ];

  return (
    <AdminPage title={t('hotline.nav.limits')}>
      <Typography.Paragraph type="secondary">
        {t('hotline.limits.hint')} {t('hotline.admin.cityWideOnly')}
      </Typography.Paragraph>
      {limits.isError && !limits.data ? (
        <ErrorState error={limits.error} onRetry={() => void limits.refetch()} />
      ) : (
        <Table<LimitRow>
          aria-label={t('hotline.nav.limits')}
          rowKey={(r) => `${r.kind}/${r.urgency}`}
          size="small"
          bordered
          columns={columns}
          dataSource={limits.data ?? []}
          loading={limits.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: limits.isPending ? ' ' : <EmptyState /> }}
        />
      )}
      <FormDrawer<LimitForm>
        name="hotlineLimit"
        open={editing !== null}
        title={editing ? t('hotline.limits.edit', { name: name(editing) }) : ''}
        onClose={() => setEditing(null)}
        initialValues={editing ?? undefined}
        fields={['conclusionUnit', 'conclusionAmount', 'signMinutes']}
        submit={(v) =>
          unwrap(
            api.PUT('/api/admin/hotline/limits/{kind}/{urgency}', {
              params: { path: { kind: editing!.kind, urgency: editing!.urgency } },
              body: { conclusionUnit: v.conclusionUnit, conclusionAmount: v.conclusionAmount, signMinutes: v.signMinutes, version: editing!.version },
            }),
          )
        }
        onSaved={() => void qc.invalidateQueries({ queryKey: limitsKey })}
      >
        <Form.Item
          name="conclusionUnit"
          label={t('hotline.limits.unit')}
          extra={t('hotline.limits.unitHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Radio.Group
            optionType="button"
            options={[
              { value: 'working_days', label: t('hotline.limits.workingDays') },
              { value: 'working_hours', label: t('hotline.limits.workingHours') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="conclusionAmount"
          label={t('hotline.limits.conclusion')}
          extra={t('hotline.limits.amountHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={1} max={60} precision={0} />
        </Form.Item>
        <Form.Item
          name="signMinutes"
          label={t('hotline.limits.signMinutes')}
          extra={t('hotline.limits.signHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={5} max={420} precision={0} />
        </Form.Item>
      </FormDrawer>
    </AdminPage>
  );
}

export default LimitsPage;
