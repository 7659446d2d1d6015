import { useMemo, useState } from 'react';
import { App, Button, Form, Input, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, type FieldError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { catalogKeys, workbenchActions, type WorkbenchImplementation } from '../api';
import { DiffTable } from '../diff';
import { GuideBasicsSection } from './GuideBasicsSection';
import { GuideConditionsSection, GuideMaterialsSection } from './GuideMaterialsSections';
import { GuideProcessSection } from './GuideProcessSection';
import { GuideFaqSection, GuideFeesSection, GuidePlacesSection, GuideResultSection, GuideReviewSection } from './GuideServiceSections';
import { draftBody, placeErrors, type GuideForm } from './guide-form';

/** The whole service guide as a form (department editor): every element of DOMAIN.md §2. */
export function GuideEditor({ impl }: { impl: WorkbenchImplementation }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<GuideForm>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const code = impl.implementationCode;
  const w = impl.working!;
  const initial = useMemo<GuideForm>(() => ({ ...w.guide, changeNote: w.changeNote ?? '' }), [w]);

  const body = () => draftBody(w.guide, form.getFieldsValue(true) as GuideForm);
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
  const e = (k: string) => t(`catalog.editor.${k}` as 'catalog.editor.basics');

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
        <GuideBasicsSection />
        <GuideConditionsSection />
        <GuideMaterialsSection />
        <GuideProcessSection />
        <GuideFeesSection />
        <GuidePlacesSection />
        <GuideResultSection />
        <GuideFaqSection />
        <GuideReviewSection />

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
