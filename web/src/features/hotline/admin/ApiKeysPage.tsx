// Open311 API keys: issued once (the secret is shown a single time) and revoked.
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import type { ItemOf } from '../../../api/types';
import { idem } from '../../../admin/api';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { RegionPicker } from '../../../admin/ui/pickers';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { EmptyState, ErrorState } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { MANAGE } from './manage-permission';

type ApiKeyRow = ItemOf<'/api/admin/hotline/api-keys'>;

export function ApiKeysPage() {
  return (
    <RequirePermission permission={MANAGE}>
      <ApiKeys />
    </RequirePermission>
  );
}

function ApiKeys() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const keys = useQuery({ queryKey: ['hotline', 'api-keys'], queryFn: ({ signal }) => unwrap(api.GET('/api/admin/hotline/api-keys', { signal })) });
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/admin/hotline/api-keys/{id}', { params: { path: { id } } })),
    onSuccess: (k) => {
      void message.success(t('hotline.admin.revoked', { name: k.name }));
      void qc.invalidateQueries({ queryKey: ['hotline', 'api-keys'] });
    },
    onError: (e) => void message.error((e as Error).message),
  });
  const when = (v: string | null) => (v ? new Date(v).toLocaleString() : '—');
  const columns: TableColumnsType<ApiKeyRow> = [
    { title: t('hotline.admin.keyName'), dataIndex: 'name' },
    { title: t('hotline.admin.keyPrefix'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
    {
      title: t('hotline.admin.keyOwner'),
      dataIndex: 'regionPath',
      render: (v: string) => (v ? <span className="mono">{v}</span> : t('hotline.admin.keyOwnerAll')),
    },
    { title: t('hotline.admin.createdAt'), dataIndex: 'createdAt', render: when },
    { title: t('hotline.admin.lastUsedAt'), dataIndex: 'lastUsedAt', render: when },
    {
      title: t('hotline.admin.state'),
      dataIndex: 'revokedAt',
      render: (v: string | null) => (v ? <Tag>{t('hotline.admin.revokedTag')}</Tag> : <Tag color="green">{t('hotline.admin.active')}</Tag>),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, k) =>
        k.revokedAt ? null : (
          <Popconfirm title={t('hotline.admin.revokeConfirm', { name: k.name })} onConfirm={() => revoke.mutate(k.id)}>
            <Button type="link" danger aria-label={`${t('hotline.admin.revoke')} ${k.name}`}>
              {t('hotline.admin.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <AdminPage
      title={t('hotline.nav.apiKeys')}
      actions={
        <Button type="primary" onClick={() => setIssuing(true)}>
          {t('hotline.admin.issueKey')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('hotline.admin.apiKeysHint')}</Typography.Paragraph>
      {keys.isError && !keys.data ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : (
        <Table<ApiKeyRow>
          aria-label={t('hotline.nav.apiKeys')}
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={keys.data ?? []}
          loading={keys.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: keys.isPending ? ' ' : <EmptyState /> }}
        />
      )}
      <FormDrawer<{ name: string; regionPath?: string | null }>
        name="hotlineApiKey"
        open={issuing}
        title={t('hotline.admin.issueKey')}
        onClose={() => setIssuing(false)}
        fields={['name', 'regionPath']}
        submit={async (v, key) => {
          const created = await unwrap(
            api.POST('/api/admin/hotline/api-keys', { body: { name: v.name, ...(v.regionPath ? { regionPath: v.regionPath } : {}) }, headers: idem(key) }),
          );
          setIssued({ name: created.name, key: created.key });
          return created;
        }}
        onSaved={() => void qc.invalidateQueries({ queryKey: ['hotline', 'api-keys'] })}
      >
        <Form.Item
          name="name"
          label={t('hotline.admin.keyName')}
          extra={t('hotline.admin.keyNameHint')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('validation.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="regionPath" label={t('hotline.admin.keyOwner')} extra={t('hotline.admin.keyOwnerHint')}>
          <RegionPicker valueKey="path" />
        </Form.Item>
      </FormDrawer>
      <Modal
        open={issued !== null}
        title={t('hotline.admin.keyIssued', { name: issued?.name ?? '' })}
        onCancel={() => setIssued(null)}
        onOk={() => setIssued(null)}
        okText={t('hotline.admin.keyCopied')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('hotline.admin.keyOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: issued?.key ?? '' }} data-testid="hl-issued-key">
          <code>{issued?.key}</code>
        </Typography.Paragraph>
      </Modal>
      <ProblemAlert error={revoke.error} />
    </AdminPage>
  );
}
