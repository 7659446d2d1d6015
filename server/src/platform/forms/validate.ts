import type { FieldError } from '../errors.ts';
import type { ApplicationForm, FormProperty, ScalarProperty } from './schema.ts';

/**
 * Validates data against a form of the subset (see schema.ts). Empty values ('' and null) count as
 * absent and are dropped. Unknown fields are refused. Errors carry the field path under `prefix`
 * (`formData.phone`, `formData.staff.0.name`) and a stable code:
 * required, unknown_field, type, not_integer, too_short, too_long, pattern, enum, date, too_small,
 * too_big, too_few, too_many. `trusted` fields (identity values the server wrote) are taken as they are.
 */
export function validateFormData(
  form: ApplicationForm,
  data: Record<string, unknown>,
  opts: { prefix?: string; trusted?: readonly string[] } = {},
): { value: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value = validateObject(form.schema.properties, form.schema.required, data, opts.prefix ?? 'formData', errors, opts.trusted ?? []);
  return { value, errors };
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function validateObject(
  properties: Record<string, FormProperty>,
  required: string[],
  data: Record<string, unknown>,
  path: string,
  errors: FieldError[],
  trusted: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(data)) {
    if (!Object.hasOwn(properties, k)) errors.push({ field: `${path}.${k}`, code: 'unknown_field' });
  }
  for (const [k, p] of Object.entries(properties)) {
    const v = Object.hasOwn(data, k) ? data[k] : undefined;
    if (trusted.includes(k) && !isEmpty(v)) {
      // Written by the server from the authenticated identity (e.g. a masked ID number).
      out[k] = v;
      continue;
    }
    const field = `${path}.${k}`;
    if (isEmpty(v) || (p.type === 'array' && Array.isArray(v) && v.length === 0 && required.includes(k))) {
      if (required.includes(k)) errors.push({ field, code: 'required' });
      continue;
    }
    const checked = p.type === 'array' ? validateArray(p, v, field, errors) : validateScalar(p, v, field, errors);
    if (checked !== undefined) out[k] = checked;
  }
  return out;
}

function validateArray(p: Extract<FormProperty, { type: 'array' }>, v: unknown, field: string, errors: FieldError[]): unknown {
  if (!Array.isArray(v)) {
    errors.push({ field, code: 'type' });
    return undefined;
  }
  if (p.minItems !== undefined && v.length < p.minItems) errors.push({ field, code: 'too_few' });
  if (p.maxItems !== undefined && v.length > p.maxItems) {
    errors.push({ field, code: 'too_many' });
    return undefined;
  }
  return v.map((row, i) => {
    if (!row || typeof row !== 'object' || Array.isArray(row)) {
      errors.push({ field: `${field}.${i}`, code: 'type' });
      return {};
    }
    return validateObject(p.items.properties, p.items.required, row as Record<string, unknown>, `${field}.${i}`, errors);
  });
}

/** A string without maxLength is still capped. */
const MAX_STRING = 10_000;

const dateRe = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(s: string): boolean {
  const m = dateRe.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function validateScalar(p: ScalarProperty, v: unknown, field: string, errors: FieldError[]): unknown {
  const fail = (code: string) => {
    errors.push({ field, code });
    return undefined;
  };
  switch (p.type) {
    case 'boolean':
      return typeof v === 'boolean' ? v : fail('type');
    case 'number':
    case 'integer': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail('type');
      if (p.type === 'integer' && !Number.isInteger(v)) return fail('not_integer');
      if (p.enum && !p.enum.includes(v)) return fail('enum');
      if (p.minimum !== undefined && v < p.minimum) return fail('too_small');
      if (p.maximum !== undefined && v > p.maximum) return fail('too_big');
      return v;
    }
    case 'string': {
      if (typeof v !== 'string') return fail('type');
      const s = v.trim();
      if (s === '') return undefined;
      const length = [...s].length;
      if (p.enum && !p.enum.includes(s)) return fail('enum');
      if (p.format === 'date' && !isCalendarDate(s)) return fail('date');
      if (p.minLength !== undefined && length < p.minLength) return fail('too_short');
      if (length > (p.maxLength ?? MAX_STRING)) return fail('too_long');
      if (p.pattern && !new RegExp(p.pattern, 'u').test(s)) return fail('pattern');
      return s;
    }
  }
}
