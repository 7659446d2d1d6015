import type { components } from './schema';

type S = components['schemas'];
export type Me = S['Me'];
export type Problem = S['Problem'];
export type Region = S['Region'];
export type RegionLevel = Region['level'];
export type Department = S['Department'];
export type ServiceCenter = S['ServiceCenter'];
export type ServiceWindow = S['Window'];
export type Staff = S['Staff'];
export type RoleAssignment = S['RoleAssignment'];
export type Role = S['Role'];
export type Permission = S['Permission'];
export type CalendarOverride = S['CalendarOverride'];
export type CalendarStatus = S['CalendarStatus'];

/** Every list endpoint answers with this. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
