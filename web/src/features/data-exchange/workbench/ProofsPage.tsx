// 证明事项清单 (staff): the data office and departments' stewards keep the proof list in their scope.
import '../data-exchange.css';
import { useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../api/auth';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { AdminTable } from '../../../admin/ui/AdminTable';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { useListParams } from '../../../admin/ui/list-params';
import { DepartmentPicker } from '../../../admin/ui/pickers';
import { oneOf } from '../../../lib/api-call';
import { createProof, deleteProof, dispositionColor, proofDispositions, proofKeys, updateProof, useProofs, type Disposition, type Proof } from '../proofs-api';

const MANAGE = 'data.proof.manage';
type ProofForm = {
  itemName: string;
  proofName: string;
  issuer: string;
  legalBasis: string;
  disposition: Disposition;
  replacement?: string;
  departmentId: string;
};

export function ProofsWorkbenchPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const { message } = App.useApp();
  const list = useListParams(['disposition'] as const);
  const proofs = useProofs({ ...list.query, disposition: oneOf(proofDispositions, list.filters.disposition) });
  const [editing, setEditing] = useState<Proof | 'new' | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: proofKeys });
  const remove = useMutation({
    mutationFn: (p: Proof) => deleteProof(p.id),
    onSuccess: () => {
      void message.success(t('data.saved'));
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const may = hasPermission(me.data, MANAGE);
  const current = editing && editing !== 'new' ? editing : null;

  const columns: TableColumnsType<Proof> = [
    { title: t('data.proofs.item'), dataIndex: 'itemName', render: (v: string) => <span lang="zh-CN">{v}</span> },
    {
      title: t('data.proofs.proof'),
      dataIndex: 'proofName',
      render: (v: string, p) => (
        <>
          <span lang="zh-CN">{v}</span>
          <div className="data-muted" lang="zh-CN">
            {p.issuer}
          </div>
        </>
      ),
    },
    { title: t('data.proofs.basis'), dataIndex: 'legalBasis', render: (v: string) => <span lang="zh-CN">{v}</span> },
    {
      title: t('data.proofs.disposition'),
      dataIndex: 'disposition',
      render: (v: Disposition, p) => (
        <>
          <Tag color={dispositionColor[v]}>{t(`data.disposition.${v}`)}</Tag>
          {p.replacement && (
            <div className="data-muted" lang="zh-CN">
              {p.replacement}
            </div>
          )}
        </>
      ),
    },
    { title: t('data.proofs.department'), dataIndex: 'departmentName', render: (v: string) => <span lang="zh-CN">{v}</span> },
    {
      title: t('admin.actions'),
      key: 'actions',
      render: (_, p) =>
        p.editable && (
          <Space wrap>
            <Button size="small" onClick={() => setEditing(p)}>
              {t('data.proofs.edit')}
            </Button>
            <Popconfirm title={t('data.proofs.deleteConfirm')} onConfirm={() => remove.mutate(p)}>
              <Button size="small" danger>
                {t('data.proofs.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <AdminPage
      title={t('data.proofs.title')}
      actions={
        may ? (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('data.proofs.add')}
          </Button>
        ) : undefined
      }
    >
      <p>{t('data.proofs.intro')}</p>
      <div className="list-toolbar">
        <Select
          aria-label={t('data.proofs.disposition')}
          placeholder={t('data.proofs.all')}
          allowClear
          style={{ minWidth: 180 }}
          options={proofDispositions.map((d) => ({ value: d, label: t(`data.disposition.${d}`) }))}
          value={list.filters.disposition}
          onChange={(v?: string) => list.update({ disposition: v })}
        />
      </div>
      <AdminTable<Proof> query={proofs} columns={columns} rowKey="id" list={list} label={t('data.proofs.title')} />
      <FormDrawer<ProofForm>
        name="data-proof"
        open={editing !== null}
        title={current ? t('data.proofs.edit') : t('data.proofs.add')}
        onClose={() => setEditing(null)}
        initialValues={current ?? { departmentId: me.data?.staff?.departmentId, disposition: 'kept' }}
        fields={['itemName', 'proofName', 'issuer', 'legalBasis', 'disposition', 'replacement', 'departmentId']}
        submit={(v, key) =>
          current
            ? updateProof(current.id, { issuer: v.issuer, legalBasis: v.legalBasis, disposition: v.disposition, replacement: v.replacement ?? '' })
            : createProof({ ...v, replacement: v.replacement ?? '' }, key)
        }
        onSaved={refresh}
      >
        <Form.Item name="itemName" label={t('data.proofs.item')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={200} disabled={current !== null} />
        </Form.Item>
        <Form.Item name="proofName" label={t('data.proofs.proof')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={200} disabled={current !== null} />
        </Form.Item>
        <Form.Item name="issuer" label={t('data.proofs.issuer')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="legalBasis" label={t('data.proofs.basis')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="disposition" label={t('data.proofs.disposition')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={proofDispositions.map((d) => ({ value: d, label: t(`data.disposition.${d}`) }))} />
        </Form.Item>
        <Form.Item name="replacement" label={t('data.proofs.replacement')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('data.proofs.department')} rules={[{ required: true, message: t('validation.required') }]}>
          <DepartmentPicker current={current ? [{ value: current.departmentId, label: current.departmentName }] : undefined} disabled={current !== null} />
        </Form.Item>
      </FormDrawer>
    </AdminPage>
  );
}
