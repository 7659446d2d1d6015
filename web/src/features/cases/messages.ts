import { getI18n } from 'react-i18next';

let loaded: Promise<void> | null = null;

/**
 * The cases pages' Chinese messages are a chunk of their own (the portal home is at its size
 * budget): only the menu labels (i18n/zh-CN.json) are bundled, the rest (i18n/pages.zh-CN.json)
 * is added when the first cases page loads, to the i18next instance the app initialised
 * (react-i18next's, already in the entry: importing i18next here would split the entry anew).
 * English (i18n/en.json) comes whole with the language.
 */
export function loadCasesMessages(): Promise<void> {
  loaded ??= import('./i18n/pages.zh-CN.json').then((m) => {
    getI18n().addResourceBundle('zh-CN', 'translation', m.default, true, true);
  });
  return loaded;
}
