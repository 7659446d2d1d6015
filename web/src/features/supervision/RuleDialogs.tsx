// The two dialogs of the 电子监察 rules page: tuning a rule, and confirming or dismissing a hit with its reason.
import { useState } from 'react';
import { App, Form, InputNumber, Modal, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyServerErrors } from '../../lib/form-errors';
import { TextDialog } from './TextDialog';
import { decideHit, ruleKeys, severities, updateRule, type Hit, type HitAction, type Rule, type RuleSeverity } from './rules-api';

/** Of a text given in both languages, the reader's. */
export function usePick() {
  const { i18n } = useTranslation();
  return (zh: string, en: string) => (i18n.language.startsWith('zh') ? zh : en);
}

type RuleForm = { enabled: boolean; threshold?: number; severity: RuleSeverity };

/** Switch a rule on or off, change its threshold (when it has one) and its severity. */
export function RuleModal({ rule, onClose }: { rule: Rule; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const pick = usePick();
  const [form] = Form.useForm<RuleForm>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const run = useMutation({
    mutationFn: (v: RuleForm) =>
      updateRule(rule.code, {
        enabled: v.enabled,
        severity: v.severity,
        ...(rule.threshold !== null ? { threshold: v.threshold } : {}),
        version: rule.version,
      }),
    onMutate: () => setLeftover([]),
    onError: (e) => setLeftover(applyServerErrors(form, e, ['enabled', 'threshold', 'severity'])),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ruleKeys.all });
      void message.success(t('supervisionRules.rule.saved'));
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('supervisionRules.rule.edit', { name: pick(rule.nameZh, rule.nameEn) })}
      onCancel={onClose}
      okText={t('supervisionRules.rule.save')}
      cancelText={t('action.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: run.isPending }}
      destroyOnHidden
      modalRender={(node) => (
        <Form
          form={form}
          name="sv-rule"
          layout="vertical"
          initialValues={{ enabled: rule.enabled, threshold: rule.threshold ?? undefined, severity: rule.severity }}
          onFinish={(v) => run.mutate(v)}
          clearOnDestroy
        >
          {node}
        </Form>
      )}
    >
      <ProblemAlert error={run.error} leftover={leftover} />
      <Form.Item name="enabled" label={t('supervisionRules.field.enabled')} valuePropName="checked">
        <Switch disabled={!rule.evaluable} />
      </Form.Item>
      {rule.threshold !== null && (
        <Form.Item
          name="threshold"
          label={t('supervisionRules.field.threshold')}
          extra={rule.thresholdMeaning ? pick(rule.thresholdMeaning.zh, rule.thresholdMeaning.en) : undefined}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
      )}
      <Form.Item name="severity" label={t('supervisionRules.field.severity')}>
        <Select style={{ width: 160 }} options={severities.map((s) => ({ value: s, label: t(`supervisionRules.severity.${s}`) }))} />
      </Form.Item>
    </Modal>
  );
}

/** Confirm (the practice was irregular) or dismiss (it was not) a hit, with the reason. */
export function HitModal({ hit, action, onClose }: { hit: Hit; action: HitAction; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <TextDialog
      field="reason"
      title={t(`supervisionRules.hit.title.${action}`, { subject: hit.caseNo ?? hit.itemName })}
      okText={t(`supervisionRules.hit.action.${action}`)}
      danger={action === 'confirm'}
      label={t('supervisionRules.hit.reason')}
      extra={t(`supervisionRules.hit.reasonHint.${action}`)}
      requiredMessage={t('supervisionRules.hit.reasonRequired')}
      maxLength={2000}
      send={(reason) => decideHit(hit.id, action, { reason, version: hit.version })}
      invalidate={ruleKeys.all}
      done={t(`supervisionRules.hit.done.${action}`)}
      stale={t('supervisionRules.hit.stale')}
      onClose={onClose}
    />
  );
}
