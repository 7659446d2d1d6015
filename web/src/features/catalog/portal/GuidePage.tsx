import { Alert, Button, Collapse, Input, Tag } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/errors';
import { EmptyState, ErrorState, PageLoading } from '../../../components/PageState';
import { StatusResult } from '../../../components/StatusResult';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useGuide, useVersions, type GuideDocument } from '../api';
import { DiffTable } from '../diff';
import { ItemFacts } from './parts';
import '../catalog.css';

/** /items/:implementationCode — the published service guide (?version= an older one), printable. */
export function GuidePage() {
  const { implementationCode = '' } = useParams();
  const [sp] = useSearchParams();
  const version = Number(sp.get('version')) || undefined;
  const guide = useGuide(implementationCode, version);
  if (guide.isPending) return <PageLoading />;
  if (guide.isError) {
    // A code that is malformed (400) or not published (404): say so and offer the search, not a request ID.
    if (isApiError(guide.error) && (guide.error.status === 404 || guide.error.status === 400)) return <GuideNotFound code={implementationCode} />;
    return <ErrorState error={guide.error} onRetry={() => void guide.refetch()} />;
  }
  return <Guide doc={guide.data} old={version !== undefined && version !== guide.data.publishedVersion} />;
}

function GuideNotFound({ code }: { code: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(t('catalog.guide.notFoundTitle'));
  const [q, setQ] = useState('');
  return (
    <div className="cat-page" data-testid="cat-guide-not-found">
      <StatusResult
        status="404"
        title={t('catalog.guide.notFoundTitle')}
        subTitle={t('catalog.guide.notFoundDetail', { code })}
        extra={
          <form
            role="search"
            className="cat-notfound-search"
            onSubmit={(e) => {
              e.preventDefault();
              void navigate(q.trim() ? `/search?q=${encodeURIComponent(q.trim())}` : '/search');
            }}
          >
            <Input.Search
              aria-label={t('catalog.guide.notFoundSearch')}
              placeholder={t('catalog.guide.notFoundSearch')}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onSearch={(v) => void navigate(v.trim() ? `/search?q=${encodeURIComponent(v.trim())}` : '/search')}
              enterButton
              size="large"
            />
            <p>
              <Link to="/search">{t('catalog.guide.notFoundBrowse')}</Link>
            </p>
          </form>
        }
      />
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="cat-section">
      <h2 className="cat-subtitle">{title}</h2>
      {children}
    </section>
  );
}

function Dl({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="cat-dl">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Guide({ doc, old }: { doc: GuideDocument; old: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(doc.name);
  const g = doc.guide;
  const date = (s: string | null) => (s ? s.slice(0, 10) : '');
  // 0 working days is 即办 (done on the spot), never "0 个工作日".
  const days = (n: number) => (n === 0 ? t('catalog.summary.instant') : t('catalog.guide.days', { count: n }));

  const basic = (
    <>
      <Dl
        rows={[
          [t('catalog.guide.implementationCode'), <span className="mono">{doc.implementationCode}</span>],
          [t('catalog.guide.baseCode'), <span className="mono">{doc.baseCode}</span>],
          [t('catalog.guide.itemType'), t(`catalog.itemType.${doc.itemType}`)],
          [t('catalog.guide.subjects'), doc.subjectTypes.map((s) => t(`catalog.subject.${s}`)).join(t('common.listSeparator'))],
          [t('catalog.guide.department'), doc.departmentName],
          [t('catalog.guide.processingType'), g.processingType === 'instant' ? t('catalog.guide.instant') : t('catalog.guide.promisedType')],
          [t('catalog.guide.statutoryLimit'), [days(g.statutoryLimitDays), g.statutoryLimitNote].filter(Boolean).join('；')],
          [t('catalog.guide.promisedLimit'), [days(g.promisedLimitDays), g.promisedLimitNote].filter(Boolean).join('；')],
          [t('catalog.guide.visits'), [t('catalog.guide.visitsValue', { count: g.visitsRequired }), g.onsiteReason].filter(Boolean).join('；')],
          ...(doc.onlineLevel ? [[t('catalog.guide.onlineLevel'), doc.onlineLevel] as [string, ReactNode]] : []),
          ...(g.serviceScope ? [[t('catalog.guide.serviceScope'), g.serviceScope] as [string, ReactNode]] : []),
          [t('catalog.guide.result'), g.result.name],
          [t('catalog.guide.delivery'), g.delivery.map((d) => t(`catalog.guide.deliveryMode.${d}`)).join(t('common.listSeparator'))],
        ]}
      />
      <Section title={t('catalog.guide.conditions')}>
        <ol className="cat-ol">
          {g.acceptanceConditions.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ol>
      </Section>
      <Section title={t('catalog.guide.places')}>
        <ul className="cat-plain">
          {g.places.map((p, i) => (
            <li key={i}>
              <strong>{p.name}</strong>
              <div>{p.address}</div>
              {p.window && (
                <div>
                  {t('catalog.guide.window')}
                  {t('common.labelColon')}
                  {p.window}
                </div>
              )}
              <div>
                {t('catalog.guide.hours')}
                {t('common.labelColon')}
                {p.hours}
              </div>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('catalog.guide.phones')}>
        <Dl
          rows={[
            [t('catalog.guide.inquiry'), <a href={`tel:${g.phones.inquiry}`}>{g.phones.inquiry}</a>],
            [t('catalog.guide.complaint'), <a href={`tel:${g.phones.complaint}`}>{g.phones.complaint}</a>],
          ]}
        />
      </Section>
    </>
  );

  const materials = (
    <>
      <p className="cat-hint">{t('catalog.guide.materialsCount', { count: g.materials.length })}</p>
      <ol className="cat-materials">
        {g.materials.map((m, i) => (
          <li key={i} className="cat-card">
            <strong className="cat-material__name">{m.name}</strong>
            <div className="cat-facts">
              <Tag color={m.required ? 'red' : 'default'}>{m.required ? t('catalog.guide.material.requiredYes') : t('catalog.guide.material.requiredNo')}</Tag>
              <Tag color={m.source === 'government' ? 'green' : m.source === 'commitment' ? 'gold' : 'blue'}>{t(`catalog.guide.source.${m.source}`)}</Tag>
            </div>
            <Dl
              rows={[
                [t('catalog.guide.material.form'), t(`catalog.guide.form.${m.form}`)],
                [t('catalog.guide.material.copies'), String(m.copies)],
                ...(m.sourceNote ? [[t('catalog.guide.material.source'), m.sourceNote] as [string, ReactNode]] : []),
              ]}
            />
            {(m.blankFormUrl || m.sampleUrl) && (
              <div className="cat-links-inline no-print">
                {m.blankFormUrl && <a href={m.blankFormUrl}>{t('catalog.guide.material.blankForm')}</a>}
                {m.sampleUrl && <a href={m.sampleUrl}>{t('catalog.guide.material.sample')}</a>}
              </div>
            )}
          </li>
        ))}
      </ol>
    </>
  );

  const process = (
    <ol className="cat-steps">
      {g.process.map((s, i) => (
        <li key={i}>
          <strong>{s.step}</strong>
          <p>{s.description}</p>
          {s.limitDays !== undefined && s.limitDays > 0 && <p className="cat-hint">{t('catalog.guide.stepLimit', { count: s.limitDays })}</p>}
        </li>
      ))}
    </ol>
  );

  const fees =
    doc.feeDetails.length === 0 ? (
      <p>{t('catalog.guide.noFees')}</p>
    ) : (
      <ul className="cat-plain">
        {doc.feeDetails.map((f) => (
          <li key={f.feeCode} className="cat-card">
            <strong>{f.name}</strong>
            <Dl
              rows={[
                [t('catalog.guide.feeStandard'), f.standard],
                [t('catalog.guide.feeBasis'), f.basis],
                ...(f.note ? [['', f.note] as [string, ReactNode]] : []),
              ]}
            />
          </li>
        ))}
      </ul>
    );

  const basis = (
    <>
      <p className="cat-prewrap">{doc.legalBasis}</p>
      {doc.keywords.length > 0 && <Dl rows={[[t('catalog.guide.keywords'), doc.keywords.join(t('common.listSeparator'))]]} />}
    </>
  );

  const faq =
    g.faq.length === 0 ? (
      <p>{t('catalog.guide.noFaq')}</p>
    ) : (
      <dl className="cat-faq">
        {g.faq.map((f, i) => (
          <div key={i}>
            <dt lang="zh-CN">{f.question}</dt>
            <dd lang="zh-CN">{f.answer}</dd>
          </div>
        ))}
      </dl>
    );

  const tabs = [
    ['basic', t('catalog.guide.tab.basic'), basic],
    ['materials', t('catalog.guide.tab.materials'), materials],
    ['process', t('catalog.guide.tab.process'), process],
    ['fees', t('catalog.guide.tab.fees'), fees],
    ['basis', t('catalog.guide.tab.basis'), basis],
    ['faq', t('catalog.guide.tab.faq'), faq],
    ['history', t('catalog.guide.tab.history'), <History code={doc.implementationCode} shown={doc.version} />],
  ] as const;

  return (
    <article className="cat-page cat-guide">
      <header className="cat-guide__head">
        <h1 className="page-title" lang="zh-CN">
          {doc.name}
        </h1>
        <p className="cat-guide__meta">
          {doc.departmentName}
          <span aria-hidden="true"> · </span>
          {t('catalog.guide.version', { version: doc.version })}
          {doc.publishedAt && (
            <>
              <span aria-hidden="true"> · </span>
              {t('catalog.guide.publishedAt', { date: date(doc.publishedAt) })}
            </>
          )}
        </p>
        <ItemFacts item={doc} />
        {doc.state !== 'published' && (
          <Alert
            type="error"
            showIcon
            title={t(doc.state === 'suspended' ? 'catalog.guide.suspended' : 'catalog.guide.notInService')}
            description={t('catalog.guide.notInServiceHint')}
          />
        )}
        {old && (
          <Alert
            type="warning"
            showIcon
            title={t('catalog.guide.viewingOld', { version: doc.version })}
            action={<Link to={`/items/${doc.implementationCode}`}>{t('catalog.guide.backToCurrent')}</Link>}
          />
        )}
        <div className="cat-guide__actions no-print">
          <Button
            type="primary"
            size="large"
            aria-describedby="cat-apply-note"
            disabled={doc.state !== 'published' || (!doc.doOnline && doc.onlineLevel !== 'Ⅳ')}
            onClick={() => navigate(`/apply/${encodeURIComponent(doc.implementationCode)}`)}
          >
            {t('catalog.guide.applyOnline')}
          </Button>
          <Button size="large" disabled aria-describedby="cat-apply-note">
            {t('catalog.guide.appointment')}
          </Button>
          <Button size="large" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('catalog.guide.print')}
          </Button>
          <p id="cat-apply-note" className="cat-hint">
            {t('catalog.guide.applyNote')}
          </p>
        </div>
      </header>
      <GuideTabs label={t('catalog.guide.tabsLabel')} items={tabs.map(([key, label, children]) => ({ key, label, children }))} />
    </article>
  );
}

/**
 * WAI-ARIA tabs (arrow keys, Home, End). Every panel stays in the DOM (hidden), so the print
 * stylesheet can put the whole guide on paper; on a phone the tab list wraps into rows (catalog.css).
 */
function GuideTabs({ label, items }: { label: string; items: { key: string; label: string; children: ReactNode }[] }) {
  const [active, setActive] = useState(items[0]!.key);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const go = (i: number) => {
    const it = items[(i + items.length) % items.length]!;
    setActive(it.key);
    refs.current[it.key]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    go(to);
  };
  return (
    <div className="cat-tabs">
      <div role="tablist" aria-label={label} className="cat-tablist no-print">
        {items.map((it, i) => (
          <button
            key={it.key}
            ref={(el) => {
              refs.current[it.key] = el;
            }}
            type="button"
            role="tab"
            id={`cat-tab-${it.key}`}
            aria-controls={`cat-panel-${it.key}`}
            aria-selected={active === it.key}
            tabIndex={active === it.key ? 0 : -1}
            className="cat-tab-button"
            onClick={() => setActive(it.key)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {it.label}
          </button>
        ))}
      </div>
      {items.map((it) => (
        <div
          key={it.key}
          role="tabpanel"
          id={`cat-panel-${it.key}`}
          aria-labelledby={`cat-tab-${it.key}`}
          hidden={active !== it.key}
          tabIndex={0}
          className={it.key === 'history' ? 'cat-tabpanel cat-tab--history' : 'cat-tabpanel'}
        >
          <h2 className="cat-print-only cat-subtitle">{it.label}</h2>
          {it.children}
        </div>
      ))}
    </div>
  );
}

function History({ code, shown }: { code: string; shown: number }) {
  const { t } = useTranslation();
  const versions = useVersions(code);
  if (versions.isPending) return <PageLoading />;
  if (versions.isError) return <ErrorState error={versions.error} onRetry={() => void versions.refetch()} />;
  const h = versions.data;
  if (h.versions.length === 0) return <EmptyState description={t('catalog.guide.historyEmpty')} />;
  const sorted = [...h.versions].sort((a, b) => b.version - a.version);
  return (
    <Collapse
      className="cat-history"
      defaultActiveKey={[String(sorted[0]!.version)]}
      items={sorted.map((v) => ({
        key: String(v.version),
        forceRender: true,
        label: (
          <span>
            {t('catalog.guide.version', { version: v.version })}
            {v.version === h.current && (
              <Tag color="green" style={{ marginInlineStart: 8 }}>
                {t('catalog.guide.current')}
              </Tag>
            )}
            {v.publishedAt && <span className="cat-hint"> {t('catalog.guide.publishedAt', { date: v.publishedAt.slice(0, 10) })}</span>}
          </span>
        ),
        children: (
          <div className="cat-version" data-version={v.version}>
            {v.changeNote && <p>{t('catalog.guide.changeNote', { note: v.changeNote })}</p>}
            {v.changes.length > 0 ? (
              <DiffTable changes={v.changes} caption={t('catalog.guide.changes')} />
            ) : (
              <p className="cat-hint">{t('catalog.guide.firstVersion')}</p>
            )}
            {v.version !== shown && (
              <Link className="no-print" to={v.version === h.current ? `/items/${code}` : `/items/${code}?version=${v.version}`}>
                {t('catalog.guide.view')}
              </Link>
            )}
          </div>
        ),
      }))}
    />
  );
}

export default GuidePage;
