import { useState } from 'react';
import { Button, Descriptions, Form, Input, Radio, Result, Tabs } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/auth';
import type { FieldError } from '../../api/errors';
import { AdminPage } from '../../admin/ui/AdminPage';
import { RegionPicker } from '../../admin/ui/pickers';
import { RequirePermission } from '../../admin/ui/RequirePermission';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyServerErrors } from '../../lib/form-errors';
import { openPersonAccount, verifyInPerson, type OpenBody, type Opened, type Verified, type VerifyBody } from './api';

const VERIFY = 'identity.person.verify';
const REGISTER = 'identity.person.register';

/**
 * 当面核验 / 为来办群众开户: a window clerk raises a walk-in citizen's account to in_person after
 * reading the ID card or comparing it by eye, or opens an account for one who has none. Made to
 * work on a phone-sized screen (a clerk's tablet): one column, full-width fields.
 */
export function WindowIdentityPage() {
  return (
    <RequirePermission permission={VERIFY}>
      <WindowIdentity />
    </RequirePermission>
  );
}

function WindowIdentity() {
  const { t } = useTranslation();
  const me = useMe();
  const mayOpen = hasPermission(me.data, REGISTER);
  return (
    <AdminPage title={t('window.title')}>
      <Tabs
        items={[
          { key: 'verify', label: t('window.tabs.verify'), children: <VerifyForm /> },
          ...(mayOpen ? [{ key: 'open', label: t('window.tabs.open'), children: <OpenForm /> }] : []),
        ]}
      />
    </AdminPage>
  );
}

const verifyFields = ['name', 'idNumber', 'method'] as const;

function VerifyForm() {
  const { t } = useTranslation();
  const [form] = Form.useForm<VerifyBody>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const [done, setDone] = useState<Verified | null>(null);
  const verify = useMutation({
    mutationFn: verifyInPerson,
    onMutate: () => setLeftover([]),
    onSuccess: (r) => setDone(r),
    onError: (e) => setLeftover(applyServerErrors(form, e, verifyFields)),
  });
  if (done) {
    return (
      <Result
        status="success"
        title={t('window.verify.done')}
        extra={
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              verify.reset();
              setDone(null);
            }}
          >
            {t('window.verify.next')}
          </Button>
        }
      >
        <Descriptions column={1} bordered size="small" data-testid="window-verify-result">
          <Descriptions.Item label={t('window.field.name')}>{done.person.name}</Descriptions.Item>
          <Descriptions.Item label={t('window.field.idNumber')}>
            <span className="mono">{done.person.idNumberMasked}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('window.field.username')}>{done.username}</Descriptions.Item>
          <Descriptions.Item label={t('window.field.level')}>{t(`window.level.${done.assuranceLevel}`)}</Descriptions.Item>
        </Descriptions>
      </Result>
    );
  }
  return (
    <Form
      form={form}
      name="window-verify"
      layout="vertical"
      style={{ maxWidth: 480 }}
      initialValues={{ method: 'id_card_read' }}
      onFinish={(v) => verify.mutate(v)}
    >
      <p>{t('window.verify.intro')}</p>
      <ProblemAlert error={verify.error} leftover={leftover} />
      <Form.Item name="name" label={t('window.field.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="idNumber" label={t('window.field.idNumber')} rules={[{ required: true, whitespace: true, max: 18 }]}>
        <Input autoComplete="off" className="mono" inputMode="text" />
      </Form.Item>
      <Form.Item name="method" label={t('window.field.method')} rules={[{ required: true }]}>
        <Radio.Group>
          <Radio value="id_card_read">{t('window.method.id_card_read')}</Radio>
          <Radio value="by_eye">{t('window.method.by_eye')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={verify.isPending} block>
        {t('window.verify.submit')}
      </Button>
    </Form>
  );
}

const openFields = ['username', 'name', 'idNumber', 'phone', 'address', 'regionCode', 'password'] as const;

function OpenForm() {
  const { t } = useTranslation();
  const [form] = Form.useForm<OpenBody>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const [done, setDone] = useState<Opened | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const open = useMutation({
    mutationFn: (body: OpenBody) => openPersonAccount({ ...body, phone: body.phone || null, address: body.address || null }, key),
    onMutate: () => setLeftover([]),
    onSuccess: (r) => setDone(r),
    onError: (e) => setLeftover(applyServerErrors(form, e, openFields)),
  });
  if (done) {
    return (
      <Result
        status="success"
        title={t('window.open.done')}
        subTitle={t('window.open.mustChange')}
        extra={
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              open.reset();
              setKey(crypto.randomUUID());
              setDone(null);
            }}
          >
            {t('window.open.next')}
          </Button>
        }
      >
        <Descriptions column={1} bordered size="small" data-testid="window-open-result">
          <Descriptions.Item label={t('window.field.username')}>{done.username}</Descriptions.Item>
          <Descriptions.Item label={t('window.field.name')}>{done.person.name}</Descriptions.Item>
          <Descriptions.Item label={t('window.field.idNumber')}>
            <span className="mono">{done.person.idNumberMasked}</span>
          </Descriptions.Item>
          {done.person.phoneMasked && <Descriptions.Item label={t('window.field.phone')}>{done.person.phoneMasked}</Descriptions.Item>}
        </Descriptions>
      </Result>
    );
  }
  return (
    <Form form={form} name="window-open" layout="vertical" style={{ maxWidth: 480 }} onFinish={(v) => open.mutate(v)}>
      <p>{t('window.open.intro')}</p>
      <ProblemAlert error={open.error} leftover={leftover} />
      <Form.Item name="name" label={t('window.field.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="idNumber" label={t('window.field.idNumber')} rules={[{ required: true, whitespace: true, max: 18 }]}>
        <Input autoComplete="off" className="mono" />
      </Form.Item>
      <Form.Item
        name="username"
        label={t('window.field.username')}
        extra={t('window.open.usernameHint')}
        rules={[{ required: true, pattern: /^[a-z][a-z0-9._-]{2,31}$/ }]}
      >
        <Input autoComplete="off" autoCapitalize="none" />
      </Form.Item>
      <Form.Item name="phone" label={t('window.field.phone')} rules={[{ pattern: /^1[3-9]\d{9}$/ }]}>
        <Input autoComplete="off" inputMode="tel" />
      </Form.Item>
      <Form.Item name="address" label={t('window.field.address')} rules={[{ max: 200 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="regionCode" label={t('window.field.region')} rules={[{ required: true }]}>
        <RegionPicker />
      </Form.Item>
      <Form.Item name="password" label={t('window.field.password')} extra={t('window.open.passwordHint')} rules={[{ required: true, max: 128 }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={open.isPending} block>
        {t('window.open.submit')}
      </Button>
    </Form>
  );
}
