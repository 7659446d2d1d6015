import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Checkbox, Form, Input, Radio, Rate, Result, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/errors';
import { isApiError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { PageLoading } from '../../../components/PageState';
import { applyServerErrors } from '../../../lib/form-errors';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { evaluateByToken, evaluationTags, levels, useTokenView, type TokenEvaluationCreate, type TokenView } from '../api';
import { isBad } from '../labels';
import '../evaluation.css';

type LevelKey = 'evaluation.level.1';
type DimKey = 'evaluation.dimension.overall';
type TagKey = 'evaluation.tag.other';

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
        <Form.Item name="level" label={t('evaluation.card.level')} rules={[{ required: true, message: t('validation.required') }]}>
          <Radio.Group>
            <Space wrap>
              {levels.map((l) => (
                <Radio.Button key={l} value={l}>
                  {t(`evaluation.level.${l}` as LevelKey)}
                </Radio.Button>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <fieldset>
          <legend>{t('evaluation.card.dimensions')}</legend>
          <div className="ev-dims">
            {view.dimensions
              .filter((d) => d !== 'overall')
              .map((d) => (
                <Form.Item key={d} name={['dimensions', d]} label={t(`evaluation.dimension.${d}` as DimKey)}>
                  <Rate count={5} tooltips={[1, 2, 3, 4, 5].map((n) => t(`evaluation.level.${n}` as LevelKey))} />
                </Form.Item>
              ))}
          </div>
        </fieldset>
        <Form.Item name="tags" label={t('evaluation.card.tags')} extra={level && isBad(level) ? t('evaluation.card.tagsHint') : undefined}>
          <Checkbox.Group>
            <Space orientation="vertical">
              {evaluationTags.map((tag) => (
                <Checkbox key={tag} value={tag}>
                  {t(`evaluation.tag.${tag}` as TagKey)}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="comment" label={t('evaluation.card.comment')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('evaluation.card.submit')}
        </Button>
      </Form>
    </>
  );
}
