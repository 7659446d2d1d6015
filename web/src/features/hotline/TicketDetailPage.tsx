import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Radio, Rate, Select, Space, Tag, Timeline } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { RequirePermission } from '../../admin/ui/RequirePermission';
import { hasPermission, useMe } from '../../api/auth';
import { DepartmentPicker } from '../../admin/ui/pickers';
import type { FieldError } from '../../api/errors';
import { QueryView } from '../../components/PageState';
import { ProblemAlert } from '../../components/ProblemAlert';
import { filled } from '../../lib/api-call';
import { applyServerErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/dayjs';
import { useDocumentTitle } from '../../lib/use-document-title';
import {
  hotlineKeys,
  revealCaller,
  ticketAction,
  useChildRegions,
  useDuplicates,
  useTicket,
  type CallerIdentity,
  type TicketAction,
  type TicketActionRequest,
  type TicketDetail,
} from './api';
import { Deadline, KindTag, StatusTag } from './ui';
import { EventPhotos, PhotoPicker } from './photos';

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

/** Actions the page offers (escalate is the urging job's). */
const offered = [
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
type OfferedAction = (typeof offered)[number];
const primary: TicketAction[] = ['dispatch', 'sign', 'reply', 'review_pass', 'approve_extension', 'follow_up'];

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
            <h2 style={{ marginTop: 0, fontSize: '1.15em' }}>{ticket.title}</h2>
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

/**
 * What Open311 publishes of this request: with the caller's consent, the text a hotline operator
 * writes here (never the caller's own words); without it only category, status and street.
 */
function PublicText({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useMe();
  const [form] = Form.useForm<{ text: string }>();
  const save = useMutation({
    mutationFn: (text: string | null) => ticketAction(ticket.id, { route: 'public-text', body: { text, version: ticket.version } }),
    onSuccess: (d) => {
      qc.setQueryData(hotlineKeys.ticket(ticket.id), d);
      void message.success(t('hotline.detail.publicSaved'));
    },
  });
  const mayEdit = ticket.publicConsent && hasPermission(me.data, 'hotline.ticket.dispatch');
  return (
    <section aria-labelledby="hl-public-title" style={{ marginTop: 16 }}>
      <h3 id="hl-public-title" style={{ fontSize: '1em' }}>
        {t('hotline.detail.publicTitle')}
      </h3>
      {!ticket.publicConsent ? (
        <p>{t('hotline.detail.publicNotAgreed')}</p>
      ) : (
        <>
          <p>{t('hotline.detail.publicHint')}</p>
          <p>
            {t('hotline.detail.publicCurrent')}: <span data-testid="hl-public-text">{ticket.publicText ?? t('hotline.detail.publicNone')}</span>
          </p>
          {mayEdit && (
            <Form
              name="hotline-public"
              form={form}
              layout="vertical"
              initialValues={{ text: ticket.publicText ?? '' }}
              onFinish={(v) => save.mutate(v.text.trim())}
            >
              <ProblemAlert error={save.error} />
              <Form.Item
                name="text"
                label={t('hotline.detail.publicTitle')}
                rules={[{ required: true, whitespace: true, min: 2, message: t('validation.required') }]}
              >
                <Input.TextArea rows={3} maxLength={500} showCount />
              </Form.Item>
              <Space>
                <Button htmlType="submit" type="primary" loading={save.isPending}>
                  {t('hotline.detail.publicSave')}
                </Button>
                {ticket.publicText && (
                  <Button danger loading={save.isPending} onClick={() => save.mutate(null)}>
                    {t('hotline.detail.publicWithdraw')}
                  </Button>
                )}
              </Space>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

interface ActionValues {
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
}

/** What each action posts, and where (typed by the document; the form's rules made the required fields present). */
function request(action: OfferedAction, v: ActionValues, ticket: TicketDetail): TicketActionRequest {
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
      return { route: 'reply', body: { text: filled(v.text, 'text'), photos: v.photos ?? [], version } };
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

const withNote: TicketAction[] = ['send_back', 'dispatch', 'follow_up', 'review_pass', 'approve_extension', 'reject_extension'];
const FIELDS = [
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

function ActionModal({ ticket, action, onClose }: { ticket: TicketDetail; action: OfferedAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ActionValues>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const label = t(`hotline.action.${action}`);
  const run = useMutation({
    mutationFn: (v: ActionValues) => {
      return ticketAction(ticket.id, request(action, v, ticket));
    },
    onMutate: () => setLeftover([]),
    onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
    onSuccess: (d) => {
      qc.setQueryData(hotlineKeys.ticket(ticket.id), d);
      void qc.invalidateQueries({ queryKey: hotlineKeys.tickets });
      void qc.invalidateQueries({ queryKey: hotlineKeys.stats });
      void message.success(t('hotline.detail.done', { action: label }));
      onClose();
    },
  });
  const required = { required: true, message: t('validation.required') };
  const reasonRule = [required, { min: 2, message: t('validation.required') }];
  return (
    <Modal
      open
      title={label}
      onCancel={onClose}
      okText={label}
      cancelText={t('action.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: run.isPending, danger: action === 'send_back' }}
      destroyOnHidden
      modalRender={(node) => (
        <Form<ActionValues>
          form={form}
          name={`hl-${action}`}
          layout="vertical"
          initialValues={{ target: 'suggested', days: 5, respondWithinDays: 1, satisfaction: 5, solved: true }}
          onFinish={(v) => run.mutate(v)}
          clearOnDestroy
        >
          {node}
        </Form>
      )}
    >
      <ProblemAlert error={run.error} leftover={leftover} />
      {action === 'dispatch' && <DispatchFields ticket={ticket} />}
      {(action === 'return' || action === 'reopen') && (
        <Form.Item name="reason" label={t('hotline.field.reason')} rules={reasonRule}>
          <Input.TextArea rows={3} maxLength={1000} autoFocus />
        </Form.Item>
      )}
      {action === 'request_extension' && (
        <>
          <Form.Item name="days" label={t('hotline.field.days')} rules={[required]}>
            <InputNumber min={1} max={30} />
          </Form.Item>
          <Form.Item name="reason" label={t('hotline.field.reason')} rules={reasonRule}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      )}
      {(action === 'reply' || action === 'answer') && (
        <Form.Item name="text" label={t(action === 'reply' ? 'hotline.field.replyText' : 'hotline.field.answerText')} rules={reasonRule}>
          <Input.TextArea rows={5} maxLength={4000} showCount autoFocus />
        </Form.Item>
      )}
      {action === 'reply' && (
        <Form.Item name="photos" label={t('hotline.photos.label')}>
          <PhotoPicker />
        </Form.Item>
      )}
      {action === 'refer' && (
        <>
          <Form.Item name="referTo" label={t('hotline.field.referTo')} rules={reasonRule}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="reason" label={t('hotline.field.reason')} rules={reasonRule}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      )}
      {action === 'urge' && (
        <>
          <Form.Item name="note" label={t('hotline.field.note')} rules={reasonRule}>
            <Input.TextArea rows={3} maxLength={1000} autoFocus />
          </Form.Item>
          <Form.Item name="respondWithinDays" label={t('hotline.field.respondWithinDays')}>
            <InputNumber min={1} max={10} />
          </Form.Item>
        </>
      )}
      {action === 'follow_up' && (
        <>
          <Form.Item name="solved" label={t('hotline.field.solved')} rules={[required]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: true, label: t('hotline.portal.yes') },
                { value: false, label: t('hotline.portal.no') },
              ]}
            />
          </Form.Item>
          <Form.Item name="satisfaction" label={t('hotline.field.satisfaction')} rules={[required]}>
            <Rate count={5} tooltips={[1, 2, 3, 4, 5].map((n) => t(`hotline.portal.sat${n}` as 'hotline.portal.sat1'))} />
          </Form.Item>
        </>
      )}
      {withNote.includes(action) && (
        <Form.Item name="note" label={t('hotline.field.note')} rules={action === 'send_back' ? reasonRule : []}>
          <Input.TextArea rows={2} maxLength={action === 'dispatch' ? 500 : 1000} />
        </Form.Item>
      )}
    </Modal>
  );
}

/** The suggested unit, the regions one level down, or a department. */
function DispatchFields({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const children = useChildRegions(ticket.unit.level === 'street' ? undefined : ticket.unit.regionCode);
  const form = Form.useFormInstance<ActionValues>();
  const departmentId = Form.useWatch('departmentId', form);
  const options = [
    ...(ticket.suggestedTarget ? [{ value: 'suggested', label: t('hotline.detail.suggested', { name: ticket.suggestedTarget.name }) }] : []),
    ...(children.data?.items ?? []).map((r) => ({ value: r.code, label: t('hotline.detail.targetRegion', { name: r.name }) })),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Form.Item name="target" label={t('hotline.field.target')}>
        <Select options={options} loading={children.isFetching} disabled={!!departmentId} showSearch={{ optionFilterProp: 'label' }} />
      </Form.Item>
      <Form.Item name="departmentId" label={t('hotline.detail.targetDepartment')}>
        <DepartmentPicker />
      </Form.Item>
    </Space>
  );
}

export default TicketDetailPage;
