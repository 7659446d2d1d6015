import { useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Radio, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../../api/auth';
import type { FieldError } from '../../../api/errors';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { applyServerErrors } from '../../../lib/form-errors';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { PHONE_RE, categoryOptions, createPublicTicket, ticketKinds, useCategories, type PublicTicketCreate, type PublicTicketCreated } from '../api';
import { PhotoPicker } from '../photos';
import '../hotline.css';

const FIELDS = ['callerPhone', 'callerName', 'kind', 'categoryId', 'address', 'text', 'title', 'photos', 'photoKeys', 'publicConsent'] as const;

/** 我要反映: anonymous with a phone number, or signed in. One column, large targets, plain words. */
export function RequestFormPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('hotline.portal.formTitle'));
  const me = useMe();
  const signedIn = me.data?.kind === 'person';
  const categories = useCategories();
  const [form] = Form.useForm<PublicTicketCreate>();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const [done, setDone] = useState<PublicTicketCreated | null>(null);
  const save = useMutation({
    mutationFn: (v: PublicTicketCreate) =>
      createPublicTicket(
        {
          ...v,
          callerPhone: v.callerPhone?.trim() || null,
          callerName: v.callerName?.trim() || null,
          categoryId: v.categoryId || null,
          publicConsent: v.publicConsent ?? false,
        },
        key,
      ),
    onMutate: () => setLeftover([]),
    onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
    onSuccess: setDone,
  });

  if (done) {
    return (
      <div className="hl-portal">
        <h1>{t('hotline.portal.formTitle')}</h1>
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('hotline.portal.submitted', { number: done.number })}
          description={
            <>
              {done.dueDate && <p>{t('hotline.portal.submittedDue', { date: done.dueDate })}</p>}
              <p>{t('hotline.portal.keep')}</p>
              <p>
                <Link to={`/hotline/lookup?number=${encodeURIComponent(done.number)}`}>{t('hotline.portal.lookupLink')}</Link>
              </p>
            </>
          }
        />
        <div className="hl-portal-links" style={{ marginTop: 16 }}>
          {signedIn && <Link to="/hotline/mine">{t('hotline.portal.mine')}</Link>}
          <Button
            onClick={() => {
              setDone(null);
              setKey(crypto.randomUUID());
              form.resetFields();
            }}
          >
            {t('hotline.portal.new')}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="hl-portal">
      <h1>{t('hotline.portal.formTitle')}</h1>
      <p>{t('hotline.portal.formIntro')}</p>
      <div className="hl-portal-links">
        {signedIn ? (
          <Link to="/hotline/mine">{t('hotline.portal.mine')}</Link>
        ) : (
          <Link to="/login?next=%2Fhotline%2Fmine">{t('hotline.portal.signInForMine')}</Link>
        )}
        <Link to="/hotline/lookup">{t('hotline.portal.lookupLink')}</Link>
      </div>
      <ProblemAlert error={save.error} leftover={leftover} />
      <Form<PublicTicketCreate>
        name="hotline-portal"
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ publicConsent: false }}
        onFinish={(v) => save.mutate(v)}
        scrollToFirstError
      >
        <Form.Item name="kind" label={t('hotline.field.kind')} rules={[{ required: true, message: t('hotline.portal.kindRequired') }]}>
          <Radio.Group optionType="button" options={ticketKinds.filter((k) => k !== 'praise').map((k) => ({ value: k, label: t(`hotline.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="categoryId" label={t('hotline.field.categoryId')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={categoryOptions(categories.data).filter((o) => !o.notAccepted)}
            loading={categories.isFetching}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('hotline.field.text')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('hotline.portal.textRequired') }]}
        >
          <Input.TextArea rows={5} maxLength={4000} showCount />
        </Form.Item>
        {/* Signed in: the uploads are the account's (ids); not signed in: each upload's key (photoKeys). */}
        <Form.Item name={signedIn ? 'photos' : 'photoKeys'} label={t('hotline.photos.label')}>
          <PhotoPicker key={signedIn ? 'account' : 'anonymous'} max={3} anonymous={!signedIn} />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('hotline.field.address')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('hotline.portal.addressRequired') }]}
        >
          <Input maxLength={200} autoComplete="street-address" />
        </Form.Item>
        <Form.Item
          name="callerPhone"
          label={t('hotline.portal.yourPhone')}
          extra={signedIn ? t('hotline.portal.signedInAs', { name: me.data?.displayName ?? '' }) : t('hotline.portal.phoneHint')}
          rules={[
            ...(signedIn ? [] : [{ required: true, message: t('hotline.portal.phoneRequired') }]),
            { pattern: PHONE_RE, message: t('hotline.intake.phoneInvalid') },
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" maxLength={13} />
        </Form.Item>
        <Form.Item name="callerName" label={t('hotline.portal.yourName')}>
          <Input maxLength={30} autoComplete="name" />
        </Form.Item>
        <Form.Item name="publicConsent" valuePropName="checked" extra={t('hotline.portal.publicConsentHint')}>
          <Checkbox>{t('hotline.portal.publicConsent')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={save.isPending}>
          {t('hotline.portal.submit')}
        </Button>
      </Form>
    </div>
  );
}

export default RequestFormPage;
