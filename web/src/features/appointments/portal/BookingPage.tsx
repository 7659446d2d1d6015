import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Popconfirm, Segmented, Select, Space, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RequireAuth } from '../../../components/RequireAuth';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { PageLoading } from '../../../components/PageState';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { appointmentKeys, bookSlot, cancelBooking, changeBooking, useHalls, useMyBookings, useSlots, type Booking, type Slot } from '../api';
import '../appointments.css';

const statusColor: Record<Booking['status'], string> = { booked: 'blue', checked_in: 'green', cancelled: 'default', no_show: 'red' };

/** /appointments — a signed-in person books, changes and cancels a time at a hall (made for a phone first). */
export function BookingRoute() {
  return (
    <RequireAuth kinds={['person']}>
      <BookingPage />
    </RequireAuth>
  );
}

function BookingPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('appointments.booking.title'));
  const halls = useHalls();
  const mine = useMyBookings();
  const qc = useQueryClient();
  const [hallId, setHallId] = useState<string>();
  const [groupId, setGroupId] = useState<string>();
  const [itemCode, setItemCode] = useState<string>();
  const [day, setDay] = useState<string>();
  const [changing, setChanging] = useState<Booking>();
  const [done, setDone] = useState<Booking>();
  const hall = halls.data?.find((h) => h.id === hallId) ?? halls.data?.[0];
  const group = hall?.groups.find((g) => g.id === groupId) ?? hall?.groups[0];
  const slots = useSlots(hall?.id, group?.id);
  const item = changing ? changing.implementationCode : (itemCode ?? group?.items[0]?.implementationCode);
  const open = useMemo(() => (slots.data ?? []).filter((s) => !s.implementationCode || s.implementationCode === item), [slots.data, item]);
  const days = [...new Set(open.map((s) => s.day))];
  const shownDay = day && days.includes(day) ? day : days[0];
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: appointmentKeys.mine });
    void qc.invalidateQueries({ queryKey: ['appointments', 'slots'] });
  };
  const take = useMutation({
    mutationFn: (slot: Slot) => (changing ? changeBooking(changing.id, slot.id) : bookSlot({ slotId: slot.id, implementationCode: item }, crypto.randomUUID())),
    onSuccess: (b) => {
      setDone(b);
      setChanging(undefined);
      refresh();
    },
  });
  const cancel = useMutation({ mutationFn: (b: Booking) => cancelBooking(b.id), onSuccess: refresh });

  if (halls.isPending) return <PageLoading />;
  if (halls.isError) return <ProblemAlert error={halls.error} />;
  return (
    <div className="ap-page">
      <h1>{t('appointments.booking.title')}</h1>
      {done && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setDone(undefined)}
          message={t('appointments.booking.done', { code: done.code })}
          description={
            <span lang="zh-CN">
              {done.day} {done.startTime}–{done.endTime} · {done.hallName} · {done.groupName}
            </span>
          }
          data-testid="ap-booked"
        />
      )}
      {take.isError && <ProblemAlert error={take.error} />}
      <Card size="small" title={changing ? t('appointments.booking.changing', { code: changing.code }) : t('appointments.booking.choose')}>
        <Space orientation="vertical" className="ap-full">
          <Select
            className="ap-full"
            aria-label={t('appointments.booking.hall')}
            value={hall?.id}
            disabled={Boolean(changing)}
            onChange={(v) => {
              setHallId(v);
              setGroupId(undefined);
            }}
            options={halls.data.map((h) => ({ value: h.id, label: <span lang="zh-CN">{h.name}</span> }))}
          />
          {hall && !changing && (
            <Segmented
              block
              value={group?.id}
              onChange={(v) => {
                setGroupId(String(v));
                setItemCode(undefined);
              }}
              options={hall.groups.map((g) => ({ value: g.id, label: <span lang="zh-CN">{g.name}</span> }))}
            />
          )}
          {group && !changing && (
            <Select
              className="ap-full"
              aria-label={t('appointments.booking.item')}
              value={item}
              onChange={setItemCode}
              options={group.items.map((i) => ({ value: i.implementationCode, label: <span lang="zh-CN">{i.name}</span> }))}
            />
          )}
          {slots.isPending && hall ? <PageLoading /> : null}
          {!slots.isPending && days.length === 0 && <Empty description={t('appointments.booking.noSlots')} />}
          {days.length > 0 && (
            <Segmented block value={shownDay} onChange={(v) => setDay(String(v))} options={days.map((d) => ({ value: d, label: d.slice(5) }))} />
          )}
          <div className="ap-slots">
            {open
              .filter((s) => s.day === shownDay)
              .map((s) => (
                <Popconfirm
                  key={s.id}
                  title={t(changing ? 'appointments.booking.confirmChange' : 'appointments.booking.confirm', { day: s.day, time: s.startTime })}
                  onConfirm={() => take.mutate(s)}
                >
                  <Button block disabled={s.remaining === 0} loading={take.isPending && take.variables?.id === s.id} data-testid="ap-slot">
                    {s.startTime}–{s.endTime}
                    <small>{s.remaining === 0 ? t('appointments.booking.full') : t('appointments.booking.left', { count: s.remaining })}</small>
                  </Button>
                </Popconfirm>
              ))}
          </div>
          {changing && <Button onClick={() => setChanging(undefined)}>{t('appointments.booking.stopChange')}</Button>}
        </Space>
      </Card>
      <h2>{t('appointments.booking.mine')}</h2>
      {cancel.isError && <ProblemAlert error={cancel.error} />}
      {mine.isError && <ProblemAlert error={mine.error} />}
      {mine.data?.length === 0 && <Empty description={t('appointments.booking.none')} />}
      {mine.data?.map((b) => (
        <Card key={b.id} size="small" className="ap-booking" data-testid="ap-booking">
          <div>
            <strong>
              {b.day} {b.startTime}–{b.endTime}
            </strong>{' '}
            <Tag color={statusColor[b.status]}>{t(`appointments.status.${b.status}`)}</Tag>
          </div>
          <div lang="zh-CN">
            {b.hallName} · {b.groupName} · {b.itemName}
          </div>
          <div>
            {t('appointments.booking.code')}: <code>{b.code}</code>
          </div>
          {b.status === 'booked' && (
            <Space>
              <Button
                size="small"
                onClick={() => {
                  setChanging(b);
                  setHallId(b.hallId);
                  setGroupId(hall?.groups.find((g) => g.name === b.groupName)?.id);
                }}
              >
                {t('appointments.booking.change')}
              </Button>
              <Popconfirm title={t('appointments.booking.confirmCancel')} onConfirm={() => cancel.mutate(b)}>
                <Button size="small" danger>
                  {t('appointments.booking.cancel')}
                </Button>
              </Popconfirm>
            </Space>
          )}
        </Card>
      ))}
    </div>
  );
}
