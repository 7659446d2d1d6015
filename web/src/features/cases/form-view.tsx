import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { formDataItems } from './form';
import { useApplicationForm } from './form-api';
import { Facts, formValueText } from './ui';

/** A bank account or card number shown as its first 4 and last 4 digits (6217 **** 6789). */
export function maskAccount(v: string): string {
  const digits = v.replace(/\s/g, '');
  return digits.length <= 8 ? '****' : `${digits.slice(0, 4)} **** ${digits.slice(-4)}`;
}
const ACCOUNT_KEY = /bank|account|card|账号|账户|卡号/i;

/** The application form as submitted, labelled by the item's form definition; `maskAccounts` (the portal) masks bank accounts. */
export function FormDataView({
  implementationCode,
  data: raw,
  empty,
  maskAccounts = false,
}: {
  implementationCode: string;
  data: Record<string, unknown>;
  empty: string;
  maskAccounts?: boolean;
}) {
  const data = maskAccounts
    ? Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, ACCOUNT_KEY.test(k) && typeof v === 'string' && /\d{6,}/.test(v) ? maskAccount(v) : v]))
    : raw;
  const { i18n } = useTranslation();
  const me = useMe();
  const form = useApplicationForm(implementationCode, me.data, Object.keys(data).length > 0);
  if (Object.keys(data).length === 0) return <p>{empty}</p>;
  // A form's labels come from its definition (data, in Chinese in the demo), not from the interface's translations.
  return <Facts items={formDataItems(form.data?.form, data, i18n.language, formValueText).map(([k, v]): [string, string, 'data'] => [k, v, 'data'])} />;
}
