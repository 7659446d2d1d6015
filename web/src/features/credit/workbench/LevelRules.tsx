import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../api/auth';
import type { FieldError } from '../../../api/errors';
import { QueryView } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/dayjs';
import { applyServerErrors } from '../../../lib/form-errors';
import { useLevelRules, useSetLevelRule, type LevelRule } from '../api';

/** Who may change the rules (the city's credit office); others with credit.file.read see them only. */
export const LEVEL_MANAGE = 'credit.level.manage';

type KindKey = 'credit.levels.kinds.base';
type RecordKey = 'credit.kind.penalty';
type ListKey = 'credit.list.honor';
type Values = { points: number; note?: string };
const FIELDS = ['points', 'note'] as const;

/** The rule's name as the office reads it: the record kind, the list, "A 级最低分", the base. */
function useRuleName() {
  const { t } = useTranslation();
  return (r: Pick<LevelRule, 'factorKind' | 'factor'>) => {
    switch (r.factorKind) {
      case 'record':
        return t(`credit.kind.${r.factor}` as RecordKey);
      case 'list':
        return t(`credit.list.${r.factor}` as ListKey);
      case 'threshold':
        return t('credit.levels.threshold', { level: r.factor });
      default:
        return t('credit.levels.base');
    }
  };
}

/**
 * 信用等级规则: the base score, the points of each record kind and list, the thresholds of A, B, C
 * (GET /api/workbench/credit/level-rules). Staff with credit.level.manage edit one rule at a time in a
 * modal; the server's refusals (thresholds out of order, out of range) show in it.
 */
export function LevelRules() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = hasPermission(me.data, LEVEL_MANAGE);
  const rules = useLevelRules();
  const name = useRuleName();
  const [editing, setEditing] = useState<LevelRule | null>(null);
  const columns: ColumnsType<LevelRule> = [
    { title: t('credit.levels.kind'), dataIndex: 'factorKind', render: (k: LevelRule['factorKind']) => t(`credit.levels.kinds.${k}` as KindKey) },
    { title: t('credit.levels.factor'), key: 'factor', render: (_, r) => name(r) },
    {
      title: t('credit.levels.points'),
      dataIndex: 'points',
      align: 'right',
      render: (p: number, r) => <span className="mono">{r.factorKind === 'record' || r.factorKind === 'list' ? (p > 0 ? `+${p}` : String(p)) : p}</span>,
    },
    { title: t('credit.levels.note'), dataIndex: 'note', render: (v: string) => <span lang="zh-CN">{v}</span> },
    {
      title: t('credit.levels.updated'),
      key: 'updated',
      render: (_, r) =>
        r.updatedAt ? t('credit.levels.version', { version: r.version, at: formatDateTime(r.updatedAt) }) : <Tag>{t('credit.levels.default')}</Tag>,
    },
    ...(canEdit
      ? [
          {
            title: t('credit.f.actions'),
            key: 'actions',
            render: (_: unknown, r: LevelRule) => (
              // The name says which rule; the eye sees 修改 (an aria-label the visible text is not part of fails WCAG 2.5.3).
              <Button size="small" onClick={() => setEditing(r)}>
                {t('credit.levels.edit')}
                <span className="visually-hidden"> {name(r)}</span>
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <QueryView query={rules}>
      {(d) => {
        const points = (kind: LevelRule['factorKind'], factor: string) => d.rules.find((r) => r.factorKind === kind && r.factor === factor)?.points;
        return (
          <>
            <p>{t('credit.levels.intro')}</p>
            <p>
              <strong>
                {t('credit.levels.summary', {
                  base: points('base', 'score'),
                  a: points('threshold', 'A'),
                  b: points('threshold', 'B'),
                  c: points('threshold', 'C'),
                })}
              </strong>
            </p>
            {!canEdit && <p>{t('credit.levels.readOnly')}</p>}
            <Table<LevelRule>
              aria-label={t('credit.levels.tab')}
              rowKey={(r) => `${r.factorKind}:${r.factor}`}
              size="small"
              columns={columns}
              dataSource={d.rules}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
            {editing && <EditRule rule={editing} name={name(editing)} onClose={() => setEditing(null)} />}
          </>
        );
      }}
    </QueryView>
  );
}

function EditRule({ rule, name, onClose }: { rule: LevelRule; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const save = useSetLevelRule();
  const submit = (v: Values) => {
    setLeftover([]);
    save.mutate(
      { rule, body: { points: v.points, ...(v.note?.trim() ? { note: v.note.trim() } : {}) } },
      {
        onSuccess: (saved) => {
          void message.success(t('credit.levels.saved', { name, points: saved.points }));
          onClose();
        },
        onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
      },
    );
  };
  const title = t('credit.levels.editTitle', { name });
  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" aria-label={title} initialValues={{ points: rule.points, note: rule.note }} onFinish={submit}>
        <ProblemAlert error={save.error} leftover={leftover} />
        <Form.Item
          name="points"
          label={t('credit.levels.points')}
          extra={t('credit.levels.pointsHint')}
          rules={[{ required: true, type: 'integer', message: t('validation.required') }]}
        >
          <InputNumber precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="note" label={t('credit.levels.note')} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('credit.levels.save')}
        </Button>{' '}
        <Button onClick={onClose}>{t('credit.levels.cancel')}</Button>
      </Form>
    </Modal>
  );
}
