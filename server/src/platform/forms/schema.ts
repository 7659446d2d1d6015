import { z } from 'zod';

/**
 * Application forms as data: a documented subset of JSON Schema (draft 2020-12 keywords) plus UI
 * hints. The web app renders it; the server validates `formData` with the same definition
 * (`validateFormData`). Anything outside the subset is refused when a guide is saved.
 *
 * Subset: a top-level `object` with `properties`, `required` and `additionalProperties: false`;
 * property types `string` (minLength, maxLength, pattern, enum, format `date` = YYYY-MM-DD),
 * `number` / `integer` (minimum, maximum, enum), `boolean`, and `array` of `object` (items with the
 * scalar types above, required; minItems, maxItems).
 */

const fieldKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,49}$/);
const i18n = z.object({ zh: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }).strict();
const pattern = z
  .string()
  .min(1)
  .max(200)
  .refine(
    (p) => {
      try {
        new RegExp(p, 'u');
        return true;
      } catch {
        return false;
      }
    },
    { params: { code: 'bad_pattern' } },
  );

export const StringProperty = z
  .object({
    type: z.literal('string'),
    title: z.string().max(200).optional(),
    format: z.literal('date').optional().describe('date: YYYY-MM-DD'),
    minLength: z.number().int().min(0).max(10000).optional(),
    maxLength: z.number().int().min(1).max(10000).optional(),
    pattern: pattern.optional().describe('ECMAScript regular expression (u flag), anchored by the author'),
    enum: z.array(z.string().min(1).max(200)).min(1).max(200).optional(),
    default: z.string().max(10000).optional(),
  })
  .strict();

export const NumberProperty = z
  .object({
    type: z.enum(['number', 'integer']),
    title: z.string().max(200).optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    enum: z.array(z.number()).min(1).max(200).optional(),
    default: z.number().optional(),
  })
  .strict();

export const BooleanProperty = z.object({ type: z.literal('boolean'), title: z.string().max(200).optional(), default: z.boolean().optional() }).strict();

export const ScalarProperty = z.discriminatedUnion('type', [StringProperty, NumberProperty, BooleanProperty]);
export type ScalarProperty = z.infer<typeof ScalarProperty>;

export const ArrayProperty = z
  .object({
    type: z.literal('array'),
    title: z.string().max(200).optional(),
    items: z
      .object({
        type: z.literal('object'),
        properties: z.record(fieldKey, ScalarProperty),
        required: z.array(z.string()).default([]),
        additionalProperties: z.literal(false).default(false),
      })
      .strict(),
    minItems: z.number().int().min(0).max(1000).optional(),
    maxItems: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

export const FormProperty = z.discriminatedUnion('type', [StringProperty, NumberProperty, BooleanProperty, ArrayProperty]);
export type FormProperty = z.infer<typeof FormProperty>;

/** Where a field's value comes from when the applicant signed in (信息一次认证，资料一次填报). */
export const prefillBindings = [
  'applicant.name',
  'applicant.idNumber',
  'applicant.address',
  'entity.name',
  'entity.uscc',
  'entity.legalRepresentative',
] as const;
export type PrefillBinding = (typeof prefillBindings)[number];

export const widgets = ['input', 'textarea', 'select', 'radio', 'checkbox', 'date', 'number', 'table'] as const;

export const FieldHints = z
  .object({
    label: i18n,
    help: i18n.optional(),
    widget: z.enum(widgets).optional().describe('default by type: input, number, checkbox, date, select (enum), table (array)'),
    group: z.string().max(50).optional().describe('key of one of ui.groups'),
    placeholder: i18n.optional(),
    prefill: z.enum(prefillBindings).optional().describe('filled from the signed-in identity; name, ID number, USCC and legal representative are then locked'),
    enumLabels: z.record(z.string(), i18n).optional().describe('labels of enum values'),
    columns: z
      .record(fieldKey, z.object({ label: i18n, widget: z.enum(widgets).optional() }).strict())
      .optional()
      .describe('array of object: its columns'),
  })
  .strict();

export const ApplicationForm = z
  .object({
    schema: z
      .object({
        $schema: z.literal('https://json-schema.org/draft/2020-12/schema').optional(),
        type: z.literal('object'),
        properties: z.record(fieldKey, FormProperty),
        required: z.array(z.string()).default([]),
        additionalProperties: z.literal(false).default(false).describe('unknown fields are always refused'),
      })
      .strict(),
    ui: z
      .object({
        order: z.array(z.string()).default([]).describe('field keys in display order (others follow)'),
        groups: z
          .array(z.object({ key: z.string().min(1).max(50), label: i18n }).strict())
          .max(20)
          .default([]),
        fields: z.record(z.string(), FieldHints),
      })
      .strict(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const issue = (path: (string | number)[], code: string) => ctx.addIssue({ code: 'custom', path, message: code, params: { code } });
    const keys = Object.keys(f.schema.properties);
    if (keys.length === 0) issue(['schema', 'properties'], 'no_fields');
    if (keys.length > 100) issue(['schema', 'properties'], 'too_many_fields');
    f.schema.required.forEach((r, i) => {
      if (!keys.includes(r)) issue(['schema', 'required', i], 'unknown_field');
    });
    for (const [k, p] of Object.entries(f.schema.properties)) {
      checkBounds(p, ['schema', 'properties', k], issue);
      if (p.type === 'array') {
        const sub = Object.keys(p.items.properties);
        if (sub.length === 0) issue(['schema', 'properties', k, 'items', 'properties'], 'no_fields');
        p.items.required.forEach((r, i) => {
          if (!sub.includes(r)) issue(['schema', 'properties', k, 'items', 'required', i], 'unknown_field');
        });
        for (const [sk, sp] of Object.entries(p.items.properties)) checkBounds(sp, ['schema', 'properties', k, 'items', 'properties', sk], issue);
      }
      if (!f.ui.fields[k]) issue(['ui', 'fields', k], 'label_missing');
    }
    f.ui.order.forEach((k, i) => {
      if (!keys.includes(k)) issue(['ui', 'order', i], 'unknown_field');
    });
    const groups = f.ui.groups.map((g) => g.key);
    for (const [k, h] of Object.entries(f.ui.fields)) {
      const p = f.schema.properties[k];
      if (!p) issue(['ui', 'fields', k], 'unknown_field');
      if (h.group && !groups.includes(h.group)) issue(['ui', 'fields', k, 'group'], 'unknown_group');
      if (h.prefill && p && p.type !== 'string') issue(['ui', 'fields', k, 'prefill'], 'prefill_needs_string');
    }
  });
export type ApplicationForm = z.infer<typeof ApplicationForm>;
export type ApplicationFormInput = z.input<typeof ApplicationForm>;

function checkBounds(p: FormProperty, path: (string | number)[], issue: (path: (string | number)[], code: string) => void) {
  if (p.type === 'string' && p.minLength !== undefined && p.maxLength !== undefined && p.minLength > p.maxLength)
    issue([...path, 'minLength'], 'min_above_max');
  if ((p.type === 'number' || p.type === 'integer') && p.minimum !== undefined && p.maximum !== undefined && p.minimum > p.maximum)
    issue([...path, 'minimum'], 'min_above_max');
  if (p.type === 'array' && p.minItems !== undefined && p.maxItems !== undefined && p.minItems > p.maxItems) issue([...path, 'minItems'], 'min_above_max');
}
