import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../../api/auth';
import { isApiError, type FieldError } from '../../../api/errors';
import { QueryView } from '../../../components/PageState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { filled } from '../../../lib/api-call';
import { applyServerErrors } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import {
  caseAction,
  casesKeys,
  specialProcedures,
  useCase,
  useCaseList,
  useTransferCandidates,
  type CaseActionRequest,
  type CaseView,
  type RoutedAction,
  type SpecialProcedure,
} from '../api';
import { VerifiedCertificateCard } from '../certificate';
import { Receipt } from '../portal/ReceiptPage';
import { FormDataView } from '../form-view';
import { DueInfo, Facts, LightBadge, MaterialsList, StatusBadge, Timeline } from '../ui';
import '../cases.css';

/** 转办: pick a colleague of the department holding this step's role (listed by the server), not type an id. */
function TransferPicker({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  const q = useTransferCandidates(caseNo, true);
  const options = (q.data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.self ? t('cases.staff.me', { name: c.name }) : c.assignee ? t('cases.staff.holder', { name: c.name }) : c.name,
  }));
  return (
    <>
      <ProblemAlert error={q.error} />
      <Form.Item
        name="toStaffId"
        label={t('cases.staff.pickStaff')}
        rules={[{ required: true, message: t('validation.required') }]}
        extra={t('cases.staff.pickStaffHint')}
      >
        <Select
          loading={q.isPending}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          notFoundContent={q.isPending ? undefined : t('cases.staff.noColleagues')}
          data-testid="cs-transfer-picker"
        />
      </Form.Item>
    </>
  );
}

/** Staff actions in the order the buttons show; the applicant's own actions are not offered here. */
const STAFF_ACTIONS: RoutedAction[] = [
  'claim',
  'accept',
  'request_correction',
  'refuse',
  'approve',
  'deny',
  'issue',
  'deliver',
  'return_to_previous',
  'start_special_procedure',
  'end_special_procedure',
  'transfer',
];
const PRIMARY: RoutedAction[] = ['accept', 'approve', 'issue', 'deliver', 'end_special_procedure'];
const DANGER: RoutedAction[] = ['refuse', 'deny'];

export function StaffCasePage() {
  const { caseNo = '' } = useParams();
  const { t } = useTranslation();
  const q = useCase(caseNo);
  useDocumentTitle(q.data ? `${caseNo} ${q.data.itemName}` : t('cases.staff.title'));
  return <QueryView query={q}>{(c) => <StaffCase view={c} />}</QueryView>;
}

export function StaffReceiptPage() {
  const { caseNo = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('cases.receipt.title'));
  const q = useCase(caseNo);
  return (
    <QueryView query={q}>
      {(c) => (
        <>
          <div className="staff-page-header no-print">
            <h1>{t('cases.receipt.title')}</h1>
          </div>
          <Alert className="no-print" type="success" showIcon role="status" title={t('cases.file.done', { caseNo: c.caseNo })} style={{ marginBottom: 16 }} />
          <Receipt view={c} staffView />
          <div className="cs-actions no-print" style={{ marginTop: 16 }}>
            <Button type="primary" onClick={() => window.print()}>
              {t('cases.receipt.print')}
            </Button>
            <Link to={`/workbench/cases/${encodeURIComponent(c.caseNo)}`}>{t('cases.receipt.viewCase')}</Link>
            <Link to="/workbench/cases/file">{t('cases.file.another')}</Link>
          </div>
        </>
      )}
    </QueryView>
  );
}

function StaffCase({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const me = useMe();
  const [acting, setActing] = useState<RoutedAction | null>(null);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const actions = STAFF_ACTIONS.filter((a) => view.allowedActions.includes(a));
  // One primary button, the next sensible step: take the case while it is nobody's, then the step's own decision.
  const primary = actions.includes('claim') ? 'claim' : actions.find((a) => PRIMARY.includes(a));
  // 认领 takes the case in one click (no dialog, no 说明): a colleague who took it first is named by the refresh.
  const claim = useMutation({
    mutationFn: () => caseAction(view.caseNo, { action: 'claim', body: { version: view.version } }),
    onSuccess: (c) => {
      qc.setQueryData(casesKeys.case(view.caseNo), c);
      void qc.invalidateQueries({ queryKey: casesKeys.all });
      void message.success(t('cases.staff.done', { action: t('cases.action.claim') }));
    },
    onError: (e) => {
      void qc.invalidateQueries({ queryKey: casesKeys.case(view.caseNo) });
      void message.warning(isApiError(e) && e.code === 'resource.stale' ? t('cases.staff.stale') : isApiError(e) ? e.title : t('errors.generic.title'));
    },
  });
  return (
    <>
      <div className="staff-page-header">
        <h1>
          {/* The item's name is catalog data, in Chinese in every language (marked so, for screen readers and the English check). */}
          <span lang="zh-CN">{view.itemName}</span>{' '}
          <span className="mono" data-testid="cs-staff-case-no">
            {view.caseNo}
          </span>
        </h1>
      </div>
      <div className="cs-head">
        <StatusBadge status={view.status} />
        <span>{t('cases.portal.currentStep', { step: view.step.name })}</span>
        {/* The case's light, the same answer the lists give (the server computes it once). */}
        <LightBadge light={view.light} paused={view.paused} />
        {view.assigneeId && <span className="cs-hint">{view.assigneeId === me.data?.staff?.id ? t('cases.todo.mine') : t('cases.todo.taken')}</span>}
      </div>
      <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.staff.actions')}</h2>}>
        {actions.length === 0 ? (
          <p>{t('cases.staff.noActions')}</p>
        ) : (
          <div className="cs-actions" data-testid="cs-actions">
            {actions.map((a) => (
              <Button
                key={a}
                type={a === primary ? 'primary' : 'default'}
                danger={DANGER.includes(a)}
                loading={a === 'claim' && claim.isPending}
                onClick={() => (a === 'claim' ? claim.mutate() : setActing(a))}
              >
                {t(`cases.action.${a}`)}
              </Button>
            ))}
          </div>
        )}
      </Card>
      <div className="cs-staff-grid">
        <div>
          <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.portal.summary')}</h2>}>
            <Facts
              items={[
                [t('cases.field.applicant'), `${view.applicant.name} (${t(`cases.applicantKind.${view.applicant.kind}`)})`],
                [t('cases.field.department'), view.departmentName],
                [t('cases.field.channel'), t(`cases.channel.${view.channel}`)],
                [t('cases.field.submittedAt'), formatDateTime(view.submittedAt)],
                [t('cases.field.promised'), t('cases.field.days', { count: view.promisedDays })],
                // An ended case has no limits left to show: its concluded date stands instead.
                [t('cases.field.due'), view.deadlines ? <DueInfo view={view} bare /> : null],
                [t('cases.field.stepDue'), view.deadlines ? <DueInfo view={view} which="step" bare /> : null],
                [t('cases.field.concludedOn'), view.concludedOn],
                [t('cases.field.guideVersion'), String(view.guideVersion)],
              ]}
            />
          </Card>
          {view.pendingMaterials.length > 0 && (
            <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.pending.staff')}</h2>}>
              <ul className="cs-correction-list">
                {view.pendingMaterials.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
              {view.supplyBy && <p className="cs-hint">{t('cases.pending.supplyBy', { date: view.supplyBy })}</p>}
            </Card>
          )}
          {view.correctionItems && view.correctionItems.length > 0 && (
            <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.correction.asked')}</h2>}>
              <ul className="cs-correction-list">
                {view.correctionItems.map((i, n) => (
                  <li key={n}>
                    <strong>{i.material}</strong>: {i.problem}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.portal.formData')}</h2>}>
            <FormDataView implementationCode={view.implementationCode} data={view.formData} empty={t('cases.staff.noForm')} />
          </Card>
          <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.portal.materials')}</h2>}>
            <MaterialsList caseNo={view.caseNo} materials={view.materials} />
          </Card>
          {view.certificate && (
            <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.portal.result')}</h2>}>
              <VerifiedCertificateCard identifier={view.certificate.identifier} name={view.certificate.name} status={view.certificate.status} />
            </Card>
          )}
        </div>
        <div>
          <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.staff.timeline')}</h2>}>
            <Timeline entries={view.timeline} />
          </Card>
          <ApplicantHistory view={view} />
        </div>
      </div>
      {acting && <ActionModal view={view} action={acting} onClose={() => setActing(null)} />}
    </>
  );
}

function ApplicantHistory({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const q = useCaseList({ applicantId: view.applicant.id, pageSize: 10 });
  const others = (q.data?.items ?? []).filter((c) => c.caseNo !== view.caseNo);
  return (
    <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.staff.history')}</h2>}>
      {q.isPending ? null : others.length === 0 ? (
        <p>{t('cases.staff.noHistory')}</p>
      ) : (
        <ul className="cs-plain">
          {others.map((c) => (
            <li key={c.caseNo} className="cs-file-row">
              <Link to={`/workbench/cases/${encodeURIComponent(c.caseNo)}`} className="mono">
                {c.caseNo}
              </Link>
              <span>{c.itemName}</span>
              <StatusBadge status={c.status} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** What the action modal's form holds; each action sends only its own fields (see `actionRequest`). */
interface Values {
  note?: string;
  reason?: string;
  legalBasis?: string;
  items?: ({ material?: string; problem?: string } | undefined)[];
  opinion?: string;
  toStep?: string;
  toStaffId?: string;
  procedure?: SpecialProcedure;
  method?: 'electronic' | 'pickup' | 'post';
  pickupCode?: string;
  carrier?: string;
  trackingNumber?: string;
  pendingMaterials?: string[];
  supplyBy?: string;
}

/** The form's values as the action's typed body (the form's rules made the required fields present). */
function actionRequest(action: RoutedAction, v: Values, version: number): CaseActionRequest {
  switch (action) {
    case 'accept':
      return {
        action,
        body: { version, note: v.note, pendingMaterials: v.pendingMaterials?.length ? v.pendingMaterials : undefined, supplyBy: v.supplyBy || undefined },
      };
    case 'refuse':
    case 'deny':
      return { action, body: { version, reason: filled(v.reason, 'reason'), legalBasis: filled(v.legalBasis, 'legalBasis') } };
    case 'request_correction': {
      const items = (v.items ?? []).flatMap((i) => (i?.material && i.problem ? [{ material: i.material, problem: i.problem }] : []));
      return { action, body: { version, items, note: v.note } };
    }
    case 'approve':
      return { action, body: { version, opinion: v.opinion } };
    case 'return_to_previous':
      return { action, body: { version, reason: filled(v.reason, 'reason'), toStep: v.toStep } };
    case 'transfer':
      return { action, body: { version, toStaffId: filled(v.toStaffId, 'toStaffId'), note: v.note } };
    case 'start_special_procedure':
      return { action, body: { version, procedure: filled(v.procedure, 'procedure'), note: filled(v.note, 'note') } };
    case 'deliver':
      if (v.method === 'post')
        return { action, body: { version, method: 'post', carrier: filled(v.carrier, 'carrier'), trackingNumber: filled(v.trackingNumber, 'trackingNumber') } };
      if (v.method === 'pickup') return { action, body: { version, method: 'pickup', pickupCode: v.pickupCode || undefined } };
      return { action, body: { version, method: 'electronic' } };
    case 'end_special_procedure':
    case 'issue':
    case 'claim':
      return { action, body: { version, note: v.note } };
    case 'submit_correction':
    case 'supplement_materials':
    case 'withdraw':
      // The applicant's actions: the portal's case page sends them, never this modal.
      throw new Error(`${action} is not a staff action`);
  }
}

function ActionModal({ view, action, onClose }: { view: CaseView; action: RoutedAction; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [leftover, setLeftover] = useState<FieldError[]>([]);
  const method = Form.useWatch('method', form);
  const send = useMutation({
    mutationFn: (v: Values) => caseAction(view.caseNo, actionRequest(action, v, view.version)),
    onMutate: () => setLeftover([]),
    onSuccess: (c) => {
      qc.setQueryData(casesKeys.case(view.caseNo), c);
      void qc.invalidateQueries({ queryKey: casesKeys.all });
      void message.success(t('cases.staff.done', { action: t(`cases.action.${action}`) }));
      onClose();
    },
    onError: (e) => {
      // Someone else acted first: say so, close, show the case as it is now.
      if (isApiError(e) && e.status === 409) {
        void message.warning(e.code === 'resource.stale' ? t('cases.staff.stale') : t('cases.staff.notAllowedNow'));
        void qc.invalidateQueries({ queryKey: casesKeys.case(view.caseNo) });
        onClose();
        return;
      }
      setLeftover(
        applyServerErrors(form, e, [
          'note',
          'reason',
          'legalBasis',
          'items',
          'opinion',
          'toStep',
          'toStaffId',
          'procedure',
          'method',
          'pickupCode',
          'carrier',
          'trackingNumber',
          'pendingMaterials',
          'supplyBy',
        ]),
      );
    },
  });
  const required = [{ required: true, whitespace: true, message: t('validation.required') }];
  const initial: Values =
    action === 'request_correction'
      ? {
          items: view.materials
            .filter((m) => m.required)
            .slice(0, 1)
            .map((m) => ({ material: m.name, problem: '' })),
        }
      : action === 'deliver'
        ? { method: 'electronic' }
        : {};
  const label = t(`cases.action.${action}`);
  return (
    <Modal open title={label} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      <ProblemAlert error={send.error} leftover={leftover} />
      <Form form={form} name={`cs-act-${action}`} layout="vertical" initialValues={initial} onFinish={(v) => send.mutate(v)}>
        {(action === 'refuse' || action === 'deny') && (
          <>
            <Form.Item name="reason" label={t('cases.detail.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="legalBasis" label={t('cases.detail.legalBasis')} rules={required} extra={t('cases.staff.legalBasisHint')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'request_correction' && (
          <Form.List
            name="items"
            rules={[
              {
                validator: async (_, v?: unknown[]) => {
                  if (!v || v.length === 0) throw new Error(t('cases.staff.itemsRequired'));
                },
              },
            ]}
          >
            {(rows, { add, remove }, { errors }) => (
              <>
                <p>{t('cases.staff.correctionIntro')}</p>
                {rows.map((row, i) => (
                  <div key={row.key} className="cs-row">
                    <Form.Item name={[row.name, 'material']} label={t('cases.staff.itemMaterial', { n: i + 1 })} rules={required}>
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        options={view.materials.map((m) => ({ value: m.name, label: m.name }))}
                        style={{ minWidth: 220 }}
                      />
                    </Form.Item>
                    <Form.Item name={[row.name, 'problem']} label={t('cases.staff.itemProblem', { n: i + 1 })} rules={required}>
                      <Input maxLength={500} />
                    </Form.Item>
                    <Button onClick={() => remove(row.name)}>
                      {t('cases.upload.remove')}
                      <span className="visually-hidden">{t('cases.form.removeRow', { n: i + 1 })}</span>
                    </Button>
                  </div>
                ))}
                <Button onClick={() => add({ material: undefined, problem: '' })}>{t('cases.staff.addItem')}</Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        )}
        {action === 'accept' && (
          <>
            <Form.Item name="pendingMaterials" label={t('cases.staff.pendingMaterials')} extra={t('cases.staff.pendingHint')}>
              <Select
                mode="multiple"
                allowClear
                options={view.materials.filter((m) => m.provision === 'missing' || !m.required).map((m) => ({ value: m.name, label: m.name }))}
              />
            </Form.Item>
            <Form.Item name="supplyBy" label={t('cases.staff.supplyBy')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('cases.form.date') }]}>
              <Input type="date" style={{ maxWidth: 240 }} />
            </Form.Item>
          </>
        )}
        {action === 'approve' && (
          <Form.Item name="opinion" label={t('cases.detail.opinion')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {action === 'return_to_previous' && (
          <>
            <Form.Item name="reason" label={t('cases.detail.reason')} rules={required}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="toStep" label={t('cases.detail.toStep')} extra={t('cases.staff.toStepHint')}>
              <Input maxLength={40} />
            </Form.Item>
          </>
        )}
        {action === 'transfer' && <TransferPicker caseNo={view.caseNo} />}
        {action === 'start_special_procedure' && (
          <>
            <Form.Item name="procedure" label={t('cases.detail.procedure')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select options={specialProcedures.map((p) => ({ value: p, label: t(`cases.procedure.${p}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('cases.detail.note')} rules={required}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {action === 'deliver' && (
          <>
            <Form.Item name="method" label={t('cases.detail.method')} rules={[{ required: true, message: t('validation.required') }]}>
              <Radio.Group options={(['electronic', 'pickup', 'post'] as const).map((d) => ({ value: d, label: t(`cases.delivery.${d}`) }))} />
            </Form.Item>
            {method === 'pickup' && (
              <Form.Item
                name="pickupCode"
                label={t('cases.detail.pickupCode')}
                extra={t('cases.staff.pickupHint')}
                rules={[{ pattern: /^\d{6}$/, message: t('cases.staff.pickupPattern') }]}
              >
                <Input maxLength={6} inputMode="numeric" />
              </Form.Item>
            )}
            {method === 'post' && (
              <>
                <Form.Item name="carrier" label={t('cases.detail.carrier')} rules={required}>
                  <Input maxLength={50} />
                </Form.Item>
                <Form.Item
                  name="trackingNumber"
                  label={t('cases.detail.trackingNumber')}
                  rules={[...required, { min: 4, message: t('cases.form.minLength', { min: 4 }) }]}
                >
                  <Input maxLength={50} />
                </Form.Item>
              </>
            )}
          </>
        )}
        {['accept', 'request_correction', 'end_special_procedure', 'issue', 'transfer', 'claim'].includes(action) && (
          <Form.Item name="note" label={t('cases.detail.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        )}
        <div className="cs-actions">
          <Button type="primary" danger={DANGER.includes(action)} htmlType="submit" loading={send.isPending}>
            {label}
          </Button>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
        </div>
      </Form>
    </Modal>
  );
}

export default StaffCasePage;
