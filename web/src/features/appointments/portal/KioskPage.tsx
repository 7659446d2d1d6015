import { useState } from 'react';
import { useParams } from 'react-router';
import { Button, Form, Input, Result } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { NotFoundResult, PageLoading } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { takeTicket, useHalls, type KioskBody, type KioskTicket } from '../api';
import '../appointments.css';

/**
 * /appointments/kiosk/:hallId — the hall's ticket kiosk (取号机): a booking code checks the booking in
 * and gives a ticket called before walk-ins; without one, a ticket for a window group. No sign-in.
 */
export function KioskPage() {
  const { t } = useTranslation();
  const { hallId = '' } = useParams();
  useDocumentTitle(t('appointments.kiosk.title'));
  const halls = useHalls();
  const [ticket, setTicket] = useState<KioskTicket>();
  const take = useMutation({ mutationFn: (body: KioskBody) => takeTicket(hallId, body), onSuccess: setTicket });
  if (halls.isPending) return <PageLoading />;
  const hall = halls.data?.find((h) => h.id === hallId);
  if (!hall) return halls.isError ? <ProblemAlert error={halls.error} /> : <NotFoundResult />;
  if (ticket)
    return (
      <div className="ap-page ap-kiosk">
        <Result
          status="success"
          title={<span className="ap-ticket-number">{ticket.number}</span>}
          subTitle={
            <>
              <span lang="zh-CN">{ticket.groupName}</span> · {t('appointments.kiosk.before', { count: ticket.waitingBefore })}
            </>
          }
          extra={
            <Button type="primary" size="large" onClick={() => setTicket(undefined)}>
              {t('appointments.kiosk.next')}
            </Button>
          }
          data-testid="ap-ticket"
        />
      </div>
    );
  return (
    <div className="ap-page ap-kiosk">
      <h1 lang="zh-CN">{hall.name}</h1>
      <p>{t('appointments.kiosk.hint')}</p>
      {take.isError && <ProblemAlert error={take.error} />}
      <Form layout="inline" onFinish={(v: { code: string }) => take.mutate({ bookingCode: v.code })} className="ap-kiosk-code">
        <Form.Item name="code" label={t('appointments.kiosk.code')} rules={[{ required: true, message: t('appointments.kiosk.codeRequired') }]}>
          <Input size="large" maxLength={16} autoComplete="off" />
        </Form.Item>
        <Button type="primary" size="large" htmlType="submit" loading={take.isPending}>
          {t('appointments.kiosk.checkIn')}
        </Button>
      </Form>
      <h2>{t('appointments.kiosk.walkIn')}</h2>
      <div className="ap-kiosk-groups">
        {hall.groups.map((g) => (
          <Button key={g.id} size="large" block onClick={() => take.mutate({ groupId: g.id })} disabled={take.isPending} data-testid="ap-kiosk-group">
            <strong>{g.code}</strong> <span lang="zh-CN">{g.name}</span>
          </Button>
        ))}
      </div>
    </div>
  );
}
