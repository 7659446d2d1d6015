// The hotline's knowledge base: articles operators answer callers from, retired rather than deleted.
import { useMemo, useState } from 'react';
import { App, Button, Checkbox, Form, Input, Popconfirm, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { idem } from '../../../admin/api';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { AdminTable } from '../../../admin/ui/AdminTable';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { useListParams } from '../../../admin/ui/list-params';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { SearchBox } from '../../../admin/ui/SearchBox';
import { categoryOptions, useCategories, type KnowledgeArticle } from '../api';
import { MANAGE } from './manage-permission';

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
