import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Form, Result } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/errors';
import { isApiError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { PageLoading } from '../../../components/PageState';
import { applyServerErrors } from '../../../lib/form-errors';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { evaluateByToken, useTokenView, type TokenEvaluationCreate, type TokenView } from '../api';
import { RatingFields } from './RatingFields';
import '../evaluation.css';

/**
 * /evaluate/:token — rating by a one-time link, without signing in: the SMS sent when a case ends
 * (the online dimensions) or the code a window clerk opens for a visit (the on-site dimensions, on
 * the citizen's phone or the counter tablet). A used, expired or unknown link shows that it is gone.
 */
export function TokenEvaluationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  useDocumentTitle(t('evaluation.token.title'));
  const q = useTokenView(token);
  const [done, setDone] = useState(false);
  let body;
  if (done) body = <Result status="success" title={t('evaluation.card.thanks')} data-testid="ev-token-done" />;
  else if (q.isPending) body = <PageLoading />;
  else if (q.isError)
    body =
      isApiError(q.error) && q.error.status === 404 ? (
        <Result status="info" title={t('evaluation.token.gone')} subTitle={t('evaluation.token.goneHint')} />
      ) : (
        <ProblemAlert error={q.error} />
      );
  else body = <TokenForm token={token} view={q.data} onDone={() => setDone(true)} />;
  return (
    <div className="ev-page ev-token">
      <h1>{t('evaluation.token.title')}</h1>
      {body}
    </div>
  );
}

interface FormValues {
  level: number;
  dimensions: Record<string, number | undefined>;
  tags: TokenEvaluationCreate['tags'];
  comment?: string;
}
const FIELDS = ['level', 'dimensions', 'tags', 'comment'] as const;

function TokenForm({ token, view, onDone }: { token: string; view: TokenView; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const level = Form.useWatch('level', form);
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const dimensions = Object.fromEntries(Object.entries(v.dimensions ?? {}).filter(([, n]) => !!n)) as TokenEvaluationCreate['dimensions'];
      return evaluateByToken(token, { level: v.level, dimensions, tags: v.tags ?? [], comment: v.comment || undefined });
    },
    onMutate: () => setLeftover([]),
    onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
    onSuccess: onDone,
  });
  return (
    <>
      <Alert
        type="info"
        showIcon
        title={view.kind === 'visit' ? t('evaluation.token.visitIntro') : t('evaluation.token.smsIntro')}
        description={
          <span lang="zh-CN">
            {view.itemName} · {view.departmentName} · {view.caseNo}
          </span>
        }
      />
      <Form<FormValues> form={form} layout="vertical" className="ev-form" onFinish={(v) => save.mutate(v)} aria-label={t('evaluation.token.title')}>
        <ProblemAlert error={save.error} leftover={leftover} />
        <RatingFields dimensions={view.dimensions} level={level} />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('evaluation.card.submit')}
        </Button>
      </Form>
    </>
  );
}
