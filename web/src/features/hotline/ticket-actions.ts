// The ticket actions the detail page offers, and the request each one posts.
import { filled } from '../../lib/api-call';
import type { TicketAction, TicketActionRequest, TicketDetail } from './api';

/** Actions the page offers (escalate is the urging job's). */
export const offered = [
  'dispatch',
  'sign',
  'return',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'reply',
  'review_pass',
  'send_back',
  'answer',
  'refer',
  'urge',
  'follow_up',
  'reopen',
] as const satisfies readonly TicketAction[];
export type OfferedAction = (typeof offered)[number];
export const primary: TicketAction[] = ['dispatch', 'sign', 'reply', 'review_pass', 'approve_extension', 'follow_up'];

export interface ActionValues {
  target?: string;
  departmentId?: string;
  note?: string;
  reason?: string;
  days?: number;
  text?: string;
  photos?: string[];
  solved?: boolean;
  satisfaction?: number;
  referTo?: string;
  respondWithinDays?: number;
  /** 核查结论 of a complaint or report, and the enterprise complained of (credit: a substantiated one is filed). */
  verdict?: 'substantiated' | 'partly_substantiated' | 'unsubstantiated';
  respondentUscc?: string;
  respondentName?: string;
}

/** What each action posts, and where (typed by the document; the form's rules made the required fields present). */
export function request(action: OfferedAction, v: ActionValues, ticket: TicketDetail): TicketActionRequest {
  const version = ticket.version;
  switch (action) {
    case 'dispatch': {
      const target = v.departmentId ? { departmentId: v.departmentId } : v.target && v.target !== 'suggested' ? { regionCode: v.target } : {};
      return { route: 'dispatch', body: { note: v.note || null, version, ...target } };
    }
    case 'sign':
      return { route: 'sign', body: { version } };
    case 'return':
      return { route: 'return', body: { reason: filled(v.reason, 'reason'), version } };
    case 'request_extension':
      return { route: 'extension', body: { days: filled(v.days, 'days'), reason: filled(v.reason, 'reason'), version } };
    case 'approve_extension':
    case 'reject_extension':
      return { route: 'extension/decision', body: { approve: action === 'approve_extension', note: v.note || null, version } };
    case 'reply':
      return {
        route: 'reply',
        body: {
          text: filled(v.text, 'text'),
          photos: v.photos ?? [],
          version,
          ...(v.verdict
            ? { finding: { verdict: v.verdict, respondentUscc: v.respondentUscc?.trim() || undefined, respondentName: v.respondentName?.trim() || undefined } }
            : {}),
        },
      };
    case 'review_pass':
    case 'send_back':
      return { route: 'review', body: { pass: action === 'review_pass', note: v.note || null, version } };
    case 'answer':
      return { route: 'answer', body: { text: filled(v.text, 'text'), version } };
    case 'refer':
      return { route: 'refer', body: { referTo: filled(v.referTo, 'referTo'), reason: filled(v.reason, 'reason'), version } };
    case 'urge':
      return { route: 'urge', body: { note: filled(v.note, 'note'), respondWithinDays: v.respondWithinDays ?? 1 } };
    case 'follow_up':
      return {
        route: 'follow-up',
        body: { solved: filled(v.solved, 'solved'), satisfaction: filled(v.satisfaction, 'satisfaction'), note: v.note || null, via: 'call' },
      };
    case 'reopen':
      return { route: 'reopen', body: { reason: filled(v.reason, 'reason') } };
  }
}

export const withNote: TicketAction[] = ['send_back', 'dispatch', 'follow_up', 'review_pass', 'approve_extension', 'reject_extension'];
export const FIELDS = [
  'target',
  'departmentId',
  'note',
  'reason',
  'days',
  'text',
  'photos',
  'solved',
  'satisfaction',
  'referTo',
  'respondWithinDays',
  'regionCode',
  'approve',
  'pass',
];
