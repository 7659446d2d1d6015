// The hotline's category tree: codes, names, routing (territorial or to a department kind), time limits and categories not accepted.
import { useMemo, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { idem } from '../../../admin/api';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { DepartmentKindPicker } from '../../../admin/ui/pickers';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { EmptyState, ErrorState } from '../../../components/PageState';
import { useCategories, type Category } from '../api';
import { MANAGE } from './manage-permission';

const categoriesKey = ['hotline', 'categories'];

interface CategoryForm {
  code: string;
  name: string;
  parentId?: string | null;
  routing: 'territorial' | 'department';
  departmentKind?: string | null;
  limitDays?: number | null;
  notAccepted: boolean;
  referTo?: string | null;
}

type CategoryRow = Category & { children?: CategoryRow[] };

export function CategoriesPage() {
  return (
    <RequirePermission permission={MANAGE}>
      <Categories />
    </RequirePermission>
  );
}

function Categories() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const categories = useCategories();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const current = editing && editing !== 'new' ? editing : null;
  const tree = useMemo(() => {
    const all = categories.data ?? [];
    const rows = new Map<string, CategoryRow>(all.map((c) => [c.id, { ...c }]));
    const roots: CategoryRow[] = [];
    for (const c of rows.values()) {
      const parent = c.parentId ? rows.get(c.parentId) : undefined;
      if (parent) (parent.children ??= []).push(c);
      else roots.push(c);
    }
    return roots;
  }, [categories.data]);
  const toggle = useMutation({
    mutationFn: (c: Category) => unwrap(api.PATCH('/api/admin/hotline/categories/{id}', { params: { path: { id: c.id } }, body: { active: !c.active } })),
    onSuccess: (c) => {
      void message.success(c.active ? t('hotline.admin.reactivated', { name: c.name }) : t('hotline.admin.deactivated', { name: c.name }));
      void qc.invalidateQueries({ queryKey: categoriesKey });
    },
    onError: (e) => void message.error((e as Error).message),
  });

  const columns: TableColumnsType<CategoryRow> = [
    { title: t('hotline.admin.name'), dataIndex: 'name', render: (v: string, c) => (c.active ? v : <Typography.Text delete>{v}</Typography.Text>) },
    { title: t('hotline.admin.code'), dataIndex: 'code' },
    {
      title: t('hotline.admin.routing'),
      dataIndex: 'routing',
      render: (v: CategoryRow['routing'], c) =>
        v === 'department' ? `${t('hotline.admin.routingDepartment')} · ${c.departmentKind ?? ''}` : t('hotline.admin.routingTerritorial'),
    },
    { title: t('hotline.admin.limitDays'), dataIndex: 'limitDays', align: 'right', render: (v: number | null) => v ?? t('hotline.admin.byKind') },
    {
      title: t('hotline.admin.notAccepted'),
      dataIndex: 'notAccepted',
      render: (v: boolean, c) => (v ? <Tag color="orange">{c.referTo ?? t('hotline.admin.notAccepted')}</Tag> : null),
    },
    {
      title: t('hotline.admin.state'),
      dataIndex: 'active',
      render: (v: boolean) => (v ? <Tag color="green">{t('hotline.admin.active')}</Tag> : <Tag>{t('hotline.admin.inactive')}</Tag>),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, c) => (
        <Space size={0} wrap>
          <Button type="link" onClick={() => setEditing(c)} aria-label={t('admin.editItem', { name: c.name })}>
            {t('action.edit')}
          </Button>
          <Popconfirm
            title={c.active ? t('hotline.admin.deactivateConfirm', { name: c.name }) : t('hotline.admin.reactivateConfirm', { name: c.name })}
            onConfirm={() => toggle.mutate(c)}
          >
            <Button type="link" danger={c.active} aria-label={`${c.active ? t('hotline.admin.deactivate') : t('hotline.admin.reactivate')} ${c.name}`}>
              {c.active ? t('hotline.admin.deactivate') : t('hotline.admin.reactivate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const parents = (categories.data ?? []).filter((c) => !c.parentId).map((c) => ({ value: c.id, label: c.name }));

  return (
    <AdminPage
      title={t('hotline.nav.categories')}
      actions={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('hotline.admin.createCategory')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('hotline.admin.categoriesHint')} {t('hotline.admin.cityWideOnly')}
      </Typography.Paragraph>
      {categories.isError && !categories.data ? (
        <ErrorState error={categories.error} onRetry={() => void categories.refetch()} />
      ) : (
        <Table<CategoryRow>
          aria-label={t('hotline.nav.categories')}
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={tree}
          loading={categories.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          expandable={{ defaultExpandAllRows: true }}
          locale={{ emptyText: categories.isPending ? ' ' : <EmptyState /> }}
        />
      )}
      <FormDrawer<CategoryForm>
        name="hotlineCategory"
        open={editing !== null}
        title={current ? t('hotline.admin.editCategory') : t('hotline.admin.createCategory')}
        onClose={() => setEditing(null)}
        initialValues={current ?? { routing: 'territorial', notAccepted: false }}
        fields={['code', 'name', 'parentId', 'routing', 'departmentKind', 'limitDays', 'notAccepted', 'referTo']}
        submit={(v, key) => {
          const common = {
            name: v.name,
            routing: v.routing,
            departmentKind: v.routing === 'department' ? v.departmentKind || null : null,
            limitDays: v.limitDays ?? null,
            notAccepted: !!v.notAccepted,
            referTo: v.notAccepted ? v.referTo || null : null,
          };
          return current
            ? unwrap(api.PATCH('/api/admin/hotline/categories/{id}', { params: { path: { id: current.id } }, body: common }))
            : unwrap(api.POST('/api/admin/hotline/categories', { body: { ...common, code: v.code, parentId: v.parentId || null }, headers: idem(key) }));
        }}
        onSaved={() => void qc.invalidateQueries({ queryKey: categoriesKey })}
      >
        {(form) => (
          <>
            <Form.Item name="name" label={t('hotline.admin.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
              <Input maxLength={40} />
            </Form.Item>
            {!current && (
              <>
                <Form.Item
                  name="code"
                  label={t('hotline.admin.code')}
                  extra={t('hotline.admin.codeHint')}
                  rules={[{ required: true, pattern: /^[a-z0-9_.-]{2,40}$/, message: t('hotline.admin.codeHint') }]}
                >
                  <Input maxLength={40} />
                </Form.Item>
                <Form.Item name="parentId" label={t('hotline.admin.parent')}>
                  <Select allowClear options={parents} placeholder={t('hotline.admin.topLevel')} />
                </Form.Item>
              </>
            )}
            <Form.Item name="routing" label={t('hotline.admin.routing')} rules={[{ required: true }]}>
              <Select
                options={[
                  { value: 'territorial', label: t('hotline.admin.routingTerritorial') },
                  { value: 'department', label: t('hotline.admin.routingDepartment') },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.routing !== b.routing}>
              {() =>
                form.getFieldValue('routing') === 'department' ? (
                  <Form.Item
                    name="departmentKind"
                    label={t('hotline.admin.departmentKind')}
                    extra={t('hotline.admin.departmentKindHint')}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <DepartmentKindPicker />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
            <Form.Item name="limitDays" label={t('hotline.admin.limitDays')} extra={t('hotline.admin.limitDaysHint')}>
              <InputNumber min={1} max={60} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="notAccepted" label={t('hotline.admin.notAccepted')} valuePropName="checked" extra={t('hotline.admin.notAcceptedHint')}>
              <Switch />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.notAccepted !== b.notAccepted}>
              {() =>
                form.getFieldValue('notAccepted') ? (
                  <Form.Item
                    name="referTo"
                    label={t('hotline.admin.referTo')}
                    rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                  >
                    <Input maxLength={100} />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
          </>
        )}
      </FormDrawer>
    </AdminPage>
  );
}
