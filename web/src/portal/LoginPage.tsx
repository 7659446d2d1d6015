import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { landingPath, useLogin, useMe } from '../api/auth';
import { isApiError, type FieldError } from '../api/errors';
import { ProblemAlert } from '../components/ProblemAlert';
import { PageLoading } from '../components/PageState';
import { applyServerErrors } from '../lib/form-errors';
import { useDocumentTitle } from '../lib/use-document-title';

interface Values {
  username: string;
  password: string;
}
const FIELDS = ['username', 'password'] as const;
/** Pages the server answers itself (the OIDC provider's sign-in step, docs/oidc.md): a full page load, not a route. */
const serverPage = (path: string) => path.startsWith('/oidc/');

/** One sign-in for everyone; afterwards back to `next`, or to the account's own face. */
export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.signIn'));
  const [params] = useSearchParams();
  const next = params.get('next');
  const expired = params.get('expired') === '1';
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const [form] = Form.useForm<Values>();

  const [leftover, setLeftover] = useState<FieldError[]>([]);

  if (me.isPending) return <PageLoading />;
  if (me.data && !login.isPending && !login.isSuccess) {
    const to = landingPath(me.data, next);
    if (!serverPage(to)) return <Navigate to={to} replace />;
    window.location.replace(to);
    return <PageLoading />;
  }

  const error = login.error;
  const locked = isApiError(error) && error.code === 'auth.locked';

  return (
    <Card className="auth-card" title={<h1 style={{ margin: 0, fontSize: '1.3em' }}>{t('auth.signIn')}</h1>}>
      {expired && !error && <Alert type="warning" showIcon title={t('auth.sessionExpired')} style={{ marginBottom: 16 }} />}
      {error && (
        <>
          <ProblemAlert error={error} leftover={leftover} />
          {locked && isApiError(error) && error.retryAfterSeconds !== undefined && (
            <p role="status">{t('auth.lockedRetry', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })}</p>
          )}
        </>
      )}
      <Form<Values>
        name="login"
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) =>
          login.mutate(values, {
            onSuccess: ({ me: who }) => {
              const to = landingPath(who, next);
              if (serverPage(to)) window.location.assign(to);
              else void navigate(to, { replace: true });
            },
            onError: (e) => {
              // A failed attempt must not leave the password in the field.
              form.setFieldValue('password', '');
              setLeftover(applyServerErrors(form, e, FIELDS));
            },
          })
        }
      >
        <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input autoComplete="username" autoFocus maxLength={64} />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('auth.signIn')}
        </Button>
      </Form>
      <p style={{ marginTop: 16, display: 'flex', justifyContent: 'space-between' }}>
        <Link to={next ? `/login/sms?next=${encodeURIComponent(next)}` : '/login/sms'}>{t('account.sms.loginLink')}</Link>
        <Link to="/register">{t('account.register.link')}</Link>
      </p>
    </Card>
  );
}

export default LoginPage;
