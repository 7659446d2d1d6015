import { useState } from 'react';
import { App, Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { hasPermission, useMe } from '../../../api/auth';
import { isApiError, type FieldError } from '../../../api/errors';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { ErrorState, PageLoading } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { catalogKeys, useWorkbenchImplementation, workbenchActions, type Material, type VersionInfo, type WorkbenchImplementation } from '../api';
import { DiffTable } from '../diff';
import { stateColor } from './ImplementationsPage';
import '../catalog.css';

/** /workbench/catalog/items/:code — edit the draft (editor), or review the submitted version (reviewer). */
export function ImplementationPage() {
  const { code = '' } = useParams();
  const query = useWorkbenchImplementation(code);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <Implementation impl={query.data} />;
}

function useAction<A>(fn: (a: A) => Promise<WorkbenchImplementation>, done: string) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: (impl) => {
      qc.setQueryData([...catalogKeys.workbench, 'one', impl.implementationCode], impl);
      void qc.invalidateQueries({ queryKey: catalogKeys.all });
      void message.success(done);
    },
  });
}

function Implementation({ impl }: { impl: WorkbenchImplementation }) {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = hasPermission(me.data, 'catalog.item.edit');
  const canReview = hasPermission(me.data, 'catalog.item.review');
  const code = impl.implementationCode;
  const start = useAction(() => workbenchActions.startDraft(code), t('catalog.workbench.startDraft'));
  const w = impl.working;
  const statusTag = (v: VersionInfo) => t(`catalog.workbench.versionStatus.${v.status as 'draft'}`, { defaultValue: v.status });

  return (
    <AdminPage title={impl.name} actions={<Link to={canReview && !canEdit ? '/workbench/catalog/review' : '/workbench/catalog'}>{t('catalog.workbench.back')}</Link>}>
      <p>
        {impl.departmentName} · <span className="mono">{code}</span> · <Tag color={stateColor[impl.state]}>{t(`catalog.workbench.states.${impl.state}`)}</Tag>
        {impl.publishedVersion !== null && <span>{t('catalog.guide.version', { version: impl.publishedVersion })}</span>}
        {impl.state === 'published' && (
          <>
            {' · '}
            <Link to={`/items/${code}`}>{t('catalog.guide.current')}</Link>
          </>
        )}
      </p>
      {!w ? (
        <Alert
          type="info"
          showIcon
          title={t('catalog.workbench.noWorking')}
          action={
            canEdit && impl.state !== 'abolished' ? (
              <Button type="primary" loading={start.isPending} onClick={() => start.mutate(undefined)}>
                {t('catalog.workbench.startDraft')}
              </Button>
            ) : undefined
          }
        />
      ) : (
        <>
          <h2 className="cat-subtitle">
            {t('catalog.workbench.working', { version: w.version, status: statusTag(w) })}
          </h2>
          {w.status === 'draft' && w.reviewComment && <Alert type="warning" showIcon title={t('catalog.workbench.rejectedNote', { comment: w.reviewComment })} style={{ marginBottom: 12 }} />}
          {start.error && <ProblemAlert error={start.error} />}
          {w.status === 'draft' && canEdit ? (
            <DraftEditor impl={impl} />
          ) : w.status === 'submitted' ? (
            <Review impl={impl} canReview={canReview} />
          ) : null}
        </>
      )}
      <h2 className="cat-subtitle">{t('catalog.workbench.versions')}</h2>
      <Table<VersionInfo>
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={impl.versions}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('catalog.workbench.versionCol'), dataIndex: 'version', render: (v: number) => `v${v}` },
          { title: t('catalog.workbench.state'), dataIndex: 'status', render: (_: string, v) => statusTag(v) },
          { title: t('catalog.workbench.changeNote'), dataIndex: 'changeNote' },
          { title: t('catalog.workbench.reviewComment'), dataIndex: 'reviewComment' },
          { title: t('catalog.guide.publishedAt', { date: '' }).replace(/[：:]\s*$/, ''), dataIndex: 'publishedAt', render: (v: string | null) => v?.slice(0, 10) ?? '' },
        ]}
      />
    </AdminPage>
  );
}

interface DraftForm {
  materials: Material[];
  changeNote?: string;
}

/** Server paths `guide.materials.2.name` → the form's `['materials', 2, 'name']`; the rest for the alert. */
function placeErrors(form: ReturnType<typeof Form.useForm<DraftForm>>[0], error: unknown): FieldError[] {
  if (!isApiError(error)) return [];
  const leftover: FieldError[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const e of error.errors) {
    const m = /^(?:guide\.)?materials\.(\d+)\.(name|form|source|required|copies)$/.exec(e.field);
    if (m) fields.push({ name: ['materials', Number(m[1]), m[2]!], errors: [e.message] });
    else if (e.field === 'changeNote') fields.push({ name: ['changeNote'], errors: [e.message] });
    else leftover.push(e);
  }
  form.setFields(fields as never);
  return leftover;
}

function DraftEditor({ impl }: { impl: WorkbenchImplementation }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DraftForm>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const code = impl.implementationCode;
  const w = impl.working!;
  const body = () => {
    const v = form.getFieldsValue(true) as DraftForm;
    const materials = v.materials.map((m) => ({ ...m, copies: m.copies ?? 1, required: !!m.required, fetchedBySharing: m.source === 'government' }));
    return { guide: { ...w.guide, materials }, changeNote: v.changeNote || undefined };
  };
  const save = useAction(async () => {
    await form.validateFields();
    return workbenchActions.saveDraft(code, body());
  }, t('catalog.workbench.saved'));
  const submit = useAction(async () => {
    await form.validateFields();
    await workbenchActions.saveDraft(code, body());
    return workbenchActions.submit(code);
  }, t('catalog.workbench.submitted'));
  const error = save.error ?? submit.error;
  const onError = (e: unknown) => setLeftover(placeErrors(form, e));

  return (
    <>
      <ProblemAlert error={isApiError(error) ? error : null} leftover={leftover} />
      <Form<DraftForm> name="catalog-draft" form={form} layout="vertical" initialValues={{ materials: w.guide.materials, changeNote: w.changeNote ?? '' }}>
        <h3>{t('catalog.workbench.materials')}</h3>
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <div className="cat-editor-materials">
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t('catalog.workbench.materialN', { index: i + 1 })}
                  extra={
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('catalog.workbench.removeMaterial', { index: i + 1 })} onClick={() => remove(field.name)} />
                  }
                  style={{ marginBottom: 12 }}
                >
                  <Form.Item name={[field.name, 'name']} label={t('catalog.workbench.materialName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Space wrap size={16} align="start">
                    <Form.Item name={[field.name, 'source']} label={t('catalog.workbench.materialSource')} rules={[{ required: true, message: t('validation.required') }]}>
                      <Select
                        style={{ width: 300 }}
                        options={(['applicant', 'government', 'commitment'] as const).map((s) => ({ value: s, label: t(`catalog.guide.source.${s}`) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'form']} label={t('catalog.workbench.materialForm')} rules={[{ required: true, message: t('validation.required') }]}>
                      <Select style={{ width: 160 }} options={(['original', 'copy', 'original_and_copy', 'electronic'] as const).map((s) => ({ value: s, label: t(`catalog.guide.form.${s}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'copies']} label={t('catalog.workbench.materialCopies')}>
                      <InputNumber min={0} max={99} style={{ width: 90 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'required']} label={t('catalog.workbench.materialRequired')} valuePropName="checked">
                      <Switch />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ name: '', form: 'original', copies: 1, required: true, source: 'applicant' })}>
                {t('catalog.workbench.addMaterial')}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="changeNote" label={t('catalog.workbench.changeNote')} style={{ marginTop: 16 }}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Space wrap>
          <Button loading={save.isPending} onClick={() => save.mutate(undefined, { onError })}>
            {t('catalog.workbench.save')}
          </Button>
          <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate(undefined, { onError })}>
            {t('catalog.workbench.submit')}
          </Button>
        </Space>
      </Form>
      <h3 className="cat-subtitle">{t('catalog.workbench.diffTitle')}</h3>
      <DiffTable changes={impl.changes} />
    </>
  );
}

function Review({ impl, canReview }: { impl: WorkbenchImplementation; canReview: boolean }) {
  const { t } = useTranslation();
  const code = impl.implementationCode;
  const [comment, setComment] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const publish = useAction(() => workbenchActions.publish(code, comment || undefined), t('catalog.workbench.published'));
  const reject = useAction(() => workbenchActions.reject(code, reason.trim()), t('catalog.workbench.rejected'));
  return (
    <>
      {!canReview && <Alert type="info" showIcon title={t('catalog.workbench.submittedNote')} style={{ marginBottom: 12 }} />}
      {impl.working?.changeNote && <p>{t('catalog.guide.changeNote', { note: impl.working.changeNote })}</p>}
      <DiffTable changes={impl.changes} caption={t('catalog.workbench.diffTitle')} />
      {canReview && (
        <div className="cat-review-actions">
          <ProblemAlert error={publish.error ?? reject.error} />
          <label htmlFor="cat-publish-comment">{t('catalog.workbench.publishComment')}</label>
          <Input.TextArea id="cat-publish-comment" rows={2} maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
          <Space wrap style={{ marginTop: 12 }}>
            <Button type="primary" loading={publish.isPending} onClick={() => publish.mutate(undefined)}>
              {t('catalog.workbench.publish')}
            </Button>
            <Button danger onClick={() => setRejecting(true)}>
              {t('catalog.workbench.reject')}
            </Button>
          </Space>
        </div>
      )}
      <Modal
        open={rejecting}
        title={t('catalog.workbench.reject')}
        okText={t('catalog.workbench.reject')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: reject.isPending }}
        onCancel={() => setRejecting(false)}
        onOk={() => reject.mutate(undefined, { onSuccess: () => setRejecting(false) })}
        destroyOnHidden
      >
        <label htmlFor="cat-reject-reason">{t('catalog.workbench.rejectReason')}</label>
        <Input.TextArea id="cat-reject-reason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}

export default ImplementationPage;
