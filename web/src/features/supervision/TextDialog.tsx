// The one dialog of the supervision pages that asks for a text and sends it: the answer to an urge
// (督办答复) and the reason a rule hit is confirmed or dismissed. Someone else's change first
// (stale version, or the action no longer allowed) closes it with a warning and reloads the lists.
import { useState } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../api/errors';
import { isApiError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyServerErrors } from '../../lib/form-errors';

export interface TextDialogProps {
  /** The form's name and the body field the server reports errors on (`answer`, `reason`). */
  field: string;
  title: string;
  okText: string;
  danger?: boolean;
  label: string;
  extra: string;
  requiredMessage: string;
  maxLength: number;
  /** Shown above the field (the urge's notice). */
  intro?: React.ReactNode;
  send: (text: string) => Promise<unknown>;
  /** The queries to read again after the change (or after a stale one). */
  invalidate: QueryKey;
  done: string;
  stale: string;
  onClose: () => void;
}

export function TextDialog(p: TextDialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Record<string, string>>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const run = useMutation({
    mutationFn: (v: Record<string, string>) => p.send(v[p.field] ?? ''),
    onMutate: () => setLeftover([]),
    onError: (e) => {
      if (isApiError(e) && (e.code === 'resource.stale' || e.code === 'workflow.action_not_allowed')) {
        void message.warning(p.stale);
        void qc.invalidateQueries({ queryKey: p.invalidate });
        p.onClose();
        return;
      }
      setLeftover(applyServerErrors(form, e, [p.field]));
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: p.invalidate });
      void message.success(p.done);
      p.onClose();
    },
  });
  return (
    <Modal
      open
      title={p.title}
      onCancel={p.onClose}
      okText={p.okText}
      cancelText={t('action.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: run.isPending, danger: p.danger }}
      destroyOnHidden
      modalRender={(node) => (
        <Form form={form} name={`sv-${p.field}`} layout="vertical" onFinish={(v) => run.mutate(v)} clearOnDestroy>
          {node}
        </Form>
      )}
    >
      <ProblemAlert error={run.error} leftover={leftover} />
      {p.intro}
      <Form.Item name={p.field} label={p.label} extra={p.extra} rules={[{ required: true, whitespace: true, min: 4, message: p.requiredMessage }]}>
        <Input.TextArea rows={4} maxLength={p.maxLength} showCount />
      </Form.Item>
    </Modal>
  );
}
