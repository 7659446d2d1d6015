import { useState } from 'react';
import { Alert, Button, Card, Form, Input, App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { landingPath, useChangePassword, useMe } from '../api/auth';
import type { FieldError } from '../api/errors';
import { ProblemAlert } from '../components/ProblemAlert';
import { applyServerErrors } from '../lib/form-errors';
import { useDocumentTitle } from '../lib/use-document-title';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}
const FIELDS = ['currentPassword', 'newPassword'] as const;

/** Also where an account with `mustChangePassword` is sent before anything else. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.changePassword'));
  const { message } = App.useApp();
  const me = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const change = useChangePassword();
  const [form] = Form.useForm<Values>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);

  return (
    <Card className="auth-card" title={<h1 style={{ margin: 0, fontSize: '1.3em' }}>{t('auth.changePassword')}</h1>}>
      {me.data?.mustChangePassword && <Alert type="warning" showIcon title={t('auth.mustChangePassword')} style={{ marginBottom: 16 }} />}
      <ProblemAlert error={change.error} leftover={leftover} />
      <Form<Values>
        name="changePassword"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={({ currentPassword, newPassword }) =>
          change.mutate(
            { currentPassword, newPassword },
            {
              onSuccess: () => {
                void message.success(t('auth.passwordChanged'));
                void navigate(me.data ? landingPath(me.data, params.get('next')) : '/', { replace: true });
              },
              onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
            },
          )
        }
      >
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          extra={t('auth.passwordRule')}
          rules={[
            { required: true, message: t('validation.required') },
            // The length part of the server's rule; the server judges guessability (auth.weak_password says why).
            { min: 10, message: t('auth.passwordRule') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={change.isPending}>
          {t('action.save')}
        </Button>
      </Form>
    </Card>
  );
}

export default ChangePasswordPage;
