import { Suspense, useState } from 'react';
import { Alert, App, Button, Card } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../../api/auth';
import { isApiError } from '../../../api/errors';
import { QueryView } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { caseAction, casesKeys, useCase, useCaseList, type CaseView, type RoutedAction } from '../api';
import { VerifiedCertificateCard } from '../certificate';
import { Receipt } from '../portal/ReceiptPage';
import { FormDataView } from '../form-view';
import { DueInfo, Facts, LightBadge, MaterialsList, StatusBadge, Timeline } from '../ui';
import '../cases.css';
import { ActionModal, DANGER } from './ActionModal';
import { CountersignCard } from './CountersignCard';
import { FailedSharedCard } from '../shared-materials';
import { CaseUrgesCard } from '../../supervision';
import { VisitEvaluationCard } from '../../evaluation/workbench/VisitEvaluationCard';
import { StaffCaseDelivery } from '../../delivery/case/StaffCaseDelivery';

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
      {/* 督办 on this case (the supervision feature): the urged unit answers it here. */}
      <Suspense fallback={null}>
        <CaseUrgesCard caseNo={view.caseNo} light={view.light} />
      </Suspense>
      {/* 现场评价 (the evaluation feature): a one-time code the citizen rates at the counter. */}
      <VisitEvaluationCard caseNo={view.caseNo} />
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
      {/* 会签: the countersign step's branches, who signed, and the signing form for a branch's holder. */}
      <CountersignCard view={view} />
      {/* Materials whose fetch from shared data failed: retry, ask the applicant, or 容缺. */}
      <FailedSharedCard view={view} />
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
          {/* 寄递与领取 of this case (the delivery feature): its orders and the manual status update. */}
          <StaffCaseDelivery caseNo={view.caseNo} />
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

export default StaffCasePage;
