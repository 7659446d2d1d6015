import type { Feature } from '../types';

/** The cases face of the web app: its routes and menu entries (filled by the cases work). */
export const feature: Feature = {};
