import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Radio, Space, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { QueryView } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/dayjs';
import { evaluationKeys, rectificationAction, useRectification, type ActionBody, type RectificationDetail, type UnitAction } from '../api';
import { levelColor, lightColor, statusColor, dimensionsInOrder } from '../labels';
import '../evaluation.css';

type LevelKey = 'evaluation.level.1';
type DimKey = 'evaluation.dimension.overall';
type TagKey = 'evaluation.tag.other';
type StatusKey = 'evaluation.status.open';
type LightKey = 'evaluation.light.green';
type ActionKey = 'evaluation.wb.action.follow_up';

/** One rectification: the bad review, the follow-up, the measures, the appeal, and the actions the caller may take now. */
export function RectificationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useRectification(id);
  return (
    <AdminPage title={t('evaluation.wb.title')}>
      <p>
        <Link to="/workbench/rectifications">{t('evaluation.wb.back')}</Link>
      </p>
      <QueryView query={q}>{(r) => <Detail r={r} />}</QueryView>
    </AdminPage>
  );
}

function Detail({ r }: { r: RectificationDetail }) {
  const { t } = useTranslation();
  const e = r.evaluation;
  const actions: UnitAction[] = [
    ...r.allowedActions.filter((a): a is 'follow_up' | 'submit' | 'appeal' => a === 'follow_up' || a === 'submit' || a === 'appeal'),
    ...(r.allowedActions.includes('accept_appeal') ? (['decide'] as const) : []),
  ];
  return (
    <>
      <Card title={<h2 lang="zh-CN">{e.itemName}</h2>}>
        <p>
          <Tag color={statusColor[r.status]}>{t(`evaluation.status.${r.status}` as StatusKey)}</Tag>
          {r.light && <Tag color={lightColor[r.light]}>{t(`evaluation.light.${r.light}` as LightKey)}</Tag>}
        </p>
        <dl className="ev-meta">
          <dt>{t('evaluation.wb.case')}</dt>
          <dd className="mono">
            <Link to={`/workbench/cases/${r.caseNo}`}>{r.caseNo}</Link>
          </dd>
          <dt>{t('evaluation.wb.department')}</dt>
          <dd lang="zh-CN">{r.departmentName}</dd>
          <dt>{t('evaluation.wb.due')}</dt>
          <dd>
            {r.dueOn} {r.dueEstimated && t('evaluation.wb.estimated')}
          </dd>
          <dt>{t('evaluation.wb.review')}</dt>
          <dd>
            <Tag color={levelColor[e.level]}>{t(`evaluation.level.${e.level}` as LevelKey)}</Tag>
            {e.tags.map((tag) => (
              <Tag key={tag}>{t(`evaluation.tag.${tag}` as TagKey)}</Tag>
            ))}
            {e.comment && <p lang="zh-CN">{e.comment}</p>}
          </dd>
          {dimensionsInOrder(e.dimensions).map(([d, n]) => [
            <dt key={`${d}-t`}>{t(`evaluation.dimension.${d}` as DimKey)}</dt>,
            <dd key={`${d}-d`}>{t(`evaluation.level.${n}` as LevelKey)}</dd>,
          ])}
          <dt>{t('evaluation.wb.followUp')}</dt>
          <dd>
            {r.followUp ? (
              <>
                {formatDateTime(r.followUp.at)} · <span lang="zh-CN">{r.followUp.by}</span> ·{' '}
                {t(r.followUp.reached ? 'evaluation.wb.reached' : 'evaluation.wb.notReached')}
                <p lang="zh-CN">{r.followUp.note}</p>
              </>
            ) : (
              t('evaluation.wb.noFollowUp')
            )}
          </dd>
          {r.measures && [
            <dt key="m-t">{t('evaluation.wb.measures')}</dt>,
            <dd key="m-d" lang="zh-CN">
              {r.measures}
            </dd>,
          ]}
          {r.reviewerLevel && [
            <dt key="r-t">{t('evaluation.wb.reviewerRating')}</dt>,
            <dd key="r-d">
              {t(`evaluation.level.${r.reviewerLevel}` as LevelKey)} {r.reviewerComment && <span lang="zh-CN">{r.reviewerComment}</span>}
            </dd>,
          ]}
          {r.appeal && [
            <dt key="a-t">{t('evaluation.wb.appeal')}</dt>,
            <dd key="a-d">
              <span lang="zh-CN">{r.appeal.reason}</span>
              {r.appeal.decision && (
                <p>
                  {t('evaluation.wb.decision')}：{t(r.appeal.decision === 'accepted' ? 'evaluation.wb.decisionAccepted' : 'evaluation.wb.decisionRejected')} ·{' '}
                  <span lang="zh-CN">{r.appeal.decisionReason}</span>
                </p>
              )}
            </dd>,
          ]}
        </dl>
      </Card>
      {actions.length > 0 && <Actions r={r} actions={actions} />}
    </>
  );
}

interface Values {
  reached?: boolean;
  text?: string;
  decision?: 'accepted' | 'rejected';
}

function Actions({ r, actions }: { r: RectificationDetail; actions: UnitAction[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [current, setCurrent] = useState<UnitAction | null>(null);
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const text = v.text ?? '';
      const body: ActionBody =
        current === 'follow_up'
          ? { kind: 'follow_up', body: { reached: !!v.reached, note: text, version: r.version } }
          : current === 'submit'
            ? { kind: 'submit', body: { measures: text, version: r.version } }
            : current === 'appeal'
              ? { kind: 'appeal', body: { reason: text, version: r.version } }
              : { kind: 'decide', body: { decision: v.decision ?? 'rejected', reason: text, version: r.version } };
      return rectificationAction(r.id, body);
    },
    onSuccess: () => {
      void message.success(t('evaluation.wb.saved'));
      setCurrent(null);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: evaluationKeys.rectifications });
    },
  });
  const textLabel =
    current === 'follow_up'
      ? t('evaluation.wb.form.note')
      : current === 'submit'
        ? t('evaluation.wb.form.measures')
        : current === 'appeal'
          ? t('evaluation.wb.form.reason')
          : t('evaluation.wb.form.decisionReason');
  return (
    <Card style={{ marginTop: 12 }}>
      {!current ? (
        <Space wrap>
          {actions.map((a) => (
            <Button key={a} type={a === 'submit' || a === 'decide' ? 'primary' : 'default'} onClick={() => setCurrent(a)}>
              {t(`evaluation.wb.action.${a}` as ActionKey)}
            </Button>
          ))}
        </Space>
      ) : (
        <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} aria-label={t(`evaluation.wb.action.${current}` as ActionKey)}>
          <h2>{t(`evaluation.wb.action.${current}` as ActionKey)}</h2>
          <ProblemAlert error={save.error} />
          {current === 'follow_up' && (
            <Form.Item name="reached" valuePropName="checked" initialValue={true}>
              <Checkbox>{t('evaluation.wb.form.reached')}</Checkbox>
            </Form.Item>
          )}
          {current === 'decide' && (
            <Form.Item name="decision" label={t('evaluation.wb.form.decision')} rules={[{ required: true, message: t('validation.required') }]}>
              <Radio.Group>
                <Space wrap>
                  <Radio value="accepted">{t('evaluation.wb.decisionAccepted')}</Radio>
                  <Radio value="rejected">{t('evaluation.wb.decisionRejected')}</Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
          )}
          <Form.Item name="text" label={textLabel} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={4} maxLength={current === 'submit' ? 4000 : 2000} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('evaluation.wb.form.save')}
            </Button>
            <Button onClick={() => setCurrent(null)}>{t('evaluation.wb.form.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}

export default RectificationPage;
