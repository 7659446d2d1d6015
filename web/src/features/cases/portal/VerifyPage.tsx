import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { QueryView } from '../../../components/PageState';
import { formatDate } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { usePublicKey, useVerification, verifyPath, verifyWithCode, type Verification } from '../api';
import { CertificateFields, SignatureDetails, downloadCertificate } from '../certificate';
import { Facts } from '../ui';
import '../cases.css';

/**
 * 电子证照核验: the QR code's target. Anyone: check character, authenticity (SM2 signature, checked
 * by the server), status, type, issuer, the holder's name masked, dates. The full signed content
 * (and the key for offline checks) for the holder, staff in scope, or whoever enters the
 * verification code printed on the certificate; the QR code carries it as `#code=…`, which the
 * browser never sends to the server: the page posts it.
 */
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
          <Input
            id="cs-verify-id"
            size="large"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            maxLength={200}
            spellCheck={false}
            autoComplete="off"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large">
          {t('cases.verify.submit')}
        </Button>
      </Form>
      {identifier && (
        <div style={{ marginTop: 16 }} aria-live="polite">
          <QueryView query={q}>{(v) => <VerificationResult v={v} key={v.identifier} />}</QueryView>
        </div>
      )}
    </div>
  );
}

/** The code in the address's fragment (#code=XXXX-XXXX-XXXX), as the QR code carries it. */
function codeFromHash(hash: string): string {
  const m = /(?:^#|&)code=([^&]+)/.exec(hash);
  return m ? decodeURIComponent(m[1]!) : '';
}

function VerificationResult({ v: publicAnswer }: { v: Verification }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [showKey, setShowKey] = useState(false);
  const key = usePublicKey(showKey);
  const [full, setFull] = useState<Verification | null>(null);
  const [code, setCode] = useState(() => codeFromHash(location.hash));
  const [codeError, setCodeError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const v = full ?? publicAnswer;
  const submitCode = async (value: string) => {
    if (!value.trim()) return;
    setChecking(true);
    setCodeError(null);
    try {
      setFull(await verifyWithCode(publicAnswer.identifier, value.trim()));
    } catch (e) {
      const problem = e as { code?: string; status?: number };
      setCodeError(problem.code === 'rate.limited' || problem.status === 429 ? t('cases.verify.codeLimited') : t('cases.verify.codeWrong'));
    } finally {
      setChecking(false);
    }
  };
  // Scanned from the certificate: the fragment carries the code; use it once.
  useEffect(() => {
    const fromHash = codeFromHash(location.hash);
    if (fromHash && publicAnswer.found && publicAnswer.access === 'public') void submitCode(fromHash);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [publicAnswer.identifier]);
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
          [t('cases.cert.status'), v.status ? t(`cases.certStatus.${v.status}`) : '—'],
          [t('cases.cert.name'), v.name],
          [t('cases.certField.holder'), v.holder ? <span data-testid="cs-verify-holder">{v.holder.name}</span> : null],
          [t('cases.certField.issuer'), v.issuer?.name],
          [t('cases.certField.issuedOn'), v.issuedOn ? formatDate(v.issuedOn) : null],
          [t('cases.certField.validUntil'), v.found ? (v.validUntil ? formatDate(v.validUntil) : t('cases.verify.noExpiry')) : null],
        ]}
      />
      <SignatureDetails
        signature={v.content ? v.signature : null}
        keyId={v.keyId}
        extra={[
          [t('cases.verify.checkCharacter'), v.checkCharacterValid ? t('cases.verify.ok') : t('cases.verify.bad')],
          [t('cases.verify.signature'), v.signatureValid === null ? '—' : v.signatureValid ? t('cases.verify.ok') : t('cases.verify.bad')],
        ]}
      />
      {v.found && !v.content && (
        <div className="no-print" style={{ marginTop: 16 }} data-testid="cs-verify-code">
          <h3>{t('cases.verify.fullTitle')}</h3>
          <p className="cs-hint">{t('cases.verify.fullHint')}</p>
          <Form layout="inline" onFinish={() => void submitCode(code)}>
            <Form.Item label={t('cases.verify.code')} htmlFor="cs-verify-code" validateStatus={codeError ? 'error' : undefined} help={codeError ?? undefined}>
              <Input
                id="cs-verify-code"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                maxLength={40}
                spellCheck={false}
                autoComplete="off"
                placeholder="XXXX-XXXX-XXXX"
                style={{ width: 200 }}
              />
            </Form.Item>
            <Button htmlType="submit" loading={checking}>
              {t('cases.verify.showFull')}
            </Button>
          </Form>
        </div>
      )}
      {v.content && (
        <>
          <h3 style={{ marginTop: 16 }}>{t('cases.verify.content')}</h3>
          <div data-testid="cs-verify-content">
            <CertificateFields content={v.content} />
          </div>
          <div className="cs-actions no-print" style={{ marginTop: 12 }}>
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
