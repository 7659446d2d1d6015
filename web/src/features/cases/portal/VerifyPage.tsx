import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { QueryView } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { usePublicKey, useVerification, verifyPath, type Verification } from '../api';
import { CertificateFields, downloadCertificate } from '../certificate';
import { Facts } from '../ui';
import '../cases.css';

/** 电子证照核验: the QR code's target. Check character, status and SM2 signature, by the server; the key for offline checks. */
export function VerifyPage() {
  const { t } = useTranslation();
  const { identifier = '' } = useParams();
  useDocumentTitle(t('cases.verify.title'));
  const navigate = useNavigate();
  const [value, setValue] = useState(identifier);
  const q = useVerification(identifier);
  return (
    <div className="cs-portal">
      <h1>{t('cases.verify.title')}</h1>
      <p>{t('cases.verify.intro')}</p>
      <Form layout="vertical" onFinish={() => value.trim() && navigate(verifyPath(value.trim().toUpperCase()))} className="no-print">
        <Form.Item label={t('cases.cert.identifier')} htmlFor="cs-verify-id">
          <Input id="cs-verify-id" size="large" value={value} onChange={(e) => setValue(e.target.value)} maxLength={200} spellCheck={false} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large">
          {t('cases.verify.submit')}
        </Button>
      </Form>
      {identifier && (
        <div style={{ marginTop: 16 }} aria-live="polite">
          <QueryView query={q}>{(v) => <VerificationResult v={v} />}</QueryView>
        </div>
      )}
    </div>
  );
}

function VerificationResult({ v }: { v: Verification }) {
  const { t } = useTranslation();
  const [showKey, setShowKey] = useState(false);
  const key = usePublicKey(showKey);
  const genuine = v.found && v.signatureValid === true;
  const valid = genuine && v.status === 'valid';
  const verdict = !v.checkCharacterValid ? 'badCheck' : !v.found ? 'notFound' : v.signatureValid === false ? 'badSignature' : valid ? 'valid' : 'notValid';
  return (
    <Card title={<h2>{t('cases.verify.result')}</h2>} data-testid="cs-verify-result">
      <Alert
        type={valid ? 'success' : genuine ? 'warning' : 'error'}
        showIcon
        title={<span data-testid="cs-verdict">{t(`cases.verify.verdict.${verdict}`, { status: v.status ? t(`cases.certStatus.${v.status}`) : '' })}</span>}
        style={{ marginBottom: 12 }}
      />
      <Facts
        items={[
          [t('cases.cert.identifier'), <span className="mono cs-break">{v.identifier}</span>],
          [t('cases.verify.checkCharacter'), v.checkCharacterValid ? t('cases.verify.ok') : t('cases.verify.bad')],
          [t('cases.verify.signature'), v.signatureValid === null ? '—' : v.signatureValid ? t('cases.verify.ok') : t('cases.verify.bad')],
          [t('cases.cert.status'), v.status ? t(`cases.certStatus.${v.status}`) : '—'],
          [t('cases.verify.keyId'), v.keyId ? <span className="mono">{v.keyId}</span> : null],
        ]}
      />
      {v.content && (
        <>
          <h3 style={{ marginTop: 16 }}>{t('cases.verify.content')}</h3>
          <CertificateFields content={v.content} />
          <h3 style={{ marginTop: 16 }}>{t('cases.verify.signatureValue')}</h3>
          <p className="cs-sig">{v.signature}</p>
          <div className="cs-actions no-print">
            <Button onClick={() => downloadCertificate(v.identifier, v)}>{t('cases.cert.download')}</Button>
            <Button onClick={() => setShowKey((s) => !s)} aria-expanded={showKey}>
              {t('cases.verify.showKey')}
            </Button>
          </div>
          {showKey && key.data && (
            <div style={{ marginTop: 12 }}>
              <Facts
                items={[
                  [t('cases.verify.algorithm'), `${key.data.algorithm} / ${key.data.hash}`],
                  [t('cases.verify.signerId'), <span className="mono">{key.data.signerId}</span>],
                  [t('cases.verify.publicKey'), <span className="cs-sig">{key.data.publicKey}</span>],
                  [t('cases.verify.canonicalization'), key.data.canonicalization],
                ]}
              />
            </div>
          )}
        </>
      )}
    </Card>
  );
}

export default VerifyPage;
