import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { BodyOf, ItemOf, QueryOf, ResponseOf } from '../api/types';
import { idem } from './api';
import { AdminPage } from './ui/AdminPage';
import { AdminTable } from './ui/AdminTable';
import { FormDrawer } from './ui/FormDrawer';
import { useListParams } from './ui/list-params';
import { DepartmentPicker } from './ui/pickers';
import { RequirePermission } from './ui/RequirePermission';
import { SearchBox } from './ui/SearchBox';

type OidcClient = ItemOf<'/api/admin/oidc-clients'>;
type WithSecret = ResponseOf<'/api/admin/oidc-clients/{clientId}/secret', 'post'>;
type GrantType = OidcClient['grantTypes'][number];
type Scope = NonNullable<BodyOf<'/api/admin/oidc-clients', 'post'>>['scopes'][number];
const GRANTS: GrantType[] = ['authorization_code', 'client_credentials'];
const keys = { clients: ['admin', 'oidc-clients'] as const, scopes: ['admin', 'oidc-scopes'] as const };

interface ClientForm {
  name: string;
  departmentId: string;
  grantTypes: GrantType[];
  redirectUris?: string;
  scopes: Scope[];
}
const lines = (text: string | undefined) =>
  (text ?? '')
    .split(/\s+/)
    .map((s) => s.trim())
    .filter(Boolean);

function useClients(query: QueryOf<'/api/admin/oidc-clients'>) {
  return useQuery({
    queryKey: [...keys.clients, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/oidc-clients', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** 业务系统接入 (docs/oidc.md): the IT office registers its departments' systems for single sign-on and API access. */
export function OidcClientsPage() {
  return (
    <RequirePermission permission="oidc.client.manage">
      <OidcClients />
    </RequirePermission>
  );
}

function OidcClients() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useListParams();
  const clients = useClients(list.query);
  const scopes = useQuery({ queryKey: keys.scopes, queryFn: ({ signal }) => unwrap(api.GET('/api/admin/oidc-scopes', { signal })) });
  const [editing, setEditing] = useState<OidcClient | 'new' | null>(null);
  const [secret, setSecret] = useState<WithSecret | null>(null);
  const current = editing && editing !== 'new' ? editing : null;
  const refresh = () => void qc.invalidateQueries({ queryKey: keys.clients });

  const rotate = useMutation({
    mutationFn: (clientId: string) => unwrap(api.POST('/api/admin/oidc-clients/{clientId}/secret', { params: { path: { clientId } } })),
    onSuccess: (r) => {
      setSecret(r);
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const disable = useMutation({
    mutationFn: (clientId: string) => unwrap(api.POST('/api/admin/oidc-clients/{clientId}/disable', { params: { path: { clientId } } })),
    onSuccess: refresh,
    onError: (e) => void message.error(e.message),
  });

  const scopeOptions = (scopes.data ?? []).map((s) => ({
    value: s.scope,
    label: `${s.scope} — ${i18n.language === 'en' ? s.en : s.zh}`,
  }));

  const columns: TableColumnsType<OidcClient> = [
    { title: t('admin.oidc.name'), dataIndex: 'name' },
    { title: t('admin.oidc.clientId'), dataIndex: 'clientId', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('admin.oidc.department'), dataIndex: 'departmentName' },
    { title: t('admin.oidc.grantTypes'), dataIndex: 'grantTypes', render: (g: GrantType[]) => g.map((x) => <Tag key={x}>{t(`admin.oidc.grant.${x}`)}</Tag>) },
    { title: t('admin.oidc.scopes'), dataIndex: 'scopes', render: (s: string[]) => s.join(' ') },
    {
      title: t('admin.oidc.status'),
      dataIndex: 'active',
      render: (a: boolean) => (a ? <Tag color="green">{t('admin.oidc.active')}</Tag> : <Tag>{t('admin.oidc.disabled')}</Tag>),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, c) =>
        c.active && (
          <Space size={0} wrap>
            <Button type="link" onClick={() => setEditing(c)} aria-label={t('admin.editItem', { name: c.name })}>
              {t('action.edit')}
            </Button>
            <Popconfirm title={t('admin.oidc.rotateConfirm')} onConfirm={() => rotate.mutate(c.clientId)}>
              <Button type="link">{t('admin.oidc.rotate')}</Button>
            </Popconfirm>
            <Popconfirm title={t('admin.oidc.disableConfirm')} onConfirm={() => disable.mutate(c.clientId)}>
              <Button type="link" danger>
                {t('admin.oidc.disable')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <AdminPage
      title={t('admin.nav.oidcClients')}
      actions={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('admin.oidc.create')}
        </Button>
      }
    >
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('admin.oidc.search')} />
      </div>
      <AdminTable<OidcClient> query={clients} columns={columns} rowKey="clientId" list={list} label={t('admin.nav.oidcClients')} />
      <FormDrawer<ClientForm>
        name="oidcClient"
        open={editing !== null}
        title={current ? t('admin.oidc.edit') : t('admin.oidc.create')}
        onClose={() => setEditing(null)}
        initialValues={
          current
            ? {
                name: current.name,
                departmentId: current.departmentId,
                grantTypes: current.grantTypes,
                redirectUris: current.redirectUris.join('\n'),
                scopes: current.scopes as Scope[],
              }
            : { grantTypes: ['authorization_code'], scopes: ['openid', 'profile'] }
        }
        fields={['name', 'departmentId', 'grantTypes', 'redirectUris', 'scopes']}
        submit={async (v, key) => {
          if (current) {
            return unwrap(
              api.PATCH('/api/admin/oidc-clients/{clientId}', {
                params: { path: { clientId: current.clientId } },
                body: { name: v.name, redirectUris: lines(v.redirectUris), scopes: v.scopes },
              }),
            );
          }
          const created = await unwrap(
            api.POST('/api/admin/oidc-clients', {
              body: { name: v.name, departmentId: v.departmentId, grantTypes: v.grantTypes, redirectUris: lines(v.redirectUris), scopes: v.scopes },
              headers: idem(key),
            }),
          );
          setSecret(created);
          return created;
        }}
        onSaved={refresh}
      >
        <Form.Item name="name" label={t('admin.oidc.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('admin.oidc.department')} rules={[{ required: true, message: t('validation.required') }]}>
          <DepartmentPicker
            disabled={!!current}
            current={current ? [{ value: current.departmentId, label: current.departmentName ?? current.departmentId }] : undefined}
          />
        </Form.Item>
        <Form.Item name="grantTypes" label={t('admin.oidc.grantTypes')} rules={[{ required: true, message: t('validation.required') }]}>
          <Checkbox.Group disabled={!!current} options={GRANTS.map((g) => ({ value: g, label: t(`admin.oidc.grant.${g}`) }))} />
        </Form.Item>
        <Form.Item name="redirectUris" label={t('admin.oidc.redirectUris')} extra={t('admin.oidc.redirectUrisHint')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="scopes" label={t('admin.oidc.scopes')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select mode="multiple" options={scopeOptions} loading={scopes.isPending} />
        </Form.Item>
      </FormDrawer>
      <Modal
        open={secret !== null}
        title={t('admin.oidc.secretTitle')}
        onCancel={() => setSecret(null)}
        onOk={() => setSecret(null)}
        cancelButtonProps={{ hidden: true }}
      >
        <p>{t('admin.oidc.secretOnce')}</p>
        <p>
          {t('admin.oidc.clientId')}:{' '}
          <Typography.Text code copyable>
            {secret?.clientId}
          </Typography.Text>
        </p>
        <p>
          {t('admin.oidc.secret')}:{' '}
          <Typography.Text code copyable>
            {secret?.clientSecret}
          </Typography.Text>
        </p>
      </Modal>
    </AdminPage>
  );
}

export default OidcClientsPage;
