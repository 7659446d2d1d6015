import { useEffect, useRef, type ReactNode } from 'react';
import { Alert, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Material } from '../../catalog/api';
import type { Certificate } from '../api';
import { formDataItems, type ApplicationForm } from '../form';
import { defaultChoice, type MaterialChoices } from '../materials';
import { Facts, formValueText } from '../ui';

/** One problem in the summary: its message and the element (by id) the link moves to. */
export interface SummaryError {
  targetId: string;
  message: string;
}

/**
 * The error summary at the top of a step (as GOV.UK's): a heading, one link per problem that moves
 * to the field, focused when it appears so a screen reader announces it.
 */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) {
      ref.current?.focus();
      ref.current?.scrollIntoView({ block: 'start' });
    }
  }, [errors]);
  if (!errors.length) return null;
  const go = (id: string) => {
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    const focusable = el.matches('input, textarea, select, button, [tabindex]') ? el : el.querySelector<HTMLElement>('input, textarea, button, [tabindex]');
    (focusable as HTMLElement | null)?.focus({ preventScroll: true });
  };
  return (
    <div ref={ref} tabIndex={-1} className="cs-error-summary" data-testid="cs-error-summary">
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('cases.apply.errorSummary', { count: errors.length })}
        description={
          <ul>
            {errors.map((e) => (
              <li key={e.targetId + e.message}>
                <a
                  href={`#${e.targetId}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    go(e.targetId);
                  }}
                >
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        }
        style={{ marginBottom: 16 }}
      />
    </div>
  );
}

/** The check-your-answers page: what will be sent, each part with a link back to change it. */
export function ReviewStep({
  form,
  values,
  materials,
  choices,
  wallet,
  delivery,
  onChange,
}: {
  form: ApplicationForm;
  values: Record<string, unknown>;
  materials: Material[];
  choices: MaterialChoices;
  wallet: Certificate[];
  delivery: ReactNode;
  onChange: (step: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const change = (step: number, what: string) => (
    <Button type="link" onClick={() => onChange(step)} aria-label={t('cases.apply.changeWhat', { what })}>
      {t('cases.apply.change')}
    </Button>
  );
  const materialText = (m: Material): string => {
    const c = choices[m.name] ?? defaultChoice(m);
    if (c.provision === 'sharing') return t('cases.apply.sharing');
    if (c.provision === 'commitment') return t('cases.apply.commitment');
    if (c.provision === 'wallet') {
      const cert = wallet.find((w) => w.identifier === c.certificateIdentifier);
      return c.certificateIdentifier ? t('cases.apply.reviewWallet', { name: cert?.name ?? c.certificateIdentifier }) : t('cases.apply.reviewNone');
    }
    return c.files.length ? c.files.map((f) => f.name).join(t('common.listSeparator')) : t('cases.apply.reviewNone');
  };
  return (
    <div data-testid="cs-apply-review">
      <Card className="cs-section" title={<h2>{t('cases.apply.formSection')}</h2>} extra={change(0, t('cases.apply.formSection'))}>
        <Facts items={formDataItems(form, values, i18n.language, formValueText)} />
      </Card>
      <Card className="cs-section" title={<h2>{t('cases.apply.deliverySection')}</h2>} extra={change(0, t('cases.apply.deliverySection'))}>
        {delivery}
      </Card>
      <Card className="cs-section" title={<h2>{t('cases.apply.materialsSection')}</h2>} extra={change(1, t('cases.apply.materialsSection'))}>
        <Facts items={materials.map((m) => [m.name, materialText(m)])} />
      </Card>
      <p className="cs-hint">{t('cases.apply.reviewDeclaration')}</p>
    </div>
  );
}
