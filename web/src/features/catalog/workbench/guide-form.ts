// The guide editor's form values: their type, where server field errors go, and the draft body built from them.
import type { Form } from 'antd';
import { isApiError, type FieldError } from '../../../api/errors';
import type { Guide } from '../api';
import { GUIDE_EDITED_FIELDS } from '../diff';

/** The editable guide: everything but the application form (edited by the cases module's tools). */
export type GuideForm = Omit<Guide, 'applicationForm'> & { changeNote?: string };

/** Top-level guide fields rendered by this form; a server error on any other goes to the alert. */
const RENDERED = new Set<string>(GUIDE_EDITED_FIELDS);

/** Server paths `guide.materials.2.name` → the form's `['materials', 2, 'name']`; the rest for the alert. */
export function placeErrors(form: ReturnType<typeof Form.useForm<GuideForm>>[0], error: unknown): FieldError[] {
  if (!isApiError(error)) return [];
  const leftover: FieldError[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const e of error.errors) {
    const parts = e.field
      .replace(/^guide\./, '')
      .split('.')
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (e.field === 'changeNote') fields.push({ name: ['changeNote'], errors: [e.message] });
    else if (RENDERED.has(String(parts[0]))) {
      // fetchedBySharing is derived from the source: show the error on the source.
      if (parts[0] === 'materials' && parts[2] === 'fetchedBySharing') parts[2] = 'source';
      fields.push({ name: parts, errors: [e.message] });
    } else leftover.push(e);
  }
  form.setFields(fields as never);
  if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
  return leftover;
}

const optionalText = (v?: string) => (v && v.trim() ? v.trim() : undefined);

/** The draft to save: the working guide overlaid with the form's values, blank optional texts left out. */
export function draftBody(base: Guide, values: GuideForm): { guide: Guide; changeNote: string | undefined } {
  const { changeNote, ...v } = values;
  const guide: Guide = {
    ...base,
    ...v,
    statutoryLimitNote: optionalText(v.statutoryLimitNote),
    promisedLimitNote: optionalText(v.promisedLimitNote),
    onsiteReason: optionalText(v.onsiteReason),
    serviceScope: optionalText(v.serviceScope),
    onlineUrl: optionalText(v.onlineUrl),
    materials: (v.materials ?? []).map((m) => ({
      ...m,
      copies: m.copies ?? 1,
      required: !!m.required,
      fetchedBySharing: m.source === 'government',
      sourceNote: optionalText(m.sourceNote),
    })),
    process: (v.process ?? []).map((p) => ({ ...p, limitDays: p.limitDays ?? undefined })),
    fees: (v.fees ?? []).map((f) => ({ feeCode: f.feeCode, note: optionalText(f.note) })),
    places: (v.places ?? []).map((p) => ({ ...p, window: optionalText(p.window) })),
    result: { ...v.result, sampleUrl: optionalText(v.result?.sampleUrl) },
    intermediaryServices: (v.intermediaryServices ?? []).filter((s) => s && s.trim()),
    specialProcedures: (v.specialProcedures ?? []).map((s) => ({ ...s, note: optionalText(s.note) })),
    reviewRules: v.reviewRules ?? '',
  };
  return { guide, changeNote: optionalText(changeNote) };
}
