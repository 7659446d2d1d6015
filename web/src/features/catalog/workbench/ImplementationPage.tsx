import { useState } from 'react';
import { App, Alert, Button, Input, Modal, Space, Table, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { hasPermission, useMe } from '../../../api/auth';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { ErrorState, PageLoading } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { catalogKeys, stateActions, useWorkbenchImplementation, workbenchActions, type VersionInfo, type WorkbenchImplementation } from '../api';
import { GuideEditor } from './GuideEditor';
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
    <AdminPage
      title={impl.name}
      titleLang="zh-CN"
      actions={<Link to={canReview && !canEdit ? '/workbench/catalog/review' : '/workbench/catalog'}>{t('catalog.workbench.back')}</Link>}
    >
      <p>
        {impl.departmentName} · <span className="mono">{code}</span> · <Tag color={stateColor[impl.state]}>{t(`catalog.workbench.states.${impl.state}`)}</Tag>
        {impl.publishedVersion !== null && <span>{t('catalog.guide.version', { version: impl.publishedVersion })}</span>}
        {impl.stateReason && impl.state !== 'published' && <span> · {t('catalog.editor.stateReasonLabel', { reason: impl.stateReason })}</span>}
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
          <h2 className="cat-subtitle">{t('catalog.workbench.working', { version: w.version, status: statusTag(w) })}</h2>
          {w.status === 'draft' && w.reviewComment && (
            <Alert type="warning" showIcon title={t('catalog.workbench.rejectedNote', { comment: w.reviewComment })} style={{ marginBottom: 12 }} />
          )}
          {start.error && <ProblemAlert error={start.error} />}
          {w.status === 'draft' && canEdit ? (
            <GuideEditor key={`${w.version}-${w.updatedAt}`} impl={impl} />
          ) : w.status === 'submitted' ? (
            <Review impl={impl} canReview={canReview} />
          ) : null}
        </>
      )}
      {canReview && <StatePanel impl={impl} />}
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
          {
            title: t('catalog.guide.publishedAt', { date: '' }).replace(/[：:]\s*$/, ''),
            dataIndex: 'publishedAt',
            render: (v: string | null) => v?.slice(0, 10) ?? '',
          },
        ]}
      />
    </AdminPage>
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

/** Reviewer: suspend, resume or abolish, always with a reason (audited). */
function StatePanel({ impl }: { impl: WorkbenchImplementation }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<'suspend' | 'resume' | 'abolish' | null>(null);
  const [reason, setReason] = useState('');
  const code = impl.implementationCode;
  const change = useAction((a: 'suspend' | 'resume' | 'abolish') => stateActions[a](code, reason.trim()), t('catalog.editor.stateChanged'));
  const actions = (
    {
      published: ['suspend', 'abolish'],
      suspended: ['resume', 'abolish'],
      unpublished: ['abolish'],
      abolished: [],
    } as const
  )[impl.state];
  if (actions.length === 0) return null;
  return (
    <section className="cat-section" aria-labelledby="cat-state-title">
      <h2 className="cat-subtitle" id="cat-state-title">
        {t('catalog.editor.stateTitle')}
      </h2>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            danger={a !== 'resume'}
            onClick={() => {
              setReason('');
              setAction(a);
            }}
          >
            {t(`catalog.editor.${a}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={action !== null}
        title={action ? t(`catalog.editor.${action}`) : ''}
        okText={action ? t(`catalog.editor.${action}`) : ''}
        okButtonProps={{ danger: action !== 'resume', disabled: !reason.trim(), loading: change.isPending }}
        onCancel={() => setAction(null)}
        onOk={() => action && change.mutate(action, { onSuccess: () => setAction(null) })}
        destroyOnHidden
      >
        {action === 'abolish' && <Alert type="warning" showIcon title={t('catalog.editor.abolishWarning')} style={{ marginBottom: 12 }} />}
        <ProblemAlert error={change.error} />
        <label htmlFor="cat-state-reason">{t('catalog.editor.stateReason')}</label>
        <Input.TextArea id="cat-state-reason" rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </section>
  );
}

export default ImplementationPage;
