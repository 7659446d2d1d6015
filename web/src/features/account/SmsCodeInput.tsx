import { useEffect, useState } from 'react';
import { Button, Input, Space, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSendSmsCode, type SmsPurpose } from './api';

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * A code field with its 获取验证码 button: sends a code to the number in `mobileField` of the form,
 * then counts down 60 s. Without an SMS gateway (demo, development) the server answers the code,
 * shown under the field so a tester can go on (docs/identity.md).
 */
export function SmsCodeInput({
  form,
  mobileField,
  purpose,
  value,
  onChange,
  id,
}: {
  form: FormInstance;
  mobileField: string;
  purpose: SmsPurpose;
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
}) {
  const { t } = useTranslation();
  const send = useSendSmsCode();
  const [wait, setWait] = useState(0);
  const [note, setNote] = useState<string>();
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);
  const onSend = () => {
    const mobile = String(form.getFieldValue(mobileField) ?? '').trim();
    if (!MOBILE.test(mobile)) {
      form.setFields([{ name: mobileField, errors: [t('account.sms.mobileFirst')] }]);
      return;
    }
    send.mutate(
      { mobile, purpose },
      {
        onSuccess: (r) => {
          setWait(60);
          setNote(r.demoCode ? t('account.sms.demoCode', { code: r.demoCode }) : t('account.sms.sent'));
        },
        onError: (e) => setNote(e.message),
      },
    );
  };
  return (
    <>
      <Space.Compact style={{ width: '100%' }}>
        <Input id={id} value={value} onChange={(e) => onChange?.(e.target.value)} inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        <Button onClick={onSend} loading={send.isPending} disabled={wait > 0} data-testid={`send-code-${mobileField}`}>
          {wait > 0 ? t('account.sms.resend', { seconds: wait }) : t('account.sms.send')}
        </Button>
      </Space.Compact>
      {note && (
        <div role="status" className="sms-note" data-testid={`sms-note-${mobileField}`} style={{ marginTop: 4, color: 'rgba(0,0,0,0.55)' }}>
          {note}
        </div>
      )}
    </>
  );
}
