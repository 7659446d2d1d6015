import { getI18n } from 'react-i18next';

let loaded: Promise<void> | null = null;

/**
 * The hotline pages' Chinese messages (i18n/pages.zh-CN.json) are a chunk of their own, added when the
 * first hotline page loads (the portal home is at its size budget); only the menu labels
 * (i18n/zh-CN.json) are bundled, as cases does. English (i18n/en.json) comes whole with the language.
 */
export function loadHotlineMessages(): Promise<void> {
  loaded ??= import('./i18n/pages.zh-CN.json').then((m) => {
    getI18n().addResourceBundle('zh-CN', 'translation', m.default, true, true);
  });
  return loaded;
}
