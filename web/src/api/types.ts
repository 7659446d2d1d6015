import type { paths } from './schema';

/**
 * Types of the API, derived from the generated `paths` (web/src/api/schema.d.ts). The server's
 * document inlines every schema and names no operations (no `components.schemas`, no operationId),
 * so a type is reached by path and method, never by a schema name: what the web code uses is exactly
 * what the server answers, and a renamed or removed route is a type error here.
 */
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = NonNullable<paths[P][M & keyof paths[P]]>;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** The JSON body of a path's successful answer (200 or 201). */
export type ResponseOf<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends { responses: infer R } ? JsonOf<R[200 & keyof R]> | JsonOf<R[201 & keyof R]> : never;
/** The JSON request body of a path and method. */
export type BodyOf<P extends keyof paths, M extends Method> = Op<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;
/** The query parameters of a path and method (`{}` when it takes none). */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> = Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** One item of a list answer (`{ items: T[] }` or `T[]`). */
export type ItemOf<P extends keyof paths, M extends Method = 'get'> =
  ResponseOf<P, M> extends { items: (infer T)[] } ? T : ResponseOf<P, M> extends (infer T)[] ? T : never;

export type Me = ResponseOf<'/api/auth/me'>;
export type Region = ItemOf<'/api/admin/regions'>;
export type RegionLevel = Region['level'];
export type Department = ItemOf<'/api/admin/departments'>;
export type DepartmentKind = ItemOf<'/api/public/department-kinds'>;
export type ServiceCenter = ResponseOf<'/api/admin/service-centers/{id}'>;
export type ServiceWindow = ItemOf<'/api/admin/service-centers/{id}/windows'>;
export type Staff = ResponseOf<'/api/admin/staff/{id}'>;
export type RoleAssignment = Staff['roles'][number];
export type Role = ItemOf<'/api/admin/roles'>;
export type Permission = ItemOf<'/api/admin/permissions'>;
export type CalendarOverride = ItemOf<'/api/admin/calendar/overrides'>;
export type CalendarStatus = ResponseOf<'/api/admin/calendar/status'>;

/** Every paged list endpoint answers with this. */
export interface Page<T> {
  items: T[];
  total: number;
  /** The big workbench lists (to-do, hotline tickets): true when the server stopped counting at `total` (show "1,000+"). */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}
