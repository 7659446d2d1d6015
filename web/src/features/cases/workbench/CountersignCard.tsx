import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/errors';
import { formatDateTime } from '../../../lib/dayjs';
import { caseAction, casesKeys, type CaseView } from '../api';

interface Values {
  branch?: string;
  opinion?: string;
}

/**
 * 会签: the branches of the case's countersign step, who signed each, when and with what opinion;
 * for a holder of an open branch, the form to sign it (agree) or send the case back (disagree).
 * The server decides who may sign which branch (403 otherwise, 409 once signed).
 */
export function CountersignCard({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<'agree' | 'disagree'>('agree');
  const branches = view.countersign;
  const open = (branches ?? []).filter((b) => b.status === 'open');
  const sign = useMutation({
    mutationFn: (v: { branch: string; opinion: string; result: 'agree' | 'disagree' }) =>
      caseAction(view.caseNo, { action: 'countersign', body: { version: view.version, ...v } }),
    onSuccess: (c) => {
      qc.setQueryData(casesKeys.case(view.caseNo), c);
      void qc.invalidateQueries({ queryKey: casesKeys.all });
      void message.success(t('cases.staff.done', { action: t('cases.action.countersign') }));
      form.resetFields();
    },
    onError: (e) => {
      void qc.invalidateQueries({ queryKey: casesKeys.case(view.caseNo) });
      void message.warning(isApiError(e) ? e.title : t('errors.generic.title'));
    },
  });
  if (!branches) return null;
  const maySign = view.allowedActions.includes('countersign') && open.length > 0;
  const submit = (r: 'agree' | 'disagree') => {
    setResult(r);
    void form.validateFields().then((v) => sign.mutate({ branch: v.branch!, opinion: v.opinion!.trim(), result: r }));
  };
  return (
    <Card className="cs-section" data-testid="cs-countersign" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.countersign.title')}</h2>}>
      <ul className="cs-correction-list">
        {branches.map((b) => (
          <li key={b.key}>
            <strong>{b.name}</strong> <Tag color={b.status === 'agreed' ? 'green' : 'default'}>{t(`cases.countersign.${b.status}`)}</Tag>
            {b.signedBy && (
              <span className="cs-hint">{t('cases.countersign.signedBy', { name: b.signedBy, at: b.signedAt ? formatDateTime(b.signedAt) : '' })}</span>
            )}
            {b.opinion && <div>{t('cases.countersign.opinionIs', { opinion: b.opinion })}</div>}
          </li>
        ))}
      </ul>
      {maySign && (
        <Form form={form} layout="vertical" initialValues={{ branch: open.length === 1 ? open[0]!.key : undefined }}>
          <Form.Item name="branch" label={t('cases.countersign.branch')} rules={[{ required: true, message: t('cases.countersign.branchRequired') }]}>
            <Select options={open.map((b) => ({ value: b.key, label: b.name }))} />
          </Form.Item>
          <Form.Item
            name="opinion"
            label={t('cases.countersign.opinion')}
            rules={[{ required: true, whitespace: true, message: t('cases.countersign.opinionRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <div className="cs-actions">
            <Button type="primary" loading={sign.isPending && result === 'agree'} onClick={() => submit('agree')}>
              {t('cases.countersign.agree')}
            </Button>
            <Button danger loading={sign.isPending && result === 'disagree'} onClick={() => submit('disagree')}>
              {t('cases.countersign.disagree')}
            </Button>
          </div>
        </Form>
      )}
    </Card>
  );
}
