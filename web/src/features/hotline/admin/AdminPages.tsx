import { useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import type { ItemOf } from '../../../api/types';
import { idem } from '../../../admin/api';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { AdminTable } from '../../../admin/ui/AdminTable';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { useListParams } from '../../../admin/ui/list-params';
import { DepartmentKindPicker, RegionPicker } from '../../../admin/ui/pickers';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { SearchBox } from '../../../admin/ui/SearchBox';
import { EmptyState, ErrorState } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { categoryOptions, useCategories, type Category, type KnowledgeArticle } from '../api';

const MANAGE = 'hotline.manage';
const categoriesKey = ['hotline', 'categories'];

// ---------------------------------------------------------------- categories

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

// ---------------------------------------------------------------- knowledge base

interface ArticleForm {
  title: string;
  keywords?: string;
  categoryId?: string | null;
  body: string;
}

export function KnowledgePage() {
  return (
    <RequirePermission permission={MANAGE}>
      <Knowledge />
    </RequirePermission>
  );
}

function useAdminKnowledge(query: { page: number; pageSize: number; q?: string; includeRetired?: string }) {
  return useQuery({
    queryKey: ['hotline', 'knowledge', 'admin', query],
    queryFn: ({ signal }) => {
      const { includeRetired, ...rest } = query;
      return unwrap(
        api.GET('/api/admin/hotline/knowledge', { params: { query: { ...rest, includeRetired: includeRetired === 'true' ? 'true' : undefined } }, signal }),
      );
    },
    placeholderData: keepPreviousData,
  });
}

function Knowledge() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const list = useListParams(['includeRetired'] as const);
  const articles = useAdminKnowledge(list.query);
  const categories = useCategories();
  const options = useMemo(() => categoryOptions(categories.data), [categories.data]);
  const categoryName = useMemo(() => new Map((categories.data ?? []).map((c) => [c.id, c.name])), [categories.data]);
  const [editing, setEditing] = useState<KnowledgeArticle | 'new' | null>(null);
  const current = editing && editing !== 'new' ? editing : null;
  const refresh = () => void qc.invalidateQueries({ queryKey: ['hotline', 'knowledge'] });
  const toggle = useMutation({
    mutationFn: (a: KnowledgeArticle) =>
      unwrap(api.PATCH('/api/admin/hotline/knowledge/{id}', { params: { path: { id: a.id } }, body: { active: !a.active } })),
    onSuccess: (a) => {
      void message.success(a.active ? t('hotline.admin.restored', { name: a.title }) : t('hotline.admin.retired', { name: a.title }));
      refresh();
    },
    onError: (e) => void message.error((e as Error).message),
  });

  const columns: TableColumnsType<KnowledgeArticle> = [
    { title: t('hotline.admin.articleTitle'), dataIndex: 'title', render: (v: string, a) => (a.active ? v : <Typography.Text delete>{v}</Typography.Text>) },
    { title: t('hotline.field.categoryId'), dataIndex: 'categoryId', render: (v: string | null) => (v ? (categoryName.get(v) ?? '') : '') },
    { title: t('hotline.admin.keywords'), dataIndex: 'keywords' },
    {
      title: t('hotline.admin.state'),
      dataIndex: 'active',
      render: (v: boolean) => (v ? <Tag color="green">{t('hotline.admin.active')}</Tag> : <Tag>{t('hotline.admin.retiredTag')}</Tag>),
    },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, a) => (
        <Space size={0} wrap>
          <Button type="link" onClick={() => setEditing(a)} aria-label={t('admin.editItem', { name: a.title })}>
            {t('action.edit')}
          </Button>
          <Popconfirm
            title={a.active ? t('hotline.admin.retireConfirm', { name: a.title }) : t('hotline.admin.restoreConfirm', { name: a.title })}
            onConfirm={() => toggle.mutate(a)}
          >
            <Button type="link" danger={a.active} aria-label={`${a.active ? t('hotline.admin.retire') : t('hotline.admin.restore')} ${a.title}`}>
              {a.active ? t('hotline.admin.retire') : t('hotline.admin.restore')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <AdminPage
      title={t('hotline.nav.knowledge')}
      actions={
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('hotline.admin.createArticle')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('hotline.admin.cityWideOnly')}</Typography.Paragraph>
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('hotline.admin.searchArticles')} />
        <Checkbox checked={list.filters.includeRetired === 'true'} onChange={(e) => list.update({ includeRetired: e.target.checked ? 'true' : null })}>
          {t('hotline.admin.includeRetired')}
        </Checkbox>
      </div>
      <AdminTable<KnowledgeArticle> query={articles} columns={columns} rowKey="id" list={list} label={t('hotline.nav.knowledge')} />
      <FormDrawer<ArticleForm>
        name="hotlineArticle"
        open={editing !== null}
        title={current ? t('hotline.admin.editArticle') : t('hotline.admin.createArticle')}
        onClose={() => setEditing(null)}
        initialValues={current ?? {}}
        fields={['title', 'keywords', 'categoryId', 'body']}
        submit={(v, key) => {
          const body = { title: v.title, keywords: v.keywords ?? '', categoryId: v.categoryId || null, body: v.body };
          return current
            ? unwrap(api.PATCH('/api/admin/hotline/knowledge/{id}', { params: { path: { id: current.id } }, body }))
            : unwrap(api.POST('/api/admin/hotline/knowledge', { body, headers: idem(key) }));
        }}
        onSaved={refresh}
      >
        <Form.Item
          name="title"
          label={t('hotline.admin.articleTitle')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('validation.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="keywords" label={t('hotline.admin.keywords')} extra={t('hotline.admin.keywordsHint')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('hotline.field.categoryId')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options} loading={categories.isPending} />
        </Form.Item>
        <Form.Item name="body" label={t('hotline.admin.articleBody')} rules={[{ required: true, whitespace: true, min: 2, message: t('validation.required') }]}>
          <Input.TextArea maxLength={10000} autoSize={{ minRows: 5 }} />
        </Form.Item>
      </FormDrawer>
    </AdminPage>
  );
}

// ---------------------------------------------------------------- Open311 API keys

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

/** The limits page shares this chunk's route import (a route of its own adds its preload list to the entry). */
export { LimitsPage } from './LimitsPage';
