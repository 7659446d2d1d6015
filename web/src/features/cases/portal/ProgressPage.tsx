import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { lookupProgress, type Progress } from '../api';
import { Facts, labelOf, StatusBadge } from '../ui';
import '../cases.css';

/** 办件进度查询: case number + the applicant's name (or last 4 of ID/USCC), no sign-in. */
export function ProgressPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.progress.title'));
  const [params] = useSearchParams();
  const [form] = Form.useForm<{ caseNo: string; name: string }>();
  const [result, setResult] = useState<Progress | null>(null);
  const look = useMutation({
    mutationFn: (v: { caseNo: string; name: string }) => lookupProgress(v.caseNo.trim(), v.name.trim()),
    onMutate: () => setResult(null),
    onSuccess: setResult,
  });
  const err = look.error;
  return (
    <div className="cs-portal">
      <h1>{t('cases.progress.title')}</h1>
      <p>{t('cases.progress.intro')}</p>
      <Form
        form={form}
        name="cs-progress"
        layout="vertical"
        size="large"
        initialValues={{ caseNo: params.get('caseNo') ?? '' }}
        onFinish={(v) => look.mutate(v)}
      >
        <Form.Item name="caseNo" label={t('cases.field.caseNo')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={60} autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('cases.progress.name')}
          extra={t('cases.progress.nameHint')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={look.isPending}>
          {t('cases.progress.submit')}
        </Button>
      </Form>
      <div aria-live="polite" style={{ marginTop: 16 }}>
        {isApiError(err) && err.status === 404 && (
          <Alert
            type="info"
            showIcon
            title={t('cases.progress.notFound')}
            description={
              // A 12345 ticket number (RX…) typed here: send the caller to the hotline lookup.
              /^\s*RX/i.test(look.variables?.caseNo ?? '') ? (
                <Link to={`/hotline/lookup?number=${encodeURIComponent(look.variables!.caseNo.trim())}`}>{t('cases.progress.hotlineHint')}</Link>
              ) : (
                t('cases.progress.notFoundHint')
              )
            }
          />
        )}
        {isApiError(err) && err.status === 429 && (
          <Alert
            type="warning"
            showIcon
            title={t('cases.progress.throttled')}
            description={t('cases.progress.throttledHint', { minutes: Math.max(1, Math.ceil((err.retryAfterSeconds ?? 900) / 60)) })}
          />
        )}
        {err && !(isApiError(err) && (err.status === 404 || err.status === 429)) && <ProblemAlert error={err} />}
        {result && (
          <Card title={<h2>{result.itemName}</h2>} data-testid="cs-progress-result">
            <div className="cs-head">
              <StatusBadge status={result.status} />
              <span>{t('cases.portal.currentStep', { step: result.stepName })}</span>
            </div>
            <Facts
              items={[
                [t('cases.field.caseNo'), <span className="mono">{result.caseNo}</span>],
                [t('cases.field.department'), result.departmentName],
                [t('cases.field.submittedOn'), result.submittedOn],
                [t('cases.field.due'), result.concludedOn ? null : result.dueDate],
                [t('cases.field.concludedOn'), result.concludedOn],
              ]}
            />
            <h3 style={{ marginTop: 16 }}>{t('cases.portal.timeline')}</h3>
            <ol className="cs-timeline">
              {result.timeline.map((e, i) => (
                <li key={i}>
                  <div className="cs-timeline__head">
                    <strong>{labelOf(t, `cases.action.${e.action}`, e.action)}</strong>
                    <span>{e.stepName}</span>
                  </div>
                  <div className="cs-hint">{e.occurredOn}</div>
                </li>
              ))}
            </ol>
          </Card>
        )}
      </div>
    </div>
  );
}

export default ProgressPage;
