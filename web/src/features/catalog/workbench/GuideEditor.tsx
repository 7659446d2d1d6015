import { useMemo, useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { catalogKeys, feeCatalog, workbenchActions, type Guide, type WorkbenchImplementation } from '../api';
import { DiffTable } from '../diff';

/** The editable guide: everything but the application form (edited by the cases module's tools). */
type GuideForm = Omit<Guide, 'applicationForm'> & { changeNote?: string };

/** Top-level guide fields rendered by this form; a server error on any other goes to the alert. */
const RENDERED = new Set([
  'acceptanceConditions',
  'materials',
  'process',
  'statutoryLimitDays',
  'statutoryLimitNote',
  'promisedLimitDays',
  'promisedLimitNote',
  'processingType',
  'visitsRequired',
  'onsiteReason',
  'onlineDepth',
  'doNow',
  'doOnline',
  'doInOneVisit',
  'handlingMode',
  'powerSource',
  'serviceScope',
  'fees',
  'places',
  'phones',
  'onlineUrl',
  'result',
  'delivery',
  'supportsAppointment',
  'supportsOnlinePayment',
  'intermediaryServices',
  'specialProcedures',
  'faq',
  'reviewRules',
]);

/** Server paths `guide.materials.2.name` → the form's `['materials', 2, 'name']`; the rest for the alert. */
function placeErrors(form: ReturnType<typeof Form.useForm<GuideForm>>[0], error: unknown): FieldError[] {
  if (!isApiError(error)) return [];
  const leftover: FieldError[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const e of error.errors) {
    const parts = e.field
      .replace(/^guide\./, '')
      .split('.')
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (e.field === 'changeNote') fields.push({ name: ['changeNote'], errors: [e.message] });
    else if (RENDERED.has(String(parts[0]))) {
      // fetchedBySharing is derived from the source: show the error on the source.
      if (parts[0] === 'materials' && parts[2] === 'fetchedBySharing') parts[2] = 'source';
      fields.push({ name: parts, errors: [e.message] });
    } else leftover.push(e);
  }
  form.setFields(fields as never);
  if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
  return leftover;
}

const required = (message: string) => [{ required: true, whitespace: true, message }];
const optionalText = (v?: string) => (v && v.trim() ? v.trim() : undefined);

/** The whole service guide as a form (department editor): every element of DOMAIN.md §2. */
export function GuideEditor({ impl }: { impl: WorkbenchImplementation }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<GuideForm>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const code = impl.implementationCode;
  const w = impl.working!;
  const fees = useQuery({ queryKey: ['catalog', 'fee-catalog'], queryFn: ({ signal }) => feeCatalog(signal), staleTime: 60_000 });
  const req = required(t('validation.required'));
  const initial = useMemo<GuideForm>(() => ({ ...w.guide, changeNote: w.changeNote ?? '' }), [w]);

  const body = () => {
    const { changeNote, ...v } = form.getFieldsValue(true) as GuideForm;
    const guide: Guide = {
      ...w.guide,
      ...v,
      statutoryLimitNote: optionalText(v.statutoryLimitNote),
      promisedLimitNote: optionalText(v.promisedLimitNote),
      onsiteReason: optionalText(v.onsiteReason),
      serviceScope: optionalText(v.serviceScope),
      onlineUrl: optionalText(v.onlineUrl),
      materials: (v.materials ?? []).map((m) => ({
        ...m,
        copies: m.copies ?? 1,
        required: !!m.required,
        fetchedBySharing: m.source === 'government',
        sourceNote: optionalText(m.sourceNote),
      })),
      process: (v.process ?? []).map((p) => ({ ...p, limitDays: p.limitDays ?? undefined })),
      fees: (v.fees ?? []).map((f) => ({ feeCode: f.feeCode, note: optionalText(f.note) })),
      places: (v.places ?? []).map((p) => ({ ...p, window: optionalText(p.window) })),
      result: { ...v.result, sampleUrl: optionalText(v.result?.sampleUrl) },
      intermediaryServices: (v.intermediaryServices ?? []).filter((s) => s && s.trim()),
      specialProcedures: (v.specialProcedures ?? []).map((s) => ({ ...s, note: optionalText(s.note) })),
      reviewRules: v.reviewRules ?? '',
    };
    return { guide, changeNote: optionalText(changeNote) };
  };
  const onSuccess = (next: WorkbenchImplementation, done: string) => {
    qc.setQueryData([...catalogKeys.workbench, 'one', next.implementationCode], next);
    void qc.invalidateQueries({ queryKey: catalogKeys.all });
    setLeftover([]);
    void message.success(done);
  };
  const onError = (err: unknown) => setLeftover(placeErrors(form, err));
  const save = useMutation({
    mutationFn: async () => {
      await form.validateFields();
      return workbenchActions.saveDraft(code, body());
    },
    onSuccess: (next) => onSuccess(next, t('catalog.workbench.saved')),
    onError,
  });
  const submit = useMutation({
    mutationFn: async () => {
      await form.validateFields();
      await workbenchActions.saveDraft(code, body());
      return workbenchActions.submit(code);
    },
    onSuccess: (next) => onSuccess(next, t('catalog.workbench.submitted')),
    onError,
  });
  const error = save.error ?? submit.error;
  const f = (k: string) => t(`catalog.field.${k}` as 'catalog.field.name');
  const e = (k: string) => t(`catalog.editor.${k}` as 'catalog.editor.basics');

  const section = (id: string, title: string, children: React.ReactNode) => (
    <section className="cat-editor-section" aria-labelledby={`cat-ed-${id}`}>
      <h3 id={`cat-ed-${id}`}>{title}</h3>
      {children}
    </section>
  );
  const removeButton = (label: string, onClick: () => void) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={label} onClick={onClick} />;

  return (
    <>
      <ProblemAlert error={isApiError(error) ? error : null} leftover={leftover} />
      <nav className="cat-editor-nav" aria-label={e('sections')}>
        {['basics', 'conditions', 'materials', 'process', 'fees', 'places', 'result', 'faq', 'review'].map((s) => (
          <a key={s} href={`#cat-ed-${s}`}>
            {e(s)}
          </a>
        ))}
      </nav>
      <Form<GuideForm> name="catalog-draft" form={form} layout="vertical" initialValues={initial} scrollToFirstError={{ block: 'center' }}>
        {section(
          'basics',
          e('basics'),
          <>
            <Space wrap size={16} align="start">
              <Form.Item name="processingType" label={f('processingType')} rules={req}>
                <Select
                  style={{ width: 180 }}
                  options={[
                    { value: 'instant', label: t('catalog.guide.instant') },
                    { value: 'promised', label: t('catalog.guide.promisedType') },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name="statutoryLimitDays"
                label={`${f('statutoryLimitDays')} (${e('workingDays')})`}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <InputNumber min={0} max={3650} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item
                name="promisedLimitDays"
                label={`${f('promisedLimitDays')} (${e('workingDays')})`}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <InputNumber min={0} max={3650} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name="visitsRequired" label={f('visitsRequired')} rules={[{ required: true, message: t('validation.required') }]}>
                <InputNumber min={0} max={10} style={{ width: 110 }} />
              </Form.Item>
            </Space>
            <Form.Item name="statutoryLimitNote" label={f('statutoryLimitNote')}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="promisedLimitNote" label={f('promisedLimitNote')}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="onsiteReason" label={f('onsiteReason')}>
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="onlineDepth" label={f('onlineDepth')}>
              <Checkbox.Group
                options={[1, 2, 3, 4, 5, 6, 7, 8].map((d) => ({ value: d, label: `${d} ${t(`catalog.editor.depth.${d}` as 'catalog.editor.depth.1')}` }))}
              />
            </Form.Item>
            <Space wrap size={24}>
              {(['doNow', 'doOnline', 'doInOneVisit', 'supportsAppointment', 'supportsOnlinePayment'] as const).map((k) => (
                <Form.Item key={k} name={k} label={f(k)} valuePropName="checked">
                  <Switch />
                </Form.Item>
              ))}
            </Space>
            <Space wrap size={16} align="start">
              <Form.Item name="handlingMode" label={f('handlingMode')}>
                <Select
                  style={{ width: 160 }}
                  options={(['self', 'preliminary', 'joint', 'forward'] as const).map((v) => ({ value: v, label: e(`handlingMode.${v}`) }))}
                />
              </Form.Item>
              <Form.Item name="powerSource" label={f('powerSource')}>
                <Select
                  style={{ width: 200 }}
                  options={(['statutory', 'delegated', 'authorized_higher', 'authorized_peer', 'entrusted_higher', 'entrusted_peer'] as const).map((v) => ({
                    value: v,
                    label: e(`powerSource.${v}`),
                  }))}
                />
              </Form.Item>
            </Space>
            <Form.Item name="serviceScope" label={f('serviceScope')}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="onlineUrl" label={f('onlineUrl')}>
              <Input maxLength={500} inputMode="url" />
            </Form.Item>
          </>,
        )}

        {section(
          'conditions',
          f('acceptanceConditions'),
          <Form.List name="acceptanceConditions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Space.Compact key={field.key} block style={{ marginBottom: 8 }}>
                    <Form.Item name={field.name} noStyle rules={req}>
                      <Input.TextArea aria-label={t('catalog.editor.conditionN', { index: i + 1 })} autoSize maxLength={1000} />
                    </Form.Item>
                    {fields.length > 1 && removeButton(t('catalog.editor.remove', { what: `${f('acceptanceConditions')} ${i + 1}` }), () => remove(field.name))}
                  </Space.Compact>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add('')}>
                  {e('addCondition')}
                </Button>
              </>
            )}
          </Form.List>,
        )}

        {section(
          'materials',
          t('catalog.workbench.materials'),
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <div className="cat-editor-materials">
                {fields.map((field, i) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={t('catalog.workbench.materialN', { index: i + 1 })}
                    extra={removeButton(t('catalog.workbench.removeMaterial', { index: i + 1 }), () => remove(field.name))}
                    style={{ marginBottom: 12 }}
                  >
                    <Form.Item name={[field.name, 'name']} label={t('catalog.workbench.materialName')} rules={req}>
                      <Input maxLength={200} />
                    </Form.Item>
                    <Space wrap size={16} align="start">
                      <Form.Item name={[field.name, 'source']} label={t('catalog.workbench.materialSource')} rules={req}>
                        <Select
                          style={{ width: 300 }}
                          options={(['applicant', 'government', 'commitment'] as const).map((s) => ({ value: s, label: t(`catalog.guide.source.${s}`) }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'form']} label={t('catalog.workbench.materialForm')} rules={req}>
                        <Select
                          style={{ width: 160 }}
                          options={(['original', 'copy', 'original_and_copy', 'electronic'] as const).map((s) => ({
                            value: s,
                            label: t(`catalog.guide.form.${s}`),
                          }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'copies']} label={t('catalog.workbench.materialCopies')}>
                        <InputNumber min={0} max={99} style={{ width: 90 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'required']} label={t('catalog.workbench.materialRequired')} valuePropName="checked">
                        <Switch />
                      </Form.Item>
                    </Space>
                    <Form.Item name={[field.name, 'sourceNote']} label={f('sourceNote')}>
                      <Input maxLength={200} />
                    </Form.Item>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '', form: 'original', copies: 1, required: true, source: 'applicant' })}>
                  {t('catalog.workbench.addMaterial')}
                </Button>
              </div>
            )}
          </Form.List>,
        )}

        {section(
          'process',
          f('process'),
          <>
            <Form.List name="process">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <Card
                      key={field.key}
                      size="small"
                      title={`${f('step')} ${i + 1}`}
                      extra={fields.length > 1 && removeButton(t('catalog.editor.remove', { what: `${f('step')} ${i + 1}` }), () => remove(field.name))}
                      style={{ marginBottom: 12 }}
                    >
                      <Space wrap size={16} align="start">
                        <Form.Item name={[field.name, 'step']} label={f('step')} rules={req}>
                          <Input maxLength={50} style={{ width: 200 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'limitDays']} label={`${f('limitDays')} (${e('workingDays')})`}>
                          <InputNumber min={0} max={3650} style={{ width: 120 }} />
                        </Form.Item>
                      </Space>
                      <Form.Item name={[field.name, 'description']} label={f('description')} rules={req}>
                        <Input.TextArea autoSize maxLength={1000} />
                      </Form.Item>
                    </Card>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ step: '', description: '' })}>
                    {e('addStep')}
                  </Button>
                </>
              )}
            </Form.List>
            <h4>{f('specialProcedures')}</h4>
            <Form.List name="specialProcedures">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <Space key={field.key} wrap align="start">
                      <Form.Item name={[field.name, 'name']} label={f('name')} rules={req}>
                        <Input maxLength={100} style={{ width: 200 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'limitDays']} label={f('limitDays')} rules={[{ required: true, message: t('validation.required') }]}>
                        <InputNumber min={0} max={3650} style={{ width: 100 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'note']} label={f('description')}>
                        <Input maxLength={500} style={{ width: 260 }} />
                      </Form.Item>
                      {removeButton(t('catalog.editor.remove', { what: `${f('specialProcedures')} ${i + 1}` }), () => remove(field.name))}
                    </Space>
                  ))}
                  <div>
                    <Button icon={<PlusOutlined />} onClick={() => add({ name: '', limitDays: 0 })}>
                      {e('addSpecial')}
                    </Button>
                  </div>
                </>
              )}
            </Form.List>
            <h4>{f('intermediaryServices')}</h4>
            <Form.List name="intermediaryServices">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <Space.Compact key={field.key} block style={{ marginBottom: 8 }}>
                      <Form.Item name={field.name} noStyle>
                        <Input aria-label={`${f('intermediaryServices')} ${i + 1}`} maxLength={200} />
                      </Form.Item>
                      {removeButton(t('catalog.editor.remove', { what: `${f('intermediaryServices')} ${i + 1}` }), () => remove(field.name))}
                    </Space.Compact>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add('')}>
                    {e('addIntermediary')}
                  </Button>
                </>
              )}
            </Form.List>
          </>,
        )}

        {section(
          'fees',
          f('fees'),
          <>
            <p className="cat-hint">{e('feesHint')}</p>
            <Form.List name="fees">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <Space key={field.key} wrap align="start">
                      <Form.Item name={[field.name, 'feeCode']} label={e('fee')} rules={req}>
                        <Select
                          style={{ width: 320 }}
                          loading={fees.isPending}
                          showSearch={{ optionFilterProp: 'label' }}
                          options={(fees.data ?? []).map((x) => ({ value: x.code, label: `${x.name} (${x.code})`, disabled: !x.effective }))}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'note']} label={e('feeNote')}>
                        <Input maxLength={500} style={{ width: 260 }} />
                      </Form.Item>
                      {removeButton(t('catalog.editor.remove', { what: `${f('fees')} ${i + 1}` }), () => remove(field.name))}
                    </Space>
                  ))}
                  <div>
                    <Button icon={<PlusOutlined />} onClick={() => add({ feeCode: undefined })}>
                      {e('addFee')}
                    </Button>
                  </div>
                </>
              )}
            </Form.List>
          </>,
        )}

        {section(
          'places',
          f('places'),
          <>
            <Form.List name="places">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((field, i) => (
                    <Card
                      key={field.key}
                      size="small"
                      title={`${f('places')} ${i + 1}`}
                      extra={fields.length > 1 && removeButton(t('catalog.editor.remove', { what: `${f('places')} ${i + 1}` }), () => remove(field.name))}
                      style={{ marginBottom: 12 }}
                    >
                      <Form.Item name={[field.name, 'name']} label={f('name')} rules={req}>
                        <Input maxLength={200} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'address']} label={e('address')} rules={req}>
                        <Input maxLength={300} />
                      </Form.Item>
                      <Space wrap size={16} align="start">
                        <Form.Item name={[field.name, 'window']} label={t('catalog.guide.window')}>
                          <Input maxLength={100} style={{ width: 220 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'hours']} label={t('catalog.guide.hours')} rules={req}>
                          <Input maxLength={200} style={{ width: 300 }} />
                        </Form.Item>
                      </Space>
                    </Card>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', address: '', hours: '' })}>
                    {e('addPlace')}
                  </Button>
                </>
              )}
            </Form.List>
            <Space wrap size={16} align="start" style={{ marginTop: 12 }}>
              <Form.Item name={['phones', 'inquiry']} label={t('catalog.guide.inquiry')} rules={req}>
                <Input maxLength={50} inputMode="tel" style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name={['phones', 'complaint']} label={t('catalog.guide.complaint')} rules={req}>
                <Input maxLength={50} inputMode="tel" style={{ width: 200 }} />
              </Form.Item>
            </Space>
          </>,
        )}

        {section(
          'result',
          `${f('result')} · ${f('delivery')}`,
          <>
            <Space wrap size={16} align="start">
              <Form.Item name={['result', 'name']} label={e('resultName')} rules={req}>
                <Input maxLength={200} style={{ width: 280 }} />
              </Form.Item>
              <Form.Item name={['result', 'type']} label={e('resultType')} rules={req}>
                <Select
                  style={{ width: 180 }}
                  options={(['certificate', 'approval', 'filing', 'confirmation', 'payment', 'other'] as const).map((v) => ({
                    value: v,
                    label: e(`resultTypes.${v}`),
                  }))}
                />
              </Form.Item>
            </Space>
            <Form.Item name={['result', 'sampleUrl']} label={e('resultSample')}>
              <Input maxLength={500} inputMode="url" />
            </Form.Item>
            <Form.Item name="delivery" label={f('delivery')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.required') }]}>
              <Checkbox.Group options={(['pickup', 'post', 'electronic'] as const).map((v) => ({ value: v, label: t(`catalog.guide.deliveryMode.${v}`) }))} />
            </Form.Item>
          </>,
        )}

        {section(
          'faq',
          f('faq'),
          <Form.List name="faq">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={`${f('faq')} ${i + 1}`}
                    extra={removeButton(t('catalog.editor.remove', { what: `${f('faq')} ${i + 1}` }), () => remove(field.name))}
                    style={{ marginBottom: 12 }}
                  >
                    <Form.Item name={[field.name, 'question']} label={e('question')} rules={req}>
                      <Input maxLength={500} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'answer']} label={e('answer')} rules={req}>
                      <Input.TextArea autoSize maxLength={2000} />
                    </Form.Item>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ question: '', answer: '' })}>
                  {e('addFaq')}
                </Button>
              </>
            )}
          </Form.List>,
        )}

        {section(
          'review',
          f('reviewRules'),
          <Form.Item name="reviewRules" label={e('reviewRulesHint')}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
          </Form.Item>,
        )}

        <Form.Item name="changeNote" label={t('catalog.workbench.changeNote')} style={{ marginTop: 16 }}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Space wrap className="cat-editor-actions">
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t('catalog.workbench.save')}
          </Button>
          <Button type="primary" loading={submit.isPending} onClick={() => submit.mutate()}>
            {t('catalog.workbench.submit')}
          </Button>
        </Space>
      </Form>
      <h3 className="cat-subtitle">{t('catalog.workbench.diffTitle')}</h3>
      <DiffTable changes={impl.changes} />
    </>
  );
}
