import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api/errors';
import type { Me } from '../../api/types';
import { call } from './api';
import type { ApplicationForm, Prefilled } from './form';

export interface FormAnswer {
  form: ApplicationForm;
  prefill: Record<string, Prefilled>;
}

/** The form of an item as the server defines it, with values from the signed-in identity. */
export function useApplicationForm(code: string, me: Me | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ['cases', 'form', code, me?.id],
    queryFn: async ({ signal }): Promise<FormAnswer> => {
      try {
        const a = await call<{ form?: ApplicationForm; prefill?: Record<string, Prefilled> } & Partial<ApplicationForm>>('GET', `/api/cases/forms/${encodeURIComponent(code)}`, undefined, { signal });
        const form = a.form ?? (a.schema && a.ui ? { schema: a.schema, ui: a.ui } : null);
        if (form) return { form, prefill: a.prefill ?? {} };
      } catch (e) {
        if (!(isApiError(e) && e.status === 404 && e.code !== 'catalog.not_found')) throw e;
      }
      return fallbackForm(me);
    },
    staleTime: 60_000,
    enabled: enabled && code.length > 0,
  });
}

/** Until the server's form route answers: contact details, identity read-only. */
export function fallbackForm(me: Me | null | undefined): FormAnswer {
  const L = (zh: string, en: string) => ({ zh, en });
  const form: ApplicationForm = {
    schema: { type: 'object', properties: { applicantName: { type: 'string', maxLength: 200 }, contactPhone: { type: 'string', maxLength: 20, pattern: '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$' }, contactAddress: { type: 'string', maxLength: 200 }, remarks: { type: 'string', maxLength: 500 } }, required: ['applicantName', 'contactPhone', 'contactAddress'] },
    ui: { fields: { applicantName: { label: L('申请人', 'Applicant') }, contactPhone: { label: L('联系电话', 'Contact phone') }, contactAddress: { label: L('联系地址', 'Contact address') }, remarks: { label: L('备注', 'Remarks'), widget: 'textarea' } } },
  };
  return { form, prefill: me && me.kind !== 'staff' ? { applicantName: { value: me.entity?.name ?? me.person?.name ?? me.displayName, locked: true } } : {} };
}

