import { useState, type ReactNode } from 'react';
import { App, Button, Collapse } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../../lib/dayjs';
import { fetchCertificatePdf, qrUrl, renewVerificationCode, useVerification, verifyPath, type Verification } from './api';
import { Facts, labelOf } from './ui';

/** Saves a Blob under a file name (an anchor with `download`). */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

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
  saveBlob(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }), `${identifier}.json`);
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
  // A party (holder, issuer) as its name with its code; any other object as its values, never as JSON.
  const text = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (Array.isArray(v)) return v.map(text).filter(Boolean).join(t('common.listSeparator'));
    if (typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('name' in o) return o.code ? `${text(o.name)} (${text(o.code)})` : text(o.name);
      return Object.values(o).map(text).filter(Boolean).join(' ');
    }
    if (typeof v === 'boolean') return t(v ? 'cases.cert.yes' : 'cases.cert.no');
    return String(v);
  };
  const items: ([string, string] | [string, string, 'data'])[] = Object.entries(content)
    .filter(([k]) => k !== 'identifier' && k !== 'name')
    .flatMap(([k, v]): ([string, string] | [string, string, 'data'])[] =>
      // The form fields the certificate type carries, under their own labels.
      k === 'fields' && v && typeof v === 'object' && !Array.isArray(v)
        ? Object.entries(v as Record<string, unknown>).map(([label, x]): [string, string, 'data'] => [label, text(x), 'data'])
        : [
            [
              (KNOWN as readonly string[]).includes(k) ? labelOf(t, `cases.certField.${k}`, k) : k,
              /At$|On$|Until$|From$/.test(k) && typeof v === 'string' ? formatDate(v) : k === 'validUntil' && !v ? t('cases.verify.noExpiry') : text(v),
            ],
          ],
    );
  return <Facts items={items} />;
}

/** The signature facts, folded away for those who want them: algorithm, key, signature value, and what each check found. */
export function SignatureDetails({ signature, keyId, extra }: { signature?: string | null; keyId?: string | null; extra?: [string, ReactNode][] }) {
  const { t } = useTranslation();
  if (!signature && !keyId && !extra?.length) return null;
  return (
    <Collapse
      size="small"
      style={{ marginTop: 12 }}
      data-testid="cs-cert-signature"
      items={[
        {
          key: 'sig',
          label: t('cases.cert.signatureDetails'),
          children: (
            <Facts
              items={[
                ...(extra ?? []),
                [t('cases.verify.algorithm'), 'SM2 / SM3'],
                [t('cases.verify.keyId'), keyId ? <span className="mono">{keyId}</span> : null],
                [t('cases.verify.signatureValue'), signature ? <span className="cs-sig">{signature}</span> : null],
              ]}
            />
          ),
        },
      ]}
    />
  );
}

/** The PDF download: fetched as a Blob so the button can spin while the server renders it (the first one takes seconds). */
export function PdfButton({ identifier }: { identifier: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      saveBlob(await fetchCertificatePdf(identifier), `${identifier}.pdf`);
    } catch {
      void message.error(t('cases.cert.pdfFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={() => void download()} loading={busy} disabled={busy} data-testid="cs-cert-pdf">
      {busy ? t('cases.cert.pdfPreparing') : t('cases.cert.downloadPdf')}
    </Button>
  );
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
        {verification?.content && <SignatureDetails signature={verification.signature} keyId={verification.keyId} />}
        <div className="cs-actions no-print" style={{ marginTop: 12 }}>
          <Link to={verifyPath(identifier)}>{t('cases.cert.verify')}</Link>
          <PdfButton identifier={identifier} />
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
