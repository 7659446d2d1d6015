import { useState } from 'react';
import { Button, Descriptions, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AdminPage } from '../../../admin/ui/AdminPage';
import { RequirePermission } from '../../../admin/ui/RequirePermission';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { PageLoading } from '../../../components/PageState';
import { appointmentKeys, callNext, finishTicket, useHalls, useQueue, type Ticket } from '../api';
import '../appointments.css';

const minutes = (s: number | null) => (s === null ? '—' : `${Math.round(s / 60)}`);

/** /workbench/appointments/queue — the window clerk's 叫号 panel: pick the hall and one's window, call the next, end the current ticket. */
export function QueuePage() {
  return (
    <RequirePermission permission="appointments.queue.call">
      <QueuePanel />
    </RequirePermission>
  );
}

function QueuePanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const halls = useHalls();
  const [hallId, setHallId] = useState<string>();
  const [windowId, setWindowId] = useState<string>();
  const hall = halls.data?.find((h) => h.id === hallId) ?? halls.data?.[0];
  const windows = [...new Map((hall?.groups ?? []).flatMap((g) => g.windows).map((w) => [w.id, w])).values()];
  const win = windows.find((w) => w.id === windowId) ?? windows[0];
  const queue = useQueue(hall?.id);
  const refresh = () => void qc.invalidateQueries({ queryKey: appointmentKeys.queue(hall?.id ?? '') });
  const call = useMutation({ mutationFn: () => callNext(hall!.id, win!.id), onSuccess: refresh });
  const finish = useMutation({ mutationFn: (v: { id: string; outcome: 'done' | 'missed' }) => finishTicket(v.id, v.outcome), onSuccess: refresh });
  const current = queue.data?.serving.find((x) => x.windowNumber === win?.number);
  const myGroups = new Set(hall?.groups.filter((g) => g.windows.some((w) => w.id === win?.id)).map((g) => g.id));
  const columns = [
    { title: t('appointments.queue.number'), dataIndex: 'number', key: 'number' },
    {
      title: t('appointments.queue.kind'),
      key: 'kind',
      render: (_: unknown, x: Ticket) => (x.booked ? <Tag color="blue">{t('appointments.queue.booked')}</Tag> : t('appointments.queue.walkIn')),
    },
    { title: t('appointments.queue.issuedAt'), key: 'issuedAt', render: (_: unknown, x: Ticket) => x.issuedAt.slice(11, 16) },
  ];

  if (halls.isPending) return <PageLoading />;
  return (
    <AdminPage title={t('appointments.queue.title')}>
      {halls.isError && <ProblemAlert error={halls.error} />}
      <Space wrap className="ap-queue-pickers">
        <Select
          aria-label={t('appointments.booking.hall')}
          className="ap-hall-select"
          value={hall?.id}
          onChange={(v) => {
            setHallId(v);
            setWindowId(undefined);
          }}
          options={(halls.data ?? []).map((h) => ({ value: h.id, label: <span lang="zh-CN">{h.name}</span> }))}
        />
        <Select
          aria-label={t('appointments.queue.window')}
          value={win?.id}
          onChange={setWindowId}
          options={windows.map((w) => ({ value: w.id, label: t('appointments.queue.windowNo', { number: w.number }) }))}
        />
        <Button type="primary" size="large" onClick={() => call.mutate()} loading={call.isPending} disabled={!win} data-testid="ap-call-next">
          {t('appointments.queue.callNext')}
        </Button>
      </Space>
      {call.isError && <ProblemAlert error={call.error} />}
      {finish.isError && <ProblemAlert error={finish.error} />}
      {call.data && !call.data.called && <p>{t('appointments.queue.nobody')}</p>}
      {queue.isError && <ProblemAlert error={queue.error} />}
      {queue.data && (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} bordered className="ap-queue-facts">
            <Descriptions.Item label={t('appointments.queue.current')}>
              {current ? (
                <Space wrap>
                  <strong className="ap-current" data-testid="ap-current">
                    {current.number}
                  </strong>
                  <Button size="small" onClick={() => finish.mutate({ id: current.id, outcome: 'done' })}>
                    {t('appointments.queue.done')}
                  </Button>
                  <Button size="small" danger onClick={() => finish.mutate({ id: current.id, outcome: 'missed' })}>
                    {t('appointments.queue.missed')}
                  </Button>
                </Space>
              ) : (
                '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('appointments.queue.served')}>{queue.data.done}</Descriptions.Item>
            <Descriptions.Item label={t('appointments.queue.avgWait')}>{minutes(queue.data.averageWaitSeconds)}</Descriptions.Item>
            <Descriptions.Item label={t('appointments.queue.avgService')}>{minutes(queue.data.averageServiceSeconds)}</Descriptions.Item>
          </Descriptions>
          <h2>{t('appointments.queue.waiting')}</h2>
          <Table<Ticket>
            size="small"
            rowKey="id"
            pagination={false}
            columns={columns}
            dataSource={queue.data.waiting.filter((x) => myGroups.has(x.groupId))}
            locale={{ emptyText: t('appointments.queue.empty') }}
          />
        </>
      )}
    </AdminPage>
  );
}
