import { useState } from 'react';
import { Card, Pagination } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { RequireAuth } from '../../../components/RequireAuth';
import { EmptyState, QueryView } from '../../../components/PageState';
import { formatDate } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useWallet } from '../api';
import { CertificateCard } from '../certificate';
import '../cases.css';

/** 我的证照 (wallet): every certificate issued to me, with its full content, its verification code (to show a verifier, or to replace), QR code, download and verification link. */
export function WalletPage() {
  return (
    <RequireAuth kinds={['person', 'entity']}>
      <Wallet />
    </RequireAuth>
  );
}

function Wallet() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.portal.wallet'));
  const [page, setPage] = useState(1);
  const q = useWallet(page, 10);
  return (
    <div className="cs-portal">
      <h1>{t('cases.portal.wallet')}</h1>
      <div className="cs-links">
        <Link to="/cases/mine">{t('cases.portal.mine')}</Link>
        <Link to="/me">{t('cases.portal.account')}</Link>
      </div>
      <QueryView query={q} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('cases.portal.walletEmpty')} />}>
        {(d) => (
          <>
            {d.items.map((c) => (
              <Card key={c.identifier} className="cs-section" title={<h2 lang="zh-CN">{c.name}</h2>}>
                <p className="cs-hint">
                  {t('cases.cert.issuedOn', { date: formatDate(c.issuedAt) })} · <Link to={`/cases/${encodeURIComponent(c.caseNo)}`}>{c.caseNo}</Link>
                </p>
                <CertificateCard
                  identifier={c.identifier}
                  name={c.name}
                  status={c.status}
                  verification={{ content: c.content, signature: c.signature, keyId: c.keyId, publicKey: null, verificationCode: c.verificationCode }}
                  renewable
                />
              </Card>
            ))}
            {d.total > d.pageSize && <Pagination current={page} pageSize={d.pageSize} total={d.total} onChange={setPage} simple />}
          </>
        )}
      </QueryView>
    </div>
  );
}

export default WalletPage;
