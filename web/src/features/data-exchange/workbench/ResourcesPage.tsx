// 政务信息资源目录: the catalog of what departments hold; declare, submit, publish, request.
import '../data-exchange.css';
import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Select, Space, Switch, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../api/auth';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { AdminTable } from '../../../admin/ui/AdminTable';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { useListParams } from '../../../admin/ui/list-params';
import { SearchBox } from '../../../admin/ui/SearchBox';
import { oneOf } from '../../../lib/api-call';
import {
  createResource,
  dataKeys,
  requestShare,
  resourceAction,
  resourceStatuses,
  sensitivityClasses,
  sharingTypes,
  updateFrequencies,
  useResources,
  type Resource,
  type ResourceCreate,
} from '../api';

const DECLARE = 'data.resource.declare';
const PUBLISH = 'data.resource.publish';
const REQUEST = 'data.share.request';
const sharingColor = { unconditional: 'green', conditional: 'gold', none: 'default' } as const;
const statusColor = { draft: 'default', submitted: 'processing', published: 'success', withdrawn: 'warning' } as const;

type DeclareForm = Omit<ResourceCreate, 'fields'> & { fields: ResourceCreate['fields'] };
type RequestForm = { purpose: string; legalBasis: string; fields: string[] };

export function ResourcesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const { message } = App.useApp();
  const list = useListParams(['status', 'sharingType'] as const);
  const resources = useResources({
    ...list.query,
    status: oneOf(resourceStatuses, list.filters.status),
    sharingType: oneOf(sharingTypes, list.filters.sharingType),
  });
  const [declaring, setDeclaring] = useState(false);
  const [requesting, setRequesting] = useState<Resource | null>(null);
  const myDepartment = me.data?.staff?.departmentId;
  const may = (p: string) => hasPermission(me.data, p);
  const refresh = () => void qc.invalidateQueries({ queryKey: dataKeys.resources });
  const act = useMutation({
    mutationFn: ({ r, action }: { r: Resource; action: 'submit' | 'publish' | 'reject' | 'withdraw' }) => resourceAction(r.id, action),
    onSuccess: () => {
      void message.success(t('data.saved'));
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });

  const columns: TableColumnsType<Resource> = [
    { title: t('data.resource.code'), dataIndex: 'code', width: 150 },
    {
      title: t('data.resource.name'),
      dataIndex: 'name',
      render: (v: string, r) => (
        <>
          <span lang="zh-CN">{v}</span>
          <div className="data-muted" lang="zh-CN">
            {r.fields.map((f) => f.label).join('、')}
          </div>
        </>
      ),
    },
    { title: t('data.resource.department'), dataIndex: 'departmentName', render: (v: string) => <span lang="zh-CN">{v}</span> },
    {
      title: t('data.resource.sharingType'),
      dataIndex: 'sharingType',
      render: (s: Resource['sharingType'], r) => (
        <Space size={4} wrap>
          <Tag color={sharingColor[s]}>{t(`data.sharing.${s}`)}</Tag>
          {r.open && <Tag color="blue">{t('data.resource.open')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('data.resource.status'),
      dataIndex: 'status',
      render: (s: Resource['status'], r) => (
        <Tag color={statusColor[s]}>
          {t(`data.status.${s}`)} v{r.version}
        </Tag>
      ),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, r) => {
        const own = r.departmentId === myDepartment;
        return (
          <Space wrap>
            {may(DECLARE) && own && r.status === 'draft' && (
              <Button size="small" onClick={() => act.mutate({ r, action: 'submit' })}>
                {t('data.actions.submit')}
              </Button>
            )}
            {may(PUBLISH) && r.status === 'submitted' && (
              <>
                <Button size="small" type="primary" onClick={() => act.mutate({ r, action: 'publish' })}>
                  {t('data.actions.publish')}
                </Button>
                <Button size="small" onClick={() => act.mutate({ r, action: 'reject' })}>
                  {t('data.actions.reject')}
                </Button>
              </>
            )}
            {may(REQUEST) && !own && r.publishedVersion !== null && r.sharingType === 'conditional' && (
              <Button size="small" onClick={() => setRequesting(r)} aria-label={t('data.actions.requestOne', { name: r.name })}>
                {t('data.actions.request')}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <AdminPage
      title={t('data.nav.resources')}
      actions={
        may(DECLARE) && myDepartment ? (
          <Button type="primary" onClick={() => setDeclaring(true)}>
            {t('data.actions.declare')}
          </Button>
        ) : null
      }
    >
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('data.resource.search')} />
        <Select
          aria-label={t('data.resource.sharingType')}
          placeholder={t('data.resource.allSharing')}
          allowClear
          style={{ minWidth: 160 }}
          options={sharingTypes.map((s) => ({ value: s, label: t(`data.sharing.${s}`) }))}
          value={list.filters.sharingType}
          onChange={(v?: string) => list.update({ sharingType: v })}
        />
        <Select
          aria-label={t('data.resource.status')}
          placeholder={t('data.resource.allStatuses')}
          allowClear
          style={{ minWidth: 140 }}
          options={resourceStatuses.map((s) => ({ value: s, label: t(`data.status.${s}`) }))}
          value={list.filters.status}
          onChange={(v?: string) => list.update({ status: v })}
        />
      </div>
      <AdminTable<Resource> query={resources} columns={columns} rowKey="id" list={list} label={t('data.nav.resources')} />
      <FormDrawer<DeclareForm>
        name="data-resource"
        open={declaring}
        title={t('data.actions.declare')}
        onClose={() => setDeclaring(false)}
        initialValues={{
          departmentId: myDepartment,
          subjectKind: 'person',
          sharingType: 'conditional',
          updateFrequency: 'daily',
          open: false,
          fields: [{ name: '', label: '', sensitivity: 'sensitive' }],
        }}
        fields={['code', 'name', 'description', 'subjectKind', 'fields', 'sharingType', 'open', 'updateFrequency', 'sourceSystem', 'connector']}
        submit={(v, key) => createResource({ ...v, departmentId: myDepartment ?? '' }, key)}
        onSaved={refresh}
      >
        <Form.Item
          name="code"
          label={t('data.resource.code')}
          rules={[{ required: true, message: t('validation.required') }]}
          extra={t('data.resource.codeHint')}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="name" label={t('data.resource.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('data.resource.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="subjectKind" label={t('data.resource.subjectKind')}>
          <Select
            options={[
              { value: 'person', label: t('data.subject.person') },
              { value: 'entity', label: t('data.subject.entity') },
            ]}
          />
        </Form.Item>
        <Form.List name="fields">
          {(items, { add, remove }) => (
            <fieldset className="data-fields">
              <legend>{t('data.resource.fields')}</legend>
              {items.map((item) => (
                <Space key={item.key} align="baseline" wrap>
                  <Form.Item name={[item.name, 'name']} rules={[{ required: true, message: t('validation.required') }]}>
                    <Input placeholder={t('data.resource.fieldName')} aria-label={t('data.resource.fieldName')} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'label']} rules={[{ required: true, message: t('validation.required') }]}>
                    <Input placeholder={t('data.resource.fieldLabel')} aria-label={t('data.resource.fieldLabel')} maxLength={60} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'sensitivity']}>
                    <Select
                      aria-label={t('data.resource.sensitivity')}
                      style={{ width: 120 }}
                      options={sensitivityClasses.map((s) => ({ value: s, label: t(`data.sensitivity.${s}`) }))}
                    />
                  </Form.Item>
                  {items.length > 1 && (
                    <Button size="small" onClick={() => remove(item.name)}>
                      {t('data.actions.removeField')}
                    </Button>
                  )}
                </Space>
              ))}
              <Button size="small" onClick={() => add({ name: '', label: '', sensitivity: 'sensitive' })}>
                {t('data.actions.addField')}
              </Button>
            </fieldset>
          )}
        </Form.List>
        <Form.Item name="sharingType" label={t('data.resource.sharingType')}>
          <Select options={sharingTypes.map((s) => ({ value: s, label: t(`data.sharing.${s}`) }))} />
        </Form.Item>
        <Form.Item name="open" label={t('data.resource.open')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="updateFrequency" label={t('data.resource.updateFrequency')}>
          <Select options={updateFrequencies.map((s) => ({ value: s, label: t(`data.frequency.${s}`) }))} />
        </Form.Item>
        <Form.Item
          name="sourceSystem"
          label={t('data.resource.sourceSystem')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="connector" label={t('data.resource.connector')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={60} />
        </Form.Item>
      </FormDrawer>
      <FormDrawer<RequestForm>
        name="data-request"
        open={requesting !== null}
        title={t('data.actions.requestOne', { name: requesting?.name ?? '' })}
        onClose={() => setRequesting(null)}
        initialValues={{ fields: [] }}
        fields={['purpose', 'legalBasis', 'fields']}
        submit={(v, key) => requestShare({ ...v, resourceId: requesting!.id, departmentId: myDepartment ?? '' }, key)}
        onSaved={() => void qc.invalidateQueries({ queryKey: dataKeys.shares })}
      >
        <Form.Item name="fields" label={t('data.resource.fields')} rules={[{ required: true, message: t('validation.required') }]}>
          <Checkbox.Group options={(requesting?.fields ?? []).map((f) => ({ value: f.name, label: f.label }))} />
        </Form.Item>
        <Form.Item name="purpose" label={t('data.share.purpose')} rules={[{ required: true, min: 4, message: t('validation.required') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('data.share.legalBasis')} rules={[{ required: true, min: 4, message: t('validation.required') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </FormDrawer>
    </AdminPage>
  );
}
