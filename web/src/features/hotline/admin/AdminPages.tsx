// The hotline's admin pages, one module: features/hotline/index.ts imports them from here, so they share one chunk and one import site.
export { CategoriesPage } from './CategoriesPage';
export { KnowledgePage } from './KnowledgePage';
export { ApiKeysPage } from './ApiKeysPage';
/** The limits page shares this chunk's route import (a route of its own adds its preload list to the entry). */
export { LimitsPage } from './LimitsPage';
