import { App } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';

/** 一件事 bundles in the workbench (docs/life-events.md), typed from the server's OpenAPI document. */
export type LifeEventRow = ResponseOf<'/api/workbench/catalog/life-events'>[number];
export type LifeEventView = ResponseOf<'/api/workbench/catalog/life-events/{code}'>;
export type LifeEventDefinition = BodyOf<'/api/workbench/catalog/life-events/{code}/draft', 'put'>['definition'];
export type LifeEventChange = LifeEventView['changes'][number];
export type LifeEventIssue = LifeEventView['issues'][number];

export const lifeEventKeys = {
  all: ['catalog', 'life-events'] as const,
  one: (code: string) => ['catalog', 'life-events', 'one', code] as const,
};

export function useWorkbenchLifeEvents() {
  return useQuery({
    queryKey: lifeEventKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/catalog/life-events', { signal })),
  });
}

export function useWorkbenchLifeEvent(code: string) {
  return useQuery({
    queryKey: lifeEventKeys.one(code),
    queryFn: ({ signal }) => unwrap(api.GET('/api/workbench/catalog/life-events/{code}', { params: { path: { code } }, signal })),
  });
}

/**
 * Save the draft, or publish it: the answer is the bundle as the workbench shows it, put in the cache
 * (the editor is then drawn again for the new working version, so the message is shown from here).
 */
export function useLifeEventAction<A>(code: string, fn: (a: A) => Promise<LifeEventView>, done: (view: LifeEventView) => string) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: (view) => {
      qc.setQueryData(lifeEventKeys.one(code), view);
      void qc.invalidateQueries({ queryKey: lifeEventKeys.all, exact: true });
      void message.success(done(view));
    },
  });
}

export const lifeEventActions = {
  saveDraft: (code: string, body: BodyOf<'/api/workbench/catalog/life-events/{code}/draft', 'put'>) =>
    unwrap(api.PUT('/api/workbench/catalog/life-events/{code}/draft', { params: { path: { code } }, body })),
  publish: (code: string) => unwrap(api.POST('/api/workbench/catalog/life-events/{code}/publish', { params: { path: { code } } })),
};
