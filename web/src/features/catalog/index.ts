import type { Feature } from '../types';

/** The catalog face of the web app: its routes and menu entries (filled by the catalog work). */
export const feature: Feature = {};
