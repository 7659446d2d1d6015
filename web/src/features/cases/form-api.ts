import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api/errors';
import { api, unwrap } from '../../api/client';
import type { Me, ResponseOf } from '../../api/types';
import type { ApplicationForm, FieldHints, FormProperty, Prefilled } from './form';
import type { SharedSource } from './shared-materials';

export interface FormAnswer {
  form: ApplicationForm;
  prefill: Record<string, Prefilled>;
  /** Materials the case fetches from shared data, and from where. */
  sharedMaterials?: SharedSource[];
}

/** The form of an item as the server defines it, with values from the signed-in identity. */
export function useApplicationForm(code: string, me: Me | null | undefined, enabled = true) {
  return useQuery({
    queryKey: ['cases', 'form', code, me?.id],
    queryFn: async ({ signal }): Promise<FormAnswer> => {
      try {
        const a = await unwrap(api.GET('/api/cases/forms/{implementationCode}', { params: { path: { implementationCode: code } }, signal }));
        return { form: readForm(a.form), prefill: a.prefill, sharedMaterials: a.sharedMaterials };
      } catch (e) {
        if (!(isApiError(e) && e.status === 404 && e.code !== 'catalog.not_found')) throw e;
      }
      return fallbackForm(me);
    },
    staleTime: 60_000,
    enabled: enabled && code.length > 0,
  });
}

type ServedForm = ResponseOf<'/api/cases/forms/{implementationCode}'>['form'];
const widgets = ['input', 'textarea', 'select', 'radio', 'checkbox', 'date', 'number', 'table'] as const;
type Widget = (typeof widgets)[number];
const asWidget = (w: string | undefined): Widget | undefined => widgets.find((x) => x === w);

/**
 * The document types a form property as an open record (the JSON Schema subset of platform/forms) and
 * a widget as any string: keep the properties whose `type` the form renders, and the widgets it knows.
 */
function isFormProperty(p: Record<string, unknown>): p is Record<string, unknown> & FormProperty {
  return (
    p.type === 'string' ||
    p.type === 'number' ||
    p.type === 'integer' ||
    p.type === 'boolean' ||
    (p.type === 'array' && typeof p.items === 'object' && p.items !== null)
  );
}

function readForm(served: ServedForm): ApplicationForm {
  const properties: Record<string, FormProperty> = {};
  for (const [key, p] of Object.entries(served.schema.properties)) if (isFormProperty(p)) properties[key] = p;
  const fields: Record<string, FieldHints> = {};
  for (const [key, f] of Object.entries(served.ui.fields)) {
    const columns = f.columns
      ? Object.fromEntries(Object.entries(f.columns).map(([c, col]) => [c, { label: col.label, widget: asWidget(col.widget) }]))
      : undefined;
    fields[key] = { ...f, widget: asWidget(f.widget), columns };
  }
  return { schema: { type: 'object', properties, required: served.schema.required }, ui: { order: served.ui.order, groups: served.ui.groups, fields } };
}

/** Until the server's form route answers: contact details, identity read-only. */
export function fallbackForm(me: Me | null | undefined): FormAnswer {
  const L = (zh: string, en: string) => ({ zh, en });
  const form: ApplicationForm = {
    schema: {
      type: 'object',
      properties: {
        applicantName: { type: 'string', maxLength: 200 },
        contactPhone: { type: 'string', maxLength: 20, pattern: '^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$' },
        contactAddress: { type: 'string', maxLength: 200 },
        remarks: { type: 'string', maxLength: 500 },
      },
      required: ['applicantName', 'contactPhone', 'contactAddress'],
    },
    ui: {
      fields: {
        applicantName: { label: L('申请人', 'Applicant') },
        contactPhone: { label: L('联系电话', 'Contact phone') },
        contactAddress: { label: L('联系地址', 'Contact address') },
        remarks: { label: L('备注', 'Remarks'), widget: 'textarea' },
      },
    },
  };
  return { form, prefill: me && me.kind !== 'staff' ? { applicantName: { value: me.entity?.name ?? me.person?.name ?? me.displayName, locked: true } } : {} };
}
