// 检查对象名录库: the entity directory, with its CSV import.
import { useState } from 'react';
import { Alert, Button, Select, Table, Tag, Upload, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { AdminTable } from '../../../admin/ui/AdminTable';
import { useListParams } from '../../../admin/ui/list-params';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { SearchBox } from '../../../admin/ui/SearchBox';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { importEntities, inspectionKeys, riskLevels, useEntities, type BadRow, type Entity, type ImportReport } from '../api';
import { oneOf } from '../../../lib/api-call';
import { MANAGE } from './directory-shared';

const creditColor: Record<NonNullable<Entity['computedCreditLevel']>, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

export function EntitiesPage() {
  return (
    <RequirePermission permission={MANAGE}>
      <Entities />
    </RequirePermission>
  );
}

function Entities() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useListParams(['riskLevel'] as const);
  const entities = useEntities({ ...list.query, riskLevel: oneOf(riskLevels, list.filters.riskLevel) });
  const [outcome, setOutcome] = useState<{ ok: true; report: ImportReport } | { ok: false; badRows: BadRow[]; badRowCount: number } | null>(null);
  const upload = useMutation({
    mutationFn: importEntities,
    onSuccess: (r) => {
      setOutcome(r);
      if (r.ok) void qc.invalidateQueries({ queryKey: inspectionKeys.entities });
    },
  });

  const columns: TableColumnsType<Entity> = [
    { title: t('inspection.entities.uscc'), dataIndex: 'uscc', width: 200 },
    { title: t('inspection.entities.name'), dataIndex: 'name' },
    { title: t('inspection.entities.type'), dataIndex: 'entityType' },
    { title: t('inspection.entities.industry'), dataIndex: 'industry' },
    { title: t('inspection.entities.address'), dataIndex: 'address' },
    {
      title: t('inspection.entities.risk'),
      dataIndex: 'riskLevel',
      render: (r: Entity['riskLevel']) => <Tag color={r === 'high' ? 'red' : r === 'medium' ? 'orange' : undefined}>{t(`inspection.risk.${r}`)}</Tag>,
    },
    {
      // The level credit computes today (what a draw weights by) beside the imported letter.
      title: t('inspection.entities.credit'),
      key: 'credit',
      render: (_, e) => {
        const imported = t(`inspection.credit.${e.creditLevel}`);
        if (!e.computedCreditLevel) return t('inspection.entities.creditNoFile', { level: imported });
        const level = t(`inspection.credit.${e.computedCreditLevel}`);
        return (
          <>
            <Tag color={creditColor[e.computedCreditLevel]}>{t('inspection.entities.creditComputed', { level })}</Tag>
            <div className="insp-muted">{t('inspection.entities.creditImported', { level: imported })}</div>
          </>
        );
      },
    },
  ];

  return (
    <AdminPage
      title={t('inspection.nav.entities')}
      actions={
        <Upload
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          beforeUpload={(file) => {
            setOutcome(null);
            upload.mutate(file);
            return false;
          }}
        >
          <Button type="primary" loading={upload.isPending}>
            {t('inspection.entities.import')}
          </Button>
        </Upload>
      }
    >
      <p className="insp-muted">{t('inspection.entities.importHelp')}</p>
      <p className="insp-muted">{t('inspection.entities.creditHelp')}</p>
      {upload.isPending && <Alert type="info" showIcon title={t('inspection.entities.importing')} />}
      <ProblemAlert error={upload.error} />
      {outcome?.ok && (
        <Alert
          type="success"
          showIcon
          title={t('inspection.entities.imported', { count: outcome.report.imported, created: outcome.report.created, updated: outcome.report.updated })}
        />
      )}
      {outcome && !outcome.ok && (
        <section aria-labelledby="bad-rows" className="insp-section">
          <Alert type="error" showIcon title={<span id="bad-rows">{t('inspection.entities.badRows', { count: outcome.badRowCount })}</span>} />
          <Table<BadRow>
            size="small"
            rowKey={(r) => `${r.row}-${r.field}-${r.code}`}
            dataSource={outcome.badRows}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { title: t('inspection.entities.row'), dataIndex: 'row', width: 80 },
              { title: t('inspection.entities.field'), dataIndex: 'field', render: (f: string) => t(`inspection.entities.fields.${f}`, { defaultValue: f }) },
              { title: t('inspection.entities.problem'), dataIndex: 'code', render: (c: string) => t(`inspection.entities.codes.${c}`, { defaultValue: c }) },
            ]}
          />
        </section>
      )}
      <div className="list-toolbar">
        <SearchBox value={list.q} onSearch={(q) => list.update({ q })} label={t('inspection.entities.search')} />
        <Select
          aria-label={t('inspection.entities.risk')}
          placeholder={t('inspection.entities.allRisks')}
          allowClear
          style={{ minWidth: 140 }}
          options={riskLevels.map((r) => ({ value: r, label: t(`inspection.risk.${r}`) }))}
          value={list.filters.riskLevel}
          onChange={(v?: string) => list.update({ riskLevel: v })}
        />
      </div>
      <AdminTable<Entity> query={entities} columns={columns} rowKey="uscc" list={list} label={t('inspection.nav.entities')} />
    </AdminPage>
  );
}
