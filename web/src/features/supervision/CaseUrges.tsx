import { useState } from 'react';
import { Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/auth';
import { useUrges } from './api';
import { UrgeCard, UrgeModal } from './ui';
import './supervision.css';

/**
 * The urges on one case, on the staff case page: the urged unit reads the notice and answers it
 * there; a supervisor urges a yellow or red case from here too. Nothing is shown otherwise.
 */
export function CaseUrges({ caseNo, light }: { caseNo: string; light: 'green' | 'yellow' | 'red' | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const [urging, setUrging] = useState(false);
  const q = useUrges({ caseNo, page: 1, pageSize: 20 });
  // The case's own urges (an urge of its bad review's rectification shows on the rectification's page).
  const items = (q.data?.items ?? []).filter((u) => u.subjectType === 'case');
  const waiting = items.some((u) => u.status !== 'answered');
  const mayUrge = q.isSuccess && !waiting && (light === 'yellow' || light === 'red') && hasPermission(me.data, 'supervision.urge.issue');
  if (items.length === 0 && !mayUrge) return null;
  return (
    <Card
      className="sv-section"
      title={<h2>{t('supervision.urge.caseCard')}</h2>}
      extra={
        mayUrge && (
          <Button danger={light === 'red'} onClick={() => setUrging(true)}>
            {t('supervision.urge.issue')}
          </Button>
        )
      }
    >
      {items.map((u) => (
        <UrgeCard key={u.id} urge={u} />
      ))}
      {items.length === 0 && <p className="sv-hint">{t('supervision.urge.onlyLate')}</p>}
      {urging && <UrgeModal caseNo={caseNo} onClose={() => setUrging(false)} />}
    </Card>
  );
}

export default CaseUrges;
