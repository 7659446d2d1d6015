import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { applyServerErrors } from '../../../lib/form-errors';
import { decidePenalty, type Result } from '../api';

type Values = { documentNo: string; facts: string; penalty: string; legalBasis: string; decidedOn: string; validUntil?: string; serious?: boolean };
type Decision = Awaited<ReturnType<typeof decidePenalty>>;
const FIELDS = ['documentNo', 'facts', 'penalty', 'legalBasis', 'decidedOn', 'validUntil', 'serious'] as const;

/** Today in the city's time zone (the server checks it again against the platform calendar). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * 决定行政处罚 on a result with problems (POST /api/workbench/inspection/results/:id/penalty): a
 * manager of the task's lead department (`inspection.plan.manage`); the credit module files it as a
 * penalty record (双公示). The caller shows the button only to those with the permission; a result with a
 * penalty shows its document number instead.
 */
export function PenaltyAction({ result }: { result: Result }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [decided, setDecided] = useState<Decision | null>(null);
  if (result.outcome !== 'problems_found') return null;
  // Decided here, or before (the result carries its penalty after a reload).
  const documentNo = decided?.documentNo ?? result.penalty?.documentNo;
  return (
    <>
      {documentNo ? (
        <span className="insp-muted">{t('inspection.penalty.decidedShort', { documentNo })}</span>
      ) : (
        <Button size="small" onClick={() => setOpen(true)}>
          {t('inspection.penalty.action')}
        </Button>
      )}
      {open && <PenaltyModal result={result} onDecided={setDecided} onClose={() => setOpen(false)} decided={decided} />}
    </>
  );
}

function PenaltyModal({
  result,
  decided,
  onDecided,
  onClose,
}: {
  result: Result;
  decided: Decision | null;
  onDecided: (d: Decision) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      decidePenalty(result.id, {
        documentNo: v.documentNo,
        facts: v.facts,
        penalty: v.penalty,
        legalBasis: v.legalBasis,
        decidedOn: v.decidedOn,
        ...(v.validUntil ? { validUntil: v.validUntil } : {}),
        serious: !!v.serious,
      }),
    onMutate: () => setLeftover([]),
    onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
    onSuccess: (d) => onDecided(d),
  });
  const required = { required: true, whitespace: true, message: t('validation.required') };
  const len = (min: number, max: number) => ({ min, max, message: t('inspection.penalty.v.length', { min, max }) });
  const title = t('inspection.penalty.title');
  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden>
      {decided ? (
        <>
          <Alert
            type="success"
            showIcon
            role="status"
            title={t('inspection.penalty.done', { documentNo: decided.documentNo })}
            description={t(decided.serious ? 'inspection.penalty.doneSerious' : 'inspection.penalty.doneDetail', { entity: decided.entityName })}
          />
          <Button style={{ marginTop: 16 }} onClick={onClose}>
            {t('inspection.penalty.close')}
          </Button>
        </>
      ) : (
        <Form<Values> form={form} layout="vertical" aria-label={title} initialValues={{ decidedOn: today(), serious: false }} onFinish={(v) => save.mutate(v)}>
          <p>{t('inspection.penalty.intro', { inspectedOn: result.inspectedOn })}</p>
          <ProblemAlert error={save.error} leftover={leftover} />
          <Form.Item name="documentNo" label={t('inspection.penalty.documentNo')} rules={[required, len(2, 60)]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="facts" label={t('inspection.penalty.facts')} rules={[required, len(2, 1000)]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
          <Form.Item name="penalty" label={t('inspection.penalty.penalty')} rules={[required, len(2, 500)]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="legalBasis" label={t('inspection.penalty.legalBasis')} rules={[required, len(2, 500)]}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item
            name="decidedOn"
            label={t('inspection.penalty.decidedOn')}
            rules={[
              { required: true, message: t('validation.required') },
              {
                validator: (_, v: string) =>
                  !v || v >= result.inspectedOn
                    ? v && v > today()
                      ? Promise.reject(new Error(t('inspection.penalty.v.future')))
                      : Promise.resolve()
                    : Promise.reject(new Error(t('inspection.penalty.v.beforeInspection', { inspectedOn: result.inspectedOn }))),
              },
            ]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="validUntil"
            label={t('inspection.penalty.validUntil')}
            extra={t('inspection.penalty.validUntilHint')}
            dependencies={['decidedOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  !v || v >= (getFieldValue('decidedOn') as string) ? Promise.resolve() : Promise.reject(new Error(t('inspection.penalty.v.beforeDecided'))),
              }),
            ]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="serious" valuePropName="checked" extra={t('inspection.penalty.seriousHint')}>
            <Checkbox>{t('inspection.penalty.serious')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('inspection.penalty.submit')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}
