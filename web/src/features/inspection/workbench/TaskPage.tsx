import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Steps, Table, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { QueryView } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/dayjs';
import {
  commitTask,
  discloseTask,
  drawTask,
  inspectionKeys,
  useInspectors,
  useItems,
  usePublicDraw,
  useTask,
  useTaskDraws,
  useTaskResults,
  type DrawSummary,
  type PublicDraw,
  type Result,
  type Task,
} from '../api';
import { drawAmount, outcomeColor, statusColor } from '../labels';
import '../inspection.css';

const stepOf: Record<Task['status'], number> = { planned: 1, committed: 2, drawn: 3, in_progress: 3, finished: 4, disclosed: 5 };

export function TaskPage() {
  return (
    <RequirePermission permission="inspection.plan.manage">
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

function TaskDetail({ task }: { task: Task }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const items = useItems();
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

  const itemNames = task.itemIds.map((id) => {
    const i = items.data?.items.find((x) => x.id === id);
    return i ? `${i.code} ${i.name}` : id;
  });
  const deptNames = task.departmentIds.map((id) => items.data?.items.find((x) => x.departmentId === id)?.departmentName ?? id);
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
    <AdminPage title={task.title} actions={<Link to="/workbench/inspection/tasks">{t('inspection.task.back')}</Link>}>
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
            <Descriptions.Item label={t('inspection.tasks.perEntity')}>{t('inspection.tasks.perEntityValue', { count: task.inspectorsPerEntity })}</Descriptions.Item>
            <Descriptions.Item label={t('inspection.tasks.disclosureDays')}>{task.disclosureWorkingDays}</Descriptions.Item>
          </Descriptions>
        </Card>

        {task.status === 'planned' && (
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
            <p>{t('inspection.task.drawHelp')}</p>
            <ProblemAlert error={draw.error} />
            <Popconfirm title={t('inspection.task.drawConfirm')} onConfirm={() => draw.mutate()}>
              <Button type="primary" loading={draw.isPending}>
                {t('inspection.task.drawNow')}
              </Button>
            </Popconfirm>
          </Card>
        )}

        {current && current.status === 'drawn' && <DrawnCard draw={current} />}

        {drawn && (
          <Card
            title={<h2 className="insp-card-title">{t('inspection.task.results')}</h2>}
            extra={
              undisclosed > 0 ? (
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
                  <ResultsTable results={list} />
                </>
              )}
            </QueryView>
          </Card>
        )}

        {draws.data && draws.data.length > 1 && (
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

function DrawnCard({ draw }: { draw: DrawSummary }) {
  const { t } = useTranslation();
  const pub = usePublicDraw(draw.id);
  const inspectors = useInspectors();
  const nameOf = (key: string) => {
    const i = inspectors.data?.items.find((x) => x.id === key);
    return i ? `${i.name}（${i.certificateNo}）` : key.slice(0, 8);
  };
  const columns: TableColumnsType<PublicDraw['selected'][number]> = [
    { title: '#', key: 'n', width: 48, render: (_, __, i) => i + 1 },
    { title: t('inspection.task.entity'), dataIndex: 'entityName' },
    { title: t('inspection.task.uscc'), dataIndex: 'uscc', render: (v: string) => <span className="mono">{v}</span> },
    {
      title: t('inspection.task.inspectors'),
      key: 'inspectors',
      render: (_, s) => s.inspectors.map((i) => `${nameOf(i.key)} · ${i.department}`).join('；'),
    },
  ];
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
          <code className="insp-hash" data-testid="draw-seed">{draw.seed ?? t('inspection.task.seedHidden')}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('inspection.task.algorithm')}>{draw.algorithm}</Descriptions.Item>
        <Descriptions.Item label={t('inspection.draw.drawnAt')}>{formatDateTime(draw.drawnAt)}</Descriptions.Item>
        <Descriptions.Item label={t('inspection.task.poolSize')}>{draw.poolSize}</Descriptions.Item>
        <Descriptions.Item label={t('inspection.task.target')}>{draw.target}</Descriptions.Item>
        <Descriptions.Item label={t('inspection.task.selectedCount')}>{draw.selectedCount}</Descriptions.Item>
      </Descriptions>
      <h3 className="insp-subtitle">{t('inspection.task.entities')}</h3>
      <QueryView query={pub}>
        {(d) => (
          <Table
            aria-label={t('inspection.task.entities')}
            rowKey="uscc"
            size="small"
            columns={columns}
            dataSource={d.selected}
            pagination={d.selected.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 'max-content' }}
          />
        )}
      </QueryView>
    </Card>
  );
}

function ResultsTable({ results }: { results: Result[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Result> = [
    { title: t('inspection.task.inspectedOn'), dataIndex: 'inspectedOn' },
    { title: t('inspection.task.outcome'), dataIndex: 'outcome', render: (v: Result['outcome']) => <Tag color={outcomeColor[v]}>{t(`inspection.outcome.${v}`)}</Tag> },
    { title: t('inspection.task.followUp'), dataIndex: 'followUp', render: (v: Result['followUp']) => t(`inspection.followUp.${v}`) },
    {
      title: t('inspection.task.disclosureDue'),
      dataIndex: 'disclosureDue',
      render: (v: string, r) => (r.disclosureDueEstimated ? `${v}${t('inspection.task.estimated')}` : v),
    },
    { title: t('inspection.task.disclosedAt'), dataIndex: 'disclosedAt', render: (v: string | null) => (v ? formatDateTime(v) : t('inspection.task.notDisclosed')) },
  ];
  return <Table aria-label={t('inspection.task.results')} rowKey="id" size="small" columns={columns} dataSource={results} pagination={results.length > 20 ? { pageSize: 20 } : false} scroll={{ x: 'max-content' }} />;
}

export default TaskPage;
