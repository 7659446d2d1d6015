import { useState } from 'react';
import { Alert, App, Button, Form, Modal, Select, Space, Table, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../../api/auth';
import { isApiError } from '../../../api/errors';
import { DepartmentPicker } from '../../../admin/ui/pickers';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { catalogKeys, createImplementation, exportCatalog, importCatalog, useBaseItems, type ImportProblem, type ImportReport } from '../api';

/** Editor: implement a base catalog item in your department (the server derives the code). */
export function CreateImplementation() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [form] = Form.useForm<{ baseCode: string; departmentId: string }>();
  const items = useBaseItems(q, open);
  const ownDepartment = me.data?.staff?.roles.find((r) => r.code === 'catalog_editor' && r.departmentId)?.departmentId ?? me.data?.staff?.departmentId;
  const create = useMutation({
    mutationFn: async () => createImplementation(await form.validateFields()),
    onSuccess: (impl) => {
      void qc.invalidateQueries({ queryKey: catalogKeys.all });
      void message.success(t('catalog.editor.created'));
      setOpen(false);
      void navigate(`/workbench/catalog/items/${impl.implementationCode}`);
    },
  });
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        {t('catalog.editor.create')}
      </Button>
      <Modal
        open={open}
        title={t('catalog.editor.createTitle')}
        okText={t('catalog.editor.create')}
        okButtonProps={{ loading: create.isPending }}
        onCancel={() => setOpen(false)}
        onOk={() => create.mutate()}
        destroyOnHidden
      >
        <p className="cat-hint">{t('catalog.editor.createHint')}</p>
        <ProblemAlert error={isApiError(create.error) ? create.error : null} />
        <Form form={form} layout="vertical" name="catalog-create" initialValues={{ departmentId: ownDepartment }}>
          <Form.Item name="baseCode" label={t('catalog.editor.baseItem')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setQ }}
              placeholder={t('catalog.editor.baseItemSearch')}
              loading={items.isFetching}
              options={(items.data?.items ?? []).map((i) => ({
                value: i.baseCode,
                label: `${i.name} · ${i.baseCode} · ${t('catalog.editor.implementations', { count: i.implementations })}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="departmentId" label={t('catalog.editor.departmentLabel')} rules={[{ required: true, message: t('validation.required') }]}>
            <DepartmentPicker aria-label={t('catalog.editor.departmentLabel')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Reviewer: export the catalog workbook and import it back (all or nothing, every bad cell listed). */
export function ExcelPanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [report, setReport] = useState<ImportReport | null>(null);
  const download = useMutation({
    mutationFn: exportCatalog,
    onSuccess: (blob) => {
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `catalog-${new Date().toISOString().slice(0, 10)}.xlsx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });
  const upload = useMutation({
    mutationFn: importCatalog,
    onMutate: () => setReport(null),
    onSuccess: (r) => {
      setReport(r);
      void qc.invalidateQueries({ queryKey: catalogKeys.all });
    },
  });
  // The problem's errors[] carry each bad cell as `sheet!row:column` (the first 200).
  const problems: ImportProblem[] = isApiError(upload.error)
    ? upload.error.errors.flatMap((e) => {
        const m = /^(.*)!(\d+):(.*)$/.exec(e.field);
        return m ? [{ sheet: m[1]!, row: Number(m[2]), column: m[3]!, reason: e.code ?? e.message }] : [];
      })
    : [];
  return (
    <details className="cat-excel">
      <summary>{t('catalog.editor.excel')}</summary>
      <p className="cat-hint">{t('catalog.editor.importHint')}</p>
      <Space wrap>
        <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
          {download.isPending ? t('catalog.editor.exporting') : t('catalog.editor.export')}
        </Button>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          customRequest={({ file }) => upload.mutate(file as File)}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {t('catalog.editor.import')}
          </Button>
        </Upload>
      </Space>
      {download.error && <ProblemAlert error={download.error} />}
      {report && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          title={t('catalog.editor.importDone', {
            itemsCreated: report.items.created,
            itemsUpdated: report.items.updated,
            feesCreated: report.fees.created,
            feesUpdated: report.fees.updated,
            implCreated: report.implementations.created,
            implDrafted: report.implementations.drafted,
            implUnchanged: report.implementations.unchanged,
          })}
        />
      )}
      {upload.error && problems.length === 0 && <ProblemAlert error={upload.error} />}
      {problems.length > 0 && (
        <div role="alert" style={{ marginTop: 12 }}>
          <Alert type="error" showIcon title={t('catalog.editor.importFailed', { count: problems.length })} />
          <Table<ImportProblem>
            size="small"
            rowKey={(p) => `${p.sheet}-${p.row}-${p.column}-${p.reason}`}
            dataSource={problems}
            pagination={problems.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('catalog.editor.sheet'), dataIndex: 'sheet' },
              { title: t('catalog.editor.row'), dataIndex: 'row' },
              { title: t('catalog.editor.column'), dataIndex: 'column' },
              { title: t('catalog.editor.reason'), dataIndex: 'reason' },
            ]}
          />
        </div>
      )}
    </details>
  );
}
