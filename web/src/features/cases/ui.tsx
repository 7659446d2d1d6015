import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/dayjs';
import { fileUrl, OPEN_STATUSES, type CaseMaterial, type CaseStatus, type CaseView, type Light, type TimelineEntry } from './api';
import { SharedMaterialDetail } from './shared-materials';

const statusTone: Record<CaseStatus, 'blue' | 'orange' | 'green' | 'red' | 'grey'> = {
  pending_acceptance: 'blue',
  awaiting_correction: 'orange',
  under_review: 'blue',
  pending_decision: 'blue',
  special_procedure: 'orange',
  pending_issue: 'blue',
  pending_delivery: 'blue',
  concluded: 'green',
  refused: 'red',
  denied: 'red',
  withdrawn: 'grey',
  correction_expired: 'red',
  awaiting_payment: 'orange',
};

/** Status as a badge: dark text on a light tint (AA contrast in both modes). */
export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return <span className={`cs-badge cs-badge--${statusTone[status]}`}>{t(`cases.status.${status}`)}</span>;
}

/** The e-supervision light: a dot plus its word, never colour alone. */
export function LightBadge({ light, paused }: { light: Light | null; paused?: boolean }) {
  const { t } = useTranslation();
  if (paused) return <span className="cs-light cs-light--paused">{t('cases.light.paused')}</span>;
  if (!light) return null;
  return (
    <span className={`cs-light cs-light--${light}`}>
      <span className="cs-light__dot" aria-hidden="true" />
      {t(`cases.light.${light}`)}
    </span>
  );
}

/** Due date with days left, the pause, and the "estimated calendar" flag. */
export function DueInfo({ view, which = 'case', bare = false }: { view: CaseView; which?: 'case' | 'step'; bare?: boolean }) {
  const { t } = useTranslation();
  const d = view.deadlines?.[which];
  if (!d || !OPEN_STATUSES.includes(view.status)) return null;
  return (
    <span className="cs-due">
      {/* bare: the row's label already names the limit (办结期限 / 本环节期限); the value is the date alone. */}
      {bare ? d.dueDate : t('cases.due.date', { date: d.dueDate })}
      {d.paused
        ? ` · ${t('cases.due.paused')}`
        : d.daysLeft >= 0
          ? ` · ${t('cases.due.daysLeft', { count: d.daysLeft })}`
          : ` · ${t('cases.due.overdue', { count: -d.daysLeft })}`}
      {d.estimated && <span className="cs-hint"> ({t('cases.due.estimated')})</span>}
    </span>
  );
}

const DETAIL_KEYS = [
  'reason',
  'legalBasis',
  'opinion',
  'note',
  'procedure',
  'method',
  'pickupCode',
  'carrier',
  'trackingNumber',
  'certificateIdentifier',
  'toStep',
] as const;

type T = TFunction;
/** A label for a value the server may extend (an action, provision, procedure): the value itself when no label exists. */
export function labelOf(t: T, key: string, fallback: string): string {
  return (t as unknown as (k: string, o: { defaultValue: string }) => string)(key, { defaultValue: fallback });
}

function detailValue(key: string, value: unknown, t: T): ReactNode {
  if (key === 'procedure' && typeof value === 'string') return labelOf(t, `cases.procedure.${value}`, value);
  if (key === 'method' && typeof value === 'string') return labelOf(t, `cases.delivery.${value}`, value);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return null;
}

/** Who did what, when; the server has already removed what the reader may not see. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <p>{t('cases.timeline.empty')}</p>;
  return (
    <ol className="cs-timeline">
      {entries.map((e) => {
        const items = Array.isArray(e.details.items) ? (e.details.items as { material?: string; problem?: string }[]) : [];
        const files = Array.isArray(e.details.fileIds) ? e.details.fileIds.length : 0;
        return (
          <li key={e.seq}>
            <div className="cs-timeline__head">
              <strong>{labelOf(t, `cases.action.${e.action}`, e.action)}</strong>
              <span>{e.stepName}</span>
            </div>
            <div className="cs-hint">
              {e.actorName} · <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
            </div>
            {DETAIL_KEYS.some((k) => e.details[k] !== undefined && e.details[k] !== '') && (
              <dl className="cs-details">
                {DETAIL_KEYS.map((k) => {
                  const v = detailValue(k, e.details[k], t);
                  if (v === null || v === '') return null;
                  return (
                    <div key={k}>
                      <dt>{t(`cases.detail.${k}`)}</dt>
                      <dd>{v}</dd>
                    </div>
                  );
                })}
              </dl>
            )}
            {items.length > 0 && (
              <ul className="cs-correction-list">
                {items.map((i, n) => (
                  <li key={n}>
                    <strong>{i.material}</strong>: {i.problem}
                  </li>
                ))}
              </ul>
            )}
            {files > 0 && <div className="cs-hint">{t('cases.timeline.files', { count: files })}</div>}
          </li>
        );
      })}
    </ol>
  );
}

/** The materials of a case: how each was provided, with links to the files (opened by the server after its checks). */
export function MaterialsList({ caseNo, materials }: { caseNo: string; materials: CaseMaterial[] }) {
  const { t } = useTranslation();
  if (materials.length === 0) return <p>{t('cases.materials.none')}</p>;
  return (
    <ul className="cs-materials">
      {materials.map((m) => (
        <li key={m.name}>
          <div>
            <strong>{m.name}</strong>
            {!m.required && <span className="cs-hint"> ({t('cases.materials.optional')})</span>}
          </div>
          <div className="cs-hint">{labelOf(t, `cases.provision.${m.provision}`, m.provision)}</div>
          {m.shared && <SharedMaterialDetail shared={m.shared} />}
          {m.certificateIdentifier && <div className="mono cs-break">{m.certificateIdentifier}</div>}
          {m.fileIds.length > 0 && (
            <ul className="cs-files">
              {m.fileIds.map((id, i) => (
                <li key={id}>
                  <a href={fileUrl(caseNo, id)} target="_blank" rel="noreferrer">
                    {t('cases.materials.file', { material: m.name, n: i + 1 })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A label and value pair list (a <dl>), one column on a phone. */
/** Label / value rows; a third element 'data' marks a label that is data (a form field's own label, in Chinese), not interface text. */
export function Facts({ items }: { items: ([string, ReactNode] | [string, ReactNode, 'data'])[] }) {
  return (
    <dl className="cs-facts">
      {items
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(([k, v, data]) => (
          <div key={k}>
            <dt lang={data ? 'zh-CN' : undefined}>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}

/** A form value as text (the application form is free JSON until the forms endpoint describes it). */
export function formValueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (Array.isArray(v)) return v.map(formValueText).join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
