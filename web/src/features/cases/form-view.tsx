import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { formDataItems } from './form';
import { useApplicationForm } from './form-api';
import { Facts, formValueText } from './ui';

/** The application form as submitted, labelled by the item's form definition. */
export function FormDataView({ implementationCode, data, empty }: { implementationCode: string; data: Record<string, unknown>; empty: string }) {
  const { i18n } = useTranslation();
  const me = useMe();
  const form = useApplicationForm(implementationCode, me.data, Object.keys(data).length > 0);
  if (Object.keys(data).length === 0) return <p>{empty}</p>;
  return <Facts items={formDataItems(form.data?.form, data, i18n.language, formValueText)} />;
}
