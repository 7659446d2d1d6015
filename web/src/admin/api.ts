import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { operations } from '../api/schema';
import { api, unwrap } from '../api/client';

/**
 * Queries of the admin face. Lists keep the previous page while the next one loads, so the table
 * does not flash empty when paging. Mutations are called from the pages through `save*` helpers and
 * invalidate by the resource's root key.
 */
type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;

export const adminKeys = {
  regions: ['admin', 'regions'] as const,
  departments: ['admin', 'departments'] as const,
  serviceCenters: ['admin', 'service-centers'] as const,
  windows: (centerId: string) => ['admin', 'service-centers', centerId, 'windows'] as const,
  staff: ['admin', 'staff'] as const,
  roles: ['admin', 'roles'] as const,
  permissions: ['admin', 'permissions'] as const,
  calendarOverrides: ['admin', 'calendar', 'overrides'] as const,
  calendarStatus: ['admin', 'calendar', 'status'] as const,
};

/** Idempotency-Key header for a create: the same key on a retry of the same form submission. */
export const idem = (key: string) => ({ 'Idempotency-Key': key });

export function useRegions(query: Query<'listRegions'>) {
  return useQuery({
    queryKey: [...adminKeys.regions, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/regions', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useDepartments(query: Query<'listDepartments'>) {
  return useQuery({
    queryKey: [...adminKeys.departments, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/departments', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useServiceCenters(query: Query<'listServiceCenters'>) {
  return useQuery({
    queryKey: [...adminKeys.serviceCenters, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/service-centers', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useWindows(centerId: string) {
  return useQuery({
    queryKey: adminKeys.windows(centerId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/admin/service-centers/{id}/windows', { params: { path: { id: centerId } }, signal })),
  });
}

export function useStaffList(query: Query<'listStaffs'>) {
  return useQuery({
    queryKey: [...adminKeys.staff, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/staff', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useRoles(query: Query<'listRoles'>) {
  return useQuery({
    queryKey: [...adminKeys.roles, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/roles', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function usePermissions() {
  return useQuery({
    queryKey: adminKeys.permissions,
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/permissions', { signal })),
    staleTime: 10 * 60_000,
  });
}

export function useCalendarOverrides(query: Query<'listCalendarOverrides'>) {
  return useQuery({
    queryKey: [...adminKeys.calendarOverrides, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/calendar/overrides', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCalendarStatus() {
  return useQuery({
    queryKey: adminKeys.calendarStatus,
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/calendar/status', { signal })),
  });
}

/** Look-ups for pickers: the public lists need no admin permission (a department admin picks too). */
export function usePublicRegions(q: string, enabled = true) {
  return useQuery({
    queryKey: ['public', 'regions', q],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/regions', { params: { query: { q: q || undefined, pageSize: 50 } }, signal })),
    enabled,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

export function usePublicDepartments(q: string, enabled = true) {
  return useQuery({
    queryKey: ['public', 'departments', q],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/public/departments', { params: { query: { q: q || undefined, pageSize: 100 } }, signal })),
    enabled,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}
