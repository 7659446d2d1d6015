import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page, QueryOf, Role } from '../api/types';
import { api, unwrap } from '../api/client';

/**
 * Queries of the admin face. Lists keep the previous page while the next one loads, so the table
 * does not flash empty when paging. Mutations are called from the pages through `save*` helpers and
 * invalidate by the resource's root key.
 */

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

export function useRegions(query: QueryOf<'/api/admin/regions'>) {
  return useQuery({
    queryKey: [...adminKeys.regions, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/regions', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useDepartments(query: QueryOf<'/api/admin/departments'>) {
  return useQuery({
    queryKey: [...adminKeys.departments, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/departments', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useServiceCenters(query: QueryOf<'/api/admin/service-centers'>) {
  return useQuery({
    queryKey: [...adminKeys.serviceCenters, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/service-centers', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useWindows(centerId: string) {
  return useQuery({
    queryKey: adminKeys.windows(centerId),
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/service-centers/{id}/windows', { params: { path: { id: centerId } }, signal })),
  });
}

export function useStaffList(query: QueryOf<'/api/admin/staff'>) {
  return useQuery({
    queryKey: [...adminKeys.staff, query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/staff', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** Every role: the server answers the whole (short) list, unpaged. */
export function useRoles() {
  return useQuery({
    queryKey: adminKeys.roles,
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/roles', { signal })),
    staleTime: 60_000,
  });
}

/** The roles page searches and pages the whole list in the browser, in the shape AdminTable reads. */
export function useRolesPage(query: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: adminKeys.roles,
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/roles', { signal })),
    staleTime: 60_000,
    select: (roles): Page<Role> => {
      const q = query.q?.trim().toLowerCase();
      const hits = q ? roles.filter((r) => [r.code, r.name, r.nameEn].some((s) => s.toLowerCase().includes(q))) : roles;
      const start = (query.page - 1) * query.pageSize;
      return { items: hits.slice(start, start + query.pageSize), total: hits.length, page: query.page, pageSize: query.pageSize };
    },
  });
}

export function usePermissions() {
  return useQuery({
    queryKey: adminKeys.permissions,
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/permissions', { signal })),
    staleTime: 10 * 60_000,
  });
}

export function useCalendarOverrides(query: QueryOf<'/api/admin/calendar/overrides'>) {
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
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/departments', { params: { query: { q: q || undefined, pageSize: 100 } }, signal })),
    enabled,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

/** Department function codes in use (scjg, rsj, …), each with one department's short name as example. */
export function useDepartmentKinds() {
  return useQuery({
    queryKey: ['public', 'department-kinds'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/public/department-kinds', { signal })),
    staleTime: 5 * 60_000,
  });
}

/** One service center (the windows page's title when opened by URL, without the list's state). */
export function useServiceCenter(id: string, enabled = true) {
  return useQuery({
    queryKey: [...adminKeys.serviceCenters, id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/admin/service-centers/{id}', { params: { path: { id } }, signal })),
    enabled: enabled && !!id,
  });
}
