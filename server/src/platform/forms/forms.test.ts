import { describe, expect, it } from 'vitest';
import { ApplicationForm, applyLockedValues, buildForm, demoApplicationForms, genericApplicationForm, prefillFor, validateFormData } from './index.ts';

const form = buildForm([
  { key: 'name', label: { zh: '名称', en: 'Name' }, prop: { type: 'string', maxLength: 10 }, required: true, prefill: 'applicant.name' },
  { key: 'idNumber', label: { zh: '身份证号码', en: 'ID' }, prop: { type: 'string', pattern: '^\\d{17}[\\dX]$' }, prefill: 'applicant.idNumber' },
  { key: 'address', label: { zh: '地址', en: 'Address' }, prop: { type: 'string', minLength: 4, maxLength: 50 }, prefill: 'applicant.address' },
  { key: 'kind', label: { zh: '类别', en: 'Kind' }, prop: { type: 'string', enum: ['a', 'b'] } },
  { key: 'area', label: { zh: '面积', en: 'Area' }, prop: { type: 'number', minimum: 1, maximum: 100 } },
  { key: 'staff', label: { zh: '人数', en: 'Staff' }, prop: { type: 'integer', minimum: 0 } },
  { key: 'online', label: { zh: '网络', en: 'Online' }, prop: { type: 'boolean' } },
  { key: 'start', label: { zh: '日期', en: 'Date' }, prop: { type: 'string', format: 'date' } },
  {
    key: 'rows',
    label: { zh: '明细', en: 'Rows' },
    prop: {
      type: 'array',
      minItems: 1,
      maxItems: 2,
      items: {
        type: 'object',
        properties: { item: { type: 'string', maxLength: 5 }, qty: { type: 'integer', minimum: 1 } },
        required: ['item'],
        additionalProperties: false,
      },
    },
  },
]);

const codes = (data: Record<string, unknown>) =>
  validateFormData(form, data)
    .errors.map((e) => `${e.field}:${e.code}`)
    .sort();

describe('validating form data', () => {
  it('accepts good data, trims strings and drops empty values', () => {
    const r = validateFormData(form, {
      name: ' 明湖 ',
      kind: 'a',
      area: 12.5,
      staff: 3,
      online: false,
      start: '2026-02-28',
      rows: [{ item: 'x', qty: 2 }],
      address: '',
    });
    expect(r.errors).toEqual([]);
    expect(r.value).toEqual({ name: '明湖', kind: 'a', area: 12.5, staff: 3, online: false, start: '2026-02-28', rows: [{ item: 'x', qty: 2 }] });
  });

  it('names every bad field with a stable code', () => {
    expect(
      codes({ extra: 1, kind: 'c', area: 0, staff: 1.5, online: 'yes', start: '2026-02-30', idNumber: '123', address: 'ab', rows: [{ qty: 0, other: 1 }] }),
    ).toEqual(
      [
        'formData.address:too_short',
        'formData.area:too_small',
        'formData.extra:unknown_field',
        'formData.idNumber:pattern',
        'formData.kind:enum',
        'formData.name:required',
        'formData.online:type',
        'formData.rows.0.item:required',
        'formData.rows.0.other:unknown_field',
        'formData.rows.0.qty:too_small',
        'formData.staff:not_integer',
        'formData.start:date',
      ].sort(),
    );
    expect(codes({ name: '这个名称超过了十个字符的长度', rows: [{ item: 'a' }, { item: 'b' }, { item: 'c' }] })).toEqual([
      'formData.name:too_long',
      'formData.rows:too_many',
    ]);
    expect(codes({ name: '   ', area: 101, rows: 'x' })).toEqual(['formData.area:too_big', 'formData.name:required', 'formData.rows:type']);
  });

  it('prefills from the identity, locks identity fields and takes them as written by the server', () => {
    const person = { kind: 'person' as const, name: '张明', idNumberMasked: '110105********002X', address: '示范市明湖区湖滨路 8 号' };
    expect(prefillFor(form, person)).toEqual({
      name: { binding: 'applicant.name', value: '张明', locked: true },
      idNumber: { binding: 'applicant.idNumber', value: '110105********002X', locked: true },
      address: { binding: 'applicant.address', value: '示范市明湖区湖滨路 8 号', locked: false },
    });
    const { data, locked } = applyLockedValues(form, { name: '别人', address: '另一个地址 1 号' }, person);
    expect(data).toEqual({ name: '张明', idNumber: '110105********002X', address: '另一个地址 1 号' });
    // The masked number does not match the pattern: identity values are trusted, not re-checked.
    expect(validateFormData(form, data, { trusted: locked }).errors).toEqual([]);
    expect(prefillFor(form, { kind: 'entity', name: '明湖餐饮有限公司', uscc: '91990100MA0000001X', legalRepresentative: '李华', address: null })).toEqual({
      name: { binding: 'applicant.name', value: '明湖餐饮有限公司', locked: true },
    });
  });
});

describe('checking a form definition (the subset)', () => {
  const base = { schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, ui: { fields: { a: { label: { zh: '甲', en: 'A' } } } } };
  const issues = (f: unknown) => {
    const r = ApplicationForm.safeParse(f);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${(i as { params?: { code?: string } }).params?.code ?? i.code}`);
  };

  it('accepts the demo forms and the generic one', () => {
    expect(issues(base)).toEqual([]);
    for (const f of [genericApplicationForm, ...Object.values(demoApplicationForms)]) expect(issues(f)).toEqual([]);
    expect(Object.keys(genericApplicationForm.schema.properties)).toEqual(['applicantName', 'contactPhone', 'contactAddress', 'remarks']);
  });

  it('refuses keywords and types outside the subset, unknown references and bad patterns', () => {
    expect(issues({ ...base, schema: { ...base.schema, properties: { a: { type: 'string', oneOf: [] } } } })).toEqual([
      expect.stringMatching(/^schema\.properties\.a/),
    ]);
    expect(issues({ ...base, schema: { ...base.schema, properties: { a: { type: 'object' } } } })).toHaveLength(1);
    expect(issues({ ...base, schema: { ...base.schema, additionalProperties: true } })).toHaveLength(1);
    expect(issues({ ...base, schema: { ...base.schema, required: ['b'] } })).toEqual(['schema.required.0:unknown_field']);
    expect(issues({ ...base, schema: { ...base.schema, properties: { a: { type: 'string', pattern: '([' } } } })).toEqual([
      'schema.properties.a.pattern:bad_pattern',
    ]);
    expect(issues({ ...base, schema: { ...base.schema, properties: { a: { type: 'string', minLength: 5, maxLength: 2 } } } })).toEqual([
      'schema.properties.a.minLength:min_above_max',
    ]);
    expect(issues({ ...base, ui: { fields: { a: { label: { zh: '甲', en: 'A' }, prefill: 'applicant.phone' } } } })).toEqual([
      'ui.fields.a.prefill:invalid_value',
    ]);
    expect(issues({ ...base, ui: { order: ['z'], fields: { a: { label: { zh: '甲', en: 'A' } } } } })).toEqual(['ui.order.0:unknown_field']);
    expect(issues({ ...base, ui: { fields: {} } })).toEqual(['ui.fields.a:label_missing']);
    expect(issues({ ...base, ui: { fields: { a: { label: { zh: '甲', en: 'A' }, group: 'g' } } } })).toEqual(['ui.fields.a.group:unknown_group']);
  });
});
