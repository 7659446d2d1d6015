import { useState } from 'react';
import { App, Button, Card, Descriptions, Tag, Timeline } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { RequirePermission } from '../../admin/ui/RequirePermission';
import { QueryView } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/dayjs';
import { useDocumentTitle } from '../../lib/use-document-title';
import { hotlineKeys, revealCaller, ticketAction, useDuplicates, useTicket, type CallerIdentity, type TicketDetail } from './api';
import { Deadline, KindTag, StatusTag } from './ui';
import { EventPhotos } from './photos';
import { offered, primary, type OfferedAction } from './ticket-actions';
import { ActionModal } from './TicketActionModal';
import { PublicText } from './TicketPublicText';

export function TicketDetailPage() {
  return (
    <RequirePermission permission="hotline.ticket.read">
      <Detail />
    </RequirePermission>
  );
}

function Detail() {
  const { id = '' } = useParams();
  const ticket = useTicket(id);
  return <QueryView query={ticket}>{(d) => <TicketView ticket={d} />}</QueryView>;
}

function TicketView({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  useDocumentTitle(t('hotline.detail.title', { number: ticket.number }));
  const [acting, setActing] = useState<OfferedAction | null>(null);
  const [caller, setCaller] = useState<CallerIdentity | null>(null);
  const reveal = useMutation({ mutationFn: () => revealCaller(ticket.id), onSuccess: setCaller });
  const canMerge = ticket.allowedActions.includes('merge');
  const duplicates = useDuplicates(ticket.id, canMerge);
  const merge = useMutation({
    mutationFn: (intoId: string) => ticketAction(ticket.id, { route: 'merge', body: { intoId } }),
    onSuccess: (d) => {
      qc.setQueryData(hotlineKeys.ticket(ticket.id), d);
      void qc.invalidateQueries({ queryKey: hotlineKeys.all });
      void message.success(t('hotline.detail.done', { action: t('hotline.action.merge') }));
    },
  });
  // The server lists only what this reader may do now (reopen: once, when unsatisfied or unsolved).
  const actions = offered.filter((a) => ticket.allowedActions.includes(a));

  return (
    <>
      <div className="staff-page-header">
        <h1>
          {t('hotline.detail.title', { number: '' })}
          <span className="mono" data-testid="hl-number">
            {ticket.number}
          </span>
        </h1>
        <Link to="/workbench/hotline/tickets">{t('hotline.detail.back')}</Link>
      </div>
      <div className="hl-detail">
        <div>
          <Card>
            <h2 style={{ marginTop: 0, fontSize: '1.15em' }} data-data>
              {/* data-data: the caller's words, not interface text (the English page check skips it). */}
              {ticket.title}
            </h2>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 2 }} bordered>
              <Descriptions.Item label={t('hotline.field.status')}>
                <span data-testid="hl-status" data-status={ticket.status}>
                  <StatusTag status={ticket.status} />
                </span>
                {ticket.urgeCount > 0 && <Tag color="red">{t('hotline.list.urged', { count: ticket.urgeCount })}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('hotline.field.dueDate')}>
                <Deadline ticket={ticket} />
              </Descriptions.Item>
              <Descriptions.Item label={t('hotline.field.unit')}>
                <span data-testid="hl-unit">{ticket.unit.name}</span> <Tag>{t(`hotline.level.${ticket.unit.level}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('hotline.field.signDueAt')}>{formatDateTime(ticket.signDueAt) || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('hotline.field.kind')}>
                <KindTag kind={ticket.kind} /> {t(`hotline.urgency.${ticket.urgency}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('hotline.field.categoryId')}>{ticket.categoryName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('hotline.field.address')}>{ticket.address}</Descriptions.Item>
              <Descriptions.Item label={t('hotline.field.channel')}>{t(`hotline.channel.${ticket.channel}`)}</Descriptions.Item>
              <Descriptions.Item label={t('hotline.field.caller')}>
                {caller ? (
                  <span className="mono">
                    {caller.name ?? ''} {caller.phone ?? ''}
                  </span>
                ) : ticket.caller ? (
                  <span className="mono">
                    {ticket.caller.nameMasked ?? ''} {ticket.caller.phoneMasked ?? ''}
                  </span>
                ) : (
                  <span>{t('hotline.detail.callerHidden')}</span>
                )}{' '}
                {!caller && (
                  <Button size="small" type="link" loading={reveal.isPending} onClick={() => reveal.mutate()}>
                    {t('hotline.detail.showCaller')}
                  </Button>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('hotline.field.createdAt')}>{formatDateTime(ticket.createdAt)}</Descriptions.Item>
              {ticket.satisfaction !== null && (
                <Descriptions.Item label={t('hotline.field.satisfaction')}>
                  {ticket.solved ? t('hotline.detail.solvedYes') : t('hotline.detail.solvedNo')} · {t('hotline.detail.rating', { value: ticket.satisfaction })}
                </Descriptions.Item>
              )}
              {ticket.referredTo && <Descriptions.Item label={t('hotline.field.referTo')}>{ticket.referredTo}</Descriptions.Item>}
            </Descriptions>
            <ProblemAlert error={reveal.error} />
            <p className="hl-text" style={{ marginTop: 16 }}>
              {ticket.text}
            </p>
          </Card>
          <Card style={{ marginTop: 16 }} title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('hotline.detail.timeline')}</h2>}>
            <Timeline
              items={ticket.events.map((e) => ({
                key: e.id,
                color:
                  e.action === 'return' || e.action === 'send_back' || e.action === 'urge' || e.action === 'escalate'
                    ? 'red'
                    : e.action === 'review_pass' || e.action === 'follow_up'
                      ? 'green'
                      : 'blue',
                content: (
                  <div data-testid="hl-event" data-action={e.action}>
                    <strong>{t(`hotline.event.${e.action}` as 'hotline.event.intake', { defaultValue: e.action })}</strong>{' '}
                    <small>
                      {formatDateTime(e.createdAt)} · {e.actorName}
                      {e.unitName ? ` · ${e.unitName}` : ''}
                    </small>
                    {typeof e.data.to === 'string' && <div>→ {e.data.to}</div>}
                    {typeof e.data.satisfaction === 'number' && <div>{t('hotline.detail.rating', { value: e.data.satisfaction })}</div>}
                    {e.text && <div className="hl-text">{e.text}</div>}
                    <EventPhotos ticketId={ticket.id} photos={e.photos} />
                  </div>
                ),
              }))}
            />
          </Card>
        </div>
        <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('hotline.detail.actions')}</h2>}>
          {ticket.suggestedTarget && ticket.allowedActions.includes('dispatch') && (
            <p>{t('hotline.detail.suggested', { name: ticket.suggestedTarget.name })}</p>
          )}
          {actions.length === 0 ? (
            <p>{t('hotline.detail.noActions')}</p>
          ) : (
            <div className="hl-actions">
              {actions.map((a) => (
                <Button key={a} type={primary.includes(a) ? 'primary' : 'default'} danger={a === 'send_back' || a === 'urge'} onClick={() => setActing(a)}>
                  {t(`hotline.action.${a}`)}
                </Button>
              ))}
            </div>
          )}
          {canMerge && (duplicates.data ?? []).length > 0 && (
            <>
              <h3 style={{ fontSize: '1em', marginTop: 16 }}>{t('hotline.intake.duplicates')}</h3>
              <ProblemAlert error={merge.error} />
              <ul className="hl-plain-list">
                {duplicates.data!.map((d) => (
                  <li key={d.id}>
                    <Link to={`/workbench/hotline/tickets/${d.id}`} className="mono">
                      {d.number}
                    </Link>
                    <span>{d.title}</span>
                    <Button size="small" loading={merge.isPending} onClick={() => merge.mutate(d.id)}>
                      {t('hotline.intake.mergeInto')}
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
          {ticket.mergedTickets.length > 0 && (
            <>
              <h3 style={{ fontSize: '1em', marginTop: 16 }}>{t('hotline.detail.mergedTickets')}</h3>
              <ul className="hl-plain-list">
                {ticket.mergedTickets.map((m) => (
                  <li key={m.id}>
                    <Link to={`/workbench/hotline/tickets/${m.id}`} className="mono">
                      {m.number}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <PublicText ticket={ticket} />
        </Card>
      </div>
      {acting && <ActionModal ticket={ticket} action={acting} onClose={() => setActing(null)} />}
    </>
  );
}

export default TicketDetailPage;
