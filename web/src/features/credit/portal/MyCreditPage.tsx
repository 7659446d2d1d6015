import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../../../components/RequireAuth';
import { QueryView } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useApplyForRepair, useMyCreditFile, useObjectAsSubject, type CreditRecord, type ListEntry, type MyCreditFile } from '../api';
import '../credit.css';
import { MyCreditLevel } from './MyCreditLevel';

type KindKey = 'credit.kind.penalty';
type DisclosureKey = 'credit.disclosure.late';
type RepairKey = 'credit.repairStatus.applied';
type ListKey = 'credit.list.honor';
type StatusKey = 'credit.status.listed';

const REPAIRABLE: CreditRecord['kind'][] = ['penalty', 'inspection', 'complaint', 'commitment_breach', 'other'];

/** 我的信用: the signed-in person's or enterprise's own credit file, and 信用修复 applications. */
export function MyCreditPage() {
  return (
    <RequireAuth kinds={['person', 'entity']}>
      <MyCredit />
    </RequireAuth>
  );
}

function MyCredit() {
  const { t } = useTranslation();
  useDocumentTitle(t('credit.mine.title'));
  const file = useMyCreditFile();
  return (
    <div className="cr-page">
      <h1>{t('credit.mine.title')}</h1>
      <p>{t('credit.mine.intro')}</p>
      <MyCreditLevel />
      <QueryView query={file} isEmpty={(f) => f.records.length === 0 && f.entries.length === 0} empty={<p>{t('credit.mine.empty')}</p>}>
        {(f) => (
          <>
            {f.entries.length > 0 && (
              <>
                <h2>{t('credit.mine.lists')}</h2>
                <ul className="cr-list">
                  {f.entries.map((e) => (
                    <EntryItem key={e.id} e={e} />
                  ))}
                </ul>
                <h2>{t('credit.mine.records')}</h2>
              </>
            )}
            <ul className="cr-list">
              {f.records.map((r) => (
                <RecordItem key={r.id} r={r} repairs={f.repairs} />
              ))}
            </ul>
          </>
        )}
      </QueryView>
    </div>
  );
}

function EntryItem({ e }: { e: ListEntry }) {
  const { t } = useTranslation();
  const object = useObjectAsSubject();
  const [text, setText] = useState('');
  const id = `cr-o-${e.id}`;
  return (
    <li className="cr-item">
      <h3>
        <span className={`cr-badge ${e.list}`}>{t(`credit.list.${e.list}` as ListKey)}</span>
        {t(`credit.status.${e.status}` as StatusKey)}
      </h3>
      <dl className="cr-meta">
        <dt>{t('credit.f.reason')}</dt>
        <dd lang="zh-CN">{e.reason}</dd>
        <dt>{t('credit.f.legalBasis')}</dt>
        <dd lang="zh-CN">{e.legalBasis}</dd>
        {e.objectionDue && [<dt key="o-t">{t('credit.f.objectionDue')}</dt>, <dd key="o-d">{e.objectionDue}</dd>]}
        {e.objection && [
          <dt key="x-t">{t('credit.mine.objection')}</dt>,
          <dd key="x-d" lang="zh-CN">
            {e.objection}
          </dd>,
        ]}
      </dl>
      {e.status === 'noticed' && (
        <form
          className="cr-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            object.mutate({ id: e.id, objection: text.trim() });
          }}
        >
          <label htmlFor={id}>{t('credit.mine.objection')}</label>
          <textarea id={id} rows={3} required maxLength={4000} value={text} onChange={(ev) => setText(ev.target.value)} />
          {object.isError && <p role="alert">{object.error.message}</p>}
          <div>
            <button type="submit" disabled={object.isPending || !text.trim()}>
              {t('credit.mine.object')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

function RecordItem({ r, repairs }: { r: CreditRecord; repairs: MyCreditFile['repairs'] }) {
  const { t } = useTranslation();
  const mine = repairs.filter((x) => x.recordId === r.id);
  const pending = mine.some((x) => x.status === 'applied');
  const [open, setOpen] = useState(false);
  return (
    <li className="cr-item">
      <h3>
        <span className="cr-badge">{t(`credit.kind.${r.kind}` as KindKey)}</span>
        <span lang="zh-CN">{r.title}</span>
      </h3>
      <dl className="cr-meta">
        <dt>{t('credit.f.legalBasis')}</dt>
        <dd lang="zh-CN">{r.legalBasis}</dd>
        <dt>{t('credit.f.department')}</dt>
        <dd lang="zh-CN">{r.departmentName}</dd>
        <dt>{t('credit.f.decidedOn')}</dt>
        <dd>{r.decidedOn}</dd>
        <dt>{t('credit.f.disclosure')}</dt>
        <dd>{t(`credit.disclosure.${r.disclosure}` as DisclosureKey)}</dd>
        {mine.map((x) => [
          <dt key={`${x.id}-t`}>{t('credit.mine.repair')}</dt>,
          <dd key={`${x.id}-d`}>
            {t(`credit.repairStatus.${x.status}` as RepairKey)} · {x.appliedOn}
            {x.decisionNote && <span lang="zh-CN"> · {x.decisionNote}</span>}
          </dd>,
        ])}
      </dl>
      {REPAIRABLE.includes(r.kind) && !r.repairedOn && !pending && (
        <>
          {!open && (
            <p>
              <button type="button" className="cr-link" onClick={() => setOpen(true)}>
                {t('credit.mine.apply')}
              </button>
            </p>
          )}
          {open && <RepairForm recordId={r.id} onDone={() => setOpen(false)} />}
        </>
      )}
    </li>
  );
}

function RepairForm({ recordId, onDone }: { recordId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const apply = useApplyForRepair();
  const [key] = useState(() => crypto.randomUUID());
  const [statement, setStatement] = useState('');
  const [evidence, setEvidence] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply.mutate({ body: { recordId, statement: statement.trim(), evidence: evidence.trim() }, key }, { onSuccess: onDone });
  };
  const ids = { s: `cr-s-${recordId}`, e: `cr-e-${recordId}` };
  return (
    <form className="cr-form" onSubmit={submit}>
      <label htmlFor={ids.s}>{t('credit.f.statement')}</label>
      <textarea id={ids.s} rows={3} required maxLength={2000} value={statement} onChange={(e) => setStatement(e.target.value)} />
      <label htmlFor={ids.e}>{t('credit.f.evidence')}</label>
      <textarea id={ids.e} rows={3} required maxLength={4000} value={evidence} onChange={(e) => setEvidence(e.target.value)} />
      {apply.isError && <p role="alert">{apply.error.message}</p>}
      <div>
        <button type="submit" disabled={apply.isPending || !statement.trim() || !evidence.trim()}>
          {t('credit.mine.submit')}
        </button>{' '}
        <button type="button" className="cr-link" onClick={onDone}>
          {t('credit.mine.cancel')}
        </button>
      </div>
    </form>
  );
}
