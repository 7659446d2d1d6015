import { getI18n } from 'react-i18next';

let loaded: Promise<void> | null = null;

/** The supervision pages' Chinese messages, added when the first of them loads (only the menu labels are bundled; see cases/messages.ts). */
export function loadSupervisionMessages(): Promise<void> {
  loaded ??= import('./i18n/pages.zh-CN.json').then((m) => {
    getI18n().addResourceBundle('zh-CN', 'translation', m.default, true, true);
  });
  return loaded;
}
