import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FieldChange } from './api';

/** The guide's top-level fields the workbench edits (the guide editor places server errors on them). */
export const GUIDE_EDITED_FIELDS = [
  'acceptanceConditions',
  'materials',
  'process',
  'statutoryLimitDays',
  'statutoryLimitNote',
  'promisedLimitDays',
  'promisedLimitNote',
  'processingType',
  'visitsRequired',
  'onsiteReason',
  'onlineDepth',
  'doNow',
  'doOnline',
  'doInOneVisit',
  'handlingMode',
  'powerSource',
  'serviceScope',
  'fees',
  'places',
  'phones',
  'onlineUrl',
  'result',
  'delivery',
  'supportsAppointment',
  'supportsOnlinePayment',
  'intermediaryServices',
  'specialProcedures',
  'faq',
  'reviewRules',
] as const;

const FIELDS = [
  ...GUIDE_EDITED_FIELDS,
  'name',
  'form',
  'copies',
  'required',
  'source',
  'sourceNote',
  'fetchedBySharing',
  'step',
  'description',
  'limitDays',
] as const;
type Field = (typeof FIELDS)[number];
const isField = (s: string): s is Field => (FIELDS as readonly string[]).includes(s);

/** `materials[2].source` → 申请材料 3 · 来源 (the raw path stays available as the title). */
export function fieldLabel(t: TFunction, path: string): string {
  return path
    .split('.')
    .map((part) => {
      const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(part);
      if (!m) return part;
      const name = isField(m[1]!) ? t(`catalog.field.${m[1] as Field}`) : m[1]!;
      return m[2] !== undefined ? `${name} ${Number(m[2]) + 1}` : name;
    })
    .join(' · ');
}

export function formatValue(t: TFunction, path: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('catalog.diff.empty');
  if (typeof v === 'boolean') return v ? t('catalog.guide.yes') : t('catalog.guide.no');
  if (typeof v === 'string') {
    if (path.endsWith('.source') && (v === 'applicant' || v === 'government' || v === 'commitment')) return t(`catalog.guide.source.${v}`);
    if (path.endsWith('.form') && (v === 'original' || v === 'copy' || v === 'original_and_copy' || v === 'electronic')) return t(`catalog.guide.form.${v}`);
    return v;
  }
  if (Array.isArray(v)) return v.length === 0 ? t('catalog.diff.empty') : v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('、');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Field-by-field difference: a table on wide screens, stacked rows on a phone. */
export function DiffTable({ changes, caption }: { changes: FieldChange[]; caption?: string }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <p className="cat-hint">{t('catalog.diff.none')}</p>;
  return (
    <table className="cat-diff">
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{t('catalog.diff.field')}</th>
          <th scope="col">{t('catalog.diff.before')}</th>
          <th scope="col">{t('catalog.diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field} data-field={c.field}>
            <th scope="row" title={c.field}>
              {fieldLabel(t, c.field)}
            </th>
            <td className="cat-diff__before" data-label={t('catalog.diff.before')}>
              <del>{formatValue(t, c.field, c.before)}</del>
            </td>
            <td className="cat-diff__after" data-label={t('catalog.diff.after')}>
              <ins>{formatValue(t, c.field, c.after)}</ins>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
