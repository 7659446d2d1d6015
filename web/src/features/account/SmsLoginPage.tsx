import { useState } from 'react';
import { Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { landingPath } from '../../api/auth';
import type { FieldError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyServerErrors } from '../../lib/form-errors';
import { useDocumentTitle } from '../../lib/use-document-title';
import { SmsCodeInput } from './SmsCodeInput';
import { useSmsLogin } from './api';

interface Values {
  mobile: string;
  smsCode: string;
}
const FIELDS = ['mobile', 'smsCode'] as const;

/** 短信验证码登录: mobile number and a `login` code; then back to `next` or the account's face. */
export function SmsLoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.sms.loginTitle'));
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const login = useSmsLogin();
  const navigate = useNavigate();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Card className="auth-card" title={<h1 style={{ margin: 0, fontSize: '1.3em' }}>{t('account.sms.loginTitle')}</h1>}>
      {login.error && <ProblemAlert error={login.error} leftover={leftover} />}
      <Form<Values>
        name="sms-login"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          login.mutate(values, {
            onSuccess: ({ me }) => void navigate(landingPath(me, params.get('next')), { replace: true }),
            onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
          })
        }
      >
        <Form.Item name="mobile" label={t('account.register.mobile')} rules={required}>
          <Input inputMode="tel" autoComplete="tel" maxLength={11} autoFocus />
        </Form.Item>
        <Form.Item name="smsCode" label={t('account.register.smsCode')} rules={required}>
          <SmsCodeInput form={form} mobileField="mobile" purpose="login" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('auth.signIn')}
        </Button>
      </Form>
      <p style={{ marginTop: 16, display: 'flex', justifyContent: 'space-between' }}>
        <Link to="/login">{t('account.sms.passwordLink')}</Link>
        <Link to="/register">{t('account.register.link')}</Link>
      </p>
    </Card>
  );
}

export default SmsLoginPage;
