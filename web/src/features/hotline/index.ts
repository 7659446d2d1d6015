import type { Feature } from '../types';

/** The hotline face of the web app: its routes and menu entries (filled by the hotline work). */
export const feature: Feature = {};
