import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BodyOf, ItemOf, ResponseOf } from '../../api/types';
import { idempotent } from '../../lib/api-call';

/** The appointments (预约与排队) API, typed from the server's OpenAPI document. */
export type Hall = ItemOf<'/api/public/appointments/halls'>;
export type Group = Hall['groups'][number];
export type Slot = ItemOf<'/api/public/appointments/halls/{hallId}/slots'>;
export type Booking = ItemOf<'/api/appointments/bookings'>;
export type KioskTicket = ResponseOf<'/api/public/appointments/halls/{hallId}/tickets', 'post'>;
export type KioskBody = BodyOf<'/api/public/appointments/halls/{hallId}/tickets', 'post'>;
export type Queue = ResponseOf<'/api/workbench/appointments/halls/{hallId}/queue'>;
export type Ticket = Queue['waiting'][number];
export type Display = ResponseOf<'/api/public/appointments/halls/{hallId}/display'>;

export const appointmentKeys = {
  halls: ['appointments', 'halls'] as const,
  slots: (hallId: string, groupId: string) => ['appointments', 'slots', hallId, groupId] as const,
  mine: ['appointments', 'mine'] as const,
  queue: (hallId: string) => ['appointments', 'queue', hallId] as const,
  display: (hallId: string) => ['appointments', 'display', hallId] as const,
};

export function useHalls() {
  return useQuery({ queryKey: appointmentKeys.halls, queryFn: ({ signal }) => unwrap(api.GET('/api/public/appointments/halls', { signal })) });
}

export function useSlots(hallId: string | undefined, groupId: string | undefined) {
  return useQuery({
    queryKey: appointmentKeys.slots(hallId ?? '', groupId ?? ''),
    enabled: Boolean(hallId && groupId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/public/appointments/halls/{hallId}/slots', { params: { path: { hallId: hallId! }, query: { groupId } }, signal })),
  });
}

export function useMyBookings() {
  return useQuery({ queryKey: appointmentKeys.mine, queryFn: ({ signal }) => unwrap(api.GET('/api/appointments/bookings', { signal })) });
}

export const bookSlot = (body: BodyOf<'/api/appointments/bookings', 'post'>, key: string) =>
  unwrap(api.POST('/api/appointments/bookings', { body, headers: idempotent(key) }));
export const changeBooking = (id: string, slotId: string) =>
  unwrap(api.POST('/api/appointments/bookings/{id}/change', { params: { path: { id } }, body: { slotId } }));
export const cancelBooking = (id: string) => unwrap(api.POST('/api/appointments/bookings/{id}/cancel', { params: { path: { id } } }));

export const takeTicket = (hallId: string, body: KioskBody) =>
  unwrap(api.POST('/api/public/appointments/halls/{hallId}/tickets', { params: { path: { hallId } }, body }));

export function useQueue(hallId: string | undefined) {
  return useQuery({
    queryKey: appointmentKeys.queue(hallId ?? ''),
    enabled: Boolean(hallId),
    refetchInterval: 10_000,
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/appointments/halls/{hallId}/queue', { params: { path: { hallId: hallId! } }, signal })),
  });
}
export const callNext = (hallId: string, windowId: string) =>
  unwrap(api.POST('/api/workbench/appointments/halls/{hallId}/call-next', { params: { path: { hallId } }, body: { windowId } }));
export const finishTicket = (id: string, outcome: 'done' | 'missed') =>
  unwrap(api.POST('/api/workbench/appointments/tickets/{id}/finish', { params: { path: { id } }, body: { outcome } }));

export function useDisplay(hallId: string) {
  return useQuery({
    queryKey: appointmentKeys.display(hallId),
    refetchInterval: 5_000,
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/appointments/halls/{hallId}/display', { params: { path: { hallId } }, signal })),
  });
}
