// Small pieces of the supervision pages: the light and urge-status tags, one urge as a card with
// its answer form, and the dialog that issues an urge.
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../lib/dayjs';
import { applyServerErrors } from '../../lib/form-errors';
import { TextDialog } from './TextDialog';
import { answerUrge, issueRectificationUrge, issueUrge, supervisionKeys, type LightBucket, type Urge } from './api';

/** A light as a dot plus its word (never colour alone). */
export function LightTag({ light }: { light: LightBucket | null }) {
  const { t } = useTranslation();
  if (!light) return null;
  return (
    <span className={`sv-light sv-light--${light}`}>
      {light !== 'paused' && <span className="sv-light__dot" aria-hidden="true" />}
      {t(`supervision.light.${light}`)}
    </span>
  );
}

export function UrgeStatusTag({ urge }: { urge: Pick<Urge, 'status'> & Partial<Pick<Urge, 'overdue' | 'answeredLate'>> }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <span className={`sv-tag sv-tag--${urge.status}`}>{t(`supervision.urge.status.${urge.status}`)}</span>
      {urge.overdue && urge.status === 'open' && <span className="sv-tag sv-tag--overdue">{t('supervision.urge.overdue')}</span>}
      {urge.answeredLate && <span className="sv-tag sv-tag--overdue">{t('supervision.urge.late')}</span>}
    </Space>
  );
}

/** One urge: the notice, its limit, escalation, and the answer (or the answer form for the urged unit). */
export function UrgeCard({ urge, headingLevel = 3 }: { urge: Urge; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const [answering, setAnswering] = useState(false);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={`sv-urge${urge.status === 'answered' ? ' sv-urge--answered' : ''}`} aria-label={t('supervision.urge.title', { caseNo: urge.caseNo })}>
      <Space wrap size={8} style={{ justifyContent: 'space-between', width: '100%' }}>
        <H style={{ margin: 0, fontSize: '1em' }}>
          {t('supervision.urge.by')} <span lang="zh-CN">{urge.issuedByName}</span> · {formatDate(urge.issuedOn)}
        </H>
        <UrgeStatusTag urge={urge} />
      </Space>
      <p lang="zh-CN">{urge.message}</p>
      <p className="sv-hint">
        {t('supervision.urge.due', { date: formatDate(urge.dueDate) })}
        {urge.dueEstimated && t('supervision.urge.estimated')}
        {urge.escalatedAt && (
          <>
            {' · '}
            {urge.escalatedToName ? (
              <>
                {t('supervision.urge.escalatedTo')} <span lang="zh-CN">{urge.escalatedToName}</span>
              </>
            ) : (
              t('supervision.urge.escalatedNoSuperior')
            )}
          </>
        )}
      </p>
      {urge.answer && (
        <>
          <p className="sv-hint">
            {t('supervision.urge.answeredBy')} <span lang="zh-CN">{urge.answeredByName}</span> · {formatDateTime(urge.answeredAt)}
          </p>
          <p lang="zh-CN">{urge.answer}</p>
        </>
      )}
      {urge.mayAnswer && (
        <Button type="primary" onClick={() => setAnswering(true)}>
          {t('supervision.urge.answer')}
          <span className="visually-hidden">{t('supervision.urge.answerCase', { caseNo: urge.caseNo })}</span>
        </Button>
      )}
      {answering && <AnswerModal urge={urge} onClose={() => setAnswering(false)} />}
    </section>
  );
}

export function AnswerModal({ urge, onClose }: { urge: Urge; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <TextDialog
      field="answer"
      title={t('supervision.urge.answerCase', { caseNo: urge.caseNo })}
      okText={t('supervision.urge.answerSubmit')}
      label={t('supervision.urge.answerLabel')}
      extra={t('supervision.urge.answerHint')}
      requiredMessage={t('validation.required')}
      maxLength={2000}
      intro={<p lang="zh-CN">{urge.message}</p>}
      send={(answer) => answerUrge(urge.id, { answer, version: urge.version })}
      invalidate={supervisionKeys.all}
      done={t('supervision.urge.answered')}
      stale={t('supervision.urge.stale')}
      onClose={onClose}
    />
  );
}

/** The dialog a supervisor issues an urge from: the notice and the answer limit in working days. */
export function UrgeModal({ caseNo, rectificationId, onClose }: { caseNo: string; rectificationId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ message: string; answerDays: number }>();
  const days = Form.useWatch('answerDays', form) ?? 3;
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  // One key per opened dialog: a retry of the same submission is not a second urge.
  const [key] = useState(() => crypto.randomUUID());
  const run = useMutation({
    mutationFn: (v: { message: string; answerDays: number }) =>
      rectificationId
        ? issueRectificationUrge({ rectificationId, message: v.message, answerDays: v.answerDays }, key)
        : issueUrge({ caseNo, message: v.message, answerDays: v.answerDays }, key),
    onMutate: () => setLeftover([]),
    onError: (e) => setLeftover(applyServerErrors(form, e, ['message', 'answerDays'])),
    onSuccess: (u) => {
      void qc.invalidateQueries({ queryKey: supervisionKeys.all });
      void message.success(t('supervision.urge.issued', { date: formatDate(u.dueDate) }));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={rectificationId ? t('supervision.urge.titleRectification', { caseNo }) : t('supervision.urge.title', { caseNo })}
      onCancel={onClose}
      okText={t('supervision.urge.submit')}
      cancelText={t('action.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: run.isPending }}
      destroyOnHidden
      modalRender={(node) => (
        <Form form={form} name="sv-urge" layout="vertical" initialValues={{ answerDays: 3 }} onFinish={(v) => run.mutate(v)} clearOnDestroy>
          {node}
        </Form>
      )}
    >
      <ProblemAlert error={run.error} leftover={leftover} />
      <Form.Item
        name="message"
        label={t('supervision.field.message')}
        extra={t('supervision.urge.messageHint')}
        rules={[{ required: true, whitespace: true, min: 4, message: t('validation.required') }]}
      >
        <Input.TextArea rows={4} maxLength={1000} showCount />
      </Form.Item>
      <Form.Item
        name="answerDays"
        label={t('supervision.field.answerDays')}
        extra={t('supervision.urge.answerDaysHint', { days })}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <InputNumber min={1} max={15} precision={0} style={{ width: 120 }} />
      </Form.Item>
    </Modal>
  );
}
