import type { TFunction } from 'i18next';
import { Button, Checkbox, Form, Input, InputNumber, Radio, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';

/**
 * The application form as data (server: platform/forms): a JSON Schema subset plus UI hints, the
 * same definition the server validates `formData` with. These types mirror that subset.
 */
type Text = { zh: string; en: string };
type Scalar =
  | { type: 'string'; title?: string; format?: 'date'; minLength?: number; maxLength?: number; pattern?: string; enum?: string[]; default?: string }
  | { type: 'number' | 'integer'; title?: string; minimum?: number; maximum?: number; enum?: number[]; default?: number }
  | { type: 'boolean'; title?: string; default?: boolean };
export type FormProperty =
  | Scalar
  | { type: 'array'; title?: string; items: { type: 'object'; properties: Record<string, Scalar>; required?: string[] }; minItems?: number; maxItems?: number };
type Widget = 'input' | 'textarea' | 'select' | 'radio' | 'checkbox' | 'date' | 'number' | 'table';
export interface FieldHints {
  label: Text;
  help?: Text;
  widget?: Widget;
  group?: string;
  placeholder?: Text;
  prefill?: string;
  enumLabels?: Record<string, Text>;
  columns?: Record<string, { label: Text; widget?: Widget }>;
}
export interface ApplicationForm {
  schema: { type: 'object'; properties: Record<string, FormProperty>; required?: string[] };
  ui: { order?: string[]; groups?: { key: string; label: Text }[]; fields: Record<string, FieldHints> };
}
export interface Prefilled {
  value: string;
  locked: boolean;
}

const pick = (text: Text | undefined, lang: string) => (text ? (lang.startsWith('en') ? text.en : text.zh) : undefined);

/** Field keys in display order: ui.order first, then the rest. */
export function orderedKeys(form: ApplicationForm): string[] {
  const all = Object.keys(form.schema.properties);
  const first = (form.ui.order ?? []).filter((k) => all.includes(k));
  return [...first, ...all.filter((k) => !first.includes(k))];
}

/** Initial values: the schema's defaults, then the saved draft, then the identity's values (locked ones always win). */
export function initialFormValues(form: ApplicationForm, prefill: Record<string, Prefilled>, draft?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(form.schema.properties)) if ('default' in p && p.default !== undefined) out[k] = p.default;
  for (const [k, p] of Object.entries(prefill)) out[k] = p.value;
  if (draft) Object.assign(out, draft);
  for (const [k, p] of Object.entries(prefill)) if (p.locked) out[k] = p.value;
  return out;
}

function rulesFor(p: Scalar, required: boolean, t: TFunction, label: string): Rule[] {
  const rules: Rule[] = [];
  // The rule's type must match the value's (async-validator assumes a string and fails a number otherwise).
  if (required)
    rules.push({
      required: true,
      type: p.type === 'string' ? 'string' : p.type === 'boolean' ? 'boolean' : 'number',
      whitespace: p.type === 'string',
      // A specific message ("请填写经营场所"), which the error summary lists.
      message: p.type === 'string' && !p.enum ? t('cases.form.requiredFill', { label }) : t('cases.form.requiredPick', { label }),
    });
  if (p.type === 'string') {
    if (p.maxLength) rules.push({ max: p.maxLength, message: t('cases.form.maxLength', { max: p.maxLength }) });
    if (p.minLength) rules.push({ min: p.minLength, message: t('cases.form.minLength', { min: p.minLength }) });
    if (p.pattern) {
      let re: RegExp | null = null;
      try {
        re = new RegExp(p.pattern, 'u');
      } catch {
        re = null;
      }
      if (re) rules.push({ pattern: re, message: t('cases.form.pattern') });
    }
    if (p.format === 'date') rules.push({ pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('cases.form.date') });
  }
  if ((p.type === 'number' || p.type === 'integer') && (p.minimum !== undefined || p.maximum !== undefined)) {
    rules.push({ type: 'number', min: p.minimum, max: p.maximum, message: t('cases.form.range', { min: p.minimum ?? '-∞', max: p.maximum ?? '∞' }) });
  }
  return rules;
}

function ScalarInput({
  p,
  hints,
  lang,
  locked,
  id,
  ...rest
}: {
  p: Scalar;
  hints?: FieldHints | { label: Text; widget?: Widget; enumLabels?: Record<string, Text>; placeholder?: Text };
  lang: string;
  locked?: boolean;
  id?: string;
  value?: unknown;
  onChange?: (v: unknown) => void;
}) {
  const widget = hints?.widget;
  const placeholder = pick(hints && 'placeholder' in hints ? hints.placeholder : undefined, lang);
  const enumLabel = (v: string | number) => pick(hints?.enumLabels?.[String(v)], lang) ?? String(v);
  if (p.type === 'boolean') return <Checkbox id={id} checked={rest.value === true} onChange={(e) => rest.onChange?.(e.target.checked)} disabled={locked} />;
  if (p.enum) {
    const options = (p.enum as (string | number)[]).map((v) => ({ value: v, label: enumLabel(v) }));
    if (widget === 'radio')
      return <Radio.Group id={id} options={options} value={rest.value} onChange={(e) => rest.onChange?.(e.target.value)} disabled={locked} />;
    return <Select id={id} options={options} value={rest.value} onChange={(v) => rest.onChange?.(v)} disabled={locked} allowClear style={{ minWidth: 200 }} />;
  }
  if (p.type === 'number' || p.type === 'integer') {
    return (
      <InputNumber
        id={id}
        value={rest.value as number | undefined}
        onChange={(v) => rest.onChange?.(v ?? undefined)}
        min={p.minimum}
        max={p.maximum}
        precision={p.type === 'integer' ? 0 : undefined}
        disabled={locked}
        style={{ width: '100%', maxWidth: 240 }}
      />
    );
  }
  const sp = p as Extract<Scalar, { type: 'string' }>;
  const common = {
    id,
    value: (rest.value as string | undefined) ?? '',
    onChange: (e: { target: { value: string } }) => rest.onChange?.(e.target.value),
    maxLength: sp.maxLength,
    placeholder,
    readOnly: locked,
  };
  if (sp.format === 'date' || widget === 'date') return <Input type="date" {...common} style={{ maxWidth: 240 }} />;
  if (widget === 'textarea') return <Input.TextArea rows={3} showCount={!!sp.maxLength} {...common} />;
  return <Input {...common} className={locked ? 'cs-locked' : undefined} />;
}

/**
 * Renders the form's fields inside an antd <Form> (the caller owns the Form, its submit and
 * autosave). Identity fields filled from the sign-in are read-only and say so.
 */
export function FormFields({ form, prefill }: { form: ApplicationForm; prefill: Record<string, Prefilled> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const required = new Set(form.schema.required ?? []);
  const keys = orderedKeys(form);
  const groups = form.ui.groups ?? [];
  const grouped = groups.map((g) => ({ ...g, keys: keys.filter((k) => form.ui.fields[k]?.group === g.key) })).filter((g) => g.keys.length > 0);
  const loose = keys.filter((k) => !groups.some((g) => g.key === form.ui.fields[k]?.group));
  const field = (k: string) => {
    const p = form.schema.properties[k]!;
    const hints = form.ui.fields[k];
    const label = pick(hints?.label, lang) ?? p.title ?? k;
    const help = pick(hints?.help, lang);
    const locked = prefill[k]?.locked ?? false;
    if (p.type === 'array') return <ArrayField key={k} name={k} p={p} hints={hints} label={label} help={help} required={required.has(k)} lang={lang} />;
    return (
      <Form.Item
        key={k}
        name={k}
        label={label}
        extra={[locked ? t('cases.form.locked') : prefill[k] ? t('cases.form.prefilled') : null, help].filter(Boolean).join(' ') || undefined}
        rules={locked ? [] : rulesFor(p, required.has(k), t, label)}
        valuePropName={p.type === 'boolean' ? 'value' : undefined}
      >
        <ScalarInput p={p} hints={hints} lang={lang} locked={locked} />
      </Form.Item>
    );
  };
  return (
    <>
      {grouped.map((g) => (
        <fieldset key={g.key} className="cs-material-input">
          <legend>{pick(g.label, lang)}</legend>
          {g.keys.map(field)}
        </fieldset>
      ))}
      {loose.map(field)}
    </>
  );
}

function ArrayField({
  name,
  p,
  hints,
  label,
  help,
  required,
  lang,
}: {
  name: string;
  p: Extract<FormProperty, { type: 'array' }>;
  hints?: FieldHints;
  label: string;
  help?: string;
  required: boolean;
  lang: string;
}) {
  const { t } = useTranslation();
  const cols = Object.entries(p.items.properties);
  const req = new Set(p.items.required ?? []);
  return (
    <fieldset className="cs-material-input">
      <legend>
        {label}
        {required && <span className="cs-hint"> ({t('cases.form.required')})</span>}
      </legend>
      {help && <p className="cs-hint">{help}</p>}
      <Form.List
        name={name}
        rules={[
          {
            validator: async (_, rows?: unknown[]) => {
              const n = rows?.length ?? 0;
              if ((required || p.minItems) && n < Math.max(required ? 1 : 0, p.minItems ?? 0))
                throw new Error(t('cases.form.rowsMin', { min: Math.max(1, p.minItems ?? 1) }));
            },
          },
        ]}
      >
        {(rows, { add, remove }, { errors }) => (
          <>
            {rows.map((row, i) => (
              <div key={row.key} className="cs-row">
                {cols.map(([ck, cp]) => {
                  const colLabel = pick(hints?.columns?.[ck]?.label, lang) ?? cp.title ?? ck;
                  return (
                    <Form.Item
                      key={ck}
                      name={[row.name, ck]}
                      label={`${colLabel} ${i + 1}`}
                      rules={rulesFor(cp, req.has(ck), t, `${colLabel} ${i + 1}`)}
                      valuePropName={cp.type === 'boolean' ? 'value' : undefined}
                    >
                      <ScalarInput
                        p={cp}
                        hints={{ label: hints?.columns?.[ck]?.label ?? { zh: ck, en: ck }, widget: hints?.columns?.[ck]?.widget }}
                        lang={lang}
                      />
                    </Form.Item>
                  );
                })}
                <Button onClick={() => remove(row.name)}>
                  {t('cases.upload.remove')}
                  <span className="visually-hidden">{t('cases.form.removeRow', { n: i + 1 })}</span>
                </Button>
              </div>
            ))}
            {(p.maxItems === undefined || rows.length < p.maxItems) && <Button onClick={() => add({})}>{t('cases.form.addRow', { label })}</Button>}
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </fieldset>
  );
}

/** The submitted form as label / value pairs, in the form's order (keys the form no longer has come last, as they are). */
export function formDataItems(
  form: ApplicationForm | undefined,
  data: Record<string, unknown>,
  lang: string,
  text: (v: unknown) => string,
): [string, string][] {
  if (!form) return Object.entries(data).map(([k, v]) => [k, text(v)]);
  const keys = orderedKeys(form).filter((k) => k in data);
  const rest = Object.keys(data).filter((k) => !keys.includes(k));
  return [...keys, ...rest].map((k) => {
    const hints = form.ui.fields[k];
    const p = form.schema.properties[k];
    const v = data[k];
    const shown =
      p && p.type === 'array' && Array.isArray(v)
        ? v
            .map((row) =>
              Object.entries((row ?? {}) as Record<string, unknown>)
                .map(([ck, cv]) => `${pick(hints?.columns?.[ck]?.label, lang) ?? ck}: ${text(cv)}`)
                .join('，'),
            )
            .join('；')
        : hints?.enumLabels && (typeof v === 'string' || typeof v === 'number')
          ? (pick(hints.enumLabels[String(v)], lang) ?? text(v))
          : text(v);
    return [pick(hints?.label, lang) ?? k, shown];
  });
}
