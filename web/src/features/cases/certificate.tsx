import { useState, type ReactNode } from 'react';
import { App, Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../lib/dayjs';
import { pdfUrl, qrUrl, renewVerificationCode, useVerification, verifyPath, type Verification } from './api';
import { Facts, labelOf } from './ui';

/** The signed content as a file: content + signature + key, enough to verify offline with the published key. */
export function downloadCertificate(identifier: string, v: Pick<Verification, 'content' | 'signature' | 'keyId' | 'publicKey'>) {
  const doc = {
    identifier,
    content: v.content,
    signature: v.signature,
    keyId: v.keyId,
    publicKey: v.publicKey,
    algorithm: 'SM2-with-SM3',
    signerId: '1234567812345678',
    canonicalization: 'JSON, keys sorted, no whitespace, UTF-8',
  };
  const blob = new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${identifier}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const KNOWN = [
  'name',
  'holderName',
  'holder',
  'holderIdentifier',
  'issuer',
  'issuerName',
  'issuedOn',
  'issuedAt',
  'validFrom',
  'validUntil',
  'caseNo',
  'itemName',
  'item',
  'scope',
  'address',
] as const;

/** The fields of a certificate's signed content, known ones labelled, the rest as they are. */
export function CertificateFields({ content }: { content: Record<string, unknown> }) {
  const { t } = useTranslation();
  const text = (v: unknown): string =>
    v === null || v === undefined
      ? ''
      : typeof v === 'object'
        ? 'name' in (v as object)
          ? String((v as { name: unknown }).name)
          : JSON.stringify(v)
        : String(v);
  const items: [string, string][] = Object.entries(content)
    .filter(([k]) => k !== 'identifier')
    .flatMap(([k, v]): [string, string][] =>
      // The form fields the certificate type carries, under their own labels.
      k === 'fields' && v && typeof v === 'object' && !Array.isArray(v)
        ? Object.entries(v as Record<string, unknown>).map(([label, x]) => [
            label,
            typeof x === 'boolean' ? t(x ? 'cases.cert.yes' : 'cases.cert.no') : text(x),
          ])
        : [
            [
              (KNOWN as readonly string[]).includes(k) ? labelOf(t, `cases.certField.${k}`, k) : k,
              /At$|On$/.test(k) && typeof v === 'string' ? formatDate(v) : text(v),
            ],
          ],
    );
  return <Facts items={items} />;
}

/**
 * A certificate with its QR code (the verification page's address, carrying the verification code
 * for the holder and staff), the PDF, a download of the signed content and a link to verify
 * (holder's and staff pages only: the PDF and the code are theirs). `renewable`: the holder may
 * replace the code (a leaked one stops working; a certificate issued before codes gets its first).
 */
export function CertificateCard({
  identifier,
  name,
  status,
  verification,
  renewable,
}: {
  identifier: string;
  name: string;
  status: string;
  verification?: Pick<Verification, 'content' | 'signature' | 'keyId' | 'publicKey' | 'verificationCode'>;
  renewable?: boolean;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  // A new code changes the QR code too: reload the image.
  const [qrVersion, setQrVersion] = useState(0);
  const code = verification?.verificationCode ?? null;
  const renew = async () => {
    setBusy(true);
    try {
      await renewVerificationCode(identifier);
      await qc.invalidateQueries({ queryKey: ['cases'] });
      setQrVersion((v) => v + 1);
      void message.success(t('cases.cert.codeRenewed'));
    } catch {
      void message.error(t('cases.cert.codeRenewFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="cs-cert" data-testid="cs-certificate">
      <div>
        <Facts
          items={[
            [t('cases.cert.name'), name],
            [
              t('cases.cert.identifier'),
              <span className="mono cs-break" data-testid="cs-cert-identifier">
                {identifier}
              </span>,
            ],
            [t('cases.cert.status'), labelOf(t, `cases.certStatus.${status}`, status)],
            ...(verification
              ? ([
                  [
                    t('cases.cert.code'),
                    code ? (
                      <span className="mono" data-testid="cs-cert-code">
                        {code}
                      </span>
                    ) : (
                      <span className="cs-hint">{t('cases.cert.noCode')}</span>
                    ),
                  ],
                ] as [string, ReactNode][])
              : []),
          ]}
        />
        {verification && <p className="cs-hint">{t('cases.cert.codeHint')}</p>}
        {verification?.content && (
          <div style={{ marginTop: 12 }}>
            <CertificateFields content={verification.content} />
          </div>
        )}
        <div className="cs-actions no-print" style={{ marginTop: 12 }}>
          <Link to={verifyPath(identifier)}>{t('cases.cert.verify')}</Link>
          <Button href={pdfUrl(identifier)} download={`${identifier}.pdf`} data-testid="cs-cert-pdf">
            {t('cases.cert.downloadPdf')}
          </Button>
          {verification?.content && <Button onClick={() => downloadCertificate(identifier, verification)}>{t('cases.cert.download')}</Button>}
          {renewable && (
            <Button onClick={renew} loading={busy} data-testid="cs-cert-renew-code">
              {code ? t('cases.cert.renewCode') : t('cases.cert.makeCode')}
            </Button>
          )}
          <Button onClick={() => window.print()}>{t('cases.cert.print')}</Button>
        </div>
      </div>
      <div className="cs-cert__qr">
        <img src={`${qrUrl(identifier)}${qrVersion ? `?v=${qrVersion}` : ''}`} alt={t('cases.cert.qrAlt', { identifier })} width={180} height={180} />
      </div>
    </div>
  );
}

/** The card with what the signed-in person may read of it (the holder and staff in scope: the content and the code; the holder may replace the code). */
export function VerifiedCertificateCard({ identifier, name, status }: { identifier: string; name: string; status: string }) {
  const v = useVerification(identifier);
  return (
    <CertificateCard
      identifier={identifier}
      name={name}
      status={status}
      verification={v.data?.content ? v.data : undefined}
      renewable={v.data?.access === 'holder'}
    />
  );
}
