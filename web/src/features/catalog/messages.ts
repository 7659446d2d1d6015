import { getI18n } from 'react-i18next';

let loaded: Promise<void> | null = null;

/**
 * The catalog workbench's Chinese messages are a chunk of their own (the portal home is at its size
 * budget): the portal's messages (i18n/zh-CN.json) are bundled, the workbench's and the guide
 * editor's (i18n/workbench.zh-CN.json) are added when the first workbench page loads. English
 * (i18n/en.json) comes whole with the language.
 */
export function loadCatalogWorkbenchMessages(): Promise<void> {
  loaded ??= import('./i18n/workbench.zh-CN.json').then((m) => {
    getI18n().addResourceBundle('zh-CN', 'translation', m.default, true, true);
  });
  return loaded;
}
