import type { TFunction } from 'i18next';
import { App, Button, Card, Pagination, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { RequireAuth } from '../../../components/RequireAuth';
import { EmptyState, QueryView } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useMessageList } from '../../inbox/message-list';
import { verifyPath, type Message } from '../api';
import { labelOf } from '../ui';
import '../cases.css';

/** 我的消息: the in-site notices of each step of my cases (and certificate changes), newest first. */
export function MessagesPage() {
  return (
    <RequireAuth>
      {/* message hooks: the portal has no antd <App> of its own */}
      <App component={false}>
        <Messages />
      </App>
    </RequireAuth>
  );
}

const PAGE_SIZE = 10;

function Messages() {
  const { t } = useTranslation();
  useDocumentTitle(t('cases.messages.title'));
  const { page, setPage, q, readOne, readAll, unread } = useMessageList(PAGE_SIZE, (count) => t('cases.messages.allRead', { count }));
  return (
    <div className="cs-portal">
      <h1>{t('cases.messages.title')}</h1>
      <div className="cs-links">
        <Link to="/cases/mine">{t('cases.portal.mine')}</Link>
        <Link to="/me/certificates">{t('cases.portal.wallet')}</Link>
        <Link to="/me">{t('cases.portal.account')}</Link>
      </div>
      <p className="cs-hint" role="status">
        {t('cases.messages.unread', { count: unread })}
      </p>
      {unread > 0 && (
        <p>
          <Button onClick={() => readAll.mutate()} loading={readAll.isPending}>
            {t('cases.messages.markAll')}
          </Button>
        </p>
      )}
      <ProblemAlert error={readOne.error ?? readAll.error} />
      <QueryView query={q} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={t('cases.messages.empty')} />}>
        {(d) => (
          <>
            <ul className="cs-messages" aria-label={t('cases.messages.title')}>
              {d.items.map((m) => (
                <MessageItem key={m.id} m={m} onRead={() => readOne.mutate(m.id)} reading={readOne.isPending && readOne.variables === m.id} />
              ))}
            </ul>
            {d.total > d.pageSize && <Pagination current={page} pageSize={d.pageSize} total={d.total} onChange={setPage} simple />}
          </>
        )}
      </QueryView>
    </div>
  );
}

function MessageItem({ m, onRead, reading }: { m: Message; onRead: () => void; reading: boolean }) {
  const { t } = useTranslation();
  const p = m.params;
  const caseNo = typeof p.caseNo === 'string' ? p.caseNo : null;
  const identifier = typeof p.identifier === 'string' ? p.identifier : null;
  const bundleNo = typeof p.bundleNo === 'string' ? p.bundleNo : null;
  const target = caseNo
    ? `/cases/${encodeURIComponent(caseNo)}`
    : bundleNo
      ? `/life-events/applications/${encodeURIComponent(bundleNo)}`
      : identifier
        ? verifyPath(identifier)
        : null;
  const unread = m.readAt === null;
  const title = messageTitle(t, m);
  return (
    <li>
      <Card size="small" className={unread ? 'cs-message cs-message--unread' : 'cs-message'}>
        <div className="cs-message__head">
          <h2 className="cs-message__title">
            {unread && <Tag color="blue">{t('cases.messages.new')}</Tag>}
            {title}
          </h2>
          <time dateTime={m.createdAt} className="cs-hint">
            {formatDateTime(m.createdAt)}
          </time>
        </div>
        <p>{messageText(t, m)}</p>
        <div className="cs-actions">
          {target && (
            <Link to={target} onClick={unread ? onRead : undefined} className="cs-break">
              {caseNo
                ? t('cases.messages.openCase', { caseNo })
                : bundleNo
                  ? t('cases.messages.openBundle', { bundleNo })
                  : t('cases.messages.openCertificate')}
            </Link>
          )}
          {unread && (
            <Button size="small" onClick={onRead} loading={reading}>
              {t('cases.messages.markRead')}
              <span className="visually-hidden">{`: ${title}`}</span>
            </Button>
          )}
        </div>
      </Card>
    </li>
  );
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** The short heading of a message (its template), in the current language. */
export function messageTitle(t: TFunction, m: Pick<Message, 'template'>): string {
  return labelOf(t, `cases.messages.titles.${m.template.replaceAll('.', '_')}`, t('cases.messages.titles.other'));
}

/** The message's sentence, from its template and params (the server stores no text, so it reads in zh and en alike). */
export function messageText(t: TFunction, m: Pick<Message, 'template' | 'params'>): string {
  const p = m.params;
  const sep = t('common.listSeparator');
  const base = {
    caseNo: str(p.caseNo),
    itemName: str(p.itemName),
    dueDate: str(p.dueDate),
    reason: str(p.reason),
    supplyBy: str(p.supplyBy),
    due: str(p.due),
    identifier: str(p.identifier),
    name: str(p.name),
  };
  switch (m.template) {
    case 'cases.accepted': {
      const pending = Array.isArray(p.pendingMaterials) ? (p.pendingMaterials as unknown[]).map(str).join(sep) : '';
      return pending ? t('cases.messages.text.acceptedPending', { ...base, materials: pending }) : t('cases.messages.text.accepted', base);
    }
    case 'cases.correction_requested': {
      const items = Array.isArray(p.items)
        ? (p.items as { material?: unknown; problem?: unknown }[])
            .map((i) => t('cases.messages.item', { material: str(i.material), problem: str(i.problem) }))
            .join(sep)
        : '';
      return t('cases.messages.text.correction', { ...base, items });
    }
    case 'cases.special_procedure_started':
      return t('cases.messages.text.specialStarted', { ...base, procedure: labelOf(t, `cases.procedure.${str(p.procedure)}`, str(p.procedure)) });
    case 'cases.delivered': {
      const method = labelOf(t, `cases.delivery.${str(p.method)}`, str(p.method));
      const detail = p.pickupCode
        ? t('cases.messages.pickupCode', { code: str(p.pickupCode) })
        : p.trackingNumber
          ? `${str(p.carrier)} ${str(p.trackingNumber)}`
          : '';
      return detail ? t('cases.messages.text.deliveredDetail', { ...base, method, detail }) : t('cases.messages.text.delivered', { ...base, method });
    }
    case 'cases.certificate_status':
      return t('cases.messages.text.certificateStatus', { ...base, status: labelOf(t, `cases.certStatus.${str(p.status)}`, str(p.status)) });
    case 'cases.submitted':
      return t('cases.messages.text.submitted', base);
    case 'cases.refused':
      return t('cases.messages.text.refused', base);
    case 'cases.approved':
      return t('cases.messages.text.approved', base);
    case 'cases.denied':
      return t('cases.messages.text.denied', base);
    case 'cases.special_procedure_ended':
      return t('cases.messages.text.specialEnded', base);
    case 'cases.issued':
      return t('cases.messages.text.issued', base);
    case 'cases.withdrawn':
      return t('cases.messages.text.withdrawn', base);
    case 'cases.expired':
      return t('cases.messages.text.expired', base);
    // 一件事 (docs/life-events.md): one message when every result is issued, one when the application ends.
    case 'cases.bundle_results_ready': {
      const b = { name: str(p.name), bundleNo: str(p.bundleNo) };
      if (p.chooseAgain) return t('cases.messages.text.bundleReadyChoose', b);
      return p.pickupCode
        ? t('cases.messages.text.bundleReadyPickup', { ...b, code: str(p.pickupCode), place: str(p.pickupPlace) })
        : t('cases.messages.text.bundleReadyPost', b);
    }
    case 'cases.bundle_concluded':
      return t('cases.messages.text.bundleConcluded', { name: str(p.name), bundleNo: str(p.bundleNo), concluded: str(p.concluded), members: str(p.members) });
    default:
      return otherText(base.caseNo, t);
  }
}

const otherText = (no: string, t: TFunction) => (no ? t('cases.messages.text.other', { caseNo: no }) : t('cases.messages.text.otherNoCase'));

export default MessagesPage;
