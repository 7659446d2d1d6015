import type { Feature } from '../types';

/** The inspection face of the web app: its routes and menu entries (filled by the inspection work). */
export const feature: Feature = {};
