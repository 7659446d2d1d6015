import { useState } from 'react';
import { App, Button, Form, Input, Pagination, Radio, Space, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { useListParams } from '../../../admin/ui/list-params';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { QueryView } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { applyServerErrors } from '../../../lib/form-errors';
import type { FieldError } from '../../../api/errors';
import { todayInCity } from '../../../lib/dayjs';
import { followUps, inspectionKeys, outcomes, recordResult, useMyAssignments, type Assignment, type ResultCreate } from '../api';
import { outcomeColor } from '../labels';
import '../inspection.css';

/** The inspector's page, made for a phone: one card per entity, the result form opens in the card. */
export function MyAssignmentsPage() {
  return (
    <RequirePermission permission="inspection.result.record">
      <MyAssignments />
    </RequirePermission>
  );
}

function MyAssignments() {
  const { t } = useTranslation();
  const list = useListParams();
  const assignments = useMyAssignments({ page: list.page, pageSize: list.pageSize });
  return (
    <AdminPage title={t('inspection.mine.title')}>
      <p>{t('inspection.mine.intro')}</p>
      <QueryView query={assignments} isEmpty={(d) => d.items.length === 0} empty={<p>{t('inspection.mine.empty')}</p>}>
        {(page) => (
          <>
            <ul className="insp-assignments">
              {page.items.map((a) => (
                <AssignmentCard key={a.id} assignment={a} />
              ))}
            </ul>
            {page.total > page.pageSize && (
              <Pagination
                style={{ marginTop: 16 }}
                current={list.page}
                pageSize={list.pageSize}
                total={page.total}
                simple
                onChange={(p) => list.update({ page: p })}
              />
            )}
          </>
        )}
      </QueryView>
    </AdminPage>
  );
}

function AssignmentCard({ assignment: a }: { assignment: Assignment }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const titleId = `assignment-${a.id}`;
  const others = a.inspectors.map((i) => i.name);
  return (
    <li className="insp-assignment" aria-labelledby={titleId}>
      <h2 id={titleId} lang="zh-CN">
        {a.entityName}
      </h2>
      <dl className="insp-meta">
        <dt>{t('inspection.task.uscc')}</dt>
        <dd className="mono">{a.uscc}</dd>
        <dt>{t('inspection.mine.address')}</dt>
        <dd>{a.address ?? '—'}</dd>
        <dt>{t('inspection.mine.task')}</dt>
        <dd>{a.taskTitle}</dd>
        <dt>{t('inspection.mine.with')}</dt>
        <dd>{others.join('、')}</dd>
      </dl>
      {a.result ? (
        <p>
          <Tag color="green">{t('inspection.mine.recorded')}</Tag>
          <Tag color={outcomeColor[a.result.outcome]}>{t(`inspection.outcome.${a.result.outcome}`)}</Tag>
          <span>
            {a.result.inspectedOn} · {t('inspection.mine.disclosureDue', { date: a.result.disclosureDue })}
          </span>
        </p>
      ) : open ? (
        <ResultForm assignment={a} onDone={() => setOpen(false)} />
      ) : (
        <Space wrap>
          <Tag>{t('inspection.mine.pending')}</Tag>
          <Button type="primary" onClick={() => setOpen(true)} aria-label={t('inspection.mine.recordFor', { name: a.entityName })}>
            {t('inspection.mine.record')}
          </Button>
        </Space>
      )}
    </li>
  );
}

interface FormValues {
  outcome: ResultCreate['outcome'];
  inspectedOn: string;
  notes?: string;
  followUp: ResultCreate['followUp'];
  followUpNote?: string;
}
const FIELDS = ['outcome', 'inspectedOn', 'notes', 'followUp', 'followUpNote'] as const;

function ResultForm({ assignment, onDone }: { assignment: Assignment; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [key] = useState(() => crypto.randomUUID());
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      recordResult(
        assignment.id,
        {
          outcome: v.outcome,
          inspectedOn: v.inspectedOn,
          notes: v.notes || null,
          followUp: v.followUp,
          followUpNote: v.followUp !== 'none' ? v.followUpNote || null : null,
          photoRefs: [],
        },
        key,
      ),
    onMutate: () => setLeftover([]),
    onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
    onSuccess: () => {
      void message.success(t('inspection.mine.saved'));
      void qc.invalidateQueries({ queryKey: inspectionKeys.mine });
      onDone();
    },
  });
  return (
    <div className="insp-result-form">
      <ProblemAlert error={save.error} leftover={leftover} />
      <Form<FormValues>
        form={form}
        name={`result-${assignment.id}`}
        layout="vertical"
        initialValues={{ inspectedOn: todayInCity(), followUp: 'none' }}
        onFinish={(v) => save.mutate(v)}
        aria-label={t('inspection.mine.recordFor', { name: assignment.entityName })}
      >
        <Form.Item name="outcome" label={t('inspection.mine.outcome')} rules={[{ required: true, message: t('validation.required') }]}>
          <Radio.Group>
            <Space orientation="vertical">
              {outcomes.map((o) => (
                <Radio key={o} value={o}>
                  {t(`inspection.outcome.${o}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="inspectedOn" label={t('inspection.mine.inspectedOn')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input type="date" max={todayInCity()} />
        </Form.Item>
        <Form.Item name="notes" label={t('inspection.mine.notes')} extra={t('inspection.mine.notesHint')}>
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item name="followUp" label={t('inspection.mine.followUp')}>
          <Radio.Group>
            <Space orientation="vertical">
              {followUps.map((f) => (
                <Radio key={f} value={f}>
                  {t(`inspection.followUp.${f}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item noStyle dependencies={['followUp']}>
          {() =>
            form.getFieldValue('followUp') !== 'none' && (
              <Form.Item name="followUpNote" label={t('inspection.mine.followUpNote')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            )
          }
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('inspection.mine.submit')}
          </Button>
          <Button onClick={onDone}>{t('action.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}

export default MyAssignmentsPage;
