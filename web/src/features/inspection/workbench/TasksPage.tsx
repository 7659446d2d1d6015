import { useMemo, useState } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasPermission, useMe } from '../../../api/auth';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { AdminTable } from '../../../admin/ui/AdminTable';
import { FormDrawer } from '../../../admin/ui/FormDrawer';
import { useListParams } from '../../../admin/ui/list-params';
import { DepartmentPicker, RegionPicker } from '../../../admin/ui/pickers';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import {
  createPlan,
  createTask,
  creditLevels,
  inspectionKeys,
  riskLevels,
  taskStatuses,
  useItems,
  usePlans,
  useTasks,
  type CreditLevel,
  type RiskLevel,
  type Task,
} from '../api';
import { oneOf } from '../../../lib/api-call';
import { drawAmount, statusColor } from '../labels';

const INDUSTRIES = ['餐饮', '食品销售', '零售', '制造', '住宿', '美容美发', '医疗机构', '广告'];

interface TaskForm {
  planId: string;
  title: string;
  itemIds: string[];
  departmentIds: string[];
  regionCodes?: string[];
  industries?: string[];
  riskLevels?: RiskLevel[];
  creditLevels?: CreditLevel[];
  mode: 'proportion' | 'count';
  proportionPercent?: number;
  count?: number;
  inspectorsPerEntity: number;
  riskWeights: Record<RiskLevel, number>;
  creditWeights: Record<CreditLevel, number>;
  recentTasks: number;
  dueDate: string;
  disclosureWorkingDays: number;
}
const TASK_FIELDS = [
  'planId',
  'title',
  'itemIds',
  'departmentIds',
  'scope',
  'count',
  'proportionPercent',
  'inspectorsPerEntity',
  'riskWeights',
  'creditWeights',
  'recentTasks',
  'dueDate',
  'disclosureWorkingDays',
] as const;

interface PlanForm {
  year: number;
  title: string;
  regionCode: string;
  departmentId: string;
}

/** Managers plan and add tasks here; a supervisor (inspection.draw.void, their 抽取监督 menu) reads the tasks of their region and opens a draw to void it. */
export function TasksPage() {
  const me = useMe();
  return (
    <RequirePermission permission={hasPermission(me.data, 'inspection.plan.manage') ? 'inspection.plan.manage' : 'inspection.draw.void'}>
      <Tasks />
    </RequirePermission>
  );
}

function Tasks() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const list = useListParams(['planId', 'status'] as const);
  const tasks = useTasks({ ...list.query, status: oneOf(taskStatuses, list.filters.status) });
  const manager = hasPermission(me.data, 'inspection.plan.manage');
  const plans = usePlans(manager);
  const items = useItems(manager);
  const [open, setOpen] = useState<'task' | 'plan' | null>(null);

  const departments = useMemo(() => {
    const seen = new Map<string, string>();
    for (const i of items.data?.items ?? []) seen.set(i.departmentId, i.departmentName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [items.data]);
  const deptName = (id: string) => departments.find((d) => d.value === id)?.label ?? id;

  const columns: TableColumnsType<Task> = [
    {
      title: t('inspection.tasks.title'),
      dataIndex: 'title',
      render: (v: string, task) => <Link to={`/workbench/inspection/tasks/${task.id}`}>{v}</Link>,
    },
    { title: t('admin.status'), dataIndex: 'status', render: (v: Task['status']) => <Tag color={statusColor[v]}>{t(`inspection.status.${v}`)}</Tag> },
    // The department names come from the items list, which only managers read.
    ...(manager ? [{ title: t('inspection.tasks.departments'), dataIndex: 'departmentIds', render: (ids: string[]) => ids.map(deptName).join('、') }] : []),
    {
      title: t('inspection.tasks.draw'),
      key: 'draw',
      render: (_, task) => {
        const a = drawAmount(task);
        return a.key === 'count' ? t('inspection.tasks.count', { value: a.value }) : t('inspection.tasks.proportion', { value: a.value });
      },
    },
    { title: t('inspection.tasks.perEntity'), dataIndex: 'inspectorsPerEntity', render: (n: number) => t('inspection.tasks.perEntityValue', { count: n }) },
    { title: t('inspection.tasks.dueDate'), dataIndex: 'dueDate' },
  ];

  const myDept = me.data?.staff?.departmentId;
  const planOptions = (plans.data ?? []).map((p) => ({ value: p.id, label: `${p.year} · ${p.title}` }));

  return (
    <AdminPage
      title={t('inspection.nav.tasks')}
      actions={
        manager && (
          <Space wrap>
            <Button onClick={() => setOpen('plan')}>{t('inspection.tasks.createPlan')}</Button>
            <Button type="primary" onClick={() => setOpen('task')} disabled={planOptions.length === 0}>
              {t('inspection.tasks.create')}
            </Button>
          </Space>
        )
      }
    >
      {plans.data && plans.data.length === 0 && <p>{t('inspection.tasks.noPlan')}</p>}
      <div className="list-toolbar">
        {manager && (
          <Select
            aria-label={t('inspection.tasks.plan')}
            placeholder={t('inspection.tasks.allPlans')}
            allowClear
            style={{ minWidth: 260 }}
            options={planOptions}
            value={list.filters.planId}
            onChange={(v?: string) => list.update({ planId: v })}
          />
        )}
        <Select
          aria-label={t('inspection.tasks.statusFilter')}
          placeholder={t('inspection.tasks.statusFilter')}
          allowClear
          style={{ minWidth: 160 }}
          options={taskStatuses.map((s) => ({ value: s, label: t(`inspection.status.${s}`) }))}
          value={list.filters.status}
          onChange={(v?: string) => list.update({ status: v })}
        />
      </div>
      <AdminTable<Task> query={tasks} columns={columns} rowKey="id" list={list} label={t('inspection.nav.tasks')} />

      <FormDrawer<PlanForm>
        name="inspection-plan"
        open={open === 'plan'}
        title={t('inspection.tasks.createPlan')}
        onClose={() => setOpen(null)}
        initialValues={{ year: new Date().getFullYear(), regionCode: me.data?.staff?.regionCode, departmentId: myDept }}
        fields={['year', 'title', 'regionCode', 'departmentId']}
        submit={(v, key) => createPlan(v, key)}
        onSaved={() => void qc.invalidateQueries({ queryKey: inspectionKeys.plans })}
      >
        <Form.Item name="year" label={t('inspection.tasks.planYear')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="title" label={t('inspection.tasks.planTitle')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('inspection.tasks.planRegion')} rules={[{ required: true, message: t('validation.required') }]}>
          <RegionPicker current={me.data?.staff ? [{ value: me.data.staff.regionCode, label: me.data.staff.regionName }] : undefined} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('inspection.tasks.planDepartment')} rules={[{ required: true, message: t('validation.required') }]}>
          <DepartmentPicker current={me.data?.staff ? [{ value: me.data.staff.departmentId, label: me.data.staff.departmentName }] : undefined} />
        </Form.Item>
      </FormDrawer>

      <FormDrawer<TaskForm>
        name="inspection-task"
        open={open === 'task'}
        title={t('inspection.tasks.create')}
        onClose={() => setOpen(null)}
        initialValues={{
          planId: list.filters.planId ?? planOptions[0]?.value,
          departmentIds: myDept ? [myDept] : [],
          mode: 'proportion',
          inspectorsPerEntity: 2,
          riskWeights: { low: 1, medium: 1, high: 1 },
          creditWeights: { A: 1, B: 1, C: 1, D: 1 },
          recentTasks: 3,
          disclosureWorkingDays: 20,
        }}
        fields={TASK_FIELDS}
        submit={(v, key) => {
          const scope = {
            ...(v.regionCodes?.length ? { regionCodes: v.regionCodes } : {}),
            ...(v.industries?.length ? { industries: v.industries } : {}),
            ...(v.riskLevels?.length ? { riskLevels: v.riskLevels } : {}),
            ...(v.creditLevels?.length ? { creditLevels: v.creditLevels } : {}),
          };
          return createTask(
            v.planId,
            {
              title: v.title,
              itemIds: v.itemIds,
              departmentIds: v.departmentIds,
              scope,
              count: v.mode === 'count' ? (v.count ?? null) : null,
              proportionPercent: v.mode === 'proportion' ? (v.proportionPercent ?? null) : null,
              inspectorsPerEntity: v.inspectorsPerEntity,
              riskWeights: v.riskWeights,
              creditWeights: v.creditWeights,
              recentTasks: v.recentTasks,
              dueDate: v.dueDate,
              disclosureWorkingDays: v.disclosureWorkingDays,
            },
            key,
          );
        }}
        onSaved={() => void qc.invalidateQueries({ queryKey: inspectionKeys.tasks })}
      >
        {(form) => (
          <>
            <Form.Item name="planId" label={t('inspection.tasks.plan')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={planOptions} />
            </Form.Item>
            <Form.Item
              name="title"
              label={t('inspection.tasks.title')}
              rules={[{ required: true, whitespace: true, min: 2, message: t('validation.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="itemIds" label={t('inspection.tasks.items')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select
                mode="multiple"
                loading={items.isPending}
                optionFilterProp="label"
                options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name} · ${i.departmentName}` }))}
              />
            </Form.Item>
            <Form.Item
              name="departmentIds"
              label={t('inspection.tasks.departments')}
              extra={t('inspection.tasks.departmentsHint')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <Select mode="multiple" options={departments} optionFilterProp="label" />
            </Form.Item>
            <fieldset className="insp-fieldset">
              <legend>{t('inspection.tasks.scope')}</legend>
              <Form.Item name="regionCodes" label={t('inspection.tasks.regions')} extra={t('inspection.tasks.regionsHint')}>
                <RegionPicker mode="multiple" />
              </Form.Item>
              <Form.Item name="industries" label={t('inspection.tasks.industries')} extra={t('inspection.tasks.industriesHint')}>
                <Select mode="tags" options={INDUSTRIES.map((v) => ({ value: v, label: v }))} />
              </Form.Item>
              <Form.Item name="riskLevels" label={t('inspection.tasks.riskLevels')}>
                <Checkbox.Group options={riskLevels.map((r) => ({ value: r, label: t(`inspection.risk.${r}`) }))} />
              </Form.Item>
              <Form.Item name="creditLevels" label={t('inspection.tasks.creditLevels')}>
                <Checkbox.Group options={creditLevels.map((c) => ({ value: c, label: t(`inspection.credit.${c}`) }))} />
              </Form.Item>
            </fieldset>
            <Form.Item name="mode" label={t('inspection.tasks.mode')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'proportion', label: t('inspection.tasks.byProportion') },
                  { value: 'count', label: t('inspection.tasks.byCount') },
                ]}
              />
            </Form.Item>
            <Form.Item noStyle dependencies={['mode']}>
              {() =>
                form.getFieldValue('mode') === 'count' ? (
                  <Form.Item name="count" label={t('inspection.tasks.countLabel')} rules={[{ required: true, message: t('validation.required') }]}>
                    <InputNumber min={1} precision={0} />
                  </Form.Item>
                ) : (
                  <Form.Item
                    name="proportionPercent"
                    label={t('inspection.tasks.proportionPercent')}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <InputNumber min={0.01} max={100} step={0.5} />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Form.Item
              name="inspectorsPerEntity"
              label={t('inspection.tasks.perEntity')}
              extra={t('inspection.tasks.perEntityHint')}
              rules={[{ required: true, type: 'number', min: 2, message: t('inspection.tasks.perEntityHint') }]}
            >
              <InputNumber min={2} max={20} precision={0} />
            </Form.Item>
            <Form.Item
              name="dueDate"
              label={t('inspection.tasks.dueDate')}
              rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('validation.required') }]}
            >
              <Input type="date" />
            </Form.Item>
            <fieldset className="insp-fieldset">
              <legend>{t('inspection.tasks.weights')}</legend>
              <Space wrap>
                {riskLevels.map((r) => (
                  <Form.Item key={r} name={['riskWeights', r]} label={t(`inspection.risk.${r}`)}>
                    <InputNumber min={1} max={100} precision={0} style={{ width: 90 }} />
                  </Form.Item>
                ))}
              </Space>
              <Space wrap>
                {creditLevels.map((c) => (
                  <Form.Item key={c} name={['creditWeights', c]} label={t(`inspection.credit.${c}`)}>
                    <InputNumber min={1} max={100} precision={0} style={{ width: 90 }} />
                  </Form.Item>
                ))}
              </Space>
            </fieldset>
            <Form.Item name="recentTasks" label={t('inspection.tasks.recentTasks')}>
              <InputNumber min={0} max={50} precision={0} />
            </Form.Item>
            <Form.Item name="disclosureWorkingDays" label={t('inspection.tasks.disclosureDays')}>
              <InputNumber min={1} max={60} precision={0} />
            </Form.Item>
          </>
        )}
      </FormDrawer>
    </AdminPage>
  );
}

export default TasksPage;
