import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, Radio, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AdminPage } from '../../admin/ui/AdminPage';
import { RequirePermission } from '../../admin/ui/RequirePermission';
import { RegionPicker } from '../../admin/ui/pickers';
import type { FieldError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyServerErrors } from '../../lib/form-errors';
import { formatDateTime } from '../../lib/dayjs';
import {
  PHONE_RE,
  categoryOptions,
  createTicket,
  hotlineKeys,
  ticketAction,
  ticketKinds,
  ticketUrgencies,
  useCallerTickets,
  useCategories,
  useKnowledge,
  type KnowledgeArticle,
  type TicketCreate,
  type TicketCreated,
} from './api';
import { KindTag, StatusTag } from './ui';

const FIELDS = [
  'callerPhone',
  'callerName',
  'address',
  'regionCode',
  'kind',
  'urgency',
  'categoryId',
  'title',
  'text',
  'confidential',
  'publicConsent',
] as const;

function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** The knowledge search that follows the call: the category's name, else the last words typed. */
function autoQuery(text: string | undefined, categoryName: string | undefined): string {
  if (categoryName) return categoryName;
  const clause =
    (text ?? '')
      .split(/[，。,.!?！？；;\s]+/)
      .filter(Boolean)
      .at(-1) ?? '';
  return [...clause].slice(-4).join('');
}

export function OperatorPage() {
  return (
    <RequirePermission permission="hotline.ticket.create">
      <Operator />
    </RequirePermission>
  );
}

function Operator() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TicketCreate>();
  const [formKey, setFormKey] = useState(0);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const [created, setCreated] = useState<TicketCreated | null>(null);
  const [answered, setAnswered] = useState<string | null>(null);
  const phoneRef = useRef<HTMLInputElement>(null);

  const categories = useCategories();
  const options = useMemo(() => categoryOptions(categories.data), [categories.data]);
  const phone = Form.useWatch('callerPhone', form) ?? '';
  const text = Form.useWatch('text', form);
  const categoryId = Form.useWatch('categoryId', form);
  const category = options.find((o) => o.value === categoryId);
  const history = useCallerTickets(useDebounced(phone.trim()));

  const [kbText, setKbText] = useState('');
  const [kbTouched, setKbTouched] = useState(false);
  const following = autoQuery(text, category?.label.split(' / ').at(-1));
  const kbQuery = useDebounced(kbTouched ? kbText : following, 350);
  const knowledge = useKnowledge(kbQuery);

  const reset = () => {
    setFormKey((k) => k + 1);
    setIdempotencyKey(crypto.randomUUID());
    setCreated(null);
    setAnswered(null);
    setLeftover([]);
    setKbTouched(false);
    setKbText('');
    form.resetFields();
    setTimeout(() => phoneRef.current?.focus(), 0);
  };

  const toBody = (v: TicketCreate): TicketCreate => ({
    callerPhone: v.callerPhone.trim(),
    callerName: v.callerName?.trim() || null,
    address: v.address,
    regionCode: v.regionCode || null,
    kind: v.kind,
    urgency: v.urgency ?? 'normal',
    categoryId: v.categoryId || null,
    title: v.title?.trim() || null,
    text: v.text,
    confidential: v.confidential ?? false,
    publicConsent: v.publicConsent ?? false,
  });

  const save = useMutation({
    mutationFn: (v: TicketCreate) => createTicket(toBody(v), idempotencyKey),
    onMutate: () => setLeftover([]),
    onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
    onSuccess: (r) => {
      setCreated(r);
      void message.success(t('hotline.intake.created', { number: r.ticket.number }));
      void qc.invalidateQueries({ queryKey: hotlineKeys.all });
    },
  });

  const answer = useMutation({
    mutationFn: async (a: KnowledgeArticle) => {
      const v = await form.validateFields();
      const r = created ?? (await createTicket(toBody(v), idempotencyKey));
      setCreated(r);
      return ticketAction(r.ticket.id, { route: 'answer', body: { text: `${a.title}\n${a.body}`.slice(0, 4000), knowledgeId: a.id } });
    },
    onError: (e) => setLeftover(applyServerErrors(form, e, FIELDS)),
    onSuccess: (ticket) => {
      setAnswered(ticket.number);
      void message.success(t('hotline.intake.answered', { number: ticket.number }));
      void qc.invalidateQueries({ queryKey: hotlineKeys.all });
    },
  });

  const merge = useMutation({
    mutationFn: (into: { id: string; number: string }) =>
      ticketAction(created!.ticket.id, { route: 'merge', body: { intoId: into.id } }).then(() => into.number),
    onSuccess: (number) => {
      void message.success(t('hotline.intake.merged', { number }));
      void qc.invalidateQueries({ queryKey: hotlineKeys.all });
      reset();
    },
  });

  return (
    <AdminPage title={t('hotline.intake.title')}>
      <p style={{ marginTop: 0 }}>{t('hotline.intake.hint')}</p>
      <div className="hl-intake">
        <Card>
          <ProblemAlert error={save.error ?? answer.error ?? merge.error} leftover={leftover} />
          {created && (
            <Alert
              type={answered ? 'success' : 'info'}
              showIcon
              role="status"
              style={{ marginBottom: 16 }}
              title={answered ? t('hotline.intake.answered', { number: answered }) : t('hotline.intake.created', { number: created.ticket.number })}
              description={
                <div data-testid="hl-created">
                  <span className="mono" data-testid="hl-created-number">
                    {created.ticket.number}
                  </span>
                  {!answered && (
                    <>
                      <h2 style={{ fontSize: '1em', margin: '12px 0 4px' }}>{t('hotline.intake.duplicates')}</h2>
                      {created.duplicates.length === 0 ? (
                        <p style={{ margin: 0 }}>{t('hotline.intake.noDuplicates')}</p>
                      ) : (
                        <ul className="hl-plain-list">
                          {created.duplicates.map((d) => (
                            <li key={d.id}>
                              <Link to={`/workbench/hotline/tickets/${d.id}`} className="mono">
                                {d.number}
                              </Link>
                              <span>{d.title}</span>
                              <StatusTag status={d.status} />
                              <Button size="small" loading={merge.isPending} onClick={() => merge.mutate(d)}>
                                {t('hotline.intake.mergeInto')}
                              </Button>
                            </li>
                          ))}
                        </ul>
                      )}
                    </>
                  )}
                  <Space style={{ marginTop: 12 }} wrap>
                    <Link to={`/workbench/hotline/tickets/${created.ticket.id}`}>{t('hotline.intake.open')}</Link>
                    <Button type="primary" onClick={reset}>
                      {t('hotline.intake.another')}
                    </Button>
                  </Space>
                </div>
              }
            />
          )}
          <Form<TicketCreate>
            key={formKey}
            name="hotline-intake"
            form={form}
            layout="vertical"
            disabled={!!created}
            initialValues={{ kind: 'complaint', urgency: 'normal', confidential: false, publicConsent: false }}
            onFinish={(v) => save.mutate(v)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                form.submit();
              }
            }}
          >
            <Space.Compact block style={{ gap: 12, display: 'flex', flexWrap: 'wrap' }}>
              <Form.Item
                name="callerPhone"
                label={t('hotline.field.callerPhone')}
                style={{ flex: '1 1 200px' }}
                rules={[
                  { required: true, message: t('validation.required') },
                  { pattern: PHONE_RE, message: t('hotline.intake.phoneInvalid') },
                ]}
              >
                <Input ref={(el) => void (phoneRef.current = el?.input ?? null)} autoFocus inputMode="tel" maxLength={13} className="mono" autoComplete="off" />
              </Form.Item>
              <Form.Item name="callerName" label={t('hotline.field.callerName')} style={{ flex: '1 1 160px' }}>
                <Input maxLength={30} autoComplete="off" />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="kind" label={t('hotline.field.kind')} rules={[{ required: true, message: t('validation.required') }]}>
              <Radio.Group optionType="button" options={ticketKinds.map((k) => ({ value: k, label: t(`hotline.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="categoryId" label={t('hotline.field.categoryId')} extra={category?.notAccepted ? t('hotline.intake.notAccepted') : undefined}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={options} loading={categories.isFetching} />
            </Form.Item>
            <Space.Compact block style={{ gap: 12, display: 'flex', flexWrap: 'wrap' }}>
              <Form.Item
                name="address"
                label={t('hotline.field.address')}
                style={{ flex: '2 1 280px' }}
                rules={[{ required: true, min: 2, whitespace: true, message: t('validation.required') }]}
              >
                <Input maxLength={200} autoComplete="off" />
              </Form.Item>
              <Form.Item name="regionCode" label={t('hotline.field.regionCode')} style={{ flex: '1 1 200px' }}>
                <RegionPicker />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="text" label={t('hotline.field.text')} rules={[{ required: true, min: 2, whitespace: true, message: t('validation.required') }]}>
              <Input.TextArea rows={4} maxLength={4000} showCount />
            </Form.Item>
            <Space.Compact block style={{ gap: 12, display: 'flex', flexWrap: 'wrap' }}>
              <Form.Item name="title" label={t('hotline.field.title')} style={{ flex: '2 1 240px' }}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name="urgency" label={t('hotline.field.urgency')} style={{ flex: '1 1 200px' }}>
                <Radio.Group optionType="button" options={ticketUrgencies.map((u) => ({ value: u, label: t(`hotline.urgency.${u}`) }))} />
              </Form.Item>
            </Space.Compact>
            <Form.Item name="confidential" valuePropName="checked">
              <Checkbox>{t('hotline.field.confidential')}</Checkbox>
            </Form.Item>
            <Form.Item name="publicConsent" valuePropName="checked">
              <Checkbox>{t('hotline.field.publicConsent')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} size="large">
              {t('hotline.intake.submit')}
            </Button>
          </Form>
        </Card>
        <div className="hl-side">
          <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('hotline.intake.history')}</h2>}>
            {!PHONE_RE.test(phone.trim()) ? (
              <p style={{ margin: 0, color: '#666' }}>{t('hotline.intake.historyPrompt')}</p>
            ) : history.isPending ? (
              <p style={{ margin: 0 }}>{t('state.loading')}</p>
            ) : (history.data ?? []).length === 0 ? (
              <p style={{ margin: 0 }}>{t('hotline.intake.historyEmpty')}</p>
            ) : (
              <ul className="hl-plain-list" data-testid="hl-history">
                {history.data!.slice(0, 8).map((h) => (
                  <li key={h.id}>
                    <Link to={`/workbench/hotline/tickets/${h.id}`} className="mono">
                      {h.number}
                    </Link>
                    <KindTag kind={h.kind} />
                    <StatusTag status={h.status} />
                    <span>{h.title}</span>
                    <small>{formatDateTime(h.createdAt)}</small>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card size="small" title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('hotline.intake.knowledge')}</h2>}>
            <label htmlFor="hl-kb" className="visually-hidden">
              {t('hotline.intake.knowledgeSearch')}
            </label>
            <Input.Search
              id="hl-kb"
              allowClear
              placeholder={t('hotline.intake.knowledgeSearch')}
              value={kbTouched ? kbText : following}
              onChange={(e) => {
                setKbTouched(e.target.value !== '');
                setKbText(e.target.value);
              }}
              maxLength={100}
            />
            <div aria-live="polite" style={{ marginTop: 8 }}>
              {kbQuery.trim().length < 2 ? (
                <p style={{ margin: 0, color: '#666' }}>{t('hotline.intake.knowledgePrompt')}</p>
              ) : (knowledge.data?.items ?? []).length === 0 && !knowledge.isFetching ? (
                <p style={{ margin: 0 }}>{t('state.empty')}</p>
              ) : (
                (knowledge.data?.items ?? []).map((a) => (
                  <article key={a.id} className="hl-kb-item">
                    <h3>{a.title}</h3>
                    <p>{a.body}</p>
                    <Button size="small" disabled={!!answered} loading={answer.isPending && answer.variables?.id === a.id} onClick={() => answer.mutate(a)}>
                      {t('hotline.intake.answerAndClose')}
                    </Button>
                  </article>
                ))
              )}
            </div>
          </Card>
        </div>
      </div>
    </AdminPage>
  );
}

export default OperatorPage;
