import type { RouteObject } from 'react-router-dom';
import type { NavEntry } from '../nav/registry';

/**
 * A feature (catalog, cases, hotline, inspection, …) plugs into the three faces through this one
 * object, so features are added without editing each other's files. Routes are relative to their
 * face ('/', '/workbench', '/admin'); nav entries appear in the workbench or admin menu for staff
 * who hold the entry's permission.
 */
export interface Feature {
  portalRoutes?: RouteObject[];
  workbenchRoutes?: RouteObject[];
  adminRoutes?: RouteObject[];
  workbenchNav?: NavEntry[];
  adminNav?: NavEntry[];
}
