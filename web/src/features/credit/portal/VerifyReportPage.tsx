import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import '../credit.css';
import './my-credit-level.css';

type ListKey = 'credit.list.honor';

/** /credit/verify: anyone checks a credit report's verification code: genuine or not, and what the report certified (no personal data). */
export function VerifyReportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('credit.verify.title'));
  const [code, setCode] = useState('');
  const verify = useMutation({ mutationFn: (c: string) => unwrap(api.POST('/api/public/credit/reports/verify', { body: { code: c } })) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) verify.mutate(code.trim());
  };
  const r = verify.data;
  return (
    <div className="cr-page">
      <h1>{t('credit.verify.title')}</h1>
      <p>{t('credit.verify.intro')}</p>
      <form className="cr-lookup" onSubmit={submit}>
        <label htmlFor="cr-code">{t('credit.verify.code')}</label>
        <input id="cr-code" value={code} maxLength={40} autoComplete="off" placeholder="XXXX-XXXX-XXXX" onChange={(e) => setCode(e.target.value)} />
        <button type="submit" disabled={verify.isPending}>
          {t('credit.verify.check')}
        </button>
      </form>
      {verify.isError && <p role="alert">{t('credit.verify.failed')}</p>}
      {r && !r.genuine && <p role="alert">{t('credit.verify.notGenuine')}</p>}
      {r?.report && (
        <section aria-labelledby="cr-verified" role="status">
          <h2 id="cr-verified">{t('credit.verify.genuine')}</h2>
          <dl className="cr-meta">
            <dt>{t('credit.verify.reportNo')}</dt>
            <dd className="mono">{r.report.reportNo}</dd>
            <dt>{t('credit.verify.subject')}</dt>
            <dd>
              <span lang="zh-CN">{r.report.name}</span> <span className="mono">{r.report.uscc}</span>
            </dd>
            <dt>{t('credit.verify.issuedOn')}</dt>
            <dd>{r.report.issuedOn}</dd>
            <dt>{t('credit.level.title')}</dt>
            <dd>{r.report.level && <span className={`cr-grade cr-grade-${r.report.level}`}>{r.report.level}</span>}</dd>
            <dt>{t('credit.verify.lists')}</dt>
            <dd>{r.report.lists.length ? r.report.lists.map((l) => t(`credit.list.${l}` as ListKey)).join('、') : t('credit.verify.noLists')}</dd>
            <dt>{t('credit.verify.records')}</dt>
            <dd>{r.report.recordCount}</dd>
            <dt>{t('credit.verify.digest')}</dt>
            <dd className="mono cr-muted">{r.report.contentDigest}</dd>
          </dl>
        </section>
      )}
    </div>
  );
}
