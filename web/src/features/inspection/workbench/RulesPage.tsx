// 实施细则: each department's published rules for random inspections.
import { useState } from 'react';
import { App, Button, Form, Input, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/auth';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { inspectionKeys, putRules, useRules } from '../api';
import { MANAGE, useDepartmentOptions } from './directory-shared';

export function RulesPage() {
  return (
    <RequirePermission permission={MANAGE}>
      <RulesEditor />
    </RequirePermission>
  );
}

function RulesEditor() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const rules = useRules();
  const departments = useDepartmentOptions();
  const [departmentId, setDepartmentId] = useState<string | undefined>(undefined);
  const dept = departmentId ?? me.data?.staff?.departmentId ?? departments[0]?.value;
  const current = rules.data?.find((r) => r.departmentId === dept);
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: { title: string; body: string; fileRefs?: string }) =>
      putRules(dept!, {
        title: v.title,
        body: v.body,
        fileRefs: (v.fileRefs ?? '')
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      }),
    onSuccess: () => {
      void message.success(t('inspection.rules.saved'));
      void qc.invalidateQueries({ queryKey: inspectionKeys.rules });
    },
  });
  return (
    <AdminPage title={t('inspection.nav.rules')}>
      <p className="insp-muted">{t('inspection.rules.help')}</p>
      <div className="list-toolbar">
        <Select aria-label={t('inspection.items.department')} style={{ minWidth: 260 }} options={departments} value={dept} onChange={setDepartmentId} />
      </div>
      {rules.isPending ? (
        <p>{t('inspection.rules.loading')}</p>
      ) : rules.isError ? (
        <ProblemAlert error={rules.error} />
      ) : (
        <Form
          key={`${dept}-${current?.updatedAt ?? 'new'}`}
          layout="vertical"
          name="inspection-rules"
          initialValues={{ title: current?.title ?? '', body: current?.body ?? '', fileRefs: (current?.fileRefs ?? []).join('\n') }}
          onFinish={(v) => save.mutate(v)}
          style={{ maxWidth: 820 }}
        >
          <ProblemAlert error={save.error} />
          <Form.Item name="title" label={t('inspection.rules.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('validation.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="body" label={t('inspection.rules.body')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input.TextArea rows={12} maxLength={50000} />
          </Form.Item>
          <Form.Item name="fileRefs" label={t('inspection.rules.files')} extra={t('inspection.rules.filesHint')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          {current && <p className="insp-muted">{t('inspection.rules.updatedAt', { at: current.updatedAt.slice(0, 16).replace('T', ' ') })}</p>}
          <Button type="primary" htmlType="submit" loading={save.isPending} disabled={!dept}>
            {t('inspection.rules.save')}
          </Button>
        </Form>
      )}
    </AdminPage>
  );
}
