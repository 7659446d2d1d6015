import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Space, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/dayjs';
import { applyServerErrors } from '../../../lib/form-errors';
import { evaluateCase, evaluationKeys, levels, onlineDimensions, rateRectification, useCaseEvaluation, type Evaluation, type EvaluationCreate } from '../api';
import { levelColor, lightColor, statusColor, dimensionsInOrder } from '../labels';
import { RatingFields } from './RatingFields';
import '../evaluation.css';

type LevelKey = 'evaluation.level.1';
type DimKey = 'evaluation.dimension.overall';
type TagKey = 'evaluation.tag.other';
type StatusKey = 'evaluation.status.open';
type LightKey = 'evaluation.light.green';

/**
 * 好差评 on the applicant's case page: once the case has concluded, a 评价 button opens the form
 * (level, the national dimensions, what went wrong, a comment); afterwards the evaluation, its
 * rectification and, when the unit has rectified, the form to rate the rectification.
 */
export function CaseEvaluationCard({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  const q = useCaseEvaluation(caseNo);
  const [open, setOpen] = useState(false);
  if (!q.data || (!q.data.mayEvaluate && !q.data.evaluation)) return null;
  const { evaluation, mayEvaluate, mayRateRectification } = q.data;
  return (
    <Card className="cs-section ev-card no-print" title={<h2>{t('evaluation.card.title')}</h2>} data-testid="ev-card">
      {evaluation ? (
        <>
          <MyEvaluation evaluation={evaluation} />
          {mayRateRectification && <RectificationRatingForm caseNo={caseNo} />}
        </>
      ) : open ? (
        <EvaluationForm caseNo={caseNo} onCancel={() => setOpen(false)} />
      ) : (
        mayEvaluate && (
          <Space orientation="vertical">
            <span>{t('evaluation.card.intro')}</span>
            <Button type="primary" onClick={() => setOpen(true)}>
              {t('evaluation.card.rate')}
            </Button>
          </Space>
        )
      )}
    </Card>
  );
}

interface FormValues {
  level: number;
  dimensions: Partial<Record<(typeof onlineDimensions)[number], number>>;
  tags: EvaluationCreate['tags'];
  comment?: string;
}
const FIELDS = ['level', 'dimensions', 'tags', 'comment'] as const;

function EvaluationForm({ caseNo, onCancel }: { caseNo: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [key] = useState(() => crypto.randomUUID());
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const level = Form.useWatch('level', form);
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const dimensions = Object.fromEntries(Object.entries(v.dimensions ?? {}).filter(([, n]) => !!n));
      return evaluateCase(caseNo, { level: v.level, dimensions, tags: v.tags ?? [], comment: v.comment || undefined }, key);
    },
    onMutate: () => setLeftover([]),
    onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
    onSuccess: () => void qc.invalidateQueries({ queryKey: evaluationKeys.ofCase(caseNo) }),
  });
  return (
    <Form<FormValues> form={form} layout="vertical" className="ev-form" onFinish={(v) => save.mutate(v)} aria-label={t('evaluation.card.title')}>
      <ProblemAlert error={save.error} leftover={leftover} />
      <RatingFields dimensions={onlineDimensions} level={level} />
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('evaluation.card.submit')}
        </Button>
        <Button onClick={onCancel}>{t('evaluation.card.cancel')}</Button>
      </Space>
    </Form>
  );
}

function MyEvaluation({ evaluation: e }: { evaluation: Evaluation }) {
  const { t } = useTranslation();
  const r = e.rectification;
  return (
    <div data-testid="ev-mine">
      <p>
        <strong>{t('evaluation.card.mine')}：</strong>
        <Tag color={levelColor[e.level]}>{t(`evaluation.level.${e.level}` as LevelKey)}</Tag>
        {e.tags.map((tag) => (
          <Tag key={tag}>{t(`evaluation.tag.${tag}` as TagKey)}</Tag>
        ))}
      </p>
      {e.annulled && <Alert type="info" showIcon title={t('evaluation.card.annulled')} />}
      <dl className="ev-meta">
        <dt>{t('evaluation.card.ratedOn')}</dt>
        <dd>{e.ratedOn}</dd>
        {dimensionsInOrder(e.dimensions).map(([d, n]) => [
          <dt key={`${d}-t`}>{t(`evaluation.dimension.${d}` as DimKey)}</dt>,
          <dd key={`${d}-d`}>{t(`evaluation.level.${n}` as LevelKey)}</dd>,
        ])}
        {e.comment && [
          <dt key="c-t">{t('evaluation.card.comment')}</dt>,
          <dd key="c-d" lang="zh-CN">
            {e.comment}
          </dd>,
        ]}
      </dl>
      {r && (
        <>
          <h3>{t('evaluation.card.rectification')}</h3>
          <p>
            <Tag color={statusColor[r.status]}>{t(`evaluation.status.${r.status}` as StatusKey)}</Tag>
            {r.light && <Tag color={lightColor[r.light]}>{t(`evaluation.light.${r.light}` as LightKey)}</Tag>}
          </p>
          <dl className="ev-meta">
            <dt>{t('evaluation.card.due')}</dt>
            <dd>{r.dueOn}</dd>
            {r.followUp && [
              <dt key="f-t">{t('evaluation.card.followUp')}</dt>,
              <dd key="f-d">{t('evaluation.card.followUpDone', { date: formatDateTime(r.followUp.at) })}</dd>,
            ]}
            {r.measures && [
              <dt key="m-t">{t('evaluation.card.measures')}</dt>,
              <dd key="m-d" lang="zh-CN">
                {r.measures}
              </dd>,
            ]}
            {r.reviewerLevel && [
              <dt key="r-t">{t('evaluation.card.rectificationRating')}</dt>,
              <dd key="r-d">{t(`evaluation.level.${r.reviewerLevel}` as LevelKey)}</dd>,
            ]}
            {r.appeal?.decision && [
              <dt key="a-t">{t('evaluation.card.appealDecision')}</dt>,
              <dd key="a-d" lang="zh-CN">
                {r.appeal.decisionReason}
              </dd>,
            ]}
          </dl>
        </>
      )}
    </div>
  );
}

function RectificationRatingForm({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ level: number; comment?: string }>();
  const save = useMutation({
    mutationFn: (v: { level: number; comment?: string }) => rateRectification(caseNo, { level: v.level, comment: v.comment || undefined }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: evaluationKeys.ofCase(caseNo) }),
  });
  return (
    <Form form={form} layout="vertical" className="ev-form" onFinish={(v) => save.mutate(v)} aria-label={t('evaluation.card.rateRectification')}>
      <h3>{t('evaluation.card.rateRectification')}</h3>
      <ProblemAlert error={save.error} />
      <Form.Item name="level" label={t('evaluation.card.rectificationRating')} rules={[{ required: true, message: t('validation.required') }]}>
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
      <Form.Item name="comment" label={t('evaluation.card.comment')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('evaluation.card.rateSubmit')}
      </Button>
    </Form>
  );
}
