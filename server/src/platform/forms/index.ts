import type { ApplicationForm, PrefillBinding } from './schema.ts';

export { ApplicationForm, FieldHints, FormProperty, prefillBindings, type PrefillBinding, type ApplicationFormInput } from './schema.ts';
export { validateFormData, isCalendarDate } from './validate.ts';
export { genericApplicationForm, buildForm, demoApplicationForm, demoApplicationForms } from './demo-forms.ts';

/** What the platform knows of the signed-in (or walk-in) applicant; only masks of ID numbers. */
export interface IdentityFacts {
  kind: 'person' | 'entity';
  name: string;
  /** Masked (e.g. 110105********002X): the full number never leaves the identity module here. */
  idNumberMasked?: string;
  address?: string | null;
  uscc?: string;
  legalRepresentative?: string;
}

/** Bindings whose value, once known, the applicant cannot change (the authenticated identity). */
export const lockedBindings: readonly PrefillBinding[] = ['applicant.name', 'applicant.idNumber', 'entity.name', 'entity.uscc', 'entity.legalRepresentative'];

export function bindingValue(binding: PrefillBinding, who: IdentityFacts): string | undefined {
  switch (binding) {
    case 'applicant.name':
      return who.name;
    case 'applicant.idNumber':
      return who.kind === 'person' ? who.idNumberMasked : undefined;
    case 'applicant.address':
      return who.address ?? undefined;
    case 'entity.name':
      return who.kind === 'entity' ? who.name : undefined;
    case 'entity.uscc':
      return who.kind === 'entity' ? who.uscc : undefined;
    case 'entity.legalRepresentative':
      return who.kind === 'entity' ? who.legalRepresentative : undefined;
  }
}

export interface PrefilledField {
  binding: PrefillBinding;
  value: string;
  /** Locked: identity data, shown but not editable; the server writes it at submit. */
  locked: boolean;
}

/** The prefilled values of a form for this identity, by field key (only where a value is known). */
export function prefillFor(form: ApplicationForm, who: IdentityFacts | null): Record<string, PrefilledField> {
  if (!who) return {};
  const out: Record<string, PrefilledField> = {};
  for (const [key, hints] of Object.entries(form.ui.fields)) {
    if (!hints.prefill) continue;
    const value = bindingValue(hints.prefill, who);
    if (value) out[key] = { binding: hints.prefill, value, locked: lockedBindings.includes(hints.prefill) };
  }
  return out;
}

/** Writes the locked identity values over whatever was sent for those fields. */
export function applyLockedValues(
  form: ApplicationForm,
  data: Record<string, unknown>,
  who: IdentityFacts,
): { data: Record<string, unknown>; locked: string[] } {
  const out = { ...data };
  const locked: string[] = [];
  for (const [key, p] of Object.entries(prefillFor(form, who))) {
    if (!p.locked) continue;
    out[key] = p.value;
    locked.push(key);
  }
  return { data: out, locked };
}
