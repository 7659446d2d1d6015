import { useState } from 'react';
import { Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { FieldError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyServerErrors } from '../../lib/form-errors';
import { useDocumentTitle } from '../../lib/use-document-title';
import { SmsCodeInput } from './SmsCodeInput';
import { useRegister, type Register } from './api';

const FIELDS = ['name', 'idNumber', 'mobile', 'smsCode', 'password'] as const;

/** 注册: name, ID number, mobile confirmed by an SMS code and a password; signs in and goes to the account page. */
export function RegisterPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.register.title'));
  const [form] = Form.useForm<Register>();
  const register = useRegister();
  const navigate = useNavigate();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  return (
    <Card className="auth-card" title={<h1 style={{ margin: 0, fontSize: '1.3em' }}>{t('account.register.title')}</h1>}>
      {register.error && <ProblemAlert error={register.error} leftover={leftover} />}
      <Form<Register>
        name="register"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          register.mutate(values, {
            onSuccess: () => void navigate('/me/account', { replace: true }),
            onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
          })
        }
      >
        <Form.Item name="name" label={t('account.register.name')} rules={required}>
          <Input autoComplete="name" maxLength={50} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('account.register.idNumber')} rules={required}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="mobile" label={t('account.register.mobile')} rules={required}>
          <Input inputMode="tel" autoComplete="tel" maxLength={11} />
        </Form.Item>
        <Form.Item name="smsCode" label={t('account.register.smsCode')} rules={required}>
          <SmsCodeInput form={form} mobileField="mobile" purpose="register" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('account.register.password')}
          rules={[{ required: true, message: t('validation.required') }]}
          extra={t('auth.passwordRule')}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <p style={{ color: 'rgba(0,0,0,0.55)' }}>{t('account.register.privacy')}</p>
        <Button type="primary" htmlType="submit" block loading={register.isPending}>
          {t('account.register.submit')}
        </Button>
      </Form>
      <p style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/login">{t('account.register.hasAccount')}</Link>
      </p>
    </Card>
  );
}

export default RegisterPage;
