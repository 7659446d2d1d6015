import { useState } from 'react';
import { Alert, Button } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryView } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { drawInputsUrl, fetchDrawInputs, usePublicDraw, type PublicDraw } from '../api';
import type { VerifyCheck } from '../draw/draw';
import '../inspection.css';

const HASHES = ['params', 'entities', 'inspectors', 'exclusions', 'result'] as const;

/** A draw as published: commitment, revealed seed, input hashes, selection; re-run in the browser. */
export function DrawPage() {
  const { drawId } = useParams();
  const draw = usePublicDraw(drawId);
  return <QueryView query={draw}>{(d) => <DrawView draw={d} />}</QueryView>;
}

function DrawView({ draw }: { draw: PublicDraw }) {
  const { t } = useTranslation();
  useDocumentTitle(`${t('inspection.draw.title')} · ${draw.taskTitle}`);
  return (
    <div className="insp-page">
      <p>
        <Link to="/inspection">{t('inspection.draw.back')}</Link>
      </p>
      <h1>
        {t('inspection.draw.title')}
        {t('common.labelColon')}
        <span lang="zh-CN">{draw.taskTitle}</span>
      </h1>
      <p>
        {t('inspection.draw.seq', { seq: draw.seq })} ·{' '}
        <span className={`insp-badge insp-badge--${draw.status === 'voided' ? 'red' : draw.status === 'drawn' ? 'green' : 'blue'}`}>
          {t(`inspection.drawStatus.${draw.status}`)}
        </span>
      </p>
      {draw.status === 'voided' && <Alert type="warning" showIcon title={t('inspection.draw.voided', { reason: draw.voidReason ?? '' })} />}

      <section className="insp-section" aria-labelledby="draw-facts">
        <h2 id="draw-facts">{t('inspection.draw.facts')}</h2>
        <dl className="insp-facts">
          <dt>{t('inspection.draw.algorithm')}</dt>
          <dd className="mono" data-testid="draw-algorithm">
            {draw.algorithm}
          </dd>
          <dt>{t('inspection.draw.commitment')}</dt>
          <dd>
            <code className="insp-hash" data-testid="draw-commitment">
              {draw.commitment}
            </code>
          </dd>
          <dt>{t('inspection.draw.committedAt')}</dt>
          <dd>{formatDateTime(draw.committedAt)}</dd>
          <dt>{t('inspection.draw.seed')}</dt>
          <dd>
            {draw.seed ? (
              <code className="insp-hash" data-testid="draw-seed">
                {draw.seed}
              </code>
            ) : (
              t('inspection.draw.seedHidden')
            )}
          </dd>
          {draw.drawnAt && (
            <>
              <dt>{t('inspection.draw.drawnAt')}</dt>
              <dd>{formatDateTime(draw.drawnAt)}</dd>
            </>
          )}
          {draw.poolSize !== null && (
            <>
              <dt>{t('inspection.draw.poolSize')}</dt>
              <dd>{draw.poolSize}</dd>
              <dt>{t('inspection.draw.target')}</dt>
              <dd>{draw.target}</dd>
            </>
          )}
        </dl>
      </section>

      {draw.hashes && (
        <section className="insp-section" aria-labelledby="draw-hashes">
          <h2 id="draw-hashes">{t('inspection.draw.hashes')}</h2>
          <dl className="insp-facts">
            {HASHES.map((k) => (
              <div key={k} style={{ display: 'contents' }}>
                <dt>{t(`inspection.draw.hash.${k}`)}</dt>
                <dd>
                  <code className="insp-hash">{draw.hashes?.[k] ?? '—'}</code>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {draw.seed && draw.hashes && <Verify draw={draw} />}

      {draw.selected.length > 0 && (
        <section className="insp-section" aria-labelledby="draw-selected">
          <h2 id="draw-selected">{t('inspection.draw.selected', { count: draw.selected.length })}</h2>
          <ol className="insp-results">
            {draw.selected.map((s) => (
              <li key={s.uscc}>
                <strong lang="zh-CN">{s.entityName}</strong>
                <span className="mono">{s.uscc}</span>
                <dl className="insp-meta">
                  <dt>{t('inspection.draw.inspectors')}</dt>
                  <dd>
                    {s.inspectors.map((i) => (
                      <div key={i.key} title={i.key} lang="zh-CN">
                        {i.name} · {i.department}
                      </div>
                    ))}
                  </dd>
                </dl>
              </li>
            ))}
          </ol>
        </section>
      )}

      {draw.otherDraws.length > 0 && (
        <section className="insp-section" aria-labelledby="draw-others">
          <h2 id="draw-others">{t('inspection.draw.otherDraws')}</h2>
          <ul>
            {draw.otherDraws.map((o) => (
              <li key={o.id}>
                <Link to={`/inspection/draws/${o.id}`}>{t('inspection.draw.seq', { seq: o.seq })}</Link> · {o.status}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

type Outcome = {
  matches: boolean;
  checks: (Omit<VerifyCheck, 'name'> & { name: VerifyCheck['name'] | 'selection' })[];
  ms: number;
  pool: number;
  selected: number;
};

/** Downloads the inputs, loads the algorithm (its own chunk) and re-runs the draw on this device. */
function Verify({ draw }: { draw: PublicDraw }) {
  const { t } = useTranslation();
  const [inputsUrl] = useState(() => drawInputsUrl(draw.id));
  const run = useMutation({
    mutationFn: async (): Promise<Outcome> => {
      const [inputs, algo] = await Promise.all([fetchDrawInputs(draw.id), import('../draw/draw')]);
      const started = performance.now();
      const report = algo.verifyDraw(inputs, { commitment: draw.commitment, hashes: draw.hashes });
      // The selection listed on this page must be the one recomputed, entity by entity and inspector by inspector.
      const listed = draw.selected.map((s) => `${s.uscc}:${s.inspectors.map((i) => i.key).join(',')}`).join('\n');
      const recomputed = report.outcome.selected.map((s) => `${s.uscc}:${s.inspectorKeys.join(',')}`).join('\n');
      const selection = {
        name: 'selection' as const,
        expected: String(draw.selected.length),
        actual: String(report.outcome.selected.length),
        ok: listed === recomputed,
      };
      const checks = [...report.checks, selection];
      return {
        matches: checks.every((c) => c.ok),
        checks,
        ms: Math.round(performance.now() - started),
        pool: report.outcome.poolSize,
        selected: report.outcome.selected.length,
      };
    },
  });
  return (
    <section className="insp-section" aria-labelledby="draw-verify">
      <h2 id="draw-verify">{t('inspection.draw.verifyTitle')}</h2>
      <p>{t('inspection.draw.verifyHelp', { algorithm: draw.algorithm })}</p>
      <Button type="primary" size="large" onClick={() => run.mutate()} loading={run.isPending}>
        {t('inspection.draw.verify')}
      </Button>
      <div className="insp-verify-result" aria-live="polite" data-testid="verify-result">
        {run.isPending && <p>{t('inspection.draw.verifying')}</p>}
        {run.isError && (
          <Alert type="error" showIcon title={t('inspection.draw.failed', { message: run.error instanceof Error ? run.error.message : String(run.error) })} />
        )}
        {run.data && (
          <>
            <Alert
              type={run.data.matches ? 'success' : 'error'}
              showIcon
              data-verdict={run.data.matches ? 'match' : 'mismatch'}
              title={run.data.matches ? t('inspection.draw.match') : t('inspection.draw.mismatch')}
              description={t('inspection.draw.elapsed', { ms: run.data.ms, pool: run.data.pool, selected: run.data.selected })}
            />
            <table className="insp-checks">
              <caption className="visually-hidden">{t('inspection.draw.checks')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('inspection.draw.check')}</th>
                  <th scope="col">{t('inspection.draw.actual')}</th>
                </tr>
              </thead>
              <tbody>
                {run.data.checks.map((c) => (
                  <tr key={c.name}>
                    <th scope="row">
                      {t(`inspection.draw.checkName.${c.name}`)}{' '}
                      <span className={c.ok ? 'insp-ok' : 'insp-bad'}>{c.ok ? t('inspection.draw.ok') : t('inspection.draw.bad')}</span>
                    </th>
                    <td>
                      <code className="insp-hash">{c.actual}</code>
                      {!c.ok && (
                        <div>
                          {t('inspection.draw.expected')}: <code className="insp-hash">{c.expected}</code>
                        </div>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
      <p>
        {t('inspection.draw.cli')}{' '}
        <a href={inputsUrl} download={`draw-${draw.id}-inputs.json`}>
          {t('inspection.draw.download')}
        </a>
      </p>
    </section>
  );
}

export default DrawPage;
