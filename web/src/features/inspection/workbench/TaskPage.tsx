import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Popconfirm, Space, Steps, Table, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { SearchBox } from '../../../admin/ui/SearchBox';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { hasPermission, useMe } from '../../../api/auth';
import { QueryView } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/dayjs';
import {
  commitTask,
  discloseTask,
  drawTask,
  inspectionKeys,
  useTask,
  useTaskDraws,
  useTaskResults,
  type DrawSummary,
  type Result,
  voidDraw,
  useTaskAssignments,
  type Task,
  type TaskAssignment,
  type TaskDetail as TaskDetailT,
} from '../api';
import { drawAmount, outcomeColor, statusColor } from '../labels';
import { PenaltyAction } from './PenaltyForm';
import '../inspection.css';

const stepOf: Record<Task['status'], number> = { planned: 1, committed: 2, drawn: 3, in_progress: 3, finished: 4, disclosed: 5 };

export function TaskPage() {
  const me = useMe();
  // Managers run the task; supervisors (inspection.draw.void) read it and may void a draw.
  return (
    <RequirePermission permission={hasPermission(me.data, 'inspection.draw.void') ? 'inspection.draw.void' : 'inspection.plan.manage'}>
      <TaskView />
    </RequirePermission>
  );
}

function TaskView() {
  const { t } = useTranslation();
  const { taskId = '' } = useParams();
  const task = useTask(taskId);
  return (
    <QueryView query={task}>
      {(data) =>
        data ? (
          <TaskDetail task={data} />
        ) : (
          <AdminPage title={t('inspection.nav.tasks')}>
            <Alert type="warning" showIcon title={t('inspection.task.notFound')} />
            <p>
              <Link to="/workbench/inspection/tasks">{t('inspection.task.back')}</Link>
            </p>
          </AdminPage>
        )
      }
    </QueryView>
  );
}

function TaskDetail({ task }: { task: TaskDetailT }) {
  const { t } = useTranslation();
  const me = useMe();
  // A supervisor reads the task and may void a draw; the steps that run it are the manager's.
  const manager = hasPermission(me.data, 'inspection.plan.manage');
  const supervisor = hasPermission(me.data, 'inspection.draw.void');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const draws = useTaskDraws(task.id);
  const drawn = ['drawn', 'in_progress', 'finished', 'disclosed'].includes(task.status);
  const results = useTaskResults(task.id, drawn);
  const current = draws.data?.find((d) => d.status !== 'voided');
  const [keys] = useState(() => ({ commit: crypto.randomUUID(), draw: crypto.randomUUID() }));
  const refresh = () => qc.invalidateQueries({ queryKey: inspectionKeys.all });

  const commit = useMutation({
    mutationFn: () => commitTask(task.id, keys.commit),
    onSuccess: () => {
      void message.success(t('inspection.task.committed'));
      void refresh();
    },
  });
  const draw = useMutation({
    mutationFn: () => drawTask(task.id, keys.draw),
    onSuccess: (d) => {
      void message.success(t('inspection.task.drewDone', { count: d.selectedCount ?? 0 }));
      void refresh();
    },
  });
  const disclose = useMutation({
    mutationFn: () => discloseTask(task.id),
    onSuccess: (r) => {
      void message.success(t('inspection.task.disclosed', { count: r.disclosed }));
      void refresh();
    },
  });

  const itemNames = task.items.map((i) => `${i.code} ${i.name}`);
  const deptNames = task.departments.map((d) => d.name);
  const amount = drawAmount(task);
  const scope = task.scope;
  const scopeText = [
    scope.regionCodes?.join('、'),
    scope.industries?.join('、'),
    scope.riskLevels?.map((r) => t(`inspection.risk.${r}`)).join('、'),
    scope.creditLevels?.map((c) => t(`inspection.credit.${c}`)).join('、'),
  ]
    .filter(Boolean)
    .join('；');
  const recorded = results.data?.length ?? 0;
  const undisclosed = results.data?.filter((r) => !r.disclosedAt).length ?? 0;

  return (
    <AdminPage title={task.title} titleLang="zh-CN" actions={<Link to="/workbench/inspection/tasks">{t('inspection.task.back')}</Link>}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Steps
          size="small"
          current={stepOf[task.status] - 1}
          items={(['plan', 'commit', 'draw', 'inspect', 'disclose'] as const).map((s) => ({ title: t(`inspection.task.steps.${s}`) }))}
        />
        <Card title={<h2 className="insp-card-title">{t('inspection.task.overview')}</h2>}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('admin.status')}>
              <Tag color={statusColor[task.status]}>{t(`inspection.status.${task.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('inspection.tasks.dueDate')}>{task.dueDate}</Descriptions.Item>
            <Descriptions.Item label={t('inspection.tasks.items')}>{itemNames.join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('inspection.tasks.departments')}>{deptNames.join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('inspection.tasks.scope')}>{scopeText || t('inspection.task.scopeAll')}</Descriptions.Item>
            <Descriptions.Item label={t('inspection.tasks.draw')}>
              {amount.key === 'count' ? t('inspection.tasks.count', { value: amount.value }) : t('inspection.tasks.proportion', { value: amount.value })}
            </Descriptions.Item>
            <Descriptions.Item label={t('inspection.tasks.perEntity')}>
              {t('inspection.tasks.perEntityValue', { count: task.inspectorsPerEntity })}
            </Descriptions.Item>
            <Descriptions.Item label={t('inspection.tasks.disclosureDays')}>{task.disclosureWorkingDays}</Descriptions.Item>
          </Descriptions>
        </Card>

        {task.status === 'planned' && manager && (
          <Card title={<h2 className="insp-card-title">{t('inspection.task.commitTitle')}</h2>}>
            <p>{t('inspection.task.commitHelp')}</p>
            <ProblemAlert error={commit.error} />
            <Popconfirm title={t('inspection.task.commitConfirm')} onConfirm={() => commit.mutate()}>
              <Button type="primary" loading={commit.isPending}>
                {t('inspection.task.commit')}
              </Button>
            </Popconfirm>
          </Card>
        )}

        {task.status === 'committed' && (
          <Card title={<h2 className="insp-card-title">{t('inspection.task.drawTitle')}</h2>}>
            {current && (
              <p>
                {t('inspection.task.commitment')}: <code className="insp-hash">{current.commitment}</code>
              </p>
            )}
            {manager ? (
              <>
                <p>{t('inspection.task.drawHelp')}</p>
                <ProblemAlert error={draw.error} />
                <Popconfirm title={t('inspection.task.drawConfirm')} onConfirm={() => draw.mutate()}>
                  <Button type="primary" loading={draw.isPending}>
                    {t('inspection.task.drawNow')}
                  </Button>
                </Popconfirm>
              </>
            ) : (
              <p className="insp-muted">{t('inspection.task.waitingForDraw')}</p>
            )}
            {current && current.status === 'committed' && supervisor && <VoidDraw draw={current} help={t('inspection.task.voidCommittedHelp')} />}
          </Card>
        )}

        {current && current.status === 'drawn' && <DrawnCard draw={current} taskId={task.id} />}

        {drawn && (
          <Card
            title={<h2 className="insp-card-title">{t('inspection.task.results')}</h2>}
            extra={
              undisclosed > 0 && manager ? (
                <Popconfirm title={t('inspection.task.discloseConfirm', { count: undisclosed })} onConfirm={() => disclose.mutate()}>
                  <Button type="primary" loading={disclose.isPending}>
                    {t('inspection.task.disclose')}
                  </Button>
                </Popconfirm>
              ) : null
            }
          >
            <ProblemAlert error={disclose.error} />
            <QueryView query={results} isEmpty={(r) => r.length === 0} empty={<p>{t('inspection.task.resultsEmpty')}</p>}>
              {(list) => (
                <>
                  <p className="insp-results-summary">{t('inspection.task.resultsSummary', { recorded, disclosed: recorded - undisclosed })}</p>
                  <ResultsTable results={list} canDecidePenalty={manager} />
                </>
              )}
            </QueryView>
          </Card>
        )}

        {draws.data?.some((d) => d.status === 'voided') && (
          <Card title={<h2 className="insp-card-title">{t('inspection.task.draws')}</h2>}>
            <ul>
              {draws.data.map((d) => (
                <li key={d.id}>
                  <Link to={`/inspection/draws/${d.id}`}>{t('inspection.draw.seq', { seq: d.seq })}</Link> · {t(`inspection.drawStatus.${d.status}`)}
                  {d.voidReason && ` · ${t('inspection.task.voidReason', { reason: d.voidReason })}`}
                </li>
              ))}
            </ul>
          </Card>
        )}
      </Space>
    </AdminPage>
  );
}

function DrawnCard({ draw, taskId }: { draw: DrawSummary; taskId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const assignments = useTaskAssignments(taskId, { page, pageSize: 20, drawId: draw.id, ...(q ? { q } : {}) });
  const columns: TableColumnsType<TaskAssignment> = [
    { title: '#', dataIndex: 'seq', width: 56 },
    { title: t('inspection.task.entity'), dataIndex: 'entityName' },
    { title: t('inspection.task.uscc'), dataIndex: 'uscc', render: (v: string) => <span className="mono">{v}</span> },
    { title: t('inspection.task.inspectors'), key: 'inspectors', render: (_, a) => a.inspectors.map((i) => `${i.name}（${i.certificateNo}）`).join('；') },
    {
      title: t('inspection.task.resultCol'),
      key: 'result',
      render: (_, a) =>
        a.result ? (
          <Tag color={outcomeColor[a.result.outcome]}>{t(`inspection.outcome.${a.result.outcome}`)}</Tag>
        ) : (
          <span className="insp-muted">{t('inspection.task.noResult')}</span>
        ),
    },
  ];
  const canVoid = hasPermission(me.data, 'inspection.draw.void') && draw.status !== 'voided';
  return (
    <Card
      title={<h2 className="insp-card-title">{t('inspection.task.drawn')}</h2>}
      extra={<Link to={`/inspection/draws/${draw.id}`}>{t('inspection.task.publicLink')}</Link>}
    >
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('inspection.task.commitment')}>
          <code className="insp-hash">{draw.commitment}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('inspection.task.seed')}>
          <code className="insp-hash" data-testid="draw-seed">
            {draw.seed ?? t('inspection.task.seedHidden')}
          </code>
        </Descriptions.Item>
        <Descriptions.Item label={t('inspection.task.algorithm')}>{draw.algorithm}</Descriptions.Item>
        <Descriptions.Item label={t('inspection.draw.drawnAt')}>{formatDateTime(draw.drawnAt)}</Descriptions.Item>
        <Descriptions.Item label={t('inspection.task.poolSize')}>{draw.poolSize}</Descriptions.Item>
        <Descriptions.Item label={t('inspection.task.target')}>{draw.target}</Descriptions.Item>
        <Descriptions.Item label={t('inspection.task.selectedCount')}>{draw.selectedCount}</Descriptions.Item>
      </Descriptions>
      {canVoid && <VoidDraw draw={draw} help={t('inspection.task.voidHelp')} />}
      <h3 className="insp-subtitle">{t('inspection.task.entities')}</h3>
      <div className="list-toolbar">
        <SearchBox
          value={q}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          label={t('inspection.task.searchDrawn')}
        />
      </div>
      {assignments.isError ? (
        <ProblemAlert error={assignments.error} />
      ) : (
        <Table<TaskAssignment>
          aria-label={t('inspection.task.entities')}
          rowKey="id"
          size="small"
          loading={assignments.isFetching}
          columns={columns}
          dataSource={assignments.data?.items ?? []}
          locale={{ emptyText: t('inspection.task.noAssignments') }}
          pagination={{ current: page, pageSize: 20, total: assignments.data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: setPage }}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Card>
  );
}

/** A supervisor voids a draw (committed or drawn) with a reason of at least five characters. */
function VoidDraw({ draw, help }: { draw: DrawSummary; help: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  const doVoid = useMutation({
    mutationFn: () => voidDraw(draw.id, reason),
    onSuccess: () => {
      setVoiding(false);
      void message.success(t('inspection.task.voided'));
      void qc.invalidateQueries({ queryKey: inspectionKeys.all });
    },
  });
  if (!voiding) {
    return (
      <p>
        <Button danger size="small" onClick={() => setVoiding(true)}>
          {t('inspection.task.void')}
        </Button>
      </p>
    );
  }
  return (
    <div className="insp-section" role="group" aria-labelledby={`void-title-${draw.id}`}>
      <h3 id={`void-title-${draw.id}`} className="insp-subtitle">
        {t('inspection.task.voidTitle')}
      </h3>
      <p className="insp-muted">{help}</p>
      <ProblemAlert error={doVoid.error} />
      <label htmlFor={`void-reason-${draw.id}`}>{t('inspection.task.voidReasonLabel')}</label>
      <Input.TextArea id={`void-reason-${draw.id}`} rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      <Space style={{ marginTop: 8 }}>
        <Button danger type="primary" disabled={reason.trim().length < 5} loading={doVoid.isPending} onClick={() => doVoid.mutate()}>
          {t('inspection.task.void')}
        </Button>
        <Button onClick={() => setVoiding(false)}>{t('inspection.task.cancel')}</Button>
      </Space>
    </div>
  );
}

function ResultsTable({ results, canDecidePenalty }: { results: Result[]; canDecidePenalty: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Result> = [
    { title: t('inspection.task.inspectedOn'), dataIndex: 'inspectedOn' },
    {
      title: t('inspection.task.outcome'),
      dataIndex: 'outcome',
      render: (v: Result['outcome']) => <Tag color={outcomeColor[v]}>{t(`inspection.outcome.${v}`)}</Tag>,
    },
    { title: t('inspection.task.followUp'), dataIndex: 'followUp', render: (v: Result['followUp']) => t(`inspection.followUp.${v}`) },
    {
      title: t('inspection.task.disclosureDue'),
      dataIndex: 'disclosureDue',
      render: (v: string, r) => (r.disclosureDueEstimated ? `${v}${t('inspection.task.estimated')}` : v),
    },
    {
      title: t('inspection.task.disclosedAt'),
      dataIndex: 'disclosedAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t('inspection.task.notDisclosed')),
    },
    ...(canDecidePenalty ? [{ title: t('inspection.task.actions'), key: 'actions', render: (_: unknown, r: Result) => <PenaltyAction result={r} /> }] : []),
  ];
  return (
    <Table
      aria-label={t('inspection.task.results')}
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={results}
      pagination={results.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 'max-content' }}
    />
  );
}

export default TaskPage;
