// The dialog of one ticket action: its fields, the request it posts, server field errors on the fields.
import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Rate, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DepartmentPicker } from '../../admin/ui/pickers';
import type { FieldError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyServerErrors } from '../../lib/form-errors';
import { hotlineKeys, ticketAction, useChildRegions, type TicketDetail } from './api';
import { PhotoPicker } from './photos';
import { FIELDS, request, withNote, type ActionValues, type OfferedAction } from './ticket-actions';

export function ActionModal({ ticket, action, onClose }: { ticket: TicketDetail; action: OfferedAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ActionValues>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const label = t(`hotline.action.${action}`);
  const run = useMutation({
    mutationFn: (v: ActionValues) => {
      return ticketAction(ticket.id, request(action, v, ticket));
    },
    onMutate: () => setLeftover([]),
    onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
    onSuccess: (d) => {
      qc.setQueryData(hotlineKeys.ticket(ticket.id), d);
      void qc.invalidateQueries({ queryKey: hotlineKeys.tickets });
      void qc.invalidateQueries({ queryKey: hotlineKeys.stats });
      void message.success(t('hotline.detail.done', { action: label }));
      onClose();
    },
  });
  const required = { required: true, message: t('validation.required') };
  const reasonRule = [required, { min: 2, message: t('validation.required') }];
  return (
    <Modal
      open
      title={label}
      onCancel={onClose}
      okText={label}
      cancelText={t('action.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: run.isPending, danger: action === 'send_back' }}
      destroyOnHidden
      modalRender={(node) => (
        <Form<ActionValues>
          form={form}
          name={`hl-${action}`}
          layout="vertical"
          initialValues={{ target: 'suggested', days: 5, respondWithinDays: 1, satisfaction: 5, solved: true }}
          onFinish={(v) => run.mutate(v)}
          clearOnDestroy
        >
          {node}
        </Form>
      )}
    >
      <ProblemAlert error={run.error} leftover={leftover} />
      {action === 'dispatch' && <DispatchFields ticket={ticket} />}
      {(action === 'return' || action === 'reopen') && (
        <Form.Item name="reason" label={t('hotline.field.reason')} rules={reasonRule}>
          <Input.TextArea rows={3} maxLength={1000} autoFocus />
        </Form.Item>
      )}
      {action === 'request_extension' && (
        <>
          <Form.Item name="days" label={t('hotline.field.days')} rules={[required]}>
            <InputNumber min={1} max={30} />
          </Form.Item>
          <Form.Item name="reason" label={t('hotline.field.reason')} rules={reasonRule}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      )}
      {(action === 'reply' || action === 'answer') && (
        <Form.Item name="text" label={t(action === 'reply' ? 'hotline.field.replyText' : 'hotline.field.answerText')} rules={reasonRule}>
          <Input.TextArea rows={5} maxLength={4000} showCount autoFocus />
        </Form.Item>
      )}
      {action === 'reply' && (
        <Form.Item name="photos" label={t('hotline.photos.label')}>
          <PhotoPicker />
        </Form.Item>
      )}
      {action === 'reply' && (ticket.kind === 'complaint' || ticket.kind === 'report') && (
        <>
          <Form.Item name="verdict" label={t('hotline.field.verdict')} extra={t('hotline.field.verdictHint')}>
            <Select
              allowClear
              options={(['substantiated', 'partly_substantiated', 'unsubstantiated'] as const).map((v) => ({
                value: v,
                label: t(`hotline.verdict.${v}` as 'hotline.verdict.substantiated'),
              }))}
            />
          </Form.Item>
          <Form.Item name="respondentUscc" label={t('hotline.field.respondentUscc')}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="respondentName" label={t('hotline.field.respondentName')}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      )}
      {action === 'refer' && (
        <>
          <Form.Item name="referTo" label={t('hotline.field.referTo')} rules={reasonRule}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="reason" label={t('hotline.field.reason')} rules={reasonRule}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      )}
      {action === 'urge' && (
        <>
          <Form.Item name="note" label={t('hotline.field.note')} rules={reasonRule}>
            <Input.TextArea rows={3} maxLength={1000} autoFocus />
          </Form.Item>
          <Form.Item name="respondWithinDays" label={t('hotline.field.respondWithinDays')}>
            <InputNumber min={1} max={10} />
          </Form.Item>
        </>
      )}
      {action === 'follow_up' && (
        <>
          <Form.Item name="solved" label={t('hotline.field.solved')} rules={[required]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: t('hotline.portal.yes') },
                { value: false, label: t('hotline.portal.no') },
              ]}
            />
          </Form.Item>
          <Form.Item name="satisfaction" label={t('hotline.field.satisfaction')} rules={[required]}>
            <Rate count={5} tooltips={[1, 2, 3, 4, 5].map((n) => t(`hotline.portal.sat${n}` as 'hotline.portal.sat1'))} />
          </Form.Item>
        </>
      )}
      {withNote.includes(action) && (
        <Form.Item name="note" label={t('hotline.field.note')} rules={action === 'send_back' ? reasonRule : []}>
          <Input.TextArea rows={2} maxLength={action === 'dispatch' ? 500 : 1000} />
        </Form.Item>
      )}
    </Modal>
  );
}

/** The suggested unit, the regions one level down, or a department. */
function DispatchFields({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const children = useChildRegions(ticket.unit.level === 'street' ? undefined : ticket.unit.regionCode);
  const form = Form.useFormInstance<ActionValues>();
  const departmentId = Form.useWatch('departmentId', form);
  const options = [
    ...(ticket.suggestedTarget ? [{ value: 'suggested', label: t('hotline.detail.suggested', { name: ticket.suggestedTarget.name }) }] : []),
    ...(children.data?.items ?? []).map((r) => ({ value: r.code, label: t('hotline.detail.targetRegion', { name: r.name }) })),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form.Item name="target" label={t('hotline.field.target')}>
        <Select options={options} loading={children.isFetching} disabled={!!departmentId} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="departmentId" label={t('hotline.detail.targetDepartment')}>
        <DepartmentPicker />
      </Form.Item>
    </Space>
  );
}
