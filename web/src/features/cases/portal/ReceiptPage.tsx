import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { RequireAuth } from '../../../components/RequireAuth';
import { QueryView } from '../../../components/PageState';
import { formatDateTime } from '../../../lib/dayjs';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useCase, type CaseView } from '../api';
import { Facts, labelOf } from '../ui';
import '../cases.css';

/** 受理回执 (submission receipt), printable: the case number is on every later notice. */
export function Receipt({ view, staffView }: { view: CaseView; staffView?: boolean }) {
  const { t } = useTranslation();
  const provided = view.materials.filter((m) => m.provision !== 'missing');
  return (
    <div className="cs-receipt" data-testid="cs-receipt">
      <h2>{t('cases.receipt.heading')}</h2>
      <Facts
        items={[
          [
            t('cases.field.caseNo'),
            <span className="cs-caseno mono" data-testid="cs-receipt-case-no">
              {view.caseNo}
            </span>,
          ],
          [t('cases.field.item'), view.itemName],
          [t('cases.field.department'), view.departmentName],
          [t('cases.field.applicant'), view.applicant.name],
          [t('cases.field.channel'), t(`cases.channel.${view.channel}`)],
          [t('cases.field.submittedAt'), formatDateTime(view.submittedAt)],
          [t('cases.field.promised'), t('cases.field.days', { count: view.promisedDays })],
          [t('cases.field.due'), view.deadlines ? view.deadlines.case.dueDate + (view.deadlines.case.estimated ? ` (${t('cases.due.estimated')})` : '') : null],
        ]}
      />
      <h3 style={{ marginTop: 16 }}>{t('cases.receipt.materials')}</h3>
      <ol>
        {provided.map((m) => (
          <li key={m.name}>
            {m.name}{' '}
            <span className="cs-hint">
              ({labelOf(t, `cases.provision.${m.provision}`, m.provision)}
              {m.fileIds.length ? ` · ${t('cases.receipt.files', { count: m.fileIds.length })}` : ''})
            </span>
          </li>
        ))}
      </ol>
      <p>{staffView ? t('cases.receipt.noteWindow') : t('cases.receipt.note')}</p>
    </div>
  );
}

export function ReceiptPage() {
  return (
    <RequireAuth>
      <ReceiptLoader />
    </RequireAuth>
  );
}

function ReceiptLoader() {
  const { caseNo = '' } = useParams();
  const { t } = useTranslation();
  useDocumentTitle(t('cases.receipt.title'));
  const q = useCase(caseNo);
  return (
    <div className="cs-portal">
      <h1 className="no-print">{t('cases.receipt.title')}</h1>
      <QueryView query={q}>
        {(c) => (
          <>
            <p role="status" className="no-print">
              {t('cases.receipt.submitted')}
            </p>
            <Receipt view={c} />
            <div className="cs-actions no-print" style={{ marginTop: 16 }}>
              <Button type="primary" onClick={() => window.print()}>
                {t('cases.receipt.print')}
              </Button>
              <Link to={`/cases/${encodeURIComponent(c.caseNo)}`}>{t('cases.receipt.viewCase')}</Link>
              <Link to="/cases/mine">{t('cases.portal.mine')}</Link>
            </div>
          </>
        )}
      </QueryView>
    </div>
  );
}

export default ReceiptPage;
