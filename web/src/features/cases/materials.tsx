import { Checkbox, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Material } from '../catalog/api';
import type { Certificate, MaterialInput } from './api';
import { FileUploads, type UploadedFile } from './uploads';
import { SharedSourceNote, type SharedSource } from './shared-materials';

export type Provision = 'upload' | 'wallet' | 'commitment' | 'sharing';

/** What the applicant chose for one guide material (also what the draft keeps). */
export interface MaterialChoice {
  provision: Provision;
  files: UploadedFile[];
  certificateIdentifier?: string;
}

export type MaterialChoices = Record<string, MaterialChoice>;

export function defaultChoice(m: Material): MaterialChoice {
  return { provision: m.source === 'government' ? 'sharing' : 'upload', files: [] };
}

/** The submit body's `materials`: only what the applicant provides (government ones are fetched by sharing). */
export function materialsBody(materials: Material[], choices: MaterialChoices): MaterialInput[] {
  return materials.flatMap((m): MaterialInput[] => {
    const c = choices[m.name] ?? defaultChoice(m);
    if (c.provision === 'upload' && c.files.length) return [{ name: m.name, fileIds: c.files.map((f) => f.id) }];
    if (c.provision === 'wallet' && c.certificateIdentifier) return [{ name: m.name, certificateIdentifier: c.certificateIdentifier }];
    if (c.provision === 'commitment') return [{ name: m.name, commitment: true }];
    return [];
  });
}

/** Required materials still missing, by name (the server checks again). */
export function missingMaterials(materials: Material[], choices: MaterialChoices): string[] {
  return materials
    .filter((m) => m.required && m.source !== 'government')
    .filter((m) => {
      const c = choices[m.name] ?? defaultChoice(m);
      return !((c.provision === 'upload' && c.files.length) || (c.provision === 'wallet' && c.certificateIdentifier) || c.provision === 'commitment');
    })
    .map((m) => m.name);
}

/**
 * One block per guide material: upload (PDF/JPG/PNG/OFD), pick a certificate from the wallet, or
 * sign the commitment where the guide allows it; government-issued ones need nothing.
 */
export function MaterialsEditor({
  materials,
  choices,
  onChange,
  wallet,
  errors = {},
  shared = [],
}: {
  materials: Material[];
  choices: MaterialChoices;
  onChange: (c: MaterialChoices) => void;
  wallet?: Certificate[];
  errors?: Record<string, string>;
  /** Where the materials filled from shared data come from (the form's answer). */
  shared?: SharedSource[];
}) {
  const { t } = useTranslation();
  const set = (name: string, c: MaterialChoice) => onChange({ ...choices, [name]: c });
  return (
    <>
      {materials.map((m, i) => {
        const c = choices[m.name] ?? defaultChoice(m);
        const options: { value: Provision; label: string }[] = [
          ...(m.source === 'government' ? [{ value: 'sharing' as const, label: t('cases.apply.sharing') }] : []),
          { value: 'upload', label: t('cases.apply.upload') },
          ...(wallet ? [{ value: 'wallet' as const, label: t('cases.apply.fromWallet') }] : []),
          ...(m.source === 'commitment' ? [{ value: 'commitment' as const, label: t('cases.apply.commitment') }] : []),
        ];
        return (
          <fieldset key={m.name} id={`cs-material-${i}`} className="cs-material-input" data-testid={`cs-material-${i}`}>
            <legend>
              {m.name}
              {/* The guide's mark, as the guide shows it (one source: the guide's words; a government-issued one is required too, but fetched by sharing). */}
              <span className="cs-hint"> ({m.required ? t('catalog.guide.material.requiredYes') : t('catalog.guide.material.requiredNo')})</span>
            </legend>
            {m.sourceNote && <p className="cs-hint">{m.sourceNote}</p>}
            {options.length > 1 && (
              <Radio.Group
                aria-label={t('cases.apply.howToProvide', { material: m.name })}
                value={c.provision}
                options={options}
                onChange={(e) => set(m.name, { ...c, provision: e.target.value as Provision })}
                style={{ marginBottom: 8 }}
              />
            )}
            {c.provision === 'upload' && <FileUploads label={m.name} files={c.files} onChange={(files) => set(m.name, { ...c, files })} />}
            {c.provision === 'wallet' &&
              wallet &&
              (wallet.length === 0 ? (
                <p>{t('cases.apply.walletEmpty')}</p>
              ) : (
                <Select
                  aria-label={t('cases.apply.pickCertificate', { material: m.name })}
                  style={{ width: '100%' }}
                  value={c.certificateIdentifier}
                  placeholder={t('cases.apply.pickCertificate', { material: m.name })}
                  options={wallet.filter((w) => w.status === 'valid').map((w) => ({ value: w.identifier, label: `${w.name} · ${w.identifier}` }))}
                  onChange={(v: string) => set(m.name, { ...c, certificateIdentifier: v })}
                />
              ))}
            {c.provision === 'commitment' && (
              <Checkbox checked onChange={(e) => set(m.name, { ...c, provision: e.target.checked ? 'commitment' : 'upload' })}>
                {t('cases.apply.commitmentText', { material: m.name })}
              </Checkbox>
            )}
            {c.provision === 'sharing' &&
              (shared.find((s) => s.material === m.name) ? (
                <SharedSourceNote source={shared.find((s) => s.material === m.name)!} />
              ) : (
                <p className="cs-hint">{t('cases.apply.sharingText')}</p>
              ))}
            {errors[m.name] && (
              <div role="alert" className="cs-upload-errors">
                {errors[m.name]}
              </div>
            )}
          </fieldset>
        );
      })}
    </>
  );
}
