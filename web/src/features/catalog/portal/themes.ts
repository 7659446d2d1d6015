import type { TFunction } from 'i18next';

/**
 * Themes and life situations by subject type: the per-subject browse lists, and what the portal
 * shows until GET /api/catalog/themes answers. Its own file so the portal home does not load the
 * result-list components (and antd's Pagination) with it.
 */
export const THEMES: Record<'person' | 'entity', string[]> = {
  person: ['生育', '教育', '就业', '婚姻', '住房', '社保', '养老', '落户', '社会救助'],
  entity: ['开办企业', '餐饮', '工程建设', '就业', '社保'],
};

/** A theme's name in the reader's language (the Chinese name is the filter value and the fallback for a theme without a translation). */
export function themeLabel(t: TFunction, theme: string): string {
  return (t as unknown as (k: string, o: { defaultValue: string }) => string)(`catalog.themeName.${theme}`, { defaultValue: theme });
}
