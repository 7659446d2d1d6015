import { useState } from 'react';
import { App } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ItemOf } from '../../api/types';

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

/**
 * A 消息 page (the workbench's, the portal's 我的消息): the page shown and its messages, and marking
 * one or all read (a toast from `allReadText` with how many), each refreshing ['messages', …].
 * Needs an antd <App> above it.
 */
export function useMessageList(pageSize: number, allReadText: (count: number) => string) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const q = useInbox(page, pageSize);
  const refresh = () => qc.invalidateQueries({ queryKey: inboxKey });
  const readOne = useMutation({ mutationFn: markRead, onSuccess: refresh });
  const readAll = useMutation({
    mutationFn: markAllRead,
    onSuccess: (r) => {
      void message.success(allReadText(r.updated));
      void refresh();
    },
  });
  return { page, setPage, q, readOne, readAll, unread: q.data?.unread ?? 0 };
}
