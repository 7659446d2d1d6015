import { useState } from 'react';
import { App, Button, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { filled } from '../../../lib/api-call';
import { applyServerErrors } from '../../../lib/form-errors';
import {
  caseAction,
  casesKeys,
  specialProcedures,
  useTransferCandidates,
  type CaseActionRequest,
  type CaseView,
  type RoutedAction,
  type SpecialProcedure,
} from '../api';
import '../cases.css';

/** 转办: pick a colleague of the department holding this step's role (listed by the server), not type an id. */
function TransferPicker({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  const q = useTransferCandidates(caseNo, true);
  const options = (q.data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.self ? t('cases.staff.me', { name: c.name }) : c.assignee ? t('cases.staff.holder', { name: c.name }) : c.name,
  }));
  return (
    <>
      <ProblemAlert error={q.error} />
      <Form.Item
        name="toStaffId"
        label={t('cases.staff.pickStaff')}
        rules={[{ required: true, message: t('validation.required') }]}
        extra={t('cases.staff.pickStaffHint')}
      >
        <Select
          loading={q.isPending}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent={q.isPending ? undefined : t('cases.staff.noColleagues')}
          data-testid="cs-transfer-picker"
        />
      </Form.Item>
    </>
  );
}

/** Actions whose button is red: they end the case against the applicant. */
export const DANGER: RoutedAction[] = ['refuse', 'deny'];

/** What the action modal's form holds; each action sends only its own fields (see `actionRequest`). */
interface Values {
  note?: string;
  reason?: string;
  legalBasis?: string;
  items?: ({ material?: string; problem?: string } | undefined)[];
  opinion?: string;
  toStep?: string;
  toStaffId?: string;
  procedure?: SpecialProcedure;
  method?: 'electronic' | 'pickup' | 'post';
  pickupCode?: string;
  carrier?: string;
  trackingNumber?: string;
  pendingMaterials?: string[];
  supplyBy?: string;
}

/** The form's values as the action's typed body (the form's rules made the required fields present). */
function actionRequest(action: RoutedAction, v: Values, version: number): CaseActionRequest {
  switch (action) {
    case 'accept':
      return {
        action,
        body: { version, note: v.note, pendingMaterials: v.pendingMaterials?.length ? v.pendingMaterials : undefined, supplyBy: v.supplyBy || undefined },
      };
    case 'refuse':
    case 'deny':
      return { action, body: { version, reason: filled(v.reason, 'reason'), legalBasis: filled(v.legalBasis, 'legalBasis') } };
    case 'request_correction': {
      const items = (v.items ?? []).flatMap((i) => (i?.material && i.problem ? [{ material: i.material, problem: i.problem }] : []));
      return { action, body: { version, items, note: v.note } };
    }
    case 'approve':
      return { action, body: { version, opinion: v.opinion } };
    case 'return_to_previous':
      return { action, body: { version, reason: filled(v.reason, 'reason'), toStep: v.toStep } };
    case 'transfer':
      return { action, body: { version, toStaffId: filled(v.toStaffId, 'toStaffId'), note: v.note } };
    case 'start_special_procedure':
      return { action, body: { version, procedure: filled(v.procedure, 'procedure'), note: filled(v.note, 'note') } };
    case 'deliver':
      if (v.method === 'post')
        return { action, body: { version, method: 'post', carrier: filled(v.carrier, 'carrier'), trackingNumber: filled(v.trackingNumber, 'trackingNumber') } };
      if (v.method === 'pickup') return { action, body: { version, method: 'pickup', pickupCode: v.pickupCode || undefined } };
      return { action, body: { version, method: 'electronic' } };
    case 'end_special_procedure':
    case 'issue':
    case 'claim':
      return { action, body: { version, note: v.note } };
    case 'submit_correction':
    case 'supplement_materials':
    case 'withdraw':
      // The applicant's actions: the portal's case page sends them, never this modal.
      throw new Error(`${action} is not a staff action`);
    case 'countersign':
      // 会签: signed from its own panel (CountersignCard), which names the branch.
      throw new Error('countersign is signed from the 会签 panel');
  }
}

export function ActionModal({ view, action, onClose }: { view: CaseView; action: RoutedAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const method = Form.useWatch('method', form);
  const send = useMutation({
    mutationFn: (v: Values) => caseAction(view.caseNo, actionRequest(action, v, view.version)),
    onMutate: () => setLeftover([]),
    onSuccess: (c) => {
      qc.setQueryData(casesKeys.case(view.caseNo), c);
      void qc.invalidateQueries({ queryKey: casesKeys.all });
      void message.success(t('cases.staff.done', { action: t(`cases.action.${action}`) }));
      onClose();
    },
    onError: (e) => {
      // Someone else acted first: say so, close, show the case as it is now.
      if (isApiError(e) && e.status === 409) {
        void message.warning(e.code === 'resource.stale' ? t('cases.staff.stale') : t('cases.staff.notAllowedNow'));
        void qc.invalidateQueries({ queryKey: casesKeys.case(view.caseNo) });
        onClose();
        return;
      }
      setLeftover(
        applyServerErrors(form, e, [
          'note',
          'reason',
          'legalBasis',
          'items',
          'opinion',
          'toStep',
          'toStaffId',
          'procedure',
          'method',
          'pickupCode',
          'carrier',
          'trackingNumber',
          'pendingMaterials',
          'supplyBy',
        ]),
      );
    },
  });
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  const initial: Values =
    action === 'request_correction'
      ? {
          items: view.materials
            .filter((m) => m.required)
            .slice(0, 1)
            .map((m) => ({ material: m.name, problem: '' })),
        }
      : action === 'deliver'
        ? { method: 'electronic' }
        : {};
  const label = t(`cases.action.${action}`);
  return (
    <Modal open title={label} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <ProblemAlert error={send.error} leftover={leftover} />
      <Form form={form} name={`cs-act-${action}`} layout="vertical" initialValues={initial} onFinish={(v) => send.mutate(v)}>
        {(action === 'refuse' || action === 'deny') && (
          <>
            <Form.Item name="reason" label={t('cases.detail.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="legalBasis" label={t('cases.detail.legalBasis')} rules={required} extra={t('cases.staff.legalBasisHint')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'request_correction' && (
          <Form.List
            name="items"
            rules={[
              {
                validator: async (_, v?: unknown[]) => {
                  if (!v || v.length === 0) throw new Error(t('cases.staff.itemsRequired'));
                },
              },
            ]}
          >
            {(rows, { add, remove }, { errors }) => (
              <>
                <p>{t('cases.staff.correctionIntro')}</p>
                {rows.map((row, i) => (
                  <div key={row.key} className="cs-row">
                    <Form.Item name={[row.name, 'material']} label={t('cases.staff.itemMaterial', { n: i + 1 })} rules={required}>
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        options={view.materials.map((m) => ({ value: m.name, label: m.name }))}
                        style={{ minWidth: 220 }}
                      />
                    </Form.Item>
                    <Form.Item name={[row.name, 'problem']} label={t('cases.staff.itemProblem', { n: i + 1 })} rules={required}>
                      <Input maxLength={500} />
                    </Form.Item>
                    <Button onClick={() => remove(row.name)}>
                      {t('cases.upload.remove')}
                      <span className="visually-hidden">{t('cases.form.removeRow', { n: i + 1 })}</span>
                    </Button>
                  </div>
                ))}
                <Button onClick={() => add({ material: undefined, problem: '' })}>{t('cases.staff.addItem')}</Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        )}
        {action === 'accept' && (
          <>
            <Form.Item name="pendingMaterials" label={t('cases.staff.pendingMaterials')} extra={t('cases.staff.pendingHint')}>
              <Select
                mode="multiple"
                allowClear
                options={view.materials.filter((m) => m.provision === 'missing' || !m.required).map((m) => ({ value: m.name, label: m.name }))}
              />
            </Form.Item>
            <Form.Item name="supplyBy" label={t('cases.staff.supplyBy')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('cases.form.date') }]}>
              <Input type="date" style={{ maxWidth: 240 }} />
            </Form.Item>
          </>
        )}
        {action === 'approve' && (
          <Form.Item name="opinion" label={t('cases.detail.opinion')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {action === 'return_to_previous' && (
          <>
            <Form.Item name="reason" label={t('cases.detail.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="toStep" label={t('cases.detail.toStep')} extra={t('cases.staff.toStepHint')}>
              <Input maxLength={40} />
            </Form.Item>
          </>
        )}
        {action === 'transfer' && <TransferPicker caseNo={view.caseNo} />}
        {action === 'start_special_procedure' && (
          <>
            <Form.Item name="procedure" label={t('cases.detail.procedure')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={specialProcedures.map((p) => ({ value: p, label: t(`cases.procedure.${p}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('cases.detail.note')} rules={required}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'deliver' && (
          <>
            <Form.Item name="method" label={t('cases.detail.method')} rules={[{ required: true, message: t('validation.required') }]}>
              <Radio.Group options={(['electronic', 'pickup', 'post'] as const).map((d) => ({ value: d, label: t(`cases.delivery.${d}`) }))} />
            </Form.Item>
            {method === 'pickup' && (
              <Form.Item
                name="pickupCode"
                label={t('cases.detail.pickupCode')}
                extra={t('cases.staff.pickupHint')}
                rules={[{ pattern: /^\d{6}$/, message: t('cases.staff.pickupPattern') }]}
              >
                <Input maxLength={6} inputMode="numeric" />
              </Form.Item>
            )}
            {method === 'post' && (
              <>
                <Form.Item name="carrier" label={t('cases.detail.carrier')} rules={required}>
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item
                  name="trackingNumber"
                  label={t('cases.detail.trackingNumber')}
                  rules={[...required, { min: 4, message: t('cases.form.minLength', { min: 4 }) }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
              </>
            )}
          </>
        )}
        {['accept', 'request_correction', 'end_special_procedure', 'issue', 'transfer', 'claim'].includes(action) && (
          <Form.Item name="note" label={t('cases.detail.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        <div className="cs-actions">
          <Button type="primary" danger={DANGER.includes(action)} htmlType="submit" loading={send.isPending}>
            {label}
          </Button>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
        </div>
      </Form>
    </Modal>
  );
}
