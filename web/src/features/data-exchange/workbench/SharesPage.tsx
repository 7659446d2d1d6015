// 共享申请: requests the user's department made, and those it must decide as the owner.
import '../data-exchange.css';
import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../api/auth';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { AdminTable } from '../../../admin/ui/AdminTable';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { useListParams } from '../../../admin/ui/list-params';
import { formatDate } from '../../../lib/dayjs';
import { oneOf } from '../../../lib/api-call';
import { dataKeys, decideShare, shareStatuses, useShares, type ShareRequest } from '../api';

const DECIDE = 'data.share.decide';
const REQUEST = 'data.share.request';
const statusColor = { pending: 'processing', approved: 'success', rejected: 'error', revoked: 'warning', withdrawn: 'default' } as const;

type ApproveForm = { fields: string[]; expiresOn: string; note?: string };

export function SharesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const { message } = App.useApp();
  const list = useListParams(['status'] as const);
  const shares = useShares({ ...list.query, status: oneOf(shareStatuses, list.filters.status) });
  const [approving, setApproving] = useState<ShareRequest | null>(null);
  const myDepartment = me.data?.staff?.departmentId;
  const may = (p: string) => hasPermission(me.data, p);
  const refresh = () => void qc.invalidateQueries({ queryKey: dataKeys.shares });
  const decide = useMutation({
    mutationFn: ({ s, action }: { s: ShareRequest; action: 'reject' | 'revoke' | 'withdraw' }) => decideShare(s.id, { action }),
    onSuccess: () => {
      void message.success(t('data.saved'));
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });

  const columns: TableColumnsType<ShareRequest> = [
    {
      title: t('data.share.resource'),
      dataIndex: 'resourceName',
      render: (v: string, s) => (
        <>
          <span lang="zh-CN">{v}</span>
          <div className="data-muted" lang="zh-CN">
            {s.ownerDepartmentName}
          </div>
        </>
      ),
    },
    { title: t('data.share.requester'), dataIndex: 'requesterDepartmentName', render: (v: string) => <span lang="zh-CN">{v}</span> },
    {
      title: t('data.share.purpose'),
      dataIndex: 'purpose',
      render: (v: string, s) => (
        <>
          <span lang="zh-CN">{v}</span>
          <div className="data-muted" lang="zh-CN">
            {s.legalBasis}
          </div>
        </>
      ),
    },
    {
      title: t('data.share.fields'),
      key: 'fields',
      render: (_, s) => (
        <span>
          {(s.fieldsGranted ?? s.fieldsRequested).join(', ')}
          {s.expiresAt && <div className="data-muted">{t('data.share.until', { date: formatDate(s.expiresAt) })}</div>}
        </span>
      ),
    },
    {
      title: t('data.resource.status'),
      dataIndex: 'status',
      render: (v: ShareRequest['status']) => <Tag color={statusColor[v]}>{t(`data.shareStatus.${v}`)}</Tag>,
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, s) => {
        const owner = may(DECIDE) && s.ownerDepartmentId === myDepartment;
        const requester = may(REQUEST) && s.requesterDepartmentId === myDepartment;
        return (
          <Space wrap>
            {owner && s.status === 'pending' && (
              <>
                <Button size="small" type="primary" onClick={() => setApproving(s)}>
                  {t('data.actions.approve')}
                </Button>
                <Button size="small" onClick={() => decide.mutate({ s, action: 'reject' })}>
                  {t('data.actions.reject')}
                </Button>
              </>
            )}
            {owner && s.status === 'approved' && (
              <Button size="small" danger onClick={() => decide.mutate({ s, action: 'revoke' })}>
                {t('data.actions.revoke')}
              </Button>
            )}
            {requester && s.status === 'pending' && (
              <Button size="small" onClick={() => decide.mutate({ s, action: 'withdraw' })}>
                {t('data.actions.withdraw')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <AdminPage title={t('data.nav.shares')}>
      <div className="list-toolbar">
        <Select
          aria-label={t('data.resource.status')}
          placeholder={t('data.resource.allStatuses')}
          allowClear
          style={{ minWidth: 140 }}
          options={shareStatuses.map((s) => ({ value: s, label: t(`data.shareStatus.${s}`) }))}
          value={list.filters.status}
          onChange={(v?: string) => list.update({ status: v })}
        />
      </div>
      <AdminTable<ShareRequest> query={shares} columns={columns} rowKey="id" list={list} label={t('data.nav.shares')} />
      <FormDrawer<ApproveForm>
        name="data-approve"
        open={approving !== null}
        title={t('data.actions.approve')}
        onClose={() => setApproving(null)}
        initialValues={{ fields: approving?.fieldsRequested ?? [] }}
        fields={['fields', 'expiresOn', 'note']}
        submit={(v) => decideShare(approving!.id, { action: 'approve', fields: v.fields, expiresOn: v.expiresOn, note: v.note || undefined })}
        onSaved={refresh}
      >
        <Form.Item name="fields" label={t('data.share.grantFields')} rules={[{ required: true, message: t('validation.required') }]}>
          <Checkbox.Group options={(approving?.fieldsRequested ?? []).map((f) => ({ value: f, label: f }))} />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('data.share.expiresOn')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label={t('data.share.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </FormDrawer>
    </AdminPage>
  );
}
