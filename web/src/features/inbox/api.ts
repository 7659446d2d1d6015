import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ItemOf } from '../../api/types';

// No antd here: the portal's first load imports useUnreadCount (the list hook with its toast is in message-list.ts).

/** One in-site message of the staff inbox (own, or addressed to one of my units: `unit`). */
export type InboxMessage = ItemOf<'/api/me/messages'>;

/** ['messages', …]: the workbench's 消息 and the portal's 我的消息 alike, so the header's unread count refreshes with the page. */
export const inboxKey = ['messages'] as const;

export function useInbox(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...inboxKey, 'page', page, pageSize],
    queryFn: ({ signal }) => unwrap(api.GET('/api/me/messages', { params: { query: { page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** The unread count only (the header's bell): a page of one. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...inboxKey, 'unread'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/me/messages', { params: { query: { page: 1, pageSize: 1 } }, signal })),
    staleTime: 60_000,
    select: (d) => d.unread,
  });
}

export const markRead = (id: string) => unwrap(api.POST('/api/me/messages/{id}/read', { params: { path: { id } } }));
export const markAllRead = () => unwrap(api.POST('/api/me/messages/read-all'));
