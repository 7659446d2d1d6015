import { Button, Card, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../../api/auth';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { formatDateTime } from '../../../lib/dayjs';
import { openVisitEvaluation, useCounterWindows } from '../api';

/**
 * 现场评价 on the workbench case page (window clerks): opens a one-time code for this visit that the
 * citizen rates on their own phone or the counter tablet; the clerk's own session cannot submit it.
 * The counter's window is recorded with the rating: the one picked, else the case's filing window.
 */
export function VisitEvaluationCard({ caseNo }: { caseNo: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const [windowId, setWindowId] = useState<string>();
  const may = hasPermission(me.data, 'evaluation.visit.create');
  const windows = useCounterWindows(may);
  const open = useMutation({ mutationFn: () => openVisitEvaluation(caseNo, windowId) });
  if (!may) return null;
  return (
    <Card className="cs-section no-print" title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{t('evaluation.token.visitOpen')}</h2>}>
      <ProblemAlert error={open.error} />
      {open.data ? (
        <div data-testid="ev-visit-code">
          <p>{t('evaluation.token.visitCode')}</p>
          <img
            className="ev-visit-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(open.data.qrSvg)}`}
            alt={t('evaluation.token.visitQr')}
            width={180}
            height={180}
          />
          <Typography.Paragraph copyable={{ text: open.data.url }} className="mono">
            <a href={open.data.url} target="_blank" rel="noreferrer">
              {open.data.url}
            </a>
          </Typography.Paragraph>
          <p className="cs-hint">{t('evaluation.token.visitExpires', { time: formatDateTime(open.data.expiresAt) })}</p>
        </div>
      ) : (
        <Space wrap>
          <Select
            allowClear
            aria-label={t('evaluation.token.visitWindow')}
            placeholder={t('evaluation.token.visitWindow')}
            style={{ minWidth: 240 }}
            value={windowId}
            onChange={setWindowId}
            options={windows.data ?? []}
            loading={windows.isLoading}
          />
          <Button onClick={() => open.mutate()} loading={open.isPending}>
            {t('evaluation.token.visitOpen')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
