import { useId } from 'react';
import { Button, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n';
import { setElder, usePrefs } from '../lib/prefs';

/** Shows the other language, written in that language, as the button's text. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const { language } = usePrefs();
  const other = language === 'en' ? 'zh-CN' : 'en';
  return (
    <Button type="text" className={className} lang={other} title={t('prefs.switchLanguage')} onClick={() => void changeLanguage(other)}>
      {/* Each language is named in itself (an endonym), the same in both catalogues. */}
      {t(other === 'en' ? 'prefs.languageName.en' : 'prefs.languageName.zh')}
    </Button>
  );
}

/** 长辈版: larger type and spacing, higher contrast; remembered in this browser. */
export function ElderSwitch({ className }: { className?: string }) {
  const { t } = useTranslation();
  const { elder } = usePrefs();
  const id = useId();
  return (
    <span className={['elder-switch', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{t('prefs.elder')}</label>
      <Switch id={id} size="small" checked={elder} onChange={(v) => setElder(v)} />
    </span>
  );
}
