import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Form, Radio, Steps } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMe } from '../../../api/auth';
import { isApiError, type FieldError } from '../../../api/errors';
import { RequireAuth } from '../../../components/RequireAuth';
import { ErrorState, PageLoading } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useGuide, type GuideDocument } from '../../catalog/api';
import { casesKeys, deleteDraft, getDraft, saveDraft, submitCase, useWallet, type CaseSubmit, type Draft } from '../api';
import { FormFields, initialFormValues } from '../form';
import { useApplicationForm, type FormAnswer } from '../form-api';
import { MaterialsEditor, materialsBody, missingMaterials, type MaterialChoices } from '../materials';
import { ErrorSummary, ReviewStep, type SummaryError } from './apply-parts';
import '../cases.css';

type Delivery = NonNullable<CaseSubmit['delivery']>;
interface DraftData {
  formData?: Record<string, unknown>;
  materials?: MaterialChoices;
  delivery?: Delivery;
  step?: number;
}
export function ApplyPage() {
  return (
    <RequireAuth kinds={['person', 'entity']}>
      <ApplyLoader />
    </RequireAuth>
  );
}

function ApplyLoader() {
  const { implementationCode = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const guide = useGuide(implementationCode);
  const form = useApplicationForm(implementationCode, me.data);
  const draft = useQuery({
    queryKey: ['cases', 'draft', implementationCode, me.data?.id],
    // No draft is an ordinary answer (null), not an error.
    queryFn: () => getDraft(implementationCode),
    staleTime: Infinity,
    gcTime: 0,
  });
  useDocumentTitle(guide.data ? t('cases.apply.titleOf', { name: guide.data.name }) : t('cases.apply.title'));
  const failed = [guide, form, draft].find((q) => q.isError);
  if (failed)
    return (
      <div className="cs-portal">
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      </div>
    );
  if (!guide.data || !form.data || draft.data === undefined || !me.data) return <PageLoading />;
  return <Apply key={implementationCode} guide={guide.data} form={form.data} draft={draft.data} />;
}

const FORM_NAME = 'cs-apply';
const STEPS = ['fill', 'materials', 'review'] as const;

/** antd's id of a form field's input (`cs-apply_name`, `cs-apply_rows_0_col`). */
const fieldId = (name: (string | number)[]) => `${FORM_NAME}_${name.join('_')}`;

function Apply({ guide, form: spec, draft }: { guide: GuideDocument; form: FormAnswer; draft: Draft | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const code = guide.implementationCode;
  const saved = (draft?.data ?? {}) as DraftData;
  const [form] = Form.useForm<Record<string, unknown>>();
  const initial = useMemo(() => initialFormValues(spec.form, spec.prefill, saved.formData), []); // eslint-disable-line react-hooks/exhaustive-deps
  const [choices, setChoices] = useState<MaterialChoices>(saved.materials ?? {});
  const [delivery, setDelivery] = useState<Delivery>(saved.delivery ?? 'electronic');
  // Come back where you left: the draft keeps the step (never past the form: its answers are checked again).
  const [step, setStep] = useState(() => Math.min(saved.step ?? 0, 1));
  const [summary, setSummary] = useState<SummaryError[]>([]);
  const [reviewValues, setReviewValues] = useState<Record<string, unknown>>({});
  const wallet = useWallet(1, 100);
  const materials = guide.guide.materials;
  // One key per application: a double click or a retry after a lost answer never makes two cases.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  const online = guide.doOnline || guide.onlineLevel === 'Ⅳ';
  const { message } = App.useApp();

  // Draft autosave: a second after the last change, with the version read (a stale save is refused).
  const version = useRef<number | undefined>(draft?.version);
  const [savedAt, setSavedAt] = useState<string | null>(draft?.updatedAt ?? null);
  const [stale, setStale] = useState(false);
  const [dirty, setDirty] = useState(0);
  const [savedRev, setSavedRev] = useState(0);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const submitted = useRef(false);
  const saveNow = useCallback(
    (rev: number) => {
      const data: DraftData = { formData: form.getFieldsValue(true), materials: choices, delivery, step };
      // One save at a time, each with the version the previous one returned (no false "stale").
      chain.current = chain.current.then(async () => {
        if (submitted.current) return;
        try {
          const d = await saveDraft(code, { data: data as Record<string, unknown>, version: version.current });
          version.current = d.version;
          setSavedAt(d.updatedAt);
          setSavedRev((r) => Math.max(r, rev));
        } catch (e) {
          if (isApiError(e) && e.code === 'resource.stale') setStale(true);
        }
      });
      return chain.current;
    },
    [choices, delivery, step, code, form],
  );
  useEffect(() => {
    if (dirty === 0 || stale) return;
    const timer = setTimeout(() => void saveNow(dirty), 1000);
    return () => clearTimeout(timer);
  }, [dirty, saveNow, stale]);
  const touch = () => setDirty((n) => n + 1);

  const goTo = (next: number) => {
    setSummary([]);
    setStep(next);
    touch();
    window.scrollTo({ top: 0 });
  };

  const submit = useMutation({
    mutationFn: (formData: Record<string, unknown>) =>
      submitCase({ implementationCode: code, formData, materials: materialsBody(materials, choices), delivery }, idempotencyKey),
    onMutate: () => {
      setLeftover([]);
      setMaterialErrors({});
    },
    onError: (e) => {
      if (!isApiError(e)) return;
      const body = materialsBody(materials, choices);
      const fieldErrors: { name: (string | number)[]; errors: string[] }[] = [];
      const rest: FieldError[] = [];
      const mErr: Record<string, string> = {};
      for (const fe of e.errors) {
        const parts = fe.field.split('.');
        if (parts[0] === 'formData' && parts[1]) fieldErrors.push({ name: parts.slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [fe.message] });
        else if (parts[0] === 'materials' && parts[1]) {
          const name = body[Number(parts[1])]?.name ?? materials[Number(parts[1])]?.name;
          if (name) mErr[name] = fe.message;
          else rest.push(fe);
        } else rest.push(fe);
      }
      form.setFields(fieldErrors);
      setMaterialErrors(mErr);
      setLeftover(rest);
      // Back to the step that holds the first problem, with its summary.
      if (fieldErrors.length) {
        setStep(0);
        setSummary(fieldErrors.map((f) => ({ targetId: fieldId(f.name), message: f.errors[0] ?? '' })));
      } else if (Object.keys(mErr).length) {
        setStep(1);
        setSummary(materialSummary(mErr));
      }
    },
    onSuccess: (c) => {
      submitted.current = true;
      void deleteDraft(code).catch(() => undefined);
      qc.setQueryData(casesKeys.case(c.caseNo), c);
      void qc.invalidateQueries({ queryKey: casesKeys.all });
      void navigate(`/cases/${encodeURIComponent(c.caseNo)}/receipt`, { replace: true });
    },
  });

  const materialSummary = (errs: Record<string, string>): SummaryError[] =>
    materials.flatMap((m, i) => (errs[m.name] ? [{ targetId: `cs-material-${i}`, message: `${m.name}: ${errs[m.name]}` }] : []));

  // Step 1 → 2: every form field checked at once (the form's submit); the summary links to each problem.
  const formFailed = (errorFields: { name: (string | number)[]; errors: string[] }[]) =>
    setSummary(errorFields.map((f) => ({ targetId: fieldId(f.name), message: f.errors[0] ?? '' })));
  // Step 2 → 3: every missing material flagged at once.
  const fromMaterials = () => {
    const missing = missingMaterials(materials, choices);
    const errs = Object.fromEntries(missing.map((m) => [m, t('cases.apply.materialMissing')]));
    setMaterialErrors(errs);
    if (missing.length) {
      setSummary(materialSummary(errs));
      return;
    }
    setReviewValues(form.getFieldsValue());
    goTo(2);
  };
  const saveAndLeave = async () => {
    await saveNow(dirty);
    void message.success(t('cases.apply.savedForLater'));
    void navigate('/me');
  };

  const deliveryLabel = t(`cases.delivery.${delivery}`);
  return (
    <div className="cs-portal">
      <p className="cs-links">
        <Link to={`/items/${encodeURIComponent(code)}`}>{t('cases.apply.backToGuide')}</Link>
      </p>
      <h1>
        {t('cases.apply.title')}
        {t('common.labelColon')}
        <span lang="zh-CN">{guide.name}</span>
      </h1>
      <p className="cs-hint">
        {guide.departmentName}
        {guide.promisedLimitDays !== null &&
          ` · ${guide.promisedLimitDays === 0 ? t('cases.apply.immediate') : t('cases.apply.promised', { count: guide.promisedLimitDays })}`}
      </p>
      <Steps
        current={step}
        size="small"
        responsive={false}
        className="cs-apply-steps"
        items={STEPS.map((s) => ({ title: t(`cases.apply.step.${s}`) }))}
        style={{ marginBottom: 16 }}
      />
      {!online && <Alert type="warning" showIcon title={t('cases.apply.notOnline')} style={{ marginBottom: 12 }} />}
      {stale && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('cases.apply.staleDraft')}
          action={<Button onClick={() => window.location.reload()}>{t('action.reload')}</Button>}
          style={{ marginBottom: 12 }}
        />
      )}
      {draft && <p className="cs-hint">{t('cases.apply.resumed', { at: formatDateTime(draft.updatedAt) })}</p>}
      <ErrorSummary errors={summary} />
      <Form
        form={form}
        name={FORM_NAME}
        layout="vertical"
        size="large"
        initialValues={initial}
        onValuesChange={touch}
        onFinish={() => step === 0 && goTo(1)}
        onFinishFailed={({ errorFields }) => step === 0 && formFailed(errorFields)}
      >
        {/* Every step stays mounted (hidden when not current): the form keeps its fields and their checks. */}
        <div hidden={step !== 0}>
          <Card className="cs-section" title={<h2>{t('cases.apply.formSection')}</h2>}>
            <FormFields form={spec.form} prefill={spec.prefill} />
          </Card>
          <Card className="cs-section" title={<h2>{t('cases.apply.deliverySection')}</h2>}>
            <Radio.Group
              aria-label={t('cases.apply.deliverySection')}
              value={delivery}
              onChange={(e) => {
                setDelivery(e.target.value as Delivery);
                touch();
              }}
              options={(['electronic', 'pickup', 'post'] as const).map((d) => ({ value: d, label: t(`cases.delivery.${d}`) }))}
            />
          </Card>
        </div>
        <div hidden={step !== 1}>
          <Card className="cs-section" title={<h2>{t('cases.apply.materialsSection')}</h2>}>
            <MaterialsEditor
              materials={materials}
              choices={choices}
              onChange={(c) => {
                setChoices(c);
                touch();
              }}
              wallet={wallet.data?.items ?? []}
              errors={materialErrors}
              shared={spec.sharedMaterials}
            />
          </Card>
        </div>
        {step === 2 && (
          <ReviewStep
            form={spec.form}
            values={reviewValues}
            materials={materials}
            choices={choices}
            wallet={wallet.data?.items ?? []}
            delivery={deliveryLabel}
            onChange={goTo}
          />
        )}
        <ProblemAlert error={submit.error} leftover={leftover} />
        <div className="cs-actions">
          {step > 0 && (
            <Button size="large" onClick={() => goTo(step - 1)}>
              {t('cases.apply.back')}
            </Button>
          )}
          {step === 0 && (
            <Button type="primary" htmlType="submit" size="large">
              {t('cases.apply.next')}
            </Button>
          )}
          {step === 1 && (
            <Button type="primary" size="large" onClick={fromMaterials}>
              {t('cases.apply.next')}
            </Button>
          )}
          {step === 2 && (
            <Button type="primary" size="large" loading={submit.isPending} disabled={submit.isSuccess} onClick={() => submit.mutate(reviewValues)}>
              {t('cases.apply.submit')}
            </Button>
          )}
          <Button size="large" onClick={() => void saveAndLeave()} disabled={stale || submit.isSuccess}>
            {t('cases.apply.saveForLater')}
          </Button>
          <span className="cs-hint" aria-live="polite">
            {dirty > savedRev && !stale
              ? t('cases.apply.draftSaving')
              : savedAt
                ? t('cases.apply.draftSaved', { at: formatDateTime(savedAt) })
                : t('cases.apply.draftHint')}
          </span>
        </div>
      </Form>
    </div>
  );
}

export default ApplyPage;
