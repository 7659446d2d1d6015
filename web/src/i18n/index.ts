import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCNBase from './zh-CN.json';
import { featureMessagesEn, featureMessagesZh } from '../features';

const zhCN = { ...zhCNBase, ...featureMessagesZh };
import { setApiLanguage } from '../api/client';
import { setDayjsLocale } from '../lib/dayjs';
import { commitLanguage, getPrefs, type Language } from '../lib/prefs';

/**
 * zh-CN is bundled (the default); English is fetched the first time someone switches to it, so the
 * portal's first load carries one language only.
 */
const loaders: Record<Language, () => Promise<Record<string, unknown>>> = {
  'zh-CN': async () => zhCN,
  en: async () => ({ ...(await import('./en.json')).default, ...(await featureMessagesEn()) }),
};

export async function initI18n(): Promise<void> {
  const language = getPrefs().language;
  await i18n.use(initReactI18next).init({
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  if (language === 'zh-CN') {
    applyLanguage('zh-CN');
    return;
  }
  try {
    await changeLanguage(language);
  } catch {
    // English could not be fetched (offline?): show Chinese now, keep the saved choice for next time.
    setApiLanguage('zh-CN');
    document.title = i18n.t('app.title');
  }
}

function applyLanguage(language: Language): void {
  setApiLanguage(language);
  setDayjsLocale(language);
  commitLanguage(language);
  document.title = i18n.t('app.title');
}

export async function changeLanguage(language: Language): Promise<void> {
  if (!i18n.hasResourceBundle(language, 'translation')) {
    i18n.addResourceBundle(language, 'translation', await loaders[language]());
  }
  await i18n.changeLanguage(language);
  applyLanguage(language);
}

export { i18n };
