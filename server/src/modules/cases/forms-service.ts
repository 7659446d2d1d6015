import type { Ctx } from '../../platform/context.ts';
import { sharedSourcesOf } from './shared-materials.ts';
import { AppError } from '../../platform/errors.ts';
import { ApplicationForm, applyLockedValues, genericApplicationForm, prefillFor, validateFormData, type IdentityFacts } from '../../platform/forms/index.ts';
import { getApplicableVersion, getPublishedGuide } from '../catalog/index.ts';
import { getLegalEntity, getPerson } from '../identity/index.ts';

/** The guide's application form, or the generic one (contact phone, address, remarks) when it defines none. */
export function formOfGuide(guide: unknown): { form: ApplicationForm; generic: boolean } {
  // A guide from the catalog's cache is the same object request after request: parsed once.
  const known = guide !== null && typeof guide === 'object' ? formsOfGuides.get(guide) : undefined;
  if (known) return known;
  const stored = (guide as { applicationForm?: unknown }).applicationForm;
  if (!stored) return { form: genericApplicationForm, generic: true };
  // Checked when the guide was saved; parsed again so defaults are filled in.
  const parsed = ApplicationForm.safeParse(stored);
  const form = parsed.success ? { form: parsed.data, generic: false } : { form: genericApplicationForm, generic: true };
  formsOfGuides.set(guide as object, form);
  return form;
}

const formsOfGuides = new WeakMap<object, { form: ApplicationForm; generic: boolean }>();

/** What the identity module knows of a person or entity, for prefill (masks only). */
export async function identityFacts(ctx: Ctx, kind: 'person' | 'entity', id: string): Promise<IdentityFacts> {
  if (kind === 'person') {
    const p = await getPerson(ctx, id);
    return { kind, name: p.name, idNumberMasked: p.idNumberMasked, address: p.address };
  }
  const e = await getLegalEntity(ctx, id);
  return { kind, name: e.name, uscc: e.uscc, legalRepresentative: e.legalRepresentative, address: e.address };
}

/**
 * The application form of an implementation (the published guide version, or `version`) with the
 * values prefilled from the signed-in applicant (信息一次认证、资料一次填报). Staff get no prefill:
 * at a window the applicant's identity comes with the submit.
 */
export async function applicationFormFor(ctx: Ctx, implementationCode: string, version?: number) {
  let itemName: string;
  let guideVersion: number;
  let guide: unknown;
  if (version === undefined) {
    const a = await getApplicableVersion(ctx, implementationCode);
    ({ name: itemName, version: guideVersion, guide } = a);
  } else {
    const doc = await getPublishedGuide(ctx, implementationCode, version);
    ({ name: itemName, version: guideVersion, guide } = doc);
  }
  const { form, generic } = formOfGuide(guide);
  const { kind, subjectId } = ctx.actor;
  const who = (kind === 'person' || kind === 'entity') && subjectId ? await identityFacts(ctx, kind, subjectId) : null;
  const sharedMaterials = await sharedSourcesOf(ctx, guide);
  return { implementationCode, itemName, guideVersion, generic, form, prefill: prefillFor(form, who), sharedMaterials };
}

/**
 * Checks the submitted form data against the form (unknown fields refused) after writing the
 * identity values over the locked fields. The caller throws cases.form_invalid with the errors.
 */
export function checkFormData(form: ApplicationForm, data: Record<string, unknown>, who: IdentityFacts) {
  const { data: withIdentity, locked } = applyLockedValues(form, data, who);
  return validateFormData(form, withIdentity, { trusted: locked });
}

/** Field labels (zh) of the form a case was filed under, for the certificate's fields. */
export async function formLabels(ctx: Ctx, implementationCode: string, guideVersion: number): Promise<Record<string, string>> {
  try {
    const doc = await getPublishedGuide(ctx, implementationCode, guideVersion);
    const { form } = formOfGuide(doc.guide);
    return Object.fromEntries(Object.entries(form.ui.fields).map(([k, h]) => [k, h.label.zh]));
  } catch (e) {
    if (e instanceof AppError && e.status === 404) return {};
    throw e;
  }
}
