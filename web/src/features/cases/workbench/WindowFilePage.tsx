import { useState } from 'react';
import { Button, Card, Form, Input, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../../api/auth';
import { isApiError, type FieldError } from '../../../api/errors';
import { ErrorState, PageLoading } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCatalogSearch, useGuide, type GuideDocument } from '../../catalog/api';
import { useCounterWindows } from '../../evaluation/api';
import { casesKeys, submitCase, type CaseSubmit, type WalkInApplicant } from '../api';
import { FormFields, initialFormValues } from '../form';
import { useApplicationForm, type FormAnswer } from '../form-api';
import { MaterialsEditor, materialsBody, missingMaterials, type MaterialChoices } from '../materials';
import '../cases.css';

type Delivery = NonNullable<CaseSubmit['delivery']>;

/** The counter a clerk sits at all day: remembered in this browser so each filing records its window. */
const COUNTER_WINDOW_KEY = 'yiwang.counterWindow';

/** 一窗受理: a window clerk files a case for a walk-in applicant whose identity was checked at the counter. */
export function WindowFilePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.file.title'));
  const [search, setSearch] = useState('');
  const [code, setCode] = useState<string | undefined>();
  const items = useCatalogSearch({ q: search || undefined, pageSize: 20 });
  return (
    <>
      <div className="staff-page-header">
        <h1>{t('cases.file.title')}</h1>
      </div>
      <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.file.item')}</h2>}>
        <label htmlFor="cs-file-item" className="cs-field-label">
          {t('cases.file.pickItem')}
        </label>
        <Select
          id="cs-file-item"
          showSearch={{ filterOption: false, onSearch: setSearch }}
          style={{ width: '100%', maxWidth: 640 }}
          value={code}
          onChange={setCode}
          loading={items.isFetching}
          placeholder={t('cases.file.pickItem')}
          options={(items.data?.items ?? []).map((i) => ({ value: i.implementationCode, label: `${i.name} · ${i.departmentName}` }))}
          notFoundContent={items.isFetching ? t('state.loading') : t('state.empty')}
        />
      </Card>
      {code && <FileFor key={code} code={code} />}
    </>
  );
}

function FileFor({ code }: { code: string }) {
  const me = useMe();
  const guide = useGuide(code);
  const form = useApplicationForm(code, me.data);
  const failed = [guide, form].find((q) => q.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (!guide.data || !form.data) return <PageLoading />;
  return <FileForm guide={guide.data} spec={form.data} />;
}

function FileForm({ guide, spec }: { guide: GuideDocument; spec: FormAnswer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [applicantForm] = Form.useForm<Record<string, string>>();
  const [form] = Form.useForm<Record<string, unknown>>();
  const kind = (Form.useWatch('kind', applicantForm) as 'person' | 'entity' | undefined) ?? (guide.subjectTypes.includes('person') ? 'person' : 'entity');
  const [choices, setChoices] = useState<MaterialChoices>({});
  const [delivery, setDelivery] = useState<Delivery>('pickup');
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const [key] = useState(() => crypto.randomUUID());
  const [windowId, setWindowId] = useState<string | undefined>(() => localStorage.getItem(COUNTER_WINDOW_KEY) ?? undefined);
  const windows = useCounterWindows(true);
  const counterWindow = windows.data?.some((w) => w.value === windowId) ? windowId : undefined;
  const materials = guide.guide.materials;
  const submit = useMutation({
    mutationFn: ({ applicant, formData }: { applicant: WalkInApplicant; formData: Record<string, unknown> }) =>
      submitCase(
        { implementationCode: guide.implementationCode, applicant, formData, materials: materialsBody(materials, choices), delivery, windowId: counterWindow },
        key,
      ),
    onMutate: () => {
      setLeftover([]);
      setMaterialErrors({});
    },
    onError: (e) => {
      if (!isApiError(e)) return;
      const body = materialsBody(materials, choices);
      const rest: FieldError[] = [];
      const mErr: Record<string, string> = {};
      const applicantErrors: { name: string; errors: string[] }[] = [];
      const formErrors: { name: string[]; errors: string[] }[] = [];
      for (const fe of e.errors) {
        const [top, sub] = fe.field.split('.');
        if (top === 'applicant' && sub) applicantErrors.push({ name: sub, errors: [fe.message] });
        else if (top === 'formData' && sub) formErrors.push({ name: [sub], errors: [fe.message] });
        else if (top === 'materials' && sub) {
          const name = body[Number(sub)]?.name ?? materials[Number(sub)]?.name;
          if (name) mErr[name] = fe.message;
          else rest.push(fe);
        } else rest.push(fe);
      }
      applicantForm.setFields(applicantErrors);
      form.setFields(formErrors);
      setMaterialErrors(mErr);
      setLeftover(rest);
    },
    onSuccess: (c) => {
      qc.setQueryData(casesKeys.case(c.caseNo), c);
      void qc.invalidateQueries({ queryKey: casesKeys.all });
      void navigate(`/workbench/cases/${encodeURIComponent(c.caseNo)}/receipt`);
    },
  });
  const go = async () => {
    let a: Record<string, string>;
    let f: Record<string, unknown>;
    try {
      a = await applicantForm.validateFields();
      f = await form.validateFields();
    } catch {
      return;
    }
    const missing = missingMaterials(materials, choices);
    if (missing.length) {
      setMaterialErrors(Object.fromEntries(missing.map((m) => [m, t('cases.apply.materialMissing')])));
      return;
    }
    const applicant: WalkInApplicant =
      kind === 'person'
        ? { kind: 'person', name: a.name!.trim(), idNumber: a.idNumber!.trim().toUpperCase(), phone: a.phone?.trim() || undefined }
        : {
            kind: 'entity',
            name: a.name!.trim(),
            uscc: a.uscc!.trim().toUpperCase(),
            entityType: a.entityType?.trim() || undefined,
            legalRepresentative: a.legalRepresentative!.trim(),
          };
    submit.mutate({ applicant, formData: f });
  };
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <>
      <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.file.applicant')}</h2>}>
        <p className="cs-hint">{t('cases.file.identityChecked')}</p>
        <Select
          allowClear
          aria-label={t('cases.file.window')}
          placeholder={t('cases.file.window')}
          style={{ minWidth: 240, marginBottom: 16 }}
          value={counterWindow}
          onChange={(v?: string) => {
            setWindowId(v);
            if (v) localStorage.setItem(COUNTER_WINDOW_KEY, v);
            else localStorage.removeItem(COUNTER_WINDOW_KEY);
          }}
          options={windows.data ?? []}
          loading={windows.isLoading}
        />
        <Form form={applicantForm} name="cs-walkin" layout="vertical" initialValues={{ kind }}>
          <Form.Item name="kind" label={t('cases.file.kind')}>
            <Radio.Group optionType="button" options={guide.subjectTypes.map((s) => ({ value: s, label: t(`cases.applicantKind.${s}`) }))} />
          </Form.Item>
          <Form.Item name="name" label={kind === 'person' ? t('cases.file.personName') : t('cases.file.entityName')} rules={required}>
            <Input maxLength={kind === 'person' ? 50 : 200} autoComplete="off" />
          </Form.Item>
          {kind === 'person' ? (
            <>
              <Form.Item
                name="idNumber"
                label={t('cases.file.idNumber')}
                rules={[...required, { pattern: /^(\d{15}|\d{17}[\dXx])$/, message: t('cases.file.idNumberPattern') }]}
              >
                <Input maxLength={18} autoComplete="off" className="mono" />
              </Form.Item>
              <Form.Item name="phone" label={t('cases.file.phone')}>
                <Input maxLength={20} inputMode="tel" autoComplete="off" />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item name="uscc" label={t('cases.file.uscc')} rules={[...required, { len: 18, message: t('cases.file.usccPattern') }]}>
                <Input maxLength={18} autoComplete="off" className="mono" />
              </Form.Item>
              <Form.Item name="legalRepresentative" label={t('cases.file.legalRepresentative')} rules={required}>
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
              <Form.Item name="entityType" label={t('cases.file.entityType')}>
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
            </>
          )}
        </Form>
      </Card>
      <Form form={form} name="cs-window-form" layout="vertical" initialValues={initialFormValues(spec.form, {})}>
        <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.apply.formSection')}</h2>}>
          <FormFields form={spec.form} prefill={{}} />
        </Card>
      </Form>
      <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.file.materials')}</h2>}>
        <MaterialsEditor materials={materials} choices={choices} onChange={setChoices} errors={materialErrors} />
      </Card>
      <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.apply.deliverySection')}</h2>}>
        <Radio.Group
          aria-label={t('cases.apply.deliverySection')}
          value={delivery}
          onChange={(e) => setDelivery(e.target.value as Delivery)}
          options={(['pickup', 'post', 'electronic'] as const).map((d) => ({ value: d, label: t(`cases.delivery.${d}`) }))}
        />
      </Card>
      <ProblemAlert error={submit.error} leftover={leftover} />
      <Button type="primary" size="large" loading={submit.isPending} disabled={submit.isSuccess} onClick={() => void go()}>
        {t('cases.file.submit')}
      </Button>
    </>
  );
}

export default WindowFilePage;
