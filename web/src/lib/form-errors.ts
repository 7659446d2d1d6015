import type { FormInstance } from 'antd';
import { fieldPath, isApiError, type FieldError } from '../api/errors';

/**
 * Puts the server's field errors (problem+json `errors[]`, `field` like `roles.0.roleCode`) on the
 * matching antd Form fields. `fields` are the top-level names the form renders; errors for anything
 * else are returned so the caller shows them in the form-level alert.
 */
export function applyServerErrors(form: FormInstance, error: unknown, fields: readonly string[]): FieldError[] {
  if (!isApiError(error)) return [];
  const grouped = new Map<string, string[]>();
  const leftover: FieldError[] = [];
  for (const e of error.errors) {
    const top = e.field.split('.')[0] ?? '';
    if (!fields.includes(top)) {
      leftover.push(e);
      continue;
    }
    grouped.set(e.field, [...(grouped.get(e.field) ?? []), e.message]);
  }
  form.setFields([...grouped].map(([field, errors]) => ({ name: fieldPath(field), errors })));
  return leftover;
}
