import { useState } from 'react';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { RequireAuth } from '../../../components/RequireAuth';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { QueryView } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { caseAction, casesKeys, OPEN_STATUSES, useCase, type CaseView } from '../api';
import { VerifiedCertificateCard } from '../certificate';
import { FileUploads, type UploadedFile } from '../uploads';
import { FormDataView } from '../form-view';
import { DueInfo, Facts, MaterialsList, StatusBadge, Timeline } from '../ui';
import { CaseEvaluationCard } from '../../evaluation/portal/CaseEvaluationCard';
import { CasePaymentCard } from '../../payments/portal/CasePaymentCard';
import { CaseDeliveryCard } from '../../delivery/case/CaseDeliveryCard';
import '../cases.css';

/** The applicant's case page: where it stands, what is asked of them, the result, the timeline. */
export function CasePage() {
  return (
    <RequireAuth>
      <CaseLoader />
    </RequireAuth>
  );
}

function CaseLoader() {
  const { caseNo = '' } = useParams();
  const { t } = useTranslation();
  const q = useCase(caseNo);
  useDocumentTitle(q.data ? `${q.data.itemName} ${caseNo}` : t('cases.portal.case'));
  return (
    <div className="cs-portal">
      <QueryView query={q}>{(c) => <ApplicantCase view={c} />}</QueryView>
    </div>
  );
}

function ApplicantCase({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const open = OPEN_STATUSES.includes(view.status);
  return (
    <>
      <p className="cs-links no-print">
        <Link to="/cases/mine">{t('cases.portal.backToMine')}</Link>
      </p>
      <h1 lang="zh-CN">{view.itemName}</h1>
      <div className="cs-head">
        <StatusBadge status={view.status} />
        {open && <span>{t('cases.portal.currentStep', { step: view.step.name })}</span>}
      </div>
      <Card className="cs-section" title={<h2>{t('cases.portal.summary')}</h2>}>
        <Facts
          items={[
            [
              t('cases.field.caseNo'),
              <span className="mono" data-testid="cs-case-no">
                {view.caseNo}
              </span>,
            ],
            [t('cases.field.department'), view.departmentName],
            [t('cases.field.applicant'), view.applicant.name],
            [t('cases.field.submittedAt'), formatDateTime(view.submittedAt)],
            [t('cases.field.promised'), t('cases.field.days', { count: view.promisedDays })],
            [t('cases.field.due'), open ? <DueInfo view={view} /> : null],
            [t('cases.field.concludedOn'), view.concludedOn],
            [t('cases.field.channel'), t(`cases.channel.${view.channel}`)],
          ]}
        />
      </Card>
      {view.allowedActions.includes('submit_correction') && <CorrectionCard view={view} />}
      {view.pendingMaterials.length > 0 && <PendingCard view={view} />}
      {view.status === 'awaiting_payment' && <CasePaymentCard caseNo={view.caseNo} />}
      {view.certificate && <CertificateSection view={view} />}
      {(open || view.status === 'concluded') && <CaseDeliveryCard caseNo={view.caseNo} />}
      {!open && <CaseEvaluationCard caseNo={view.caseNo} />}
      <Card className="cs-section" title={<h2>{t('cases.portal.timeline')}</h2>}>
        <Timeline entries={view.timeline} />
      </Card>
      <Card className="cs-section" title={<h2>{t('cases.portal.materials')}</h2>}>
        <MaterialsList caseNo={view.caseNo} materials={view.materials} />
      </Card>
      {Object.keys(view.formData).length > 0 && (
        <Card className="cs-section" title={<h2>{t('cases.portal.formData')}</h2>}>
          <FormDataView implementationCode={view.implementationCode} data={view.formData} empty="" maskAccounts />
        </Card>
      )}
      {view.allowedActions.includes('withdraw') && <WithdrawCard view={view} />}
    </>
  );
}

function CertificateSection({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const cert = view.certificate!;
  return (
    <Card className="cs-section" title={<h2>{t('cases.portal.result')}</h2>}>
      <VerifiedCertificateCard identifier={cert.identifier} name={cert.name} status={cert.status} />
    </Card>
  );
}

/** 一次性告知: every item asked for, a file upload per item, one resubmission. */
function CorrectionCard({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const items = view.correctionItems ?? [];
  const [files, setFiles] = useState<Record<number, UploadedFile[]>>({});
  const [note, setNote] = useState('');
  const all = Object.values(files).flat();
  const send = useMutation({
    mutationFn: () => {
      const lines = items.map((it, i) => `${it.material}: ${(files[i] ?? []).map((f) => f.name).join(', ') || '-'}`);
      return caseAction(view.caseNo, {
        action: 'submit_correction',
        body: { version: view.version, fileIds: all.map((f) => f.id), note: [note.trim(), ...lines].filter(Boolean).join('\n').slice(0, 2000) },
      });
    },
    onSuccess: (c) => {
      qc.setQueryData(casesKeys.case(view.caseNo), c);
      void qc.invalidateQueries({ queryKey: casesKeys.all });
    },
  });
  return (
    <Card className="cs-section" title={<h2>{t('cases.correction.title')}</h2>} data-testid="cs-correction">
      <Alert type="warning" showIcon title={t('cases.correction.intro')} style={{ marginBottom: 12 }} />
      <ProblemAlert error={send.error} />
      <Form layout="vertical" onFinish={() => send.mutate()}>
        {items.map((it, i) => (
          <fieldset key={i} className="cs-material-input">
            <legend>{it.material}</legend>
            <p>{it.problem}</p>
            <FileUploads label={it.material} files={files[i] ?? []} onChange={(f) => setFiles((s) => ({ ...s, [i]: f }))} />
          </fieldset>
        ))}
        <Form.Item label={t('cases.correction.note')} htmlFor="cs-correction-note">
          <Input.TextArea id="cs-correction-note" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
        <Button type="primary" size="large" htmlType="submit" loading={send.isPending} disabled={all.length === 0 && !note.trim()}>
          {t('cases.correction.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** 容缺: materials accepted as pending, supplied here before the result is issued. */
function PendingCard({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const can = view.allowedActions.includes('supplement_materials');
  const [files, setFiles] = useState<Record<string, UploadedFile[]>>({});
  const ready = view.pendingMaterials.filter((m) => (files[m] ?? []).length > 0);
  const send = useMutation({
    mutationFn: () =>
      caseAction(view.caseNo, {
        action: 'supplement_materials',
        body: { version: view.version, materials: ready.map((m) => ({ name: m, fileIds: files[m]!.map((f) => f.id) })) },
      }),
    onSuccess: (c) => {
      setFiles({});
      qc.setQueryData(casesKeys.case(view.caseNo), c);
      void qc.invalidateQueries({ queryKey: casesKeys.all });
    },
  });
  return (
    <Card className="cs-section" title={<h2>{t('cases.pending.title')}</h2>} data-testid="cs-pending">
      <p>{view.supplyBy ? t('cases.pending.intro', { date: view.supplyBy }) : t('cases.pending.introNoDate')}</p>
      <ProblemAlert error={send.error} />
      {view.pendingMaterials.map((m) => (
        <fieldset key={m} className="cs-material-input">
          <legend>{m}</legend>
          {can && <FileUploads label={m} files={files[m] ?? []} onChange={(f) => setFiles((s) => ({ ...s, [m]: f }))} />}
        </fieldset>
      ))}
      {can && (
        <Button type="primary" size="large" loading={send.isPending} disabled={ready.length === 0} onClick={() => send.mutate()}>
          {t('cases.pending.submit')}
        </Button>
      )}
    </Card>
  );
}

function WithdrawCard({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const send = useMutation({
    mutationFn: () => caseAction(view.caseNo, { action: 'withdraw', body: { version: view.version, reason: reason.trim() || undefined } }),
    onSuccess: (c) => {
      qc.setQueryData(casesKeys.case(view.caseNo), c);
      void qc.invalidateQueries({ queryKey: casesKeys.all });
    },
  });
  return (
    <Card className="cs-section no-print" title={<h2>{t('cases.withdraw.title')}</h2>}>
      <p>{t('cases.withdraw.intro')}</p>
      <ProblemAlert error={send.error} />
      {!confirming ? (
        <Button danger onClick={() => setConfirming(true)}>
          {t('cases.withdraw.start')}
        </Button>
      ) : (
        <Form layout="vertical" onFinish={() => send.mutate()}>
          <Form.Item label={t('cases.withdraw.reason')} htmlFor="cs-withdraw-reason">
            <Input.TextArea id="cs-withdraw-reason" rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
          <div className="cs-actions">
            <Button danger type="primary" htmlType="submit" loading={send.isPending}>
              {t('cases.withdraw.confirm')}
            </Button>
            <Button onClick={() => setConfirming(false)}>{t('action.cancel')}</Button>
          </div>
        </Form>
      )}
    </Card>
  );
}

export default CasePage;
