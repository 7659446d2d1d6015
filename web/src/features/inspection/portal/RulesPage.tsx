import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryView } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useRules } from '../api';
import '../inspection.css';

/** 实施细则: every department's published implementation rules (public). */
export function PublicRulesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('inspection.rules.publicTitle'));
  const rules = useRules();
  return (
    <div className="insp-page">
      <h1>{t('inspection.rules.publicTitle')}</h1>
      <p className="insp-intro">
        <Link to="/inspection">{t('inspection.portal.title')}</Link>
      </p>
      <QueryView query={rules} isEmpty={(r) => r.length === 0} empty={<p>{t('inspection.rules.empty')}</p>}>
        {(list) => (
          <>
            {list.map((r) => (
              <article key={r.id} className="insp-section" aria-labelledby={`rules-${r.id}`}>
                <h2 id={`rules-${r.id}`}>{r.title}</h2>
                <p className="insp-muted">
                  {r.departmentName} · {t('inspection.rules.updatedAt', { at: r.updatedAt.slice(0, 10) })}
                </p>
                {r.body.split('\n').map((para, i) => (
                  <p key={i}>{para}</p>
                ))}
                {r.fileRefs.length > 0 && (
                  <ul>
                    {r.fileRefs.map((f) => (
                      <li key={f}>{f}</li>
                    ))}
                  </ul>
                )}
              </article>
            ))}
          </>
        )}
      </QueryView>
    </div>
  );
}
