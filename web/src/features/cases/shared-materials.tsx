import { Alert, App, Button, Card } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { isApiError } from '../../api/errors';
import { formatDateTime } from '../../lib/dayjs';
import { caseAction, casesKeys, type CaseMaterial, type CaseView } from './api';

/** A material from shared data as the case stores it (what came back and where from, or why it failed). */
export type SharedMaterial = NonNullable<CaseMaterial['shared']>;

/** Where the apply form's shared materials come from (GET /api/cases/forms/{code}). */
export interface SharedSource {
  material: string;
  resource: string;
  resourceName: string | null;
  departmentName: string | null;
}

function useErrorText() {
  const { t } = useTranslation();
  return (code: string | null) => {
    switch (code) {
      case 'data.provider_unavailable':
        return t('cases.shared.error.provider_unavailable');
      case 'data.not_found':
        return t('cases.shared.error.not_found');
      case 'data.no_approval':
        return t('cases.shared.error.no_approval');
      case 'data.approval_expired':
        return t('cases.shared.error.approval_expired');
      default:
        return t('cases.shared.error.other', { code: code ?? '-' });
    }
  };
}

/** Under a case's material: the values fetched with their source, or the failure. */
export function SharedMaterialDetail({ shared }: { shared: SharedMaterial }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (shared.status === 'failed')
    return (
      <div className="cs-hint" role="note" data-testid="cs-shared-failed">
        {t('cases.shared.failed', { reason: errorText(shared.error) })} · {t('cases.shared.tries', { count: shared.tries })}
      </div>
    );
  const source = t('cases.shared.from', { department: shared.source?.departmentName ?? '', resource: shared.resourceName ?? shared.resource });
  return (
    <div className="cs-shared" data-testid="cs-shared-fetched">
      <div>{t('cases.shared.filledFrom', { source })}</div>
      {shared.data && (
        <dl className="cs-facts">
          {shared.fields.map((f) => (
            <div key={f}>
              <dt lang="zh-CN">{shared.labels[f] ?? f}</dt>
              <dd>{valueText(shared.data?.[f])}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="cs-hint">
        {shared.source && t('cases.shared.fetchedAt', { at: formatDateTime(shared.source.fetchedAt) })}
        {shared.legalBasis && <> · {t('cases.shared.legalBasis', { basis: shared.legalBasis })}</>}
      </div>
    </div>
  );
}

function valueText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' && x ? Object.values(x as Record<string, unknown>).join(' ') : String(x))).join('；');
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).join(' ');
  return String(v);
}

/** On the apply form: the material is filled from shared data, and from where. */
export function SharedSourceNote({ source }: { source: SharedSource }) {
  const { t } = useTranslation();
  const from =
    source.departmentName && source.resourceName
      ? t('cases.shared.from', { department: source.departmentName, resource: source.resourceName })
      : source.resource;
  return (
    <p className="cs-hint" data-testid="cs-shared-source">
      {t('cases.shared.filledFrom', { source: from })}
    </p>
  );
}

/**
 * The clerk's choice for each required material whose fetch failed: fetch again, ask the applicant
 * (a correction naming it), or accept it as pending (容缺). Shown while the case may be accepted.
 */
export function FailedSharedCard({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const failed = view.materials.filter((m) => m.required && m.provision === 'shared' && m.shared?.status === 'failed');
  const done = (c: CaseView, text: string) => {
    qc.setQueryData(casesKeys.case(view.caseNo), c);
    void qc.invalidateQueries({ queryKey: casesKeys.all });
    void message.success(text);
  };
  const fail = (e: unknown) => {
    void qc.invalidateQueries({ queryKey: casesKeys.case(view.caseNo) });
    void message.warning(isApiError(e) && e.code === 'resource.stale' ? t('cases.staff.stale') : isApiError(e) ? e.title : t('errors.generic.title'));
  };
  const retry = useMutation({
    mutationFn: (material: string) =>
      unwrap(
        api.POST('/api/cases/{caseNo}/shared-materials/refetch', { params: { path: { caseNo: view.caseNo } }, body: { material, version: view.version } }),
      ),
    onSuccess: (c, material) => {
      const now = c.materials.find((m) => m.name === material);
      if (now?.shared?.status === 'fetched') done(c, t('cases.shared.retried'));
      else {
        qc.setQueryData(casesKeys.case(view.caseNo), c);
        void message.warning(t('cases.shared.stillFailed'));
      }
    },
    onError: fail,
  });
  const ask = useMutation({
    mutationFn: (material: string) =>
      caseAction(view.caseNo, {
        action: 'request_correction',
        body: { version: view.version, items: [{ material, problem: t('cases.shared.askProblem', { material }) }] },
      }),
    onSuccess: (c) => done(c, t('cases.shared.done')),
    onError: fail,
  });
  const defer = useMutation({
    mutationFn: (material: string) => caseAction(view.caseNo, { action: 'accept', body: { version: view.version, pendingMaterials: [material] } }),
    onSuccess: (c) => done(c, t('cases.shared.done')),
    onError: fail,
  });
  if (!failed.length || !view.allowedActions.includes('accept')) return null;
  const busy = retry.isPending || ask.isPending || defer.isPending;
  return (
    <Card className="cs-section" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.shared.staffTitle')}</h2>} data-testid="cs-shared-failed-card">
      <Alert type="warning" showIcon title={t('cases.shared.staffHint')} style={{ marginBottom: 12 }} />
      {failed.map((m) => (
        <div key={m.name} className="cs-section">
          <strong lang="zh-CN">{m.name}</strong>
          <SharedMaterialDetail shared={m.shared!} />
          <div className="cs-actions" style={{ marginTop: 8 }}>
            <Button type="primary" loading={retry.isPending && retry.variables === m.name} disabled={busy} onClick={() => retry.mutate(m.name)}>
              {t('cases.shared.retry')}
            </Button>
            <Button
              loading={ask.isPending && ask.variables === m.name}
              disabled={busy || !view.allowedActions.includes('request_correction')}
              onClick={() => ask.mutate(m.name)}
            >
              {t('cases.shared.ask')}
            </Button>
            <Button loading={defer.isPending && defer.variables === m.name} disabled={busy} onClick={() => defer.mutate(m.name)}>
              {t('cases.shared.defer')}
            </Button>
          </div>
        </div>
      ))}
    </Card>
  );
}
