import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { FieldError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyServerErrors } from '../../lib/form-errors';
import { SmsCodeInput } from './SmsCodeInput';
import { useChangeMobile, useCloseAccount, useProfile } from './api';

interface MobileValues {
  newMobile: string;
  oldCode?: string;
  newCode: string;
}

/** 更换手机号: a change_mobile code to the current number and one to the new number. */
export function ChangeMobileCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<MobileValues>();
  const change = useChangeMobile();
  const profile = useProfile();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const hasMobile = !!profile.data?.person?.phoneMasked;
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('account.page.mobile')}</h2>}>
      {change.error && <ProblemAlert error={change.error} leftover={leftover} />}
      <Form<MobileValues>
        name="change-mobile"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          change.mutate(values, {
            onSuccess: (r) => {
              form.resetFields();
              void message.success(t('account.page.mobileChanged', { phone: r.phoneMasked }));
            },
            onError: (e) => setLeftover(applyServerErrors(form, e, ['newMobile', 'oldCode', 'newCode'])),
          })
        }
      >
        {hasMobile && (
          <Form.Item
            name="oldCode"
            label={t('account.page.oldCode', { phone: profile.data?.person?.phoneMasked ?? '' })}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <CurrentNumberCode />
          </Form.Item>
        )}
        <Form.Item name="newMobile" label={t('account.page.newMobile')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input inputMode="tel" maxLength={11} />
        </Form.Item>
        <Form.Item name="newCode" label={t('account.page.newCode')} rules={[{ required: true, message: t('validation.required') }]}>
          <SmsCodeInput form={form} mobileField="newMobile" purpose="change_mobile" />
        </Form.Item>
        <Button htmlType="submit" loading={change.isPending}>
          {t('account.page.changeMobile')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * The current number's code: the page does not know the full number (only its mask), so it is
 * typed here once into a hidden form of its own and the code sent to it.
 */
function CurrentNumberCode({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const [inner] = Form.useForm<{ currentMobile: string }>();
  const { t } = useTranslation();
  return (
    <Form form={inner} component={false}>
      <Form.Item name="currentMobile" noStyle>
        <Input inputMode="tel" maxLength={11} placeholder={t('account.register.mobile')} style={{ marginBottom: 8 }} />
      </Form.Item>
      <SmsCodeInput form={inner} mobileField="currentMobile" purpose="change_mobile" value={value} onChange={onChange} id={id} />
    </Form>
  );
}

/** 注销账号, with the password. */
export function CloseAccountCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const close = useCloseAccount();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ password: string }>();
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('account.page.close')}</h2>}>
      <p>{t('account.page.closeHint')}</p>
      {close.error && <ProblemAlert error={close.error} />}
      <Form
        name="close-account"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) =>
          close.mutate(v.password, {
            onSuccess: () => {
              void message.success(t('account.page.closed'));
              void navigate('/', { replace: true });
            },
          })
        }
      >
        <Form.Item name="password" label={t('account.page.closeConfirm')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Button danger htmlType="submit" loading={close.isPending}>
          {t('account.page.close')}
        </Button>
      </Form>
    </Card>
  );
}
