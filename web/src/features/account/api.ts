import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { meKey } from '../../api/auth';
import type { BodyOf, ResponseOf } from '../../api/types';

/** Citizens' own accounts (docs/identity.md): SMS codes, registration, sign-in by code, the account page. */
export type SmsPurpose = BodyOf<'/api/auth/sms-code', 'post'>['purpose'];
export type Register = BodyOf<'/api/auth/register', 'post'>;
export type Profile = ResponseOf<'/api/account'>;
export type MySession = ResponseOf<'/api/account/sessions'>[number];
export type AssuranceLevel = Profile['assuranceLevel'];

export const accountKey = ['account'] as const;

export function useSendSmsCode() {
  return useMutation({
    mutationFn: (body: { mobile: string; purpose: SmsPurpose }) => unwrap(api.POST('/api/auth/sms-code', { body })),
    meta: { allowUnauthorized: true },
  });
}

/** Registration and sign-in by code both sign in: the previous session's cache goes. */
function useSignIn<B>(call: (body: B) => Promise<{ me: ResponseOf<'/api/auth/me'> }>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    meta: { allowUnauthorized: true },
    onSuccess: ({ me }) => {
      qc.clear();
      qc.setQueryData(meKey, me);
    },
  });
}

export const useRegister = () => useSignIn((body: Register) => unwrap(api.POST('/api/auth/register', { body })));
export const useSmsLogin = () => useSignIn((body: { mobile: string; smsCode: string }) => unwrap(api.POST('/api/auth/login', { body })));

export function useProfile() {
  return useQuery({ queryKey: [...accountKey, 'profile'], queryFn: ({ signal }) => unwrap(api.GET('/api/account', { signal })) });
}

export function useVerifyRealName() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/account/real-name', { body: {} })),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKey }),
  });
}

export function useMySessions() {
  return useQuery({ queryKey: [...accountKey, 'sessions'], queryFn: ({ signal }) => unwrap(api.GET('/api/account/sessions', { signal })) });
}

export function useSignOutEverywhere() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/account/sessions/sign-out-everywhere')),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKey }),
  });
}

export function useEndSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/account/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKey }),
  });
}

export function useDataUsage() {
  return useQuery({
    queryKey: [...accountKey, 'data-usage'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/account/data-usage', { params: { query: { page: 1, pageSize: 50 } }, signal })),
  });
}

export function useChangeMobile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/account/mobile', 'post'>) => unwrap(api.POST('/api/account/mobile', { body })),
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function useCloseAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => unwrap(api.POST('/api/account/close', { body: { password } })),
    onSuccess: () => {
      qc.clear();
      qc.setQueryData(meKey, null);
    },
  });
}

export function useMyEnterprises() {
  return useQuery({ queryKey: [...accountKey, 'enterprises'], queryFn: ({ signal }) => unwrap(api.GET('/api/account/enterprises', { signal })) });
}

/** Acting for an enterprise changes who I am to every page: everything cached goes. */
export function useActingFor() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (entityId: string | null) => unwrap(api.POST('/api/account/acting-for', { body: { entityId } })),
    onSuccess: () => qc.invalidateQueries(),
  });
}

export type EnterpriseAgent = ResponseOf<'/api/account/enterprises/{id}/agents'>[number];
export type AuthorizeAgent = BodyOf<'/api/account/enterprises/{id}/agents', 'post'>;

/** 开通企业账号 by its legal representative. */
export function useOpenEnterprise() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { uscc: string; name: string }) => unwrap(api.POST('/api/account/enterprises', { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: accountKey }),
  });
}

const agentsKey = (id: string) => [...accountKey, 'enterprises', id, 'agents'] as const;

export function useEnterpriseAgents(id: string) {
  return useQuery({
    queryKey: agentsKey(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/account/enterprises/{id}/agents', { params: { path: { id } }, signal })),
  });
}

export function useAuthorizeAgent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AuthorizeAgent) => unwrap(api.POST('/api/account/enterprises/{id}/agents', { params: { path: { id } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: agentsKey(id) }),
  });
}

export function useRevokeAgent(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => unwrap(api.DELETE('/api/account/enterprises/{id}/agents/{personId}', { params: { path: { id, personId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: agentsKey(id) }),
  });
}
