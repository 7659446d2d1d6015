import type { TFunction } from 'i18next';
import type { InboxMessage } from './api';

/**
 * The title, sentence and link of a staff message, from its template key and params: the server
 * stores no text, so each template reads in zh and en alike. Unknown templates show their key and params.
 */
export interface MessageView {
  title: string;
  text: string;
  /** A workbench path to act on it, when the params carry one. */
  link: string | null;
}

type T = TFunction;
const tr = (t: T, key: string, options?: Record<string, unknown>) => (t as unknown as (k: string, o?: Record<string, unknown>) => string)(key, options);
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** Templates with a title and a sentence in the inbox i18n (`inbox.titles.*`, `inbox.text.*`). */
const KNOWN = new Set([
  'supervision.urge.issued',
  'supervision.urge.escalated',
  'hotline.dispatched',
  'hotline.urged',
  'hotline.near_limit',
  'hotline.overdue',
  'hotline.escalated',
  'hotline.reopened',
  'hotline.returned',
  'hotline.sent_back',
]);

/** Only a path inside the app (never another site) is followed. */
const internal = (v: unknown): string | null => (typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') ? v : null);

function linkOf(m: Pick<InboxMessage, 'template' | 'params'>): string | null {
  const p = m.params;
  const given = internal(p.link);
  if (given) return given;
  if (m.template.startsWith('supervision.') && str(p.caseNo)) return `/workbench/cases/${encodeURIComponent(str(p.caseNo))}`;
  if (m.template.startsWith('hotline.')) return '/workbench/hotline/tickets';
  return null;
}

export function messageView(t: T, m: Pick<InboxMessage, 'template' | 'params'>): MessageView {
  const p = m.params;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) values[k] = str(v);
  const link = linkOf(m);
  if (m.template === 'credit.disclosure.due') {
    // The credit feature's own texts (credit i18n `alert`), as on its 双公示 board.
    return { title: tr(t, 'credit.alert.title'), text: tr(t, 'credit.alert.text', values), link };
  }
  const key = m.template.replaceAll('.', '_');
  if (KNOWN.has(m.template)) return { title: tr(t, `inbox.titles.${key}`), text: tr(t, `inbox.text.${key}`, values), link };
  return {
    title: tr(t, 'inbox.titles.other', { template: m.template }),
    text: tr(t, 'inbox.text.other', { template: m.template, params: JSON.stringify(p) }),
    link,
  };
}
