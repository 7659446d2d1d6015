import { getI18n } from 'react-i18next';

const loaded = new Map<string, Promise<void>>();

function add(name: string, load: () => Promise<{ default: Record<string, unknown> }>): Promise<void> {
  let p = loaded.get(name);
  if (!p) {
    p = load().then((m) => {
      getI18n().addResourceBundle('zh-CN', 'translation', m.default, true, true);
    });
    loaded.set(name, p);
  }
  return p;
}

/**
 * The catalog's Chinese messages are split so the portal home stays within its size budget: only
 * the menu and home-page labels (i18n/zh-CN.json) are bundled; the portal pages' messages
 * (i18n/portal.zh-CN.json) and the workbench's (i18n/workbench.zh-CN.json) are added when the first
 * such page loads. English (i18n/en.json) comes whole with the language.
 */
export function loadCatalogPortalMessages(): Promise<void> {
  return add('portal', () => import('./i18n/portal.zh-CN.json'));
}

export function loadCatalogWorkbenchMessages(): Promise<void> {
  return Promise.all([loadCatalogPortalMessages(), add('workbench', () => import('./i18n/workbench.zh-CN.json'))]).then(() => undefined);
}
