import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { useMe } from '../../../api/auth';
import type { ResponseOf } from '../../../api/types';
import { QueryView } from '../../../components/PageState';
import './my-credit-level.css';

type CreditLevel = ResponseOf<'/api/credit/mine/level'>;
type FactorKey = 'credit.kind.penalty';

/** 我的信用: the credit level computed from the file, each record and list that makes it with its points, and the credit report (enterprises). */
export function MyCreditLevel() {
  const { t } = useTranslation();
  const me = useMe();
  const level = useQuery({ queryKey: ['credit', 'mine', 'level'], queryFn: ({ signal }) => unwrap(api.GET('/api/credit/mine/level', { signal })) });
  return (
    <section className="cr-level" aria-labelledby="cr-level-h">
      <h2 id="cr-level-h">{t('credit.level.title')}</h2>
      <QueryView query={level}>
        {(l: CreditLevel) => (
          <>
            <p>
              <span className={`cr-grade cr-grade-${l.level}`}>{l.level}</span>{' '}
              {t('credit.level.score', { score: l.score, base: l.base, a: l.thresholds.A, b: l.thresholds.B, c: l.thresholds.C })}
            </p>
            {l.contributions.length > 0 && (
              <table className="cr-level-table">
                <thead>
                  <tr>
                    <th scope="col">{t('credit.level.factor')}</th>
                    <th scope="col">{t('credit.level.item')}</th>
                    <th scope="col">{t('credit.level.points')}</th>
                  </tr>
                </thead>
                <tbody>
                  {l.contributions.map((c, i) => (
                    <tr key={c.recordId ?? `${c.factor}-${i}`}>
                      <td>{t((c.factorKind === 'list' ? `credit.list.${c.factor}` : `credit.kind.${c.factor}`) as FactorKey)}</td>
                      <td lang="zh-CN">
                        {c.title} <span className="cr-muted">{c.decidedOn}</span>
                      </td>
                      <td>{c.points > 0 ? `+${c.points}` : c.points}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </QueryView>
      {me.data?.kind === 'entity' && <ReportButton />}
    </section>
  );
}

/** Downloads a credit report: the signed-in enterprise's own, or (with `uscc`) any entity's public one. */
export function ReportButton({ uscc }: { uscc?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const download = async () => {
    setState('busy');
    try {
      const blob = (await unwrap(
        uscc ? api.POST('/api/public/credit/reports', { body: { uscc }, parseAs: 'blob' }) : api.POST('/api/credit/mine/report', { parseAs: 'blob' }),
      )) as Blob;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'credit-report.pdf';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <p>
      <button type="button" className="cr-link" disabled={state === 'busy'} onClick={() => void download()}>
        {t('credit.level.report')}
      </button>{' '}
      <span className="cr-muted">{t('credit.level.reportHint')}</span>
      {state === 'failed' && <span role="alert"> {t('credit.level.reportFailed')}</span>}
    </p>
  );
}
