import { useState } from 'react';
import { App } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { inboxKey, markAllRead, markRead, useInbox } from './api';

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
